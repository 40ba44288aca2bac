// The exchange story of issue 3 across four vaults: three members of group A (release threshold 2)
// and a recipient group B. First by carrying files on a "stick", then through `sync` on one shared
// folder. Every step runs the CLI as a user would.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { device, tempDir } from '../helpers/cli.js';

type Device = ReturnType<typeof device>;

function ok(d: Device, args: string[]) {
  const r = d.run(['--json', ...args]);
  expect(r.status, `${d.name}: samizdat ${args.join(' ')}\n${r.stderr}`).toBe(0);
  return r.json();
}

function people(root: string) {
  const [alice, bob, carol, berta] = ['alice', 'bob', 'carol', 'berta'].map((n) => device(root, n)) as [Device, Device, Device, Device];
  for (const d of [alice, bob, carol, berta]) {
    ok(d, ['init', '--kdf', 'interactive']);
    ok(d, ['me', 'create', '--name', d.name]);
    ok(d, ['me', 'export', '--out', join(root, `${d.name}.card`)]);
  }
  const body = join(root, 'body.txt');
  writeFileSync(body, 'We, the members of Group A, say no to the war.\n');
  const intro = join(root, 'intro.txt');
  writeFileSync(intro, 'Group B introduces the statement of Group A below.\n');
  const groupA = ok(alice, ['group', 'create', '--name', 'Group A', '--member', join(root, 'bob.card'), '--member', join(root, 'carol.card'), '--threshold', '2']);
  const groupB = ok(berta, ['group', 'create', '--name', 'Group B', '--threshold', '1']);
  return { alice, bob, carol, berta, body, intro, groupA, groupB };
}

const ids = (d: Device): string[] => ok(d, ['statement', 'list']).items.map((s: { id: string }) => s.id).sort();

describe('exchange by carrying bundle files', () => {
  const tmp = tempDir();
  const stick = join(tmp.path, 'stick');
  let p: ReturnType<typeof people>;
  let statement: string;
  beforeAll(() => {
    mkdirSync(stick);
    p = people(tmp.path);
  });
  afterAll(() => tmp.remove());

  it('shares the charter with the other members', () => {
    const out = ok(p.alice, ['export', '--group', 'Group A', '--out', join(stick, 'charter.samizdat')]);
    expect(out.envelope).toBe('clear');
    for (const d of [p.bob, p.carol]) {
      const r = ok(d, ['import', join(stick, 'charter.samizdat')]);
      expect(r.files[0].added.link).toBe(1);
      expect(r.files[0].newGroups[0]).toMatchObject({ id: p.groupA.id, name: 'Group A', fingerprint: p.groupA.fingerprint });
    }
    expect(ok(p.bob, ['group', 'show', 'Group A']).mine).toBe(true);
  });

  it('sends the draft encrypted to the group: members open it, an outsider cannot', () => {
    statement = ok(p.alice, ['statement', 'new', '--group', 'Group A', '--title', 'No to the war', '--lang', 'en', '--body', p.body]).id;
    ok(p.alice, ['sign', statement]);
    const out = ok(p.alice, ['export', statement, '--out', join(stick, 'draft.samizdat')]);
    expect(out.envelope).toBe('members');
    expect(out.recipients).toBe(3);
    const bytes = readFileSync(join(stick, 'draft.samizdat'));
    expect(bytes.subarray(0, 22).toString()).toBe('age-encryption.org/v1\n');
    expect(bytes.includes(Buffer.from('No to the war'))).toBe(false);

    const outsider = p.berta.run(['import', join(stick, 'draft.samizdat')]);
    expect(outsider.status).toBe(3);
    expect(outsider.stderr).toMatch(/encrypted to other keys/);
    expect(ids(p.berta)).toEqual([]);
    expect(p.berta.run(['check', join(stick, 'draft.samizdat')]).status).toBe(3);

    const r = ok(p.bob, ['import', join(stick, 'draft.samizdat')]);
    expect(r.files[0]).toMatchObject({ envelope: 'members', added: { statement: 1, signature: 1 } });
    const draft = p.bob.run(['--json', 'verify', statement]);
    expect(draft.status).toBe(1);
    expect(draft.json().released).toBe(false);
  });

  it('collects the second signature: the statement is released', () => {
    const signed = ok(p.bob, ['sign', statement]);
    expect(signed.report.released).toBe(true);
    ok(p.bob, ['export', statement, '--out', join(stick, 'bob-signed.samizdat')]);
    const r = ok(p.alice, ['import', join(stick, 'bob-signed.samizdat')]);
    expect(r.files[0].added.signature).toBe(1);
    expect(ok(p.alice, ['verify', statement]).released).toBe(true);
  });

  it('exports the release in clear, byte for byte the same from two members', () => {
    const fromAlice = ok(p.alice, ['export', statement, '--out', join(stick, 'release.samizdat')]);
    const fromBob = ok(p.bob, ['export', statement, '--out', join(tmp.path, 'release-bob.samizdat')]);
    expect(fromAlice.envelope).toBe('clear');
    expect(fromBob.sha256).toBe(fromAlice.sha256);
    expect(readFileSync(join(stick, 'release.samizdat')).toString('latin1')).toMatch(/^samizdat-bundle\/v1 \d+\n/);
  });

  it('B checks it with no vault, then with the fingerprint compared in person', () => {
    const release = join(stick, 'release.samizdat');
    const plain = p.berta.run(['--json', 'check', release]);
    expect(plain.status, plain.stderr).toBe(0);
    expect(plain.json().statements[0]).toMatchObject({ released: true, ok: true });
    const wrong = p.berta.run(['--json', 'check', release, '--trust', p.groupB.fingerprint]);
    expect(wrong.status).toBe(1);
    expect(wrong.json().untrusted.map((g: { id: string }) => g.id)).toEqual([p.groupA.id]);
    expect(p.berta.run(['check', release, '--trust', p.groupA.fingerprint]).status).toBe(0);
  });

  it('B imports it, sees A unverified, trusts A by fingerprint', () => {
    const r = ok(p.berta, ['import', join(stick, 'release.samizdat')]);
    expect(r.files[0].newGroups).toEqual([expect.objectContaining({ id: p.groupA.id, fingerprint: p.groupA.fingerprint, lookalikes: [] })]);
    expect(ok(p.berta, ['verify', statement]).groups[0].trust).toBe('unverified');
    ok(p.berta, ['trust', 'Group A', '--fingerprint', p.groupA.fingerprint]);
    const report = ok(p.berta, ['verify', statement]);
    expect(report).toMatchObject({ released: true, ok: true });
    expect(report.groups[0].trust).toBe('verified');
  });

  it('B publishes an introduction and an endorsement; A imports them back', () => {
    const intro = ok(p.berta, ['statement', 'new', '--group', 'Group B', '--title', 'Introduction', '--lang', 'en', '--body', p.intro, '--introduces', statement]).id;
    ok(p.berta, ['sign', intro]);
    ok(p.berta, ['sign', statement, '--endorse']);
    const out = ok(p.berta, ['export', intro, statement, '--out', join(stick, 'from-b.samizdat')]);
    expect(out.envelope).toBe('clear');
    const r = ok(p.alice, ['import', join(stick, 'from-b.samizdat')]);
    expect(r.files[0].added).toMatchObject({ statement: 1, signature: 2 });
    expect(r.files[0].newGroups.map((g: { id: string }) => g.id)).toEqual([p.groupB.id]);
    const report = ok(p.alice, ['verify', statement]);
    expect(report.endorsements.map((g: { groupId: string; released: boolean }) => [g.groupId, g.released])).toEqual([[p.groupB.id, true]]);
    expect(ok(p.alice, ['verify', intro])).toMatchObject({ released: true });
    expect(ok(p.alice, ['statement', 'show', statement]).relationsTo).toEqual([{ from: intro, type: 'introduces' }]);
  });

  it('a group whose name looks like A (Cyrillic А) is flagged on import and in every report', () => {
    const mallory = device(tmp.path, 'mallory');
    ok(mallory, ['init', '--kdf', 'interactive']);
    ok(mallory, ['me', 'create', '--name', 'mallory']);
    ok(mallory, ['group', 'create', '--name', 'Group \u0410', '--threshold', '1']);
    const fake = ok(mallory, ['statement', 'new', '--group', 'Group \u0410', '--title', 'We surrender', '--lang', 'en', '--body', p.body]).id;
    ok(mallory, ['sign', fake]);
    ok(mallory, ['export', fake, '--out', join(tmp.path, 'forged.samizdat')]);
    const human = p.berta.run(['import', join(tmp.path, 'forged.samizdat')]);
    expect(human.status, human.stderr).toBe(0);
    expect(human.stdout).toMatch(/WARNING: its name looks like that of group "Group A"/);
    const report = ok(p.berta, ['verify', fake]);
    expect(report.groups[0].trust).toBe('unverified');
    expect(report.groups[0].problems.map((x: { code: string }) => x.code)).toContain('lookalike-group');
    const json = ok(p.berta, ['import', join(tmp.path, 'forged.samizdat')]);
    expect(json.files[0].newGroups).toEqual([]); // already seen: reported once, on first sight
  });

  it('imports are idempotent: importing every bundle again adds nothing', () => {
    const r = p.alice.run(['--json', 'import', stick]);
    expect(r.status, r.stderr).toBe(0);
    for (const f of r.json().files) expect(Object.values(f.added).every((n) => n === 0)).toBe(true);
  });
});

describe('the same story through `sync` on one shared folder', () => {
  const tmp = tempDir();
  const shared = join(tmp.path, 'shared');
  let p: ReturnType<typeof people>;
  let statement: string;
  const sync = (d: Device) => ok(d, ['sync', shared]);
  beforeAll(() => {
    mkdirSync(shared);
    p = people(tmp.path);
  });
  afterAll(() => tmp.remove());

  it('members get the charter and the draft; B cannot read the draft and leaves it alone', () => {
    statement = ok(p.alice, ['statement', 'new', '--group', 'Group A', '--title', 'No to the war', '--lang', 'en', '--body', p.body]).id;
    ok(p.alice, ['sign', statement]);
    const first = sync(p.alice);
    expect(first.written.map((w: { envelope: string }) => w.envelope).sort()).toEqual(['clear', 'members']);
    for (const w of first.written) expect(w.path).toMatch(/[0-9a-f]{64}\.samizdat$/);
    sync(p.bob);
    sync(p.carol);
    expect(ids(p.bob)).toEqual([statement]);
    const b = sync(p.berta);
    expect(b.notForUs).toHaveLength(1);
    expect(ids(p.berta)).toEqual([]);
  });

  it('the second signature travels back; B receives the release in clear', () => {
    ok(p.bob, ['sign', statement]);
    sync(p.bob);
    sync(p.alice);
    expect(ok(p.alice, ['verify', statement]).released).toBe(true);
    sync(p.berta);
    expect(ids(p.berta)).toEqual([statement]);
    ok(p.berta, ['trust', 'Group A', '--fingerprint', p.groupA.fingerprint]);
    expect(ok(p.berta, ['verify', statement])).toMatchObject({ released: true, ok: true });
  });

  it('B introduces and endorses; every vault converges and a further sync writes nothing', () => {
    const intro = ok(p.berta, ['statement', 'new', '--group', 'Group B', '--title', 'Introduction', '--lang', 'en', '--body', p.intro, '--introduces', statement]).id;
    ok(p.berta, ['sign', intro]);
    ok(p.berta, ['sign', statement, '--endorse']);
    sync(p.berta);
    for (const d of [p.alice, p.bob, p.carol]) sync(d);
    for (const d of [p.alice, p.bob, p.carol, p.berta]) {
      expect(ids(d)).toEqual([statement, intro].sort());
      expect(ok(d, ['verify', statement]).endorsements.map((g: { groupId: string }) => g.groupId)).toEqual([p.groupB.id]);
    }
    const files = readdirSync(shared).sort();
    for (const d of [p.alice, p.bob, p.carol, p.berta]) expect(sync(d).written).toEqual([]);
    expect(readdirSync(shared).sort()).toEqual(files);
  });

  it('never deletes or rewrites a file it did not write', () => {
    const foreign = join(shared, 'notes-from-someone.txt');
    writeFileSync(foreign, 'not a bundle');
    const junk = join(shared, 'junk.samizdat');
    writeFileSync(junk, 'samizdat-bundle/v1 1\nobject 2\n{}\nend 00\n');
    const r = p.alice.run(['--json', 'sync', shared]);
    expect(r.status).toBe(4);
    expect(r.json().failed[0]).toMatchObject({ path: junk, error: { kind: 'input' } });
    expect(readFileSync(foreign, 'utf8')).toBe('not a bundle');
    expect(readFileSync(junk, 'utf8')).toBe('samizdat-bundle/v1 1\nobject 2\n{}\nend 00\n');
  });
});

// `samizdat demo --vault DIR`: a new vault filled with example material, made by the paths real
// members take (simulated members' devices in memory, real bundles, the real import). Checked
// from the outside, as a newcomer would look at it: with the CLI, and beneath it in the database.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { boxKeyPairFromSecretKey } from '../../src/core/crypto/box.js';
import { toHex } from '../../src/core/crypto/bytes.js';
import { nameSkeleton } from '../../src/core/exchange/lookalike.js';
import { device, runCli, tempDir } from '../helpers/cli.js';
import { hashFiles, rawDb } from '../unit/store/helpers.js';

const PASS = 'a demo passphrase, long enough';

interface Item {
  id: string;
  title: string;
  lang: string;
  authors: string[];
  released: boolean;
}
interface Problem {
  code: string;
  severity: string;
  message: string;
}
interface GroupReport {
  name: string;
  signers: unknown[];
  threshold: number;
  released: boolean;
  problems: Problem[];
}

describe('samizdat demo', () => {
  const tmp = tempDir('samizdat-demo-');
  const demo = device(tmp.path, 'demo', PASS);
  let made: ReturnType<typeof runCli>;
  let items: Item[] = [];
  afterAll(() => tmp.remove());

  beforeAll(() => {
    made = runCli(['--json', 'demo', '--vault', demo.vault, '--kdf', 'interactive'], { SAMIZDAT_PASSPHRASE: PASS });
    expect(made.status, made.stderr).toBe(0);
    items = demo.run(['--json', 'statement', 'list']).json().items;
  });

  it('makes a vault that opens with its passphrase (and no other), says what it made and what to run next', () => {
    expect(made.stderr).toBe(''); // --json: no progress, no notes
    const summary = made.json();
    expect(summary.vault).toBe(demo.vault);
    expect(summary.next[0]).toBe(`samizdat ui --vault ${demo.vault}`);
    expect(summary.next.join('\n')).toContain('npm start');
    const me = demo.run(['--json', 'me', 'show']);
    expect(me.status, me.stderr).toBe(0);
    expect(summary.me).toMatchObject({ name: me.json().name, sign: me.json().sign });
    const wrong = runCli(['me', 'show'], { SAMIZDAT_VAULT: demo.vault, SAMIZDAT_PASSPHRASE: 'not the demo passphrase' });
    expect(wrong.status).toBe(3);
    expect(wrong.stderr).toMatch(/^samizdat: vault: wrong passphrase/);
    // The counts it reports are those of the vault.
    expect(summary.statements.total).toBe(items.length);
    expect(summary.statements.items.map((i: { id: string }) => i.id)).toEqual(items.map((i) => i.id));
    expect(summary.statements.released).toBe(items.filter((i) => i.released).length);
    expect(summary.groups.total).toBe(demo.run(['--json', 'group', 'list']).json().groups.length);
  });

  it('holds statements in English, Russian and Ukrainian: a translation, an introduction, a joint statement, an endorsement', () => {
    const langs = new Map<string, number>();
    for (const i of items) langs.set(i.lang, (langs.get(i.lang) ?? 0) + 1);
    expect([...langs.keys()].sort()).toEqual(['en', 'ru', 'uk']);
    const shown = items.map((i) => demo.run(['--json', 'statement', 'show', i.id]).json());
    const relation = (type: string) => shown.filter((v) => v.statement.relations.some((r: { type: string; id: string }) => r.type === type && items.some((i) => i.id === r.id)));
    const translations = relation('translation-of');
    expect(translations).toHaveLength(1);
    const original = shown.find((v) => v.id === translations[0].statement.relations[0].id);
    expect(translations[0].statement.lang).not.toBe(original.statement.lang);
    // An introduction of another group's statement.
    const [intro] = relation('introduces');
    const introduced = shown.find((v) => v.id === intro.statement.relations[0].id);
    expect(intro.statement.authors).not.toEqual(introduced.statement.authors);
    // A joint statement, released by both its groups.
    const joint = shown.filter((v) => v.statement.authors.length === 2);
    expect(joint).toHaveLength(1);
    expect(joint[0].report.groups.map((g: GroupReport) => g.released)).toEqual([true, true]);
    expect(shown.some((v) => v.report.endorsements.length > 0)).toBe(true);
    // Light Markdown in the bodies, as statements are written.
    expect(shown.filter((v) => /\*\*[^*]+\*\*/.test(v.statement.body) && /^(- |1\. )/m.test(v.statement.body)).length).toBeGreaterThanOrEqual(3);
  });

  it('verify: every released statement exits 0; the one awaiting signatures reports 1 of 2; the one with a problem exits 1 naming it', () => {
    const released = items.filter((i) => i.released);
    expect(released.length).toBeGreaterThanOrEqual(6);
    for (const i of released) {
      const r = demo.run(['--json', 'verify', i.id]);
      expect(r.status, `${i.title}: ${r.stdout}`).toBe(0);
      expect(r.json().ok).toBe(true);
    }
    const others = items.filter((i) => !i.released).map((i) => ({ item: i, run: demo.run(['--json', 'verify', i.id]) }));
    expect(others).toHaveLength(2);
    for (const o of others) expect(o.run.status).toBe(1);
    const codes = (o: (typeof others)[number]) => o.run.json().groups.flatMap((g: GroupReport) => g.problems.filter((p) => p.severity === 'error').map((p) => p.code));
    const waiting = others.find((o) => codes(o).every((c: string) => c === 'threshold-not-met'));
    const problem = others.find((o) => codes(o).includes('fork'));
    expect(waiting).toBeDefined();
    expect(problem).toBeDefined();
    const [group] = waiting?.run.json().groups as GroupReport[];
    expect([group?.signers.length, group?.threshold]).toEqual([1, 2]);
    const text = demo.run(['verify', waiting?.item.id as string]);
    expect(text.stdout).toContain('1 of 2 member signatures');
    const problemText = demo.run(['verify', problem?.item.id as string]);
    expect(problemText.status).toBe(1);
    expect(problemText.stdout).toMatch(/NOT OK[\s\S]*ERROR: the chain of group .* forks/);
  });

  it('groups: mine and one other verified, others unverified (first seen on import), a lookalike pair, one forked', () => {
    const groups: Array<{ id: string; name: string; trust: string; origin: string; mine: boolean; fork: boolean }> = demo.run(['--json', 'group', 'list']).json().groups;
    expect(groups.filter((g) => g.mine).map((g) => [g.trust, g.origin])).toEqual([['verified', 'created']]);
    const imported = groups.filter((g) => g.origin === 'imported');
    expect(imported.filter((g) => g.trust === 'verified')).toHaveLength(1);
    expect(imported.filter((g) => g.trust === 'unverified').length).toBeGreaterThanOrEqual(2);
    const real = groups.find((g) => g.name === 'KRAS-IWA');
    const fake = groups.find((g) => g.name === 'KR\u0410S-IWA');
    expect(real?.trust).toBe('verified');
    expect(fake).toMatchObject({ trust: 'unverified', origin: 'imported' });
    expect(fake?.id).not.toBe(real?.id);
    expect(nameSkeleton(fake?.name as string)).toBe(nameSkeleton('KRAS-IWA'));
    // The forgery wears the lookalike's name; its report warns of the real group beside it.
    const forgery = items.find((i) => i.authors.includes(fake?.id as string));
    const report = demo.run(['--json', 'verify', forgery?.id as string]).json();
    expect(report.groups[0].problems.map((p: Problem) => p.code)).toEqual(expect.arrayContaining(['lookalike-group', 'unverified-group']));
    expect(groups.filter((g) => g.fork)).toHaveLength(1);
  });

  it('each group an import brought is first seen in the file that brought it; mine in none', async () => {
    const groups: Array<{ id: string; name: string; origin: string }> = demo.run(['--json', 'group', 'list']).json().groups;
    const db = await rawDb(demo.vault, PASS);
    let seen: Map<string, string>;
    try {
      seen = new Map((db.prepare('SELECT group_id, from_name FROM group_sightings').all() as Array<{ group_id: string; from_name: string }>).map((r) => [r.group_id, r.from_name]));
    } finally {
      db.close();
    }
    for (const g of groups) {
      if (g.origin === 'imported') expect(seen.get(g.id), g.name).toMatch(/^[a-z0-9-]+\.samizdat$/);
      else expect(seen.has(g.id), g.name).toBe(false);
    }
    expect(seen.size).toBe(groups.filter((g) => g.origin === 'imported').length);
  });

  it('holds no secret key but mine: one identity row, mine, no retired keys, no other table with secrets', async () => {
    const me = demo.run(['--json', 'me', 'show']).json();
    const db = await rawDb(demo.vault, PASS);
    try {
      const tables = (db.prepare("SELECT name FROM sqlite_schema WHERE type = 'table'").all() as Array<{ name: string }>).map((t) => t.name);
      const withSecrets = tables.filter((t) => (db.prepare(`SELECT name FROM pragma_table_info(?)`).all(t) as Array<{ name: string }>).some((c) => /secret/i.test(c.name)));
      expect(withSecrets.sort()).toEqual(['identity', 'retired_keys']);
      type KeyRow = { name: string; sign_public: Buffer; sign_secret: Buffer; box_public: Buffer; box_secret: Buffer };
      const identities = db.prepare('SELECT name, sign_public, sign_secret, box_public, box_secret FROM identity').all() as KeyRow[];
      expect(identities.map((i) => [i.name, toHex(i.sign_public)])).toEqual([[me.name, me.sign]]);
      // The secret halves held are those of my public keys, not another member's under my name.
      for (const row of identities) {
        expect(toHex(row.sign_secret.subarray(32))).toBe(me.sign);
        expect(toHex(boxKeyPairFromSecretKey(row.box_secret).publicKey)).toBe(toHex(row.box_public));
      }
      expect(db.prepare('SELECT count(*) AS n FROM retired_keys').get()).toEqual({ n: 0 });
    } finally {
      db.close();
    }
    // The other members of my group are real members with keys of their own, which are not mine.
    const mine = demo.run(['--json', 'group', 'list']).json().groups.find((g: { mine: boolean }) => g.mine);
    expect(mine.members.length).toBe(3);
    expect(mine.members.filter((m: { sign: string }) => m.sign !== me.sign)).toHaveLength(2);
  });

  it('the same texts every time, new keys every time; the passphrase from --passphrase-file; text output', () => {
    const file = join(tmp.path, 'pass.txt');
    writeFileSync(file, `${PASS} too\n`);
    const second = device(tmp.path, 'second', `${PASS} too`);
    const r = runCli(['--passphrase-file', file, 'demo', '--vault', second.vault, '--kdf', 'interactive']);
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toContain(`created a demo vault at ${second.vault}`);
    expect(r.stdout).toContain(`next: samizdat ui --vault ${second.vault}`);
    const again: Item[] = second.run(['--json', 'statement', 'list']).json().items;
    expect(again.map((i) => [i.title, i.lang, i.released])).toEqual(items.map((i) => [i.title, i.lang, i.released]));
    expect(again.map((i) => i.id).filter((id) => items.some((i) => i.id === id))).toEqual([]);
  });

  it('refuses a folder that holds a vault, or other files, and leaves it untouched', () => {
    const before = hashFiles(demo.vault);
    const again = runCli(['demo', '--vault', demo.vault, '--kdf', 'interactive'], { SAMIZDAT_PASSPHRASE: PASS });
    expect(again.status).toBe(3);
    expect(again.stderr).toMatch(/^samizdat: vault: a vault already exists at .*left as it is/);
    expect(hashFiles(demo.vault)).toEqual(before);
    expect(demo.run(['--json', 'statement', 'list']).json().total).toBe(items.length);

    const busy = join(tmp.path, 'busy');
    mkdirSync(busy);
    writeFileSync(join(busy, 'notes.txt'), 'mine\n');
    const busyBefore = hashFiles(busy);
    const refused = runCli(['demo', '--vault', busy, '--kdf', 'interactive'], { SAMIZDAT_PASSPHRASE: PASS });
    expect(refused.status).toBe(3);
    expect(refused.stderr).toMatch(/^samizdat: vault: .*not empty/);
    expect(hashFiles(busy)).toEqual(busyBefore);
    expect(Object.keys(busyBefore)).toEqual(['notes.txt']);
  });
});

// Every bundle fixture of tests/fixtures/bundle (one per MUST-reject rule of docs/FORMAT.md) fed to
// the built CLI: `samizdat import` into a vault that holds something exits 4 naming the rule and
// leaves the vault as it was; `samizdat check` exits 4 naming the rule. Plus what a real stick does
// to a bundle: cut short, pulled out mid-import (SIGKILL), a full drive on export.
import { spawn, spawnSync } from 'node:child_process';
import { closeSync, existsSync, openSync, readFileSync, readdirSync, readlinkSync, statSync, writeFileSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeStatement, makeStatementSignature } from '../../src/core/model/build.js';
import { canonicalBytes } from '../../src/core/model/canonical.js';
import { objectId } from '../../src/core/model/objects.js';
import { SAMIZDAT_BIN, device, runCli, tempDir } from '../helpers/cli.js';
import { bundleExampleRecords, handmadeBundle, readAll, sortRecords, written, type Item } from '../unit/bundle/helpers.js';
import { FORMAT_MD, buildExample, keysOf } from '../unit/format/example.js';
import { fileSizeBundle, orderFixtures } from '../fixtures/bundle/fixtures.js';

const FIXTURES = new URL('../fixtures/bundle/', import.meta.url).pathname;
const PASSPHRASE = /^Passphrase of the sealed fixtures: `([^`]+)`$/m.exec(readFileSync(join(FIXTURES, 'README.md'), 'utf8'))?.[1] ?? '';
const FIXTURE_FILES = readdirSync(FIXTURES).filter((n) => n.endsWith('.samizdat')).sort();
const ORDER = join(FIXTURES, 'order');
const MIB = 1024 ** 2;

type Device = ReturnType<typeof device>;
/** Run the CLI on a device with the fixtures' bundle passphrase at hand (it opens the sealed fixtures). */
const runOn = (d: Device, args: string[]) => runCli(args, { ...d.env, SAMIZDAT_BUNDLE_PASSPHRASE: PASSPHRASE });
/** What the vault holds, as the CLI lists it. */
function holdings(d: Device): string {
  const groups = d.run(['--json', 'group', 'list']);
  const statements = d.run(['--json', 'statement', 'list', '--limit', '1000']);
  expect(groups.status, groups.stderr).toBe(0);
  expect(statements.status, statements.stderr).toBe(0);
  return `${groups.stdout}\n${statements.stdout}`;
}
const statementCount = (d: Device): number => {
  const r = d.run(['--json', 'statement', 'list', '--limit', '1']);
  expect(r.status, r.stderr).toBe(0);
  return r.json().total as number;
};
/** A device with a vault, an identity, a group of one and a released statement. */
function setUp(d: Device, root: string, body = 'We say no to the war.\n'): void {
  expect(d.run(['init', '--kdf', 'interactive']).status).toBe(0);
  expect(d.run(['me', 'create', '--name', d.name]).status).toBe(0);
  expect(d.run(['group', 'create', '--name', `${d.name} Union`, '--threshold', '1']).status).toBe(0);
  const bodyFile = join(root, `${d.name}-body.txt`);
  writeFileSync(bodyFile, body);
  const created = d.run(['--json', 'statement', 'new', '--group', `${d.name} Union`, '--title', `A statement by ${d.name}`, '--lang', 'en', '--body', bodyFile]);
  expect(created.status, created.stderr).toBe(0);
  expect(d.run(['sign', created.json().id]).status).toBe(0);
}

describe('samizdat import and check refuse every bundle fixture, naming its rule', () => {
  const tmp = tempDir('samizdat-fixtures-');
  const olga = device(tmp.path, 'olga');
  let before = '';
  afterAll(() => tmp.remove());

  beforeAll(() => {
    setUp(olga, tmp.path);
    before = holdings(olga);
  });

  it('has a fixture file for every rule of docs/FORMAT.md\'s two MUST-reject lists, and a passphrase in README.md', () => {
    const doc = readFileSync(FORMAT_MD, 'utf8');
    const objects = doc.split('\n### Objects a reader MUST reject\n')[1]?.split('\n### ')[0] ?? '';
    const bundles = doc.split('\n### Bundles a reader MUST reject\n')[1]?.split('\n### ')[0] ?? '';
    const rules = [...objects.matchAll(/^\d+\. `(R-[A-Z0-9-]+)`/gm), ...bundles.matchAll(/^\d+\. `(B-[A-Z0-9-]+)`/gm)].map((m) => m[1] as string);
    expect(rules.filter((r) => r.startsWith('R-'))).toHaveLength(30);
    expect(rules.filter((r) => r.startsWith('B-'))).toHaveLength(18);
    for (const rule of rules) {
      const file = rule === 'R-CARD-SIGNATURE' ? `${rule}.card` : `${rule}.samizdat`;
      expect(existsSync(join(FIXTURES, file)), `tests/fixtures/bundle/${file}`).toBe(true);
    }
    expect(FIXTURE_FILES.map((f) => f.replace(/\.samizdat$/, '')).sort()).toEqual(rules.filter((r) => r !== 'R-CARD-SIGNATURE').sort());
    expect(PASSPHRASE.length).toBeGreaterThan(8);
  });

  for (const file of FIXTURE_FILES.filter((f) => f !== 'B-FILE-SIZE.samizdat')) {
    const rule = file.replace(/\.samizdat$/, '');
    const path = join(FIXTURES, file);

    it(`${rule}: import exits 4 naming the rule, and the vault is unchanged`, () => {
      const result = runOn(olga, ['import', path]);
      expect(result.status, result.stderr).toBe(4);
      expect(result.stderr).toContain(`(${rule})`);
      expect(result.stderr).toContain(path);
      expect(result.stderr).not.toMatch(/\n\s+at .*:\d+:\d+/);
      expect(holdings(olga)).toBe(before);
    });

    it(`${rule}: check exits 4 naming the rule`, () => {
      const result = runCli(['--json', 'check', path], { SAMIZDAT_BUNDLE_PASSPHRASE: PASSPHRASE });
      expect(result.status, result.stderr).toBe(4);
      const error = JSON.parse(result.stderr).error as { kind: string; rule: string; message: string };
      expect(error).toMatchObject({ kind: 'input', rule });
      expect(error.message).toMatch(new RegExp(`^bundle: .*\\(${rule}\\)$`, 's'));
      expect(result.stdout).toBe('');
    });
  }

  it('B-FILE-SIZE: the fixture followed by its 3 GiB of zero-filled attachments (holes of a sparse file) is read and refused at the fourth attachment\'s header: check exits 4', () => {
    // The fixture alone is the beginning of a bundle: cut short.
    const alone = runCli(['--json', 'check', join(FIXTURES, 'B-FILE-SIZE.samizdat')]);
    expect(alone.status, alone.stderr).toBe(4);
    expect(JSON.parse(alone.stderr).error).toMatchObject({ kind: 'input', rule: 'B-TRUNCATED' });
    // The whole stream up to the record that would pass 4 GiB, on disk without writing the zeros.
    const f = fileSizeBundle();
    expect(Buffer.from(readFileSync(join(FIXTURES, 'B-FILE-SIZE.samizdat'))).equals(Buffer.from(f.head))).toBe(true);
    const big = join(tmp.path, 'over-4-gib.samizdat');
    const fd = openSync(big, 'w');
    let at = 0;
    writeSync(fd, f.head, 0, f.head.length, at);
    at += f.head.length;
    for (const p of f.parts) {
      at += p.zeros;
      const line = Buffer.from(p.line, 'latin1');
      writeSync(fd, line, 0, line.length, at);
      at += line.length;
    }
    closeSync(fd);
    expect(statSync(big).size).toBeGreaterThan(3 * 1024 ** 3);
    expect(statSync(big).size).toBeLessThan(4 * 1024 ** 3); // refused from what it announces, not from its size
    // Reading 3 GiB takes a while on a busy machine: a longer timeout than runCli's.
    const checked = spawnSync(process.execPath, [SAMIZDAT_BIN, '--json', 'check', big], { env: { PATH: process.env.PATH, HOME: process.env.HOME }, encoding: 'utf8', timeout: 240_000 });
    expect(checked.status, checked.stderr).toBe(4);
    const error = JSON.parse(checked.stderr).error as { kind: string; rule: string; message: string };
    expect(error).toMatchObject({ kind: 'input', rule: 'B-FILE-SIZE' });
    expect(error.message).toMatch(/^bundle: record 7 of 7 would take the bundle past 4294967296 bytes \(B-FILE-SIZE\)$/);
    expect(checked.stdout).toBe('');
  }, 300_000);

  const order = orderFixtures();
  for (const { file, rule } of order) {
    it(`order/${file}: check exits 4 naming ${rule}, the rule docs/FORMAT.md's order of the checks gives`, () => {
      const result = runCli(['--json', 'check', join(ORDER, file)], { SAMIZDAT_BUNDLE_PASSPHRASE: PASSPHRASE });
      expect(result.status, result.stderr).toBe(4);
      expect(JSON.parse(result.stderr).error).toMatchObject({ kind: 'input', rule });
    });
  }

  it('R-CARD-SIGNATURE: a member card with a broken self-signature is refused by group create (exit 4, the rule named)', () => {
    const result = olga.run(['group', 'create', '--name', 'X', '--member', join(FIXTURES, 'R-CARD-SIGNATURE.card'), '--threshold', '1']);
    expect(result.status, result.stderr).toBe(4);
    expect(result.stderr).toContain('R-CARD-SIGNATURE');
    expect(holdings(olga)).toBe(before);
  });

  it('R-ATTACHMENT-MISMATCH by content: an attachment of the right length whose bytes do not hash to its id, stored piece by piece, is rolled back', () => {
    const records = bundleExampleRecords().map((r) => (r.section === 'attachment' ? { ...r, bytes: new TextEncoder().encode('no to the war.\n') } : r));
    const file = join(tmp.path, 'mismatch.samizdat');
    writeFileSync(file, handmadeBundle(records));
    const result = olga.run(['import', file]);
    expect(result.status, result.stderr).toBe(4);
    expect(result.stderr).toContain('(R-ATTACHMENT-MISMATCH)');
    expect(holdings(olga)).toBe(before);
  });

  it('several fixtures in one import: each is refused on its own, and the vault is unchanged', () => {
    const files = ['B-ORDER.samizdat', 'R-TEXT-NFC.samizdat', 'B-AGE-PAYLOAD.samizdat'].map((f) => join(FIXTURES, f));
    const result = runOn(olga, ['import', ...files]);
    expect(result.status).toBe(4);
    for (const rule of ['B-ORDER', 'R-TEXT-NFC', 'B-AGE-PAYLOAD']) expect(result.stderr).toContain(`(${rule})`);
    expect(holdings(olga)).toBe(before);
  });
});

describe('a stick pulled out, a drive full', () => {
  const tmp = tempDir('samizdat-stick-');
  const olga = device(tmp.path, 'olga');
  const petro = device(tmp.path, 'petro');
  afterAll(() => tmp.remove());

  beforeAll(() => {
    setUp(olga, tmp.path);
    setUp(petro, tmp.path);
  });

  it('a valid exported bundle cut in the middle: exit 4, B-TRUNCATED, vault unchanged; the whole file then imports', () => {
    const full = join(tmp.path, 'olga.samizdat');
    expect(olga.run(['export', '--all', '--clear', '--out', full]).status).toBe(0);
    const bytes = readFileSync(full);
    const cut = join(tmp.path, 'cut.samizdat');
    writeFileSync(cut, bytes.subarray(0, Math.floor(bytes.length / 2)));
    const before = holdings(petro);
    const result = petro.run(['import', cut]);
    expect(result.status, result.stderr).toBe(4);
    expect(result.stderr).toContain('(B-TRUNCATED)');
    expect(holdings(petro)).toBe(before);
    expect(runCli(['check', cut]).status).toBe(4);
    const whole = petro.run(['import', full]);
    expect(whole.status, whole.stderr).toBe(0);
    expect(statementCount(petro)).toBe(2);
  });

  it('export to a full drive (ulimit -f 8: writes fail with EFBIG): exit 5, no file under the name, no .partial left', () => {
    const ivan = device(tmp.path, 'ivan');
    setUp(ivan, tmp.path, `${'Ні війні. No to the war. '.repeat(2000)}\n`); // a bundle well over 8 KiB
    const dir = join(tmp.path, 'full-drive');
    spawnSync('mkdir', [dir]);
    const out = join(dir, 'ivan.samizdat');
    const result = spawnSync('bash', ['-c', 'ulimit -f 8; exec "$0" "$@"', process.execPath, SAMIZDAT_BIN, 'export', '--all', '--clear', '--out', out], {
      env: { PATH: process.env.PATH, HOME: process.env.HOME, ...ivan.env },
      encoding: 'utf8',
      timeout: 60_000,
    });
    expect(result.status, result.stderr).toBe(5);
    expect(result.stderr).toMatch(/^samizdat: /);
    expect(result.stderr).not.toMatch(/\n\s+at .*:\d+:\d+/);
    expect(existsSync(out)).toBe(false);
    expect(readdirSync(dir)).toEqual([]);
    // Without the limit the same export works, and is larger than the limit was.
    const ok = ivan.run(['export', '--all', '--clear', '--out', out]);
    expect(ok.status, ok.stderr).toBe(0);
    expect(statSync(out).size).toBeGreaterThan(8 * 1024);
    expect(readdirSync(dir)).toEqual(['ivan.samizdat']);
  });
});

/** A bundle of the worked example's group and `n` statements, each released by Alice: built in-process. */
async function bigBundle(n: number): Promise<Uint8Array> {
  const ex = buildExample();
  const alice = keysOf('alice').sign;
  const items: Item[] = [
    { name: 'charter', section: 'link', id: ex.groupId, bytes: canonicalBytes(ex.charter) },
    { name: 'add', section: 'link', id: ex.addId, bytes: canonicalBytes(ex.add) },
  ];
  const filler = 'We, the members of Example Union, say no to the war. '.repeat(30);
  for (let i = 0; i < n; i++) {
    const statement = makeStatement({ authors: [ex.groupId], title: `Statement number ${i}`, lang: 'en', date: '24 February 2026', body: `${filler}\n${i}\n` });
    const id = objectId(statement);
    const sig = makeStatementSignature({ statement: id, group: ex.groupId, link: ex.addId, role: 'release' }, alice);
    items.push({ name: `statement ${i}`, section: 'statement', id, bytes: canonicalBytes(statement) });
    items.push({ name: `signature ${i}`, section: 'signature', id: objectId(sig), bytes: canonicalBytes(sig) });
  }
  return written(sortRecords(items));
}

/** Where the process has read `path` up to (Linux: /proc/PID/fdinfo), or undefined when it does not hold it open. */
function readPosition(pid: number, path: string): number | undefined {
  try {
    for (const fd of readdirSync(`/proc/${pid}/fd`)) {
      let target = '';
      try {
        target = readlinkSync(`/proc/${pid}/fd/${fd}`);
      } catch {
        continue;
      }
      if (target !== path) continue;
      const pos = /^pos:\s+(\d+)$/m.exec(readFileSync(`/proc/${pid}/fdinfo/${fd}`, 'utf8'))?.[1];
      return pos === undefined ? undefined : Number(pos);
    }
  } catch {
    // the process is gone
  }
  return undefined;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Start `samizdat import FILE` and SIGKILL it once `when(position)` holds; resolves with what happened. */
async function importKilled(d: Device, file: string, when: (position: number | undefined, sawOpen: boolean) => boolean): Promise<{ killed: boolean; position: number | undefined; signal: string | null }> {
  const child = spawn(process.execPath, [SAMIZDAT_BIN, 'import', file], { env: { PATH: process.env.PATH, HOME: process.env.HOME, ...d.env }, stdio: 'ignore' });
  let exited = false;
  let signal: string | null = null;
  const done = new Promise<void>((resolve) => {
    child.on('exit', (_code, sig) => {
      exited = true;
      signal = sig;
      resolve();
    });
  });
  let sawOpen = false;
  let killed = false;
  let position: number | undefined;
  const deadline = Date.now() + 60_000;
  while (!exited && Date.now() < deadline) {
    position = readPosition(child.pid as number, file);
    if (position !== undefined) sawOpen = true;
    if (when(position, sawOpen)) {
      killed = child.kill('SIGKILL');
      break;
    }
    await sleep(1);
  }
  await done;
  return { killed, position, signal };
}

describe.skipIf(process.platform !== 'linux')('an import killed (SIGKILL) midway: one transaction, nothing or everything', () => {
  const tmp = tempDir('samizdat-kill-');
  const olga = device(tmp.path, 'olga');
  const N = 3000;
  let bundle = '';
  let size = 0;
  let baseline = 0;
  afterAll(() => tmp.remove());

  beforeAll(async () => {
    setUp(olga, tmp.path);
    bundle = join(tmp.path, 'big.samizdat');
    const bytes = await bigBundle(N);
    writeFileSync(bundle, bytes);
    size = bytes.length;
    baseline = statementCount(olga);
  }, 120_000);

  it('builds a valid bundle of several MiB, so that the import reads it in several pieces', async () => {
    expect(size).toBeGreaterThan(5 * MIB);
    const records = await readAll([readFileSync(bundle)]);
    expect(records.filter((r) => r.kind === 'object')).toHaveLength(2 + 2 * N);
  });

  it('killed while reading, well inside the transaction: the vault opens and holds nothing of the bundle', async () => {
    const before = holdings(olga);
    const run = await importKilled(olga, bundle, (position) => position !== undefined && position >= 3 * MIB);
    expect(run.killed, 'the import was killed while it read the bundle').toBe(true);
    expect(run.position as number).toBeLessThan(size);
    expect(run.signal).toBe('SIGKILL');
    expect(holdings(olga)).toBe(before);
    expect(statementCount(olga)).toBe(baseline);
  });

  it('killed once the bundle is read (committing, or done): nothing or everything, and the vault opens', async () => {
    const run = await importKilled(olga, bundle, (position, sawOpen) => sawOpen && position === undefined);
    const count = statementCount(olga);
    expect([baseline, baseline + N], `killed: ${run.killed} (${String(run.signal)})`).toContain(count);
    const groups = olga.run(['--json', 'group', 'list']).json().groups as unknown[];
    expect(groups).toHaveLength(count === baseline ? 1 : 2);
  });

  it('the same import, left alone, then brings everything', () => {
    const result = olga.run(['import', bundle]);
    expect(result.status, result.stderr).toBe(0);
    expect(statementCount(olga)).toBe(baseline + N);
    expect(olga.run(['import', bundle]).status).toBe(0);
    expect(statementCount(olga)).toBe(baseline + N);
  });
});

// A full disk, for real: a small tmpfs mounted by the test (root only), filled up to leave a
// chosen slack, from nothing to about half of what the write needs. Export to it, sync into a
// folder on it, import into a vault living on it, change the passphrase of a vault on it, and
// print a listing into a file on it: each exits 5 with one line naming the file it could not
// write, leaves nothing under a final name, and leaves the vault as it was and openable.
import { spawnSync } from 'node:child_process';
import { closeSync, cpSync, mkdirSync, mkdtempSync, openSync, readFileSync, readdirSync, rmSync, rmdirSync, statSync, statfsSync, truncateSync, writeFileSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { Vault } from '../../src/core/store/vault.js';
import { SAMIZDAT_BIN, device, runCli, tempDir } from '../helpers/cli.js';
import { rejection } from '../unit/store/helpers.js';
import { bigBundle, openAndCheck, setUpDevice, sha256 } from './helpers.js';
import { trials, tortureTimeout } from './scale.js';

/** Whether this process may mount a tmpfs (root, and a kernel and container that allow it). */
function canMountTmpfs(): boolean {
  if (process.getuid?.() !== 0) return false;
  const probe = mkdtempSync(join(tmpdir(), 'samizdat-mount-probe-'));
  try {
    if (spawnSync('mount', ['-t', 'tmpfs', '-o', 'size=64k', 'tmpfs', probe]).status !== 0) return false;
    return spawnSync('umount', [probe]).status === 0;
  } finally {
    rmdirSync(probe);
  }
}

const SLACKS = trials(2, 10);
/** `n` amounts of free space from 0 to `max`, in whole 4 KiB pages. */
const spread = (max: number, n: number): number[] => Array.from({ length: n }, (_, i) => Math.floor((i / Math.max(1, n - 1)) * max / 4096) * 4096);

describe.skipIf(!canMountTmpfs())('a full disk (a small tmpfs mounted by the test: needs root and mount)', () => {
  const tmp = tempDir('samizdat-full-');
  const disk = join(tmp.path, 'disk');
  const PASS = 'passphrase of olga';
  const olga = device(tmp.path, 'olga', PASS);
  const small = join(tmp.path, 'small'); // Olga's vault before the big import: one statement
  const bundleFile = join(tmp.path, 'three-hundred.samizdat');
  let bundleSize = 0;
  let mounted = false;

  beforeAll(async () => {
    setUpDevice(olga, tmp.path);
    cpSync(olga.vault, small, { recursive: true });
    const bundle = await bigBundle(300, 'full-disk-');
    writeFileSync(bundleFile, bundle.bytes);
    bundleSize = bundle.bytes.length;
    expect(olga.run(['import', bundleFile]).status).toBe(0);
    mkdirSync(disk);
    const m = spawnSync('mount', ['-t', 'tmpfs', '-o', 'size=8m', 'tmpfs', disk], { encoding: 'utf8' });
    expect(m.status, m.stderr).toBe(0);
    mounted = true;
  }, 120_000);
  afterAll(() => {
    if (mounted) spawnSync('umount', [disk]);
    tmp.remove();
  });

  const filler = () => join(disk, 'filler');
  const free = (): number => {
    const s = statfsSync(disk);
    return s.bavail * s.bsize;
  };
  /** Fill the disk, then give back `slack` bytes. Returns the bytes free. */
  function fill(slack: number): number {
    const fd = openSync(filler(), 'a');
    const block = Buffer.alloc(64 * 1024);
    try {
      for (const size of [block.length, 4096, 1]) {
        try {
          for (;;) writeSync(fd, block, 0, size);
        } catch (e) {
          if ((e as NodeJS.ErrnoException).code !== 'ENOSPC') throw e;
        }
      }
    } finally {
      closeSync(fd);
    }
    expect(free()).toBe(0);
    truncateSync(filler(), Math.max(0, statSync(filler()).size - slack));
    return free();
  }
  const unfill = () => rmSync(filler(), { force: true });
  // Whatever a test leaves on the disk (when it fails midway) must not fill it for the next.
  afterEach(() => {
    unfill();
    for (const name of readdirSync(disk)) rmSync(join(disk, name), { recursive: true, force: true });
  });

  /** What a vault holds, as `samizdat --json statement list` prints it, hashed. */
  function listing(env: Record<string, string>): string {
    const r = runCli(['--json', 'statement', 'list', '--limit', '1000'], env);
    expect(r.status, r.stderr).toBe(0);
    return sha256(Buffer.from(r.stdout));
  }
  const noStackTrace = (stderr: string) => expect(stderr).not.toMatch(/\n\s+at .*:\d+:\d+/);

  it('export to a full disk: exit 5 naming the file, nothing under its name, no .partial, the vault unchanged', () => {
    const before = listing(olga.env);
    const outDir = join(disk, 'out');
    mkdirSync(outDir);
    const out = join(outDir, 'olga.samizdat');
    const frees: number[] = [];
    for (const slack of spread(bundleSize / 2, SLACKS)) {
      frees.push(fill(slack));
      const r = olga.run(['export', '--all', '--clear', '--out', out]);
      expect(r.status, r.stderr).toBe(5);
      expect(r.stderr).toBe(`samizdat: exchange: cannot write "${out}": the disk is full (ENOSPC)\n`);
      expect(readdirSync(outDir)).toEqual([]);
      unfill();
    }
    console.log(`export of a ${bundleSize}-byte bundle refused with ${frees.join(', ')} bytes free`);
    expect(listing(olga.env)).toBe(before);
    // With room, the same export is written whole.
    expect(olga.run(['export', '--all', '--clear', '--out', out]).status).toBe(0);
    expect(statSync(out).size).toBeGreaterThan(bundleSize);
  });

  it('sync into a folder on a full disk: exit 5 naming the folder, nothing broken under a final name (only whole bundles named by their hash), no .partial, others’ files kept, the vault unchanged', () => {
    const before = listing(olga.env);
    const drop = join(disk, 'drop');
    mkdirSync(drop);
    writeFileSync(join(drop, 'notes.txt'), 'meeting on Thursday\n');
    writeFileSync(join(drop, 'foo.partial'), 'somebody else’s download\n');
    const frees: number[] = [];
    const wholeWritten: number[] = [];
    for (const slack of spread(bundleSize / 2, SLACKS)) {
      frees.push(fill(slack));
      const r = olga.run(['sync', drop]);
      expect(r.status, r.stderr).toBe(5);
      expect(r.stderr).toBe(`samizdat: exchange: cannot write a new file into "${drop}": the disk is full (ENOSPC)\n`);
      // Sync writes one bundle of what is released (small: Olga's own) and one of drafts (the 300
      // statements, whose group Olga's vault does not see released): where the first fits, it is
      // there whole, under the name of its hash; of the one that did not fit, nothing.
      const names = readdirSync(drop).sort();
      expect(names.filter((n) => !n.endsWith('.samizdat'))).toEqual(['foo.partial', 'notes.txt']);
      for (const n of names.filter((x) => x.endsWith('.samizdat'))) expect(`${sha256(readFileSync(join(drop, n)))}.samizdat`).toBe(n);
      wholeWritten.push(names.length - 2);
      unfill();
    }
    console.log(`sync writing a ${bundleSize}-byte bundle refused with ${frees.join(', ')} bytes free; whole bundles written before the disk was full: ${wholeWritten.join(', ')}`);
    expect(Math.max(...wholeWritten)).toBeLessThanOrEqual(1);
    expect(listing(olga.env)).toBe(before);
    expect(olga.run(['sync', drop]).status).toBe(0);
    const written = readdirSync(drop).filter((n) => n.endsWith('.samizdat'));
    expect(written).toHaveLength(2);
    for (const n of written) expect(`${sha256(readFileSync(join(drop, n)))}.samizdat`).toBe(n);
  });

  it('import into a vault living on a full disk: exit 5 naming the database, the vault unchanged and openable', async () => {
    const vault = join(disk, 'vault');
    cpSync(small, vault, { recursive: true });
    const env = { SAMIZDAT_VAULT: vault, SAMIZDAT_PASSPHRASE: PASS };
    const before = listing(env);
    const frees: number[] = [];
    const codes = new Set<string>();
    for (const slack of spread(bundleSize / 2, SLACKS)) {
      frees.push(fill(slack));
      const r = runCli(['import', bundleFile], env);
      expect(r.status, r.stderr).toBe(5);
      const m = /^samizdat: vault: the disk is full: could not write the vault database "(.*)" \((SQLITE_[A-Z_]+)\); free some space there and try again\n$/.exec(r.stderr);
      expect(m?.[1], r.stderr).toBe(join(vault, 'vault.db'));
      codes.add(m?.[2] as string);
      noStackTrace(r.stderr);
      unfill();
      expect(listing(env)).toBe(before);
    }
    console.log(`import of ${bundleSize} bytes into a vault on the disk refused with ${frees.join(', ')} bytes free (${[...codes].join(', ')})`);
    const v = await openAndCheck(vault, [PASS]);
    expect(v.statements).toBe(1);
    expect(readdirSync(vault).sort()).toEqual(['vault.db', 'vault.json']);
    // With room, the same import brings everything.
    expect(runCli(['import', bundleFile], env).status).toBe(0);
    expect((await openAndCheck(vault, [PASS])).statements).toBe(301);
  }, tortureTimeout(120_000, 600_000));

  it('passphrase change of a vault on a full disk: exit 5 naming the file, the old header kept, no vault.json.next, the old passphrase opens', async () => {
    const vault = join(disk, 'vault');
    cpSync(olga.vault, vault, { recursive: true }); // 301 statements: the rekey needs room for a journal of the whole database
    const env = { SAMIZDAT_VAULT: vault, SAMIZDAT_PASSPHRASE: PASS, SAMIZDAT_NEW_PASSPHRASE: 'a new passphrase for a full disk' };
    const before = listing(env);
    const header = readFileSync(join(vault, 'vault.json'));
    const dbSize = statSync(join(vault, 'vault.db')).size;
    const frees: number[] = [];
    const codes = new Set<string>();
    for (const slack of spread(dbSize / 2, SLACKS)) {
      frees.push(fill(slack));
      const r = runCli(['passwd'], env);
      expect(r.status, r.stderr).toBe(5);
      const m = /^samizdat: vault: (?:the disk is full: could not write the vault database "(.*)" \((SQLITE_[A-Z_]+)\)|cannot write "(.*)": the disk is full \((ENOSPC)\))/.exec(r.stderr);
      expect(m, r.stderr).not.toBeNull();
      expect([join(vault, 'vault.db'), join(vault, 'vault.json.next')]).toContain(m?.[1] ?? m?.[3]);
      codes.add((m?.[2] ?? m?.[4]) as string);
      noStackTrace(r.stderr);
      expect(readFileSync(join(vault, 'vault.json')).equals(header)).toBe(true);
      expect(readdirSync(vault)).not.toContain('vault.json.next');
      unfill();
      expect(listing(env)).toBe(before);
    }
    console.log(`passwd of a vault of ${dbSize} bytes refused with ${frees.join(', ')} bytes free (${[...codes].join(', ')})`);
    expect((await openAndCheck(vault, [PASS])).statements).toBe(301);
    expect((await rejection(Vault.open(vault, env.SAMIZDAT_NEW_PASSPHRASE))).code).toBe('vault.wrong-passphrase');
  }, tortureTimeout(120_000, 600_000));

  it('a listing printed into a file on a full disk: exit 5 naming that file, no stack trace', () => {
    const out = join(disk, 'list.json');
    fill(0);
    const r = spawnSync('bash', ['-c', '"$@" > "$OUT"', 'bash', process.execPath, SAMIZDAT_BIN, '--json', 'statement', 'list', '--limit', '1000'], {
      env: { PATH: process.env.PATH, HOME: process.env.HOME, ...olga.env, OUT: out },
      encoding: 'utf8',
    });
    unfill();
    expect(r.status, r.stderr).toBe(5);
    expect(r.stderr).toBe(`samizdat: cli: cannot write the standard output to "${out}": the disk is full (ENOSPC)\n`);
  });
});

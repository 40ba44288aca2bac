// wipeVault, the panic wipe: the order of its steps (every copy of the KDF salt destroyed before a
// byte of the database is touched), a crash at each of its steps, and what it leaves alone.
import { constants, copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { promises as fsp } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { KDF_PRESETS, KDF_SALT_LENGTH } from '../../../src/core/crypto/kdf.js';
import { randomBytes } from '../../../src/core/crypto/random.js';
import { makeHeader, serializeHeader } from '../../../src/core/store/header.js';
import { Vault, VAULT_DATA_FILES, VAULT_KEY_FILES, wipeVault, type WipeFs, type WipeHandle } from '../../../src/core/store/index.js';
import { PASS, hashFiles, rejection, statement, tempRoot } from './helpers.js';

let root: string;
let cleanup: () => void;
/** A vault as a crash leaves it: header, a stale vault.json.next, database, WAL and SHM. */
let template: string;
const ALL_FILES = ['vault.db', 'vault.db-shm', 'vault.db-wal', 'vault.json', 'vault.json.next'];

beforeAll(async () => {
  ({ root, cleanup } = tempRoot());
  const live = path.join(root, 'live');
  const v = await Vault.create(live, PASS, 'interactive');
  v.transaction(() => {
    for (let i = 0; i < 20; i++) v.putStatement(statement(`s${i}`, { body: `body ${i} `.repeat(40) }));
  });
  // Copied while open: the committed statements are in the WAL, not yet in the database file.
  template = path.join(root, 'template');
  mkdirSync(template);
  for (const name of readdirSync(live)) copyFileSync(path.join(live, name), path.join(template, name));
  v.close();
  // A change of passphrase killed before its rekey leaves a vault.json.next with a salt of its own.
  writeFileSync(path.join(template, 'vault.json.next'), serializeHeader(makeHeader(KDF_PRESETS.interactive, randomBytes(KDF_SALT_LENGTH))));
});
afterAll(() => cleanup());

let copies = 0;
function copyOfTemplate(): string {
  const dir = path.join(root, `copy-${copies++}`);
  mkdirSync(dir);
  for (const name of readdirSync(template)) copyFileSync(path.join(template, name), path.join(dir, name));
  return dir;
}

interface Op {
  op: string;
  name: string;
  from?: number;
  to?: number;
}

/** node's fs, recording every step by the base name it touches; `crashAt` makes step number N throw instead (a crash). */
function recordingFs(log: Op[], crashAt = Infinity): WipeFs {
  let n = 0;
  const step = (op: string, p: string, extra: Partial<Op> = {}): void => {
    if (n++ === crashAt) throw new Error(`simulated crash before ${op} ${path.basename(p)}`);
    log.push({ op, name: path.basename(p), ...extra });
  };
  return {
    lstat: async (p) => (step('lstat', p), fsp.lstat(p)),
    readdir: async (p) => (step('readdir', p), fsp.readdir(p)),
    unlink: async (p) => (step('unlink', p), fsp.unlink(p)),
    rmdir: async (p) => (step('rmdir', p), fsp.rmdir(p)),
    open: async (p, flags) => {
      step('open', p);
      const h = await fsp.open(p, flags);
      const handle: WipeHandle = {
        stat: async () => (step('stat', p), h.stat()),
        write: async (buffer, offset, length, position) => (step('write', p, { from: position, to: position + length }), h.write(buffer, offset, length, position)),
        sync: async () => (step('sync', p), h.sync()),
        close: async () => {
          try {
            step('close', p);
          } finally {
            await h.close(); // a crashed process's files are closed too
          }
        },
      };
      return handle;
    },
  };
}

describe('wipeVault: the order of its steps', () => {
  it('overwrites every byte of each header, fsyncs and unlinks it, and syncs the folder, before it touches the database, WAL or SHM', async () => {
    const dir = copyOfTemplate();
    const sizes = Object.fromEntries(ALL_FILES.map((n) => [n, readFileSync(path.join(dir, n)).length]));
    const log: Op[] = [];
    const report = await wipeVault(dir, { fs: recordingFs(log) });
    expect(report).toEqual({ dir, destroyed: ['vault.json', 'vault.json.next', 'vault.db', 'vault.db-wal', 'vault.db-shm'], leftAlone: [], removedDir: true });
    expect(existsSync(dir)).toBe(false);

    const mutations = log.filter((o) => ['write', 'sync', 'unlink', 'rmdir'].includes(o.op));
    const isKey = (o: Op) => VAULT_KEY_FILES.includes(o.name);
    const isData = (o: Op) => VAULT_DATA_FILES.includes(o.name);
    const lastKeyStep = mutations.map(isKey).lastIndexOf(true);
    const firstDataStep = log.findIndex((o) => isData(o) && o.op !== 'lstat');
    // The folder is synced (the unlinks of the headers made durable) between the two.
    const dirSync = log.findIndex((o, i) => i > log.findIndex((x) => x.op === 'unlink' && x.name === 'vault.json.next') && o.op === 'sync' && o.name === path.basename(dir));
    expect(dirSync).toBeGreaterThan(-1);
    expect(dirSync).toBeLessThan(firstDataStep);
    expect(log.indexOf(mutations[lastKeyStep] as Op)).toBeLessThan(firstDataStep);

    for (const name of ALL_FILES) {
      const steps = mutations.filter((o) => o.name === name);
      const writes = steps.filter((o) => o.op === 'write');
      // Written from the first byte to the last, contiguously, then fsynced, then unlinked.
      expect(writes[0]?.from, name).toBe(0);
      for (let i = 1; i < writes.length; i++) expect(writes[i]?.from).toBe(writes[i - 1]?.to);
      expect(writes.at(-1)?.to, `${name}: every byte`).toBe(sizes[name]);
      expect(steps.slice(writes.length).map((o) => o.op), name).toEqual(['sync', 'unlink']);
    }
    expect(mutations.filter((o) => o.op === 'unlink').map((o) => o.name)).toEqual(report.destroyed);
    // The folder goes last, once it is empty.
    expect(mutations.filter((o) => o.op === 'rmdir')).toEqual([{ op: 'rmdir', name: path.basename(dir) }]);
    expect(mutations.findIndex((o) => o.op === 'rmdir')).toBeGreaterThan(mutations.map((o) => o.op).lastIndexOf('unlink'));
  });

  it('a crash at any one of its steps: never a touched database beside an intact salt; the vault opens whole or not at all; wiping again finishes', async () => {
    const original = hashFiles(template);
    const steps: Op[] = [];
    await wipeVault(copyOfTemplate(), { fs: recordingFs(steps) });
    const outcomes = new Map<string, number>();
    for (let k = 0; k < steps.length; k++) {
      const dir = copyOfTemplate();
      const crashed = await wipeVault(dir, { fs: recordingFs([], k) }).then(
        () => undefined,
        (e: unknown) => e,
      );
      // Only the last steps (syncing the parent folder once the vault's folder is gone) may fail unheard.
      if (crashed === undefined) expect(existsSync(dir)).toBe(false);
      else expect(String(crashed)).toMatch(/simulated crash/);
      const now = existsSync(dir) ? hashFiles(dir) : {};
      const saltIntact = VAULT_KEY_FILES.some((n) => now[n] !== undefined && now[n] === original[n]);
      const dataTouched = VAULT_DATA_FILES.some((n) => now[n] !== original[n]);
      expect(saltIntact && dataTouched, `crash before step ${k} (${steps[k]?.op} ${steps[k]?.name})`).toBe(false);
      let outcome: string;
      try {
        const v = await Vault.open(dir, PASS);
        expect(v.countStatements()).toBe(20);
        v.close();
        outcome = 'still opens, whole';
      } catch (e) {
        expect((e as { kind?: string }).kind, String(e)).toBe('vault');
        outcome = (e as { code: string }).code;
      }
      outcomes.set(outcome, (outcomes.get(outcome) ?? 0) + 1);
      const finished = await wipeVault(dir).catch((e: unknown) => e);
      if (finished instanceof Error) expect((finished as { code?: string }).code).toBe('vault.missing'); // nothing of the vault was left to wipe
      if (existsSync(dir)) expect(readdirSync(dir)).toEqual([]);
    }
    console.log(`wipe crashed before each of its ${steps.length} steps: ${[...outcomes].map(([o, n]) => `${o}: ${n}`).join(', ')}`);
    expect(outcomes.get('still opens, whole')).toBeGreaterThan(0); // crashes before the first write
    expect(outcomes.get('vault.bad-header')).toBeGreaterThan(0); // the header gone, the database still there
  });

  it('a failure on the database once the salt is gone says so: an I/O error (exit 5) that tells to wipe again', async () => {
    const dir = copyOfTemplate();
    const real = recordingFs([]);
    const failing: WipeFs = {
      ...real,
      open: async (p, flags) => {
        if (path.basename(p) === 'vault.db') throw Object.assign(new Error('EIO: i/o error'), { code: 'EIO' });
        return real.open(p, flags);
      },
    };
    const e = await rejection(wipeVault(dir, { fs: failing }));
    expect(e.kind).toBe('io');
    expect(e.exitCode).toBe(5);
    expect(e.message).toContain(path.join(dir, 'vault.db'));
    expect(e.message).toMatch(/key salt is already destroyed.*run `samizdat wipe` again/);
    expect(readdirSync(dir).sort()).toEqual(['vault.db', 'vault.db-shm', 'vault.db-wal']);
    expect((await wipeVault(dir)).destroyed).toEqual(['vault.db', 'vault.db-wal', 'vault.db-shm']);
    expect(existsSync(dir)).toBe(false);
  });
});

describe('wipeVault: what it leaves alone', () => {
  it('files a vault does not create stay, and so does the folder; the report names them', async () => {
    const dir = copyOfTemplate();
    writeFileSync(path.join(dir, 'my notes.txt'), 'not the vault’s\n');
    mkdirSync(path.join(dir, 'photos'));
    const report = await wipeVault(dir);
    expect(report.removedDir).toBe(false);
    expect(report.leftAlone).toEqual(['my notes.txt', 'photos']);
    expect(readdirSync(dir).sort()).toEqual(['my notes.txt', 'photos']);
    expect(readFileSync(path.join(dir, 'my notes.txt'), 'utf8')).toBe('not the vault’s\n');
  });

  it('a folder that holds no vault, or none at all: vault.missing (exit 3), nothing touched', async () => {
    const dir = path.join(root, 'not-a-vault');
    mkdirSync(dir);
    writeFileSync(path.join(dir, 'vault.txt'), 'a file of the user\n');
    const before = hashFiles(dir);
    const e = await rejection(wipeVault(dir));
    expect(e.code).toBe('vault.missing');
    expect(e.exitCode).toBe(3);
    expect(e.message).toBe(`vault: no vault at "${dir}" (it holds neither vault.json nor vault.db); nothing was wiped`);
    expect(hashFiles(dir)).toEqual(before);
    const gone = path.join(root, 'never-made');
    expect((await rejection(wipeVault(gone))).message).toBe(`vault: no vault at "${gone}" (the folder does not exist); nothing was wiped`);
    expect(existsSync(gone)).toBe(false);
    expect((await rejection(wipeVault(path.join(dir, 'vault.txt')))).code).toBe('vault.missing');
  });

  it('a symbolic link under a vault name is removed, never followed: its target is not overwritten', async () => {
    const dir = copyOfTemplate();
    const target = path.join(root, 'elsewhere.txt');
    writeFileSync(target, 'somebody else’s file\n');
    symlinkSync(target, path.join(dir, 'vault.db-journal'));
    const report = await wipeVault(dir);
    expect(report.destroyed).toContain('vault.db-journal');
    expect(report.removedDir).toBe(true);
    expect(readFileSync(target, 'utf8')).toBe('somebody else’s file\n');
  });

  it('the flags it opens files with refuse to follow a link (O_NOFOLLOW)', async () => {
    const dir = copyOfTemplate();
    const opened: number[] = [];
    const real = recordingFs([]);
    await wipeVault(dir, { fs: { ...real, open: (p, flags) => (path.basename(p).startsWith('vault') && opened.push(flags), real.open(p, flags)) } });
    expect(opened.length).toBe(5);
    for (const flags of opened) expect(flags & constants.O_NOFOLLOW).toBe(constants.O_NOFOLLOW);
  });
});

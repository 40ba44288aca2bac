// The vault's channels over a real vault in a temporary folder: status, create (refused over a
// vault), unlock, passphrase change (the current one asked again; checked through a second
// connection while the vault is open), panic wipe of the open vault, and the settings kept inside
// the encrypted database.

import { existsSync, linkSync, mkdirSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createHandlers, type Handlers } from '../../../src/app/handlers.js';
import { JobRegistry } from '../../../src/app/jobs.js';
import type { AppCore } from '../../../src/app/ports.js';
import { IDLE_LOCK_SETTING, storeIdleLockMinutes, storedIdleLockMinutes } from '../../../src/app/session.js';
import { createVaultCore } from '../../../src/app/vault-core.js';
import { parseHeader } from '../../../src/core/store/header.js';
import { Vault } from '../../../src/core/store/vault.js';
import { hashFiles, rawDb, rejection, tempRoot, thrown } from '../store/helpers.js';

const PASS = 'the passphrase of Olga';
const NEXT = 'a new passphrase for Olga';

let root: string;
let cleanup: () => void;
beforeEach(() => {
  ({ root, cleanup } = tempRoot());
});
afterEach(() => cleanup());

interface App {
  dir: string;
  core: AppCore;
  jobs: JobRegistry;
  handlers: Handlers;
  minutes: number[];
}

/** A handler table over the vault folder `name` (none there yet), as a shell makes it. */
function app(name = 'vault', defaultIdleLockMinutes = 10): App {
  const dir = join(root, name);
  const core = createVaultCore(dir);
  const jobs = new JobRegistry();
  const minutes: number[] = [];
  const handlers = createHandlers(core, { jobs, session: { defaultIdleLockMinutes, onIdleLockMinutes: (m) => void minutes.push(m) } });
  return { dir, core, jobs, handlers, minutes };
}

async function created(name?: string): Promise<App> {
  const a = app(name);
  await a.handlers['vault:create']({ passphrase: PASS, kdf: 'interactive' });
  return a;
}

const fileNames = (dir: string) => readdirSync(dir).sort();

describe('vault:status and vault:create', () => {
  it('on a folder with no vault: none, locked, no identity; create makes one, open, with no identity yet', async () => {
    const a = app();
    expect(await a.handlers['vault:status']({})).toEqual({ exists: false, unlocked: false, identity: null });
    expect(await a.handlers['vault:create']({ passphrase: PASS, kdf: 'interactive' })).toEqual({ exists: true, unlocked: true, identity: null });
    expect(fileNames(a.dir).filter((n) => !n.startsWith('vault.db-'))).toEqual(['vault.db', 'vault.json']);
    expect(parseHeader(readFileSync(join(a.dir, 'vault.json'), 'utf8'), 'vault.json').kdf).toMatchObject({ algorithm: 'scrypt', logN: 15 });
    expect(await a.handlers['vault:status']({})).toEqual({ exists: true, unlocked: true, identity: null });
    // The new vault holds no idle lock time: the shell's default is put in force.
    expect(a.minutes).toEqual([10]);
    await a.handlers['vault:lock']({});
    (await Vault.open(a.dir, PASS)).close();
  });

  it('refuses to create over a vault, open or locked, with vault.exists, and changes nothing', async () => {
    const a = await created();
    await a.handlers['identity:create']({ name: 'Olga' });
    const again = await rejection(a.handlers['vault:create']({ passphrase: 'another passphrase', kdf: 'moderate' }));
    expect(again).toMatchObject({ code: 'vault.exists', kind: 'usage', layer: 'vault' });
    expect(again.message).toBe(`vault: there is already a vault at "${a.dir}": unlock it instead`);
    await a.handlers['vault:lock']({});
    const before = hashFiles(a.dir);

    // Another table over the same folder (a second start of the app), the vault locked.
    const b = app();
    expect(await b.handlers['vault:status']({})).toEqual({ exists: true, unlocked: false, identity: null });
    expect((await rejection(b.handlers['vault:create']({ passphrase: 'another passphrase', kdf: 'interactive' }))).code).toBe('vault.exists');
    expect(hashFiles(a.dir)).toEqual(before);
    const v = await Vault.open(a.dir, PASS);
    expect(v.getIdentity()?.name).toBe('Olga');
    v.close();
  });

  it('status carries my identity once I made one, none while locked, and it again after unlocking', async () => {
    const a = await created();
    const me = await a.handlers['identity:create']({ name: 'Olga' });
    expect(await a.handlers['vault:status']({})).toEqual({ exists: true, unlocked: true, identity: me });
    expect(await a.handlers['vault:lock']({})).toEqual({ exists: true, unlocked: false, identity: null });
    expect(await a.handlers['vault:status']({})).toEqual({ exists: true, unlocked: false, identity: null });
    expect(await a.handlers['vault:unlock']({ passphrase: PASS })).toEqual({ exists: true, unlocked: true, identity: me });
  });

  it('status answers at once while a job holds the vault (every other call waits its turn), with the identity it read before', async () => {
    const a = await created();
    const me = await a.handlers['identity:create']({ name: 'Olga' });
    let release!: () => void;
    const held = new Promise<void>((r) => (release = r));
    a.jobs.start('import', async () => {
      await a.core.withVault(() => held);
      return { summary: 'held' };
    });
    await new Promise((r) => setTimeout(r, 20)); // the job has the vault
    let settingsAnswered = false;
    const settings = a.handlers['settings:get']({}).then((s) => {
      settingsAnswered = true;
      return s;
    });
    const during = await Promise.race([a.handlers['vault:status']({}), new Promise((r) => setTimeout(() => r('no answer within 500 ms'), 500))]);
    expect(during).toEqual({ exists: true, unlocked: true, identity: me });
    expect(settingsAnswered).toBe(false);
    release();
    expect(await settings).toEqual({ idleLockMinutes: 10 });
    await a.jobs.settled();
  });

  it('vault:unlock with a wrong passphrase: vault.wrong-passphrase, still locked; no vault: vault.missing', async () => {
    const a = await created();
    await a.handlers['vault:lock']({});
    const wrong = await rejection(a.handlers['vault:unlock']({ passphrase: 'not it' }));
    expect(wrong).toMatchObject({ code: 'vault.wrong-passphrase', kind: 'vault' });
    expect(await a.handlers['vault:status']({})).toEqual({ exists: true, unlocked: false, identity: null });
    const none = app('nothing-here');
    expect((await rejection(none.handlers['vault:unlock']({ passphrase: PASS }))).code).toBe('vault.missing');
  });
});

describe('vault:passwd', () => {
  it('a wrong current passphrase: vault.wrong-passphrase, and nothing changed: the header, the old passphrase opens, the new does not', async () => {
    const a = await created();
    await a.handlers['identity:create']({ name: 'Olga' });
    const header = readFileSync(join(a.dir, 'vault.json'));
    const e = await rejection(a.handlers['vault:passwd']({ current: 'not the passphrase', next: NEXT }));
    expect(e).toMatchObject({ code: 'vault.wrong-passphrase', kind: 'vault' });
    expect(e.message).toBe(`vault: wrong passphrase for the vault at "${a.dir}"; nothing was changed`);
    expect(readFileSync(join(a.dir, 'vault.json')).equals(header)).toBe(true);
    expect(existsSync(join(a.dir, 'vault.json.next'))).toBe(false);
    // Still open and usable, then locked: only the old passphrase opens it.
    expect((await a.handlers['vault:status']({})).unlocked).toBe(true);
    await a.handlers['settings:set']({ idleLockMinutes: 3 });
    await a.handlers['vault:lock']({});
    expect((await rejection(Vault.open(a.dir, NEXT))).code).toBe('vault.wrong-passphrase');
    const v = await Vault.open(a.dir, PASS);
    expect(storedIdleLockMinutes(v)).toBe(3);
    v.close();
  });

  it('re-encrypts the open vault, its last writes still in the WAL, after a second connection proved the current passphrase; the vault goes on working, and then only the new passphrase opens it, whole', async () => {
    const a = await created();
    const me = await a.handlers['identity:create']({ name: 'Olga' });
    await a.handlers['settings:set']({ idleLockMinutes: 7 });
    // The writes are in the WAL, not yet in the database file: the check reads through it.
    expect(statSync(join(a.dir, 'vault.db-wal')).size).toBeGreaterThan(0);
    const oldHeader = readFileSync(join(a.dir, 'vault.json'), 'utf8');

    expect(await a.handlers['vault:passwd']({ current: PASS, next: NEXT, kdf: 'interactive' })).toEqual({ exists: true, unlocked: true, identity: me });
    expect(readFileSync(join(a.dir, 'vault.json'), 'utf8')).not.toBe(oldHeader);
    expect(fileNames(a.dir)).not.toContain('vault.json.next');
    // The open connection is the one that was rekeyed: it reads and writes as before.
    expect(await a.handlers['settings:get']({})).toEqual({ idleLockMinutes: 7 });
    await a.handlers['settings:set']({ idleLockMinutes: 9 });
    expect(await a.handlers['identity:show']({})).toEqual(me);
    await a.handlers['vault:lock']({});

    expect((await rejection(a.handlers['vault:unlock']({ passphrase: PASS }))).code).toBe('vault.wrong-passphrase');
    const v = await Vault.open(a.dir, NEXT);
    v.checkIntegrity();
    expect(v.getIdentity()?.name).toBe('Olga');
    expect(storedIdleLockMinutes(v)).toBe(9);
    v.close();
    expect(await a.handlers['vault:unlock']({ passphrase: NEXT })).toEqual({ exists: true, unlocked: true, identity: me });
  });

  it('is refused while locked (vault.locked), and a new passphrase under 8 characters never reaches the vault', async () => {
    const a = await created();
    await expect(a.handlers['vault:passwd']({ current: PASS, next: 'short' })).rejects.toMatchObject({ code: 'ipc.invalid-argument' });
    await a.handlers['vault:lock']({});
    const before = hashFiles(a.dir);
    expect((await rejection(a.handlers['vault:passwd']({ current: PASS, next: NEXT }))).code).toBe('vault.locked');
    expect(hashFiles(a.dir)).toEqual(before);
  });
});

/** Hard links to each file of `dir` (the same inodes: what the wipe does to them shows), with their bytes now. */
function witnesses(dir: string): Array<{ name: string; link: string; before: Buffer }> {
  const at = `${dir}-witness`;
  mkdirSync(at);
  return fileNames(dir).map((name) => {
    const link = join(at, name);
    linkSync(join(dir, name), link);
    return { name, link, before: readFileSync(link) };
  });
}

describe('vault:wipe', () => {
  it('wipes the open vault: status says there is none, the folder is gone, header and database overwritten in place and nothing of them left in any file it had, nothing opens with the passphrase; a new vault can be made', async () => {
    const a = await created();
    await a.handlers['identity:create']({ name: 'Olga' });
    await a.handlers['settings:set']({ idleLockMinutes: 5 });
    expect(fileNames(a.dir)).toEqual(['vault.db', 'vault.db-shm', 'vault.db-wal', 'vault.json']);
    const salt = parseHeader(readFileSync(join(a.dir, 'vault.json'), 'utf8'), 'vault.json').salt;
    const seen = witnesses(a.dir);

    expect(await a.handlers['vault:wipe']({ confirm: 'wipe' })).toEqual({ exists: false, unlocked: false, identity: null });
    expect(await a.handlers['vault:status']({})).toEqual({ exists: false, unlocked: false, identity: null });
    expect(existsSync(a.dir)).toBe(false);
    expect(readdirSync(root).filter((n) => n.startsWith('.vault.'))).toEqual([]);

    const named = (n: string) => seen.find((w) => w.name === n) as (typeof seen)[number];
    // The header and the database are overwritten in place, at their size. The WAL was checkpointed
    // and truncated when the vault closed (SQLite then removed it): it holds nothing. SQLite also
    // removes the SHM at close, unchanged: its index of WAL frames (page numbers, checksums; no
    // page's content, no salt) is out of the wipe's reach, like any block freed earlier.
    for (const name of ['vault.json', 'vault.db']) expect(readFileSync(named(name).link).length, `${name} keeps its size`).toBe(named(name).before.length);
    expect(readFileSync(named('vault.db-wal').link).length).toBe(0);
    for (const w of seen) {
      const now = readFileSync(w.link);
      expect(now.includes(salt), `${w.name} holds the salt in hex`).toBe(false);
      expect(now.includes(Buffer.from(salt, 'hex')), `${w.name} holds the salt's bytes`).toBe(false);
      for (const mark of ['samizdat', '"salt"', '"kdf"', 'SQLite format 3', IDLE_LOCK_SETTING]) expect(now.includes(mark), `${w.name} holds ${mark}`).toBe(false);
      for (const other of seen) {
        if (other.name === 'vault.db-shm') continue; // see above
        for (let at = 0; at + 32 <= other.before.length; at += 509) {
          if (now.includes(other.before.subarray(at, at + 32))) expect.fail(`${w.name} still holds bytes ${at}..${at + 32} of ${other.name}`);
        }
      }
    }

    expect((await rejection(Vault.open(a.dir, PASS))).code).toBe('vault.missing');
    expect((await rejection(a.handlers['vault:unlock']({ passphrase: PASS }))).code).toBe('vault.missing');
    expect((await rejection(a.handlers['identity:show']({}))).code).toBe('vault.locked');
    // First run again: a new vault, with no identity and the default idle lock time.
    expect(await a.handlers['vault:create']({ passphrase: NEXT, kdf: 'interactive' })).toEqual({ exists: true, unlocked: true, identity: null });
    expect(await a.handlers['settings:get']({})).toEqual({ idleLockMinutes: 10 });
  });

  it('needs the word `wipe`; with no vault there it says so (vault.missing) and creates nothing', async () => {
    const a = await created();
    await a.handlers['vault:lock']({});
    const before = hashFiles(a.dir);
    const loose = a.handlers as unknown as Record<string, (x: unknown) => Promise<unknown>>;
    for (const confirm of [undefined, 'WIPE', 'yes', true]) {
      await expect(loose['vault:wipe']!(confirm === undefined ? {} : { confirm })).rejects.toMatchObject({ code: 'ipc.invalid-argument' });
    }
    expect(hashFiles(a.dir)).toEqual(before);
    // Wiped while locked: no passphrase needed.
    expect(await a.handlers['vault:wipe']({ confirm: 'wipe' })).toEqual({ exists: false, unlocked: false, identity: null });
    const e = await rejection(a.handlers['vault:wipe']({ confirm: 'wipe' }));
    expect(e).toMatchObject({ code: 'vault.missing', kind: 'vault' });
    expect(e.message).toMatch(/^vault: no vault at ".*" \(the folder does not exist\); nothing was wiped$/);
    expect(existsSync(a.dir)).toBe(false);
  });
});

describe('settings:get and settings:set', () => {
  it('give the shell’s default until set; the time set is kept inside the encrypted database, put in force at once and at every unlock', async () => {
    const a = app('vault', 25);
    await a.handlers['vault:create']({ passphrase: PASS, kdf: 'interactive' });
    expect(await a.handlers['settings:get']({})).toEqual({ idleLockMinutes: 25 });
    expect(await a.handlers['settings:set']({ idleLockMinutes: 17 })).toEqual({ idleLockMinutes: 17 });
    expect(await a.handlers['settings:get']({})).toEqual({ idleLockMinutes: 17 });
    expect(a.minutes).toEqual([25, 17]);
    await a.handlers['vault:lock']({});
    await a.handlers['vault:unlock']({ passphrase: PASS });
    expect(a.minutes).toEqual([25, 17, 17]);

    // Another start of the app, with another default: the vault's own time wins.
    await a.handlers['vault:lock']({});
    const b = app('vault', 3);
    await b.handlers['vault:unlock']({ passphrase: PASS });
    expect(b.minutes).toEqual([17]);
    expect(await b.handlers['settings:get']({})).toEqual({ idleLockMinutes: 17 });
    await b.handlers['vault:lock']({});

    // Inside the database, encrypted: readable with the key, in no file in clear.
    const db = await rawDb(a.dir, PASS);
    expect(db.prepare('SELECT key, value FROM settings').all()).toEqual([{ key: IDLE_LOCK_SETTING, value: '17' }]);
    db.close();
    for (const name of fileNames(a.dir)) expect(readFileSync(join(a.dir, name)).includes('idle-lock'), name).toBe(false);
  });

  it('refuse a time outside 1 to 240 whole minutes before it reaches the vault; need the vault unlocked', async () => {
    const a = await created();
    await a.handlers['settings:set']({ idleLockMinutes: 240 });
    await a.handlers['settings:set']({ idleLockMinutes: 1 });
    const loose = a.handlers as unknown as Record<string, (x: unknown) => Promise<unknown>>;
    for (const bad of [0, 241, 1.5, -5, '10', null]) {
      await expect(loose['settings:set']!({ idleLockMinutes: bad })).rejects.toMatchObject({ code: 'ipc.invalid-argument' });
    }
    await expect(loose['settings:set']!({ idleLockMinutes: 5, theme: 'dark' })).rejects.toMatchObject({ code: 'ipc.invalid-argument' });
    expect(await a.handlers['settings:get']({})).toEqual({ idleLockMinutes: 1 });
    expect(a.minutes).toEqual([10, 240, 1]);
    await a.handlers['vault:lock']({});
    expect((await rejection(a.handlers['settings:get']({}))).code).toBe('vault.locked');
    expect((await rejection(a.handlers['settings:set']({ idleLockMinutes: 5 }))).code).toBe('vault.locked');
  });

  it('core refuses a bad time itself (vault.bad-setting), and a stored value this build does not accept reads as unset', async () => {
    const a = await created();
    await a.core.withVault((v) => {
      for (const bad of [0, 241, 2.5, Number.NaN]) {
        const e = thrown(() => storeIdleLockMinutes(v, bad));
        expect(e.code).toBe('vault.bad-setting');
        expect(e.message).toMatch(/^vault: the idle lock time must be a whole number of minutes from 1 to 240, got .*; nothing was changed$/);
      }
      for (const junk of ['', 'ten', '0', '241', '12.5', '1e2', ' 12']) {
        v.setSetting(IDLE_LOCK_SETTING, junk);
        expect(storedIdleLockMinutes(v), junk).toBeUndefined();
      }
    });
    expect(await a.handlers['settings:get']({})).toEqual({ idleLockMinutes: 10 });
  });
});

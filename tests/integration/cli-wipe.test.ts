// `samizdat wipe`, the panic wipe, run as a user would: it asks for the word `wipe` on a terminal,
// refuses without a terminal unless --yes, needs no passphrase, and leaves nothing that the
// passphrase can open or that looks like a vault. The files are watched through hard links made
// before the wipe (the same inodes): each is overwritten in place, every byte, before it goes. On a
// real file system (an ext4 image, loop-mounted, as root) the raw image is searched after the
// wipe for the salt, the header and the database's blocks.
import { spawnSync } from 'node:child_process';
import { copyFileSync, cpSync, existsSync, linkSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { KDF_SALT_LENGTH } from '../../src/core/crypto/kdf.js';
import { randomBytes } from '../../src/core/crypto/random.js';
import { makeHeader, parseHeader, serializeHeader } from '../../src/core/store/header.js';
import { Vault } from '../../src/core/store/vault.js';
import { SAMIZDAT_BIN, device, runCli, tempDir } from '../helpers/cli.js';
import { hashFiles, rejection } from '../unit/store/helpers.js';
import { setUpDevice } from '../torture/helpers.js';

const tmp = tempDir('samizdat-wipe-');
afterAll(() => tmp.remove());
const PASS = 'the passphrase of Olga';
const template = device(tmp.path, 'template', PASS);
beforeAll(() => setUpDevice(template, tmp.path), 60_000);
let devices = 0;

/** A device with a vault holding an identity, a group and a released statement (made with the CLI once, then copied). */
function aVault() {
  const d = device(tmp.path, `olga${devices++}`, PASS);
  cpSync(template.vault, d.vault, { recursive: true });
  return d;
}

/** The same vault as a crash leaves it: beside the header and the database, a WAL, an SHM and a stale vault.json.next. */
async function asCrashLeftIt(dir: string, passphrase: string): Promise<void> {
  const live = `${dir}-live`;
  mkdirSync(live);
  for (const name of readdirSync(dir)) copyFileSync(join(dir, name), join(live, name));
  const v = await Vault.open(live, passphrase);
  const group = v.listGroups()[0];
  if (group === undefined) throw new Error('the vault has no group');
  // A real change (a group made here starts verified), so that it is committed into the WAL.
  v.setTrust(group.id, group.trust === 'verified' ? 'unverified' : 'verified');
  for (const name of readdirSync(live)) copyFileSync(join(live, name), join(dir, name)); // a copy while open: a crash image
  v.close();
  const header = parseHeader(readFileSync(join(dir, 'vault.json'), 'utf8'), 'vault.json');
  writeFileSync(join(dir, 'vault.json.next'), serializeHeader(makeHeader(header.kdf, randomBytes(KDF_SALT_LENGTH))));
}

/** Hard links to each file of `dir` (the same inodes), with a copy of its bytes as they are now. */
function witnesses(dir: string): Array<{ name: string; link: string; before: Buffer }> {
  const at = `${dir}-witness`;
  mkdirSync(at);
  return readdirSync(dir).map((name) => {
    const link = join(at, name);
    linkSync(join(dir, name), link);
    return { name, link, before: readFileSync(link) };
  });
}

const sameBytes = (a: Buffer, b: Buffer): number => {
  let n = 0;
  for (let i = 0; i < Math.min(a.length, b.length); i++) if (a[i] === b[i]) n++;
  return n;
};

/** Run the CLI on a terminal (`script`, util-linux) and type `answer` into it. */
function onTerminal(env: Record<string, string>, args: string[], answer: string) {
  return spawnSync('script', ['-qec', [process.execPath, SAMIZDAT_BIN, ...args].map((a) => `'${a}'`).join(' '), '/dev/null'], {
    env: { PATH: process.env.PATH, HOME: process.env.HOME, ...env },
    input: answer,
    encoding: 'utf8',
    timeout: 60_000,
  });
}
const hasScript = spawnSync('script', ['--version']).error === undefined;

describe('samizdat wipe asks first', () => {
  it('without --yes and without a terminal it refuses (exit 2), says to pass --yes, and changes nothing', async () => {
    const olga = aVault();
    const before = hashFiles(olga.vault);
    const r = runCli(['wipe', '--vault', olga.vault], {}, '');
    expect(r.status, r.stderr).toBe(2);
    expect(r.stderr).toBe(`samizdat: cli: refusing to wipe the vault at "${olga.vault}" without a confirmation, and there is no terminal to ask on: pass --yes\n`);
    expect(hashFiles(olga.vault)).toEqual(before);
    (await Vault.open(olga.vault, olga.env.SAMIZDAT_PASSPHRASE)).close();
  });

  it.runIf(hasScript)('on a terminal: any answer but `wipe` keeps the vault (exit 2); typing `wipe` destroys it (exit 0)', async () => {
    const olga = aVault();
    const before = hashFiles(olga.vault);
    for (const answer of ['no\n', 'WIPE\n', 'wipe it\n']) {
      const kept = onTerminal({ SAMIZDAT_VAULT: olga.vault }, ['wipe'], answer);
      expect(kept.stdout).toContain(`This destroys the vault at ${olga.vault} for ever`);
      expect(kept.stdout).toContain('Type "wipe" to destroy it');
      expect(kept.stdout).toContain(`not wiped: the answer was not "wipe"; the vault at "${olga.vault}" is as it was`);
      expect(kept.status, `${JSON.stringify(answer)}: ${kept.stdout}`).toBe(2);
      expect(hashFiles(olga.vault)).toEqual(before);
    }
    const wiped = onTerminal({ SAMIZDAT_VAULT: olga.vault }, ['wipe'], 'wipe\n');
    expect(wiped.status, wiped.stdout).toBe(0);
    expect(wiped.stdout).toContain(`wiped the vault at ${olga.vault}`);
    expect(existsSync(olga.vault)).toBe(false);
  });
});

describe('samizdat wipe --yes: nothing that opens, nothing recognisable', () => {
  it('needs no passphrase; every file of the vault (header, vault.json.next, database, WAL, SHM) is overwritten in place, then removed with the folder; the passphrase then opens nothing (exit 3, "no vault")', async () => {
    const olga = aVault();
    const passphrase = olga.env.SAMIZDAT_PASSPHRASE;
    await asCrashLeftIt(olga.vault, passphrase);
    expect(readdirSync(olga.vault).sort()).toEqual(['vault.db', 'vault.db-shm', 'vault.db-wal', 'vault.json', 'vault.json.next']);
    const salts = ['vault.json', 'vault.json.next'].map((n) => parseHeader(readFileSync(join(olga.vault, n), 'utf8'), n).salt);
    const seen = witnesses(olga.vault);

    // No passphrase anywhere: not in the environment, no file, no terminal.
    const r = runCli(['--json', '--vault', olga.vault, 'wipe', '--yes']);
    expect(r.status, r.stderr).toBe(0);
    expect(r.stderr).toBe('');
    expect(r.json()).toEqual({ wiped: olga.vault });
    expect(existsSync(olga.vault)).toBe(false);
    expect(readdirSync(tmp.path).filter((n) => n === olga.name || n.startsWith(`.${olga.name}.`))).toEqual([]);

    for (const w of seen) {
      const now = readFileSync(w.link);
      expect(now.length, `${w.name} keeps its size: overwritten, not truncated`).toBe(w.before.length);
      expect(sameBytes(now, w.before) / now.length, `${w.name}: bytes left as they were`).toBeLessThan(0.02);
      for (const salt of salts) {
        expect(now.includes(salt), `${w.name} holds a salt in hex`).toBe(false);
        expect(now.includes(Buffer.from(salt, 'hex')), `${w.name} holds a salt's bytes`).toBe(false);
      }
      for (const mark of ['samizdat', '"salt"', '"kdf"', 'SQLite format 3']) expect(now.includes(mark), `${w.name} holds ${mark}`).toBe(false);
      // No 32-byte run of what the vault's files held is left in any of them.
      for (const other of seen) {
        for (let at = 0; at + 32 <= other.before.length; at += 509) {
          if (now.includes(other.before.subarray(at, at + 32))) expect.fail(`${w.name} still holds bytes ${at}..${at + 32} of ${other.name}`);
        }
      }
    }

    const e = await rejection(Vault.open(olga.vault, passphrase));
    expect(e.code).toBe('vault.missing');
    expect(e.exitCode).toBe(3);
    expect(e.message).toMatch(/^vault: no vault at /);
    const list = olga.run(['statement', 'list']);
    expect(list.status).toBe(3);
    expect(list.stderr).toMatch(/^samizdat: vault: no vault at /);
  });

  it('the database alone (as an interrupted wipe or a copy of its blocks would leave it) does not open with the passphrase once the salt is gone', async () => {
    const olga = aVault();
    const passphrase = olga.env.SAMIZDAT_PASSPHRASE;
    const copy = `${olga.vault}-before`;
    mkdirSync(copy);
    for (const name of readdirSync(olga.vault)) copyFileSync(join(olga.vault, name), join(copy, name));
    const header = parseHeader(readFileSync(join(copy, 'vault.json'), 'utf8'), 'vault.json');
    expect(olga.run(['wipe', '--yes']).status).toBe(0);

    // What an attacker holding the passphrase and the old database can still try: the database
    // with no header, and with a header of the same KDF parameters and any other salt.
    const remains = `${olga.vault}-remains`;
    mkdirSync(remains);
    copyFileSync(join(copy, 'vault.db'), join(remains, 'vault.db'));
    expect((await rejection(Vault.open(remains, passphrase))).code).toBe('vault.bad-header');
    for (let i = 0; i < 3; i++) {
      writeFileSync(join(remains, 'vault.json'), serializeHeader(makeHeader(header.kdf, randomBytes(KDF_SALT_LENGTH))));
      expect((await rejection(Vault.open(remains, passphrase))).code).toBe('vault.wrong-passphrase');
    }
    // The control: with the header the wipe destroyed, the same database opens.
    copyFileSync(join(copy, 'vault.json'), join(remains, 'vault.json'));
    const v = await Vault.open(remains, passphrase);
    expect(v.countStatements()).toBe(1);
    v.close();
  });

  it('a missing vault: exit 3 with a clear message, and nothing is created; a folder of other files is left alone', () => {
    const nowhere = join(tmp.path, 'no-vault-here');
    const r = runCli(['--vault', nowhere, 'wipe', '--yes']);
    expect(r.status).toBe(3);
    expect(r.stderr).toBe(`samizdat: vault: no vault at "${nowhere}" (the folder does not exist); nothing was wiped\n`);
    expect(existsSync(nowhere)).toBe(false);
    const j = runCli(['--json', '--vault', nowhere, 'wipe', '--yes']);
    expect(j.status).toBe(3);
    expect(JSON.parse(j.stderr).error).toMatchObject({ code: 'vault.missing', kind: 'vault' });

    const documents = join(tmp.path, 'documents');
    mkdirSync(documents);
    writeFileSync(join(documents, 'letter.txt'), 'Dear comrades,\n');
    const before = hashFiles(documents);
    const d = runCli(['--vault', documents, 'wipe', '--yes']);
    expect(d.status).toBe(3);
    expect(d.stderr).toContain('it holds neither vault.json nor vault.db');
    expect(hashFiles(documents)).toEqual(before);
  });
});

const isRoot = process.getuid?.() === 0;
const hasTools = ['mkfs.ext4', 'debugfs', 'mount', 'losetup'].every((t) => spawnSync('sh', ['-c', `command -v ${t}`]).status === 0);
/** A free loop device to mount an image on (`losetup -f` finds one, or makes one). */
const hasLoop = isRoot && hasTools && spawnSync('losetup', ['-f']).status === 0;

describe.skipIf(!hasLoop)('samizdat wipe on a real file system (an ext4 image, loop-mounted: needs root, a loop device, mkfs.ext4 and debugfs)', () => {
  const BLOCK = 4096;
  const sh = (cmd: string, args: string[]) => {
    const r = spawnSync(cmd, args, { encoding: 'utf8' });
    if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')}: ${r.stderr}`);
    return r.stdout;
  };
  /** The blocks of `path` (inside the image) in image order, as debugfs lists them. */
  const blocksOf = (image: string, path: string): number[] =>
    sh('debugfs', ['-R', `blocks ${path}`, image])
      .trim()
      .split(/\s+/)
      .filter((b) => b !== '')
      .map(Number);

  it('after the wipe the raw image holds neither salt nor header anywhere, and every block the database and header had is overwritten', async () => {
    const image = join(tmp.path, 'stick.img');
    const mnt = join(tmp.path, 'stick');
    mkdirSync(mnt);
    sh('truncate', ['-s', '64M', image]);
    sh('mkfs.ext4', ['-q', '-F', '-b', String(BLOCK), image]);
    sh('mount', ['-o', 'loop', image, mnt]);
    let mounted = true;
    try {
      const olga = device(mnt, 'vault', PASS);
      setUpDevice(olga, mnt);
      const header = readFileSync(join(olga.vault, 'vault.json'));
      const salt = parseHeader(header.toString('utf8'), 'vault.json').salt;
      sh('umount', [mnt]);
      mounted = false;

      const raw = readFileSync(image);
      expect(raw.includes(salt), 'the scan finds the salt before the wipe').toBe(true);
      const files = { header: blocksOf(image, '/vault/vault.json'), db: blocksOf(image, '/vault/vault.db') };
      expect(files.header.length).toBe(1);
      expect(files.db.length).toBeGreaterThan(10);
      const blockAt = (img: Buffer, b: number) => img.subarray(b * BLOCK, (b + 1) * BLOCK);
      const headerBlock = files.header[0] as number;
      expect(blockAt(raw, headerBlock).subarray(0, header.length).equals(header)).toBe(true);
      const before = new Map(files.db.map((b) => [b, Buffer.from(blockAt(raw, b))]));

      sh('mount', ['-o', 'loop', image, mnt]);
      mounted = true;
      const r = runCli(['--vault', olga.vault, 'wipe', '--yes']);
      expect(r.status, r.stderr).toBe(0);
      expect(readdirSync(mnt).filter((n) => n !== 'lost+found' && !n.endsWith('.txt'))).toEqual([]);
      sh('umount', [mnt]);
      mounted = false;

      const after = readFileSync(image);
      expect(after.includes(salt), 'the salt, in hex, anywhere in the image').toBe(false);
      expect(after.includes(Buffer.from(salt, 'hex')), 'the salt’s bytes anywhere in the image').toBe(false);
      expect(after.includes('samizdat-vault'), 'the header’s format name anywhere in the image').toBe(false);
      expect(sameBytes(blockAt(after, headerBlock).subarray(0, header.length), header), 'the header’s block overwritten in place').toBeLessThan(header.length / 20);
      let overwritten = 0;
      for (const [b, old] of before) {
        if (sameBytes(blockAt(after, b), old) < BLOCK / 50) overwritten++;
      }
      expect(overwritten, 'blocks of the database overwritten in place').toBe(before.size);
      // What the file system freed before the wipe (the WAL files of earlier commands) it cannot
      // reach: count how many of the database's old blocks survive there, encrypted, for the record.
      const survivors = files.db.filter((b) => after.includes(before.get(b) as Buffer)).length;
      console.log(`ext4 image: the header's block and the database's ${before.size} blocks overwritten in place; of the database's ${files.db.length} blocks, ${survivors} survive elsewhere in freed space (encrypted pages, from WAL files freed earlier), useless without the salt`);
    } finally {
      if (mounted) spawnSync('umount', [mnt]);
    }
  }, 120_000);
});

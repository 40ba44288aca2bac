// Panic wipe (crypto erase) of a vault directory. The vault's key is derived from the passphrase
// and the random KDF salt kept in the header: once every copy of the salt is gone, the database
// cannot be decrypted by anyone, passphrase or not. So the headers (`vault.json`, and
// `vault.json.next` left by an interrupted change of passphrase, which may hold the salt in force)
// are destroyed first: their bytes overwritten in place with random bytes, fsynced, unlinked, the
// directory fsynced. Only then are the database and its companions (`-wal`, `-shm`, `-journal`)
// overwritten, fsynced and unlinked, and the directory removed. No passphrase is needed.
//
// Only the files a vault creates are touched, each by its own name: anything else in the directory
// is left as it was (and then the directory too). A symbolic link under a vault name is removed,
// never followed. A wipe interrupted at any point can be run again: it finishes the job.
//
// What it cannot do: erase blocks that the file system or the drive no longer maps to these files
// (copy-on-write file systems, SSD wear levelling, blocks freed by earlier writes such as a
// passphrase change's old header and rollback journal). Those hold only encrypted pages and old
// headers; the current salt is what this destroys first.
import { constants, promises as fsp } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { SamizdatError, quote } from '../errors.js';
import { randomBytes } from '../crypto/random.js';
import { errnoCode, ioError } from './fsutil.js';
import { DB_FILE, HEADER_FILE, NEXT_HEADER_FILE } from './vault.js';

/** The files that hold the KDF salt: destroyed before anything else. */
export const VAULT_KEY_FILES: readonly string[] = [HEADER_FILE, NEXT_HEADER_FILE];
/** The database and the files SQLite keeps beside it. */
export const VAULT_DATA_FILES: readonly string[] = [DB_FILE, `${DB_FILE}-wal`, `${DB_FILE}-shm`, `${DB_FILE}-journal`];

/** An open file, as wipe uses it (a subset of node's FileHandle). */
export interface WipeHandle {
  stat(): Promise<{ size: number }>;
  write(buffer: Uint8Array, offset: number, length: number, position: number): Promise<{ bytesWritten: number }>;
  sync(): Promise<void>;
  close(): Promise<void>;
}

/** The file-system steps wipe takes (a subset of node:fs/promises); tests replace it to prove their order. */
export interface WipeFs {
  lstat(path: string): Promise<{ isFile(): boolean; isDirectory(): boolean; isSymbolicLink(): boolean }>;
  readdir(path: string): Promise<string[]>;
  open(path: string, flags: number): Promise<WipeHandle>;
  unlink(path: string): Promise<void>;
  rmdir(path: string): Promise<void>;
}

const nodeFs: WipeFs = {
  lstat: (p) => fsp.lstat(p),
  readdir: (p) => fsp.readdir(p),
  open: (p, flags) => fsp.open(p, flags),
  unlink: (p) => fsp.unlink(p),
  rmdir: (p) => fsp.rmdir(p),
};

export interface WipeOptions {
  /** Called once the directory is known to hold a vault, before anything is destroyed; throw to cancel. */
  confirm?: (dir: string) => Promise<void>;
  fs?: WipeFs;
}

export interface WipeReport {
  /** The vault directory, absolute. */
  dir: string;
  /** The vault's files, overwritten and removed, in the order they were destroyed. */
  destroyed: string[];
  /** Entries of the directory that a vault does not create: left as they were, and so the directory. */
  leftAlone: string[];
  /** Whether the directory itself is gone. */
  removedDir: boolean;
}

const CHUNK = 1024 * 1024;

function missing(dir: string, why: string): SamizdatError {
  return new SamizdatError('vault', 'vault', 'vault.missing', `no vault at ${quote(dir, 200)} (${why}); nothing was wiped`);
}

async function entryKind(fs: WipeFs, path: string): Promise<'file' | 'dir' | 'other' | undefined> {
  try {
    const st = await fs.lstat(path);
    return st.isFile() ? 'file' : st.isDirectory() ? 'dir' : 'other';
  } catch (e) {
    if (errnoCode(e) === 'ENOENT') return undefined;
    throw ioError(e, 'look at', path);
  }
}

/** Overwrites every byte of the regular file at `path` with random bytes, in place, and fsyncs it. */
async function overwrite(fs: WipeFs, path: string): Promise<void> {
  let handle: WipeHandle | undefined;
  try {
    handle = await fs.open(path, constants.O_WRONLY | constants.O_NOFOLLOW);
    const { size } = await handle.stat();
    for (let position = 0; position < size; ) {
      const chunk = randomBytes(Math.min(CHUNK, size - position));
      let offset = 0;
      while (offset < chunk.length) offset += (await handle.write(chunk, offset, chunk.length - offset, position + offset)).bytesWritten;
      position += chunk.length;
    }
    await handle.sync();
  } finally {
    await handle?.close();
  }
}

async function syncDir(fs: WipeFs, dir: string): Promise<void> {
  let handle: WipeHandle | undefined;
  try {
    handle = await fs.open(dir, constants.O_RDONLY);
    await handle.sync();
  } catch (e) {
    const code = errnoCode(e);
    if (process.platform === 'win32' && (code === 'EPERM' || code === 'EISDIR' || code === 'EACCES')) return;
    throw e;
  } finally {
    await handle?.close();
  }
}

/**
 * Destroys the vault in `dir` for ever, without its passphrase: the salt first, then the data.
 * A directory holding none of a vault's files is `vault.missing` and is left alone.
 */
export async function wipeVault(dir: string, options: WipeOptions = {}): Promise<WipeReport> {
  const fs = options.fs ?? nodeFs;
  const root = resolve(dir);
  const kind = await entryKind(fs, root);
  if (kind === undefined) throw missing(root, 'the folder does not exist');
  if (kind !== 'dir') throw missing(root, 'it is not a folder');
  let names: string[];
  try {
    names = await fs.readdir(root);
  } catch (e) {
    throw ioError(e, 'list', root);
  }
  const ours = [...VAULT_KEY_FILES, ...VAULT_DATA_FILES].filter((n) => names.includes(n));
  if (ours.length === 0) throw missing(root, `it holds neither ${HEADER_FILE} nor ${DB_FILE}`);
  await options.confirm?.(root);

  const report: WipeReport = { dir: root, destroyed: [], leftAlone: [], removedDir: false };
  const destroy = async (name: string): Promise<void> => {
    const path = join(root, name);
    const what = await entryKind(fs, path);
    if (what === undefined || what === 'dir') return; // a vault makes no folder of that name: not ours
    try {
      if (what === 'file') await overwrite(fs, path);
      await fs.unlink(path);
    } catch (e) {
      const err = ioError(e, 'overwrite and remove', path);
      if (VAULT_KEY_FILES.includes(name)) throw err;
      throw new SamizdatError(
        'vault',
        'io',
        'vault.io',
        `${err.message.replace(/^vault: /, '')}; the vault's key salt is already destroyed, so nobody can open it, but run \`samizdat wipe\` again to remove the rest`,
        { cause: e },
      );
    }
    report.destroyed.push(name);
  };

  for (const name of VAULT_KEY_FILES) await destroy(name);
  try {
    await syncDir(fs, root);
  } catch (e) {
    throw ioError(e, 'sync the folder', root);
  }
  for (const name of VAULT_DATA_FILES) await destroy(name);
  try {
    await syncDir(fs, root);
    report.leftAlone = (await fs.readdir(root)).sort();
    if (report.leftAlone.length === 0) {
      await fs.rmdir(root);
      report.removedDir = true;
      await syncDir(fs, dirname(root)).catch(() => undefined); // the parent may not be ours to open
    }
  } catch (e) {
    throw new SamizdatError(
      'vault',
      'io',
      'vault.io',
      `the vault at ${quote(root, 200)} is destroyed, but its folder could not be removed: ${ioError(e, 'remove', root).message.replace(/^vault: /, '')}`,
      { cause: e },
    );
  }
  return report;
}


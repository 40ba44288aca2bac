// File-system steps of the vault: durable writes (fsync of files and directories) and the
// mapping of Node's I/O errors to typed errors.
import { promises as fsp } from 'node:fs';
import type { SamizdatError } from '../errors.js';
import { errnoCode, ioError as ioErrorIn } from '../io.js';

export { errnoCode };

/** A typed error for a failed file-system step of the vault; SamizdatErrors pass through unchanged. */
export const ioError = (e: unknown, what: string, path: string): SamizdatError => ioErrorIn('vault', e, what, path);

/** fsync a directory so that a rename or a new entry in it is durable. Not possible on Windows: skipped there. */
export async function fsyncDir(dir: string): Promise<void> {
  let handle: fsp.FileHandle | undefined;
  try {
    handle = await fsp.open(dir, 'r');
    await handle.sync();
  } catch (e) {
    const code = errnoCode(e);
    if (process.platform === 'win32' && (code === 'EPERM' || code === 'EISDIR' || code === 'EACCES')) return;
    throw ioError(e, 'sync the directory', dir);
  } finally {
    await handle?.close();
  }
}

export async function fsyncFile(path: string): Promise<void> {
  let handle: fsp.FileHandle | undefined;
  try {
    handle = await fsp.open(path, 'r+');
    await handle.sync();
  } catch (e) {
    throw ioError(e, 'sync', path);
  } finally {
    await handle?.close();
  }
}

/** Writes `data` to a new file at `path` (refusing to replace one), then fsyncs it. Mode 0600. */
export async function writeNewFileDurably(path: string, data: string | Uint8Array): Promise<void> {
  let handle: fsp.FileHandle | undefined;
  try {
    handle = await fsp.open(path, 'wx', 0o600);
    await handle.writeFile(data);
    await handle.sync();
  } catch (e) {
    throw ioError(e, 'write', path);
  } finally {
    await handle?.close();
  }
}

/** Whether `path` exists (any kind of entry). */
export async function pathExists(path: string): Promise<boolean> {
  try {
    await fsp.lstat(path);
    return true;
  } catch (e) {
    if (errnoCode(e) === 'ENOENT') return false;
    throw ioError(e, 'look at', path);
  }
}

// Atomic file writes for removable drives and shared folders: a temporary name in the same folder,
// fsync, rename, fsync the folder, then read back and compare. A pulled stick or a full disk leaves
// the old file or the new one under the final name, never a broken one.
import { closeSync, createReadStream, fsyncSync, linkSync, lstatSync, openSync, readFileSync, readdirSync, renameSync, unlinkSync, writeSync, constants } from 'node:fs';
import { open, type FileHandle } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { hostname } from 'node:os';
import { createHash, randomBytes } from 'node:crypto';
import { SamizdatError, quote } from '../errors.js';
import { errnoCode, ioError as ioErrorIn } from '../io.js';

/** A typed error (exit 5) for a failed file operation, naming the path and the cause. */
export const ioError = (err: unknown, action: string, path: string): SamizdatError => ioErrorIn('exchange', err, action, path);

function fsyncDir(dir: string): void {
  let fd: number | undefined;
  try {
    fd = openSync(dir, constants.O_RDONLY);
    fsyncSync(fd);
  } catch {
    // Some file systems (and Windows) cannot fsync a directory; the rename is still atomic there.
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

/**
 * Temporary names say whose they are: `.samizdat-HOST-PID-RANDOM.partial`, HOST the first 8 hex
 * digits of the SHA-256 of this machine's host name, PID this process. A file of that form whose
 * host is this one and whose process is gone was left by a Samizdat killed mid-write (or a stick
 * pulled out): `removeStalePartials` removes exactly those, and nothing else.
 */
const HOST_TAG = createHash('sha256').update(hostname()).digest('hex').slice(0, 8);
const OWN_PARTIAL = /^\.samizdat-([0-9a-f]{8})-([1-9][0-9]{0,9})-[0-9a-f]{12}\.partial$/;

function tempPath(dir: string): string {
  return join(dir, `.samizdat-${HOST_TAG}-${process.pid}-${randomBytes(6).toString('hex')}.partial`);
}

function processAlive(pid: number): boolean {
  if (pid === process.pid) return true;
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM'; // alive, somebody else's
  }
}

/**
 * Removes from `dir` the temporary files that a Samizdat process of this machine, since gone,
 * left behind; never a file of another name, another machine's, or one of a process still
 * running. Best effort: a file that cannot be removed is left. Returns the names removed.
 */
export function removeStalePartials(dir: string): string[] {
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    return []; // the caller reports an unreadable folder in its own words
  }
  const removed: string[] = [];
  for (const name of names.sort()) {
    const m = OWN_PARTIAL.exec(name);
    if (m === null || m[1] !== HOST_TAG || processAlive(Number(m[2]))) continue;
    const path = join(dir, name);
    try {
      if (!lstatSync(path).isFile()) continue;
      unlinkSync(path);
      removed.push(name);
    } catch {
      // gone already, or not ours to remove: leave it
    }
  }
  return removed;
}

/** `path` exists: nothing was written. */
export function outExists(path: string): SamizdatError {
  return new SamizdatError('exchange', 'usage', 'exchange.out-exists', `${quote(path, 200)} exists; nothing was written (choose another name)`);
}

/** Whether something (a file, a folder, a link) has the name `path`. */
function taken(path: string): boolean {
  try {
    lstatSync(path);
    return true;
  } catch (err) {
    if (errnoCode(err) === 'ENOENT') return false;
    throw ioError(err, 'look at', path);
  }
}

/**
 * Gives the finished temporary file the name `path` only if nothing has that name, even something
 * made a moment ago: a hard link is refused when the name is taken, where a rename would replace.
 * A file system without hard links (FAT and exFAT, as on most sticks) gets a look, then a rename.
 */
function placeNew(temp: string, path: string): void {
  try {
    linkSync(temp, path);
  } catch (err) {
    const code = errnoCode(err);
    if (code === 'EEXIST') throw outExists(path);
    if (code !== 'EPERM' && code !== 'ENOTSUP' && code !== 'EOPNOTSUPP' && code !== 'ENOSYS') throw err;
    if (taken(path)) throw outExists(path);
    renameSync(temp, path);
    return;
  }
  unlinkSync(temp);
}

/**
 * Write `data` to `path` atomically and verify it by reading it back. With `replace: false`, a
 * `path` that exists is refused (`exchange.out-exists`) and never replaced.
 */
export function writeFileAtomic(path: string, data: Uint8Array, mode = 0o600, options: { replace?: boolean } = {}): void {
  const replace = options.replace ?? true;
  const dir = dirname(path);
  if (!replace && taken(path)) throw outExists(path);
  const temp = tempPath(dir);
  let fd: number | undefined;
  try {
    fd = openSync(temp, constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL, mode);
    let offset = 0;
    while (offset < data.length) offset += writeSync(fd, data, offset, data.length - offset);
    fsyncSync(fd);
    closeSync(fd);
    fd = undefined;
    if (replace) renameSync(temp, path);
    else placeNew(temp, path);
  } catch (err) {
    if (fd !== undefined) {
      try {
        closeSync(fd);
      } catch {
        // already failing; the write error is the one to report
      }
    }
    try {
      unlinkSync(temp);
    } catch {
      // the temporary file may never have been created
    }
    throw ioError(err, 'write', path);
  }
  fsyncDir(dir);
  let back: Buffer;
  try {
    back = readFileSync(path);
  } catch (err) {
    throw ioError(err, 'read back', path);
  }
  if (!Buffer.from(data.buffer, data.byteOffset, data.byteLength).equals(back)) {
    throw new SamizdatError('exchange', 'io', 'io.readback-mismatch', `${quote(path, 200)} does not read back as written: the drive may be failing; do not trust this copy`);
  }
}

export interface WrittenFile {
  path: string;
  bytes: number;
  /** SHA-256 of the bytes written, hex: the file read back hashes to it. */
  sha256: string;
}

/**
 * Write a stream of chunks to `path` atomically: a temporary name beside it, fsync, rename, then
 * read the file back and compare its SHA-256 with what was written. On any failure the temporary
 * file is removed and nothing is left under `path` that was not there before.
 */
export function writeStreamAtomic(path: string, chunks: AsyncIterable<Uint8Array>, onBytes?: (written: number) => void): Promise<WrittenFile> {
  return writeStreamTo(dirname(path), () => basename(path), chunks, onBytes, false);
}

/**
 * The same, in folder `dir`, under a name chosen from the content's SHA-256 once it is written
 * (sync names bundles by their hash). A file already there under that name is the same content:
 * it is left as it is.
 */
export function writeStreamNamedByHash(dir: string, name: (sha256: string) => string, chunks: AsyncIterable<Uint8Array>, onBytes?: (written: number) => void): Promise<WrittenFile> {
  return writeStreamTo(dir, name, chunks, onBytes, true);
}

async function writeStreamTo(
  dir: string,
  name: (sha256: string) => string,
  chunks: AsyncIterable<Uint8Array>,
  onBytes: ((written: number) => void) | undefined,
  namedByHash: boolean,
): Promise<WrittenFile> {
  const temp = tempPath(dir);
  // Until its hash is known, a file named by its hash has no name to report: the folder stands for it.
  let path: string | undefined = namedByHash ? undefined : join(dir, name(''));
  const hash = createHash('sha256');
  let bytes = 0;
  let handle: FileHandle | undefined;
  let step = 'write';
  try {
    handle = await open(temp, constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL, 0o600);
    for await (const chunk of chunks) {
      step = 'write';
      let offset = 0;
      while (offset < chunk.length) offset += (await handle.write(chunk, offset, chunk.length - offset)).bytesWritten;
      hash.update(chunk);
      bytes += chunk.length;
      onBytes?.(bytes);
    }
    await handle.sync();
    await handle.close();
    handle = undefined;
    path = join(dir, name(hash.copy().digest('hex')));
    step = 'write';
    renameSync(temp, path);
  } catch (err) {
    await handle?.close().catch(() => undefined);
    try {
      unlinkSync(temp);
    } catch {
      // the temporary file may never have been created
    }
    throw path === undefined ? ioError(err, 'write a new file into', dir) : ioError(err, step, path);
  }
  fsyncDir(dir);
  const sha256 = hash.digest('hex');
  const back = createHash('sha256');
  try {
    for await (const chunk of createReadStream(path)) back.update(chunk as Buffer);
  } catch (err) {
    throw ioError(err, 'read back', path);
  }
  if (back.digest('hex') !== sha256) {
    throw new SamizdatError('exchange', 'io', 'io.readback-mismatch', `${quote(path, 200)} does not read back as written: the drive may be failing; do not trust this copy`);
  }
  return { path, bytes, sha256 };
}

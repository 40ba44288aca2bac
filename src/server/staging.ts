// Browser mode's private staging folder: files the browser uploaded (so that handlers get a path, as
// under Electron) and files handlers wrote for the browser to download. One folder of the server's
// own (mkdtemp, 0700); every file in a fresh sub-folder of its own, so that names never collide
// and the person's file name survives. Nothing here takes a path from the browser: uploads get a
// sanitised base name, downloads are found by an unguessable ticket in a map, never by a path.

import { randomBytes } from 'node:crypto';
import { constants, createWriteStream, type ReadStream } from 'node:fs';
import { chmod, lstat, mkdtemp, open, realpath, rm, type FileHandle } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Transform, type Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { errnoCode } from '../core/io.js';
import { PURPOSE_EXTENSIONS, type FilePurpose } from '../shared/files.js';

/** A ticket is good for one download, this soon after it was issued. */
export const TICKET_TTL_MS = 60_000;
/** Reservations (saves not yet delivered) held at once; the oldest is forgotten past this. */
export const MAX_RESERVATIONS = 256;
/** Bytes of UTF-8 a staged name may have (most file systems allow 255). */
const MAX_NAME_BYTES = 200;

export class StagingError extends Error {
  constructor(
    readonly code: string,
    readonly status: number,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(`files: ${message}`, options);
    this.name = 'StagingError';
  }
}

interface Reservation {
  dir: string;
  path: string;
}

interface Ticket {
  reservation: string;
  expires: number;
}

export interface Download {
  name: string;
  size: number;
  stream: ReadStream;
  /** Removes the file and forgets its reservation; call when the response is over, however it ended. */
  done(): Promise<void>;
}

export class Staging {
  #root: Promise<string> | null = null;
  readonly #reservations = new Map<string, Reservation>();
  readonly #tickets = new Map<string, Ticket>();
  #entries = 0;
  /** Bumped by every clear: an upload or reservation that began before one is not kept. */
  #generation = 0;

  constructor(
    private readonly parent: string = tmpdir(),
    private readonly now: () => number = () => Date.now(),
  ) {}

  /** Whether anything is staged or reserved (the server watches the vault's lock only then). */
  get busy(): boolean {
    return this.#entries > 0 || this.#reservations.size > 0;
  }

  /** The staging folder, once something was staged (tests look inside). */
  async root(): Promise<string | null> {
    return this.#root === null ? null : this.#root.catch(() => null);
  }

  /**
   * Streams `source` into a new staged file named after `name` (sanitised), refusing it past
   * `maxBytes` (the partial file is removed). Returns the file's absolute path. `source` is never
   * destroyed here (it may be a request still owed an answer); `onData` runs for each chunk.
   */
  async upload(name: string, source: Readable, options: { maxBytes: number; onData?: () => void }): Promise<string> {
    const generation = this.#generation;
    const dir = await this.#freshDir();
    const file = path.join(dir, sanitizeName(name, null));
    const { maxBytes, onData } = options;
    let size = 0;
    const limit = new Transform({
      transform(chunk: Buffer, _encoding, callback) {
        onData?.();
        size += chunk.length;
        if (size > maxBytes) callback(tooLarge(maxBytes));
        else callback(null, chunk);
      },
    });
    const forwardError = (err: Error): void => void limit.destroy(err);
    const forwardAbort = (): void => {
      if (!source.readableEnded) limit.destroy(Object.assign(new Error('the upload was interrupted'), { code: 'ECONNRESET' }));
    };
    source.once('error', forwardError);
    source.once('close', forwardAbort);
    source.pipe(limit);
    try {
      await pipeline(limit, createWriteStream(file, { flags: 'wx', mode: 0o600 }));
    } catch (err) {
      source.unpipe(limit);
      await rm(dir, { recursive: true, force: true });
      if (err instanceof StagingError) throw err;
      throw ioFailure(err, 'receive the file into');
    } finally {
      source.off('error', forwardError);
      source.off('close', forwardAbort);
    }
    if (generation !== this.#generation) {
      await rm(dir, { recursive: true, force: true });
      throw discarded();
    }
    this.#entries++;
    return file;
  }

  /** A path for a handler to write `suggestedName` to, in a fresh folder; `id` hands it to `ticket`. */
  async reserve(purpose: FilePurpose, suggestedName: string): Promise<{ path: string; id: string }> {
    const generation = this.#generation;
    const dir = await this.#freshDir();
    if (generation !== this.#generation) {
      await rm(dir, { recursive: true, force: true });
      throw discarded();
    }
    const id = randomId();
    const file = path.join(dir, sanitizeName(suggestedName, PURPOSE_EXTENSIONS[purpose]));
    this.#reservations.set(id, { dir, path: file });
    while (this.#reservations.size > MAX_RESERVATIONS) {
      const [oldest, r] = this.#reservations.entries().next().value as [string, Reservation];
      this.#reservations.delete(oldest);
      await rm(r.dir, { recursive: true, force: true });
    }
    return { path: file, id };
  }

  /** A one-time ticket to download what was written to reservation `id`. An earlier ticket for it stops working. */
  async ticket(id: string): Promise<string> {
    this.#prune();
    const reservation = this.#reservations.get(id);
    if (!reservation) throw new StagingError('files.no-such-save', 404, 'nothing is waiting to be downloaded under this name (was the vault locked?); save again');
    // Refused before a ticket exists, so that the download link does not fail for this.
    await (await this.#regularFile(reservation.path)).handle.close();
    for (const [t, ticket] of this.#tickets) if (ticket.reservation === id) this.#tickets.delete(t);
    const ticket = randomId();
    this.#tickets.set(ticket, { reservation: id, expires: this.now() + TICKET_TTL_MS });
    return ticket;
  }

  /** Redeems a ticket (it is gone from then on, whatever happens next). Null: unknown, used or expired. */
  async take(ticket: string): Promise<Download | null> {
    this.#prune();
    const t = this.#tickets.get(ticket);
    this.#tickets.delete(ticket);
    if (!t) return null;
    const reservation = this.#reservations.get(t.reservation);
    if (!reservation) return null;
    const done = async (): Promise<void> => {
      this.#reservations.delete(t.reservation);
      await rm(reservation.dir, { recursive: true, force: true });
    };
    try {
      const { handle, size } = await this.#regularFile(reservation.path);
      return { name: path.basename(reservation.path), size, stream: handle.createReadStream(), done };
    } catch (err) {
      await done();
      throw err;
    }
  }

  /** Removes every staged file and forgets every reservation and ticket. The next use starts a new folder. */
  async clear(): Promise<void> {
    const root = this.#root;
    this.#root = null;
    this.#generation++;
    this.#reservations.clear();
    this.#tickets.clear();
    this.#entries = 0;
    if (root === null) return;
    const dir = await root.catch(() => null);
    if (dir !== null) await rm(dir, { recursive: true, force: true });
  }

  async #freshDir(): Promise<string> {
    for (let attempt = 0; ; attempt++) {
      const root = (this.#root ??= makeRoot(this.parent));
      try {
        return await mkdtemp(path.join(await root, 'f-'));
      } catch (err) {
        if (this.#root === root) this.#root = null;
        // A root removed behind the server's back (a tmp cleaner) is made anew, once.
        if (attempt === 0 && errnoCode(err) === 'ENOENT') continue;
        throw ioFailure(err, 'make a staging folder in');
      }
    }
  }

  /**
   * Opens a reserved path for reading if it is a regular file inside the staging folder, never
   * through a link: the name the handler wrote must not be a way out.
   */
  async #regularFile(file: string): Promise<{ handle: FileHandle; size: number }> {
    const notWritten = (): StagingError =>
      new StagingError('files.not-written', 409, 'nothing was written to the file to download (did the export fail?)');
    const root = this.#root === null ? null : await this.#root.catch(() => null);
    let info;
    try {
      info = await lstat(file);
    } catch {
      throw notWritten();
    }
    if (!info.isFile() || root === null) throw notWritten();
    const real = await realpath(file).catch(() => null);
    const realRoot = await realpath(root).catch(() => null);
    if (real === null || realRoot === null || !real.startsWith(realRoot + path.sep)) throw notWritten();
    const handle = await open(file, constants.O_RDONLY | (constants.O_NOFOLLOW ?? 0)).catch(() => null);
    if (handle === null) throw notWritten();
    const opened = await handle.stat();
    if (!opened.isFile() || opened.ino !== info.ino || opened.dev !== info.dev) {
      await handle.close();
      throw notWritten();
    }
    return { handle, size: opened.size };
  }

  #prune(): void {
    const now = this.now();
    for (const [t, ticket] of this.#tickets) if (ticket.expires <= now) this.#tickets.delete(t);
  }
}

function discarded(): StagingError {
  return new StagingError('files.discarded', 409, 'the vault was locked meanwhile, and staged files are removed with it; unlock and choose the file again');
}

export function tooLarge(maxBytes: number): StagingError {
  return new StagingError('files.too-large', 413, `the file is larger than ${maxBytes} bytes, the most browser mode takes in one file (no bundle is larger)`);
}

async function makeRoot(parent: string): Promise<string> {
  const dir = await mkdtemp(path.join(parent, 'samizdat-staging-'));
  await chmod(dir, 0o700); // mkdtemp's mode already, whatever the umask; said again to be sure
  return dir;
}

function randomId(): string {
  return randomBytes(32).toString('hex');
}

function ioFailure(err: unknown, action: string): StagingError {
  const code = errnoCode(err) ?? '';
  const why = code === 'ENOSPC' ? 'the disk is full' : code === 'ECONNRESET' || code === 'ERR_STREAM_PREMATURE_CLOSE' ? 'the upload was interrupted' : 'a file error';
  return new StagingError('files.io', code === 'ENOSPC' ? 507 : 500, `cannot ${action} the staging folder: ${why}${code ? ` (${code})` : ''}`, { cause: err });
}

// Windows refuses these names whatever their extension; refusing them everywhere keeps one rule.
const RESERVED = /^(con|prn|aux|nul|com[0-9]|lpt[0-9])(\..*)?$/i;

/**
 * A base name that is safe in any folder of any OS: the last segment of whatever came (either
 * slash), no control or reserved characters, no leading dots (never hidden, never `..`), bounded,
 * with `extension` ensured when one is given. Never empty.
 */
export function sanitizeName(name: string, extension: string | null): string {
  const last = name.split(/[\\/]/).pop() ?? '';
  // eslint-disable-next-line no-control-regex -- control characters are exactly what must go
  let base = last.normalize('NFC').replace(/[\u0000-\u001f\u007f-\u009f<>:"|?*\u202a-\u202e\u2066-\u2069]/g, '_');
  base = base.replace(/^[.\s]+/, '').replace(/[.\s]+$/, '');
  if (RESERVED.test(base)) base = `_${base}`;
  if (extension !== null && !base.toLowerCase().endsWith(extension)) base = `${base}${extension}`;
  if (base === '' || base === extension) base = `file${extension ?? ''}`;
  return truncateUtf8(base, MAX_NAME_BYTES, extension ?? extensionOf(base));
}

function extensionOf(name: string): string {
  const dot = name.lastIndexOf('.');
  return dot > 0 && name.length - dot <= 16 ? name.slice(dot) : '';
}

/** Cuts the stem (never the extension, never inside a character) until the name fits in `max` bytes. */
function truncateUtf8(name: string, max: number, extension: string): string {
  if (Buffer.byteLength(name) <= max) return name;
  const stem = [...name.slice(0, name.length - extension.length)];
  while (stem.length > 1 && Buffer.byteLength(stem.join('') + extension) > max) stem.pop();
  return stem.join('') + extension;
}

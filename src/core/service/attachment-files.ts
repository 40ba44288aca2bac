// Files attached to a new statement, read from the disk of the person writing it (the CLI's
// --attach, the app's file dialog): their media type by extension, their SHA-256 and size read as
// a stream, and their bytes stored piece by piece. Never whole in memory: an attachment may be as
// large as LIMITS.attachmentBytes (1 GiB).
import { createHash } from 'node:crypto';
import { closeSync, fstatSync, openSync, readSync } from 'node:fs';
import { basename, extname } from 'node:path';
import { SamizdatError, quote } from '../errors.js';
import { ioError } from '../io.js';
import { LIMITS } from '../model/limits.js';
import { ATTACHMENT_CHUNK_SIZE, type VaultWriter } from '../store/types.js';

/** Media types by file extension; anything else is `application/octet-stream`. */
export const MEDIA_TYPES: Readonly<Record<string, string>> = {
  '.pdf': 'application/pdf',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.mp3': 'audio/mpeg',
  '.ogg': 'audio/ogg',
  '.opus': 'audio/opus',
  '.wav': 'audio/wav',
  '.mp4': 'video/mp4',
  '.txt': 'text/plain',
  '.md': 'text/markdown',
};

export const mediaTypeOf = (path: string): string => MEDIA_TYPES[extname(path).toLowerCase()] ?? 'application/octet-stream';

/** A file to attach, hashed: what the statement will say of it. */
export interface AttachmentFile {
  path: string;
  /** The file's base name, as the statement names the attachment. */
  name: string;
  mediaType: string;
  size: number;
  /** SHA-256 of its bytes, hex: the attachment's id. */
  sha256: string;
}

function unreadable(err: unknown, path: string): SamizdatError {
  const e = ioError('exchange', err, 'read the attachment', path);
  return new SamizdatError('exchange', 'io', 'exchange.attachment-unreadable', e.message.replace(/^exchange: /, ''), { cause: err });
}

/** Runs `fn` over the file's bytes, chunk by chunk; checks that it is a regular file within the limit. */
function readChunks(path: string, fn: (chunk: Uint8Array) => void): number {
  let fd: number;
  try {
    fd = openSync(path, 'r');
  } catch (err) {
    throw unreadable(err, path);
  }
  try {
    let st: ReturnType<typeof fstatSync>;
    try {
      st = fstatSync(fd);
    } catch (err) {
      throw unreadable(err, path);
    }
    if (!st.isFile()) throw new SamizdatError('exchange', 'usage', 'exchange.attachment-not-a-file', `cannot attach ${quote(path, 200)}: it is not a file`);
    const size = st.size;
    if (size > LIMITS.attachmentBytes) {
      throw new SamizdatError(
        'exchange',
        'input',
        'exchange.attachment-too-large',
        `cannot attach ${quote(path, 200)}: it holds ${size} bytes, more than the ${LIMITS.attachmentBytes} an attachment may have`,
      );
    }
    const buffer = Buffer.alloc(Math.min(ATTACHMENT_CHUNK_SIZE, Math.max(size, 1)));
    let total = 0;
    for (;;) {
      let n: number;
      try {
        n = readSync(fd, buffer, 0, buffer.length, null);
      } catch (err) {
        throw unreadable(err, path);
      }
      if (n === 0) break;
      total += n;
      if (total > LIMITS.attachmentBytes) {
        throw new SamizdatError('exchange', 'input', 'exchange.attachment-too-large', `cannot attach ${quote(path, 200)}: it grew past the ${LIMITS.attachmentBytes} bytes an attachment may have`);
      }
      fn(buffer.subarray(0, n));
    }
    return total;
  } finally {
    closeSync(fd);
  }
}

/** Reads a file to attach once, for its size and SHA-256. Errors: `exchange.attachment-*`, coded. */
export function attachmentFile(path: string): AttachmentFile {
  const hash = createHash('sha256');
  const size = readChunks(path, (chunk) => hash.update(chunk));
  return { path, name: basename(path), mediaType: mediaTypeOf(path), size, sha256: hash.digest('hex') };
}

/**
 * Stores a file's bytes as the attachment `file` describes, piece by piece, inside the caller's
 * transaction. A file changed since it was hashed is `vault.attachment-mismatch`, and then nothing
 * of it is kept (the transaction should be rolled back).
 */
export function storeAttachmentFile(vault: VaultWriter, file: AttachmentFile): void {
  const writer = vault.beginAttachment({ id: file.sha256, mediaType: file.mediaType, size: file.size });
  try {
    readChunks(file.path, (chunk) => writer.write(chunk));
    writer.finish();
  } catch (err) {
    writer.abort();
    throw err;
  }
}

// Node's file-system errors as typed errors, in the same words for every layer that touches files.
import { SamizdatError, quote, type ErrorLayer } from './errors.js';

const CAUSES: Record<string, string> = {
  ENOSPC: 'the disk is full',
  EDQUOT: 'the disk quota is exceeded',
  EACCES: 'permission denied',
  EPERM: 'permission denied',
  EROFS: 'the drive is read-only',
  EIO: 'an I/O error occurred (was the drive removed?)',
  ENOENT: 'no such file or folder (was the drive removed?)',
  ENOTDIR: 'a part of the path is not a folder',
  EISDIR: 'it is a folder',
  ENODEV: 'the drive is gone',
  EFBIG: 'the file is too large for this drive (or for the limit on file size)',
};

export function errnoCode(e: unknown): string | undefined {
  return typeof e === 'object' && e !== null && 'code' in e && typeof (e as { code: unknown }).code === 'string'
    ? (e as { code: string }).code
    : undefined;
}

/** A typed error (kind io, exit 5) for a failed file step, naming the path and the cause; SamizdatErrors pass through. */
export function ioError(layer: ErrorLayer, e: unknown, action: string, path: string): SamizdatError {
  if (e instanceof SamizdatError) return e;
  const code = errnoCode(e);
  const cause = (code && CAUSES[code]) ?? (e instanceof Error ? e.message : String(e));
  return new SamizdatError(layer, 'io', `${layer}.io`, `cannot ${action} ${quote(path, 200)}: ${cause}${code ? ` (${code})` : ''}`, { cause: e });
}

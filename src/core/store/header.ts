// vault.json: the small non-secret header of a vault (format, version, KDF parameters, salt).
// It is input an attacker may have edited, so it is parsed strictly.
import { lstatSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { SamizdatError, quote } from '../errors.js';
import { fromHex, toHex } from '../crypto/bytes.js';
import { KDF_SALT_LENGTH, validateKdfParams, type KdfParams } from '../crypto/kdf.js';

export const HEADER_FORMAT = 'samizdat-vault';
export const HEADER_VERSION = 1;
/** A header is a few hundred bytes; anything much larger is not one. */
export const MAX_HEADER_SIZE = 4096;

/** The header's file name in a vault folder: its presence is what makes the folder a vault. */
export const HEADER_FILE = 'vault.json';

/** Whether `dir` holds a vault (its header file). Here, not in vault.ts, so that asking loads no SQLite. */
export function vaultExists(dir: string): boolean {
  try {
    return lstatSync(join(resolve(dir), HEADER_FILE)).isFile();
  } catch {
    return false;
  }
}

export interface VaultHeader {
  format: typeof HEADER_FORMAT;
  version: typeof HEADER_VERSION;
  kdf: KdfParams;
  /** The KDF salt, lowercase hex of KDF_SALT_LENGTH bytes. */
  salt: string;
}

export function makeHeader(kdf: KdfParams, salt: Uint8Array): VaultHeader {
  return { format: HEADER_FORMAT, version: HEADER_VERSION, kdf: { ...kdf }, salt: toHex(salt) };
}

export function serializeHeader(h: VaultHeader): string {
  const { algorithm, logN, r, p } = h.kdf;
  return `${JSON.stringify({ format: h.format, version: h.version, kdf: { algorithm, logN, r, p }, salt: h.salt }, null, 2)}\n`;
}

function bad(path: string, why: string, cause?: unknown): SamizdatError {
  return new SamizdatError('vault', 'vault', 'vault.bad-header', `the vault header ${quote(path, 200)} is not valid: ${why}`, { cause });
}

const HEADER_KEYS = ['format', 'version', 'kdf', 'salt'];

/** Parses and checks the text of a header read from `path` (named in errors). */
export function parseHeader(text: string, path: string): VaultHeader {
  if (text.length > MAX_HEADER_SIZE) throw bad(path, `it holds ${text.length} characters, more than the ${MAX_HEADER_SIZE} allowed`);
  let x: unknown;
  try {
    x = JSON.parse(text);
  } catch (cause) {
    throw bad(path, 'it is not JSON', cause);
  }
  if (typeof x !== 'object' || x === null || Array.isArray(x)) throw bad(path, 'expected a JSON object');
  const o = x as Record<string, unknown>;
  for (const k of Object.keys(o)) {
    if (!HEADER_KEYS.includes(k)) throw bad(path, `unknown field ${quote(k, 40)}`);
  }
  if (o.format !== HEADER_FORMAT) {
    throw bad(path, `"format" must be "${HEADER_FORMAT}", got ${typeof o.format === 'string' ? quote(o.format, 40) : typeof o.format}`);
  }
  if (o.version !== HEADER_VERSION) {
    if (typeof o.version === 'number' && Number.isInteger(o.version) && o.version > HEADER_VERSION) {
      throw new SamizdatError(
        'vault',
        'vault',
        'vault.newer-header',
        `the vault header ${quote(path, 200)} has version ${o.version}, but this build of Samizdat knows only version ${HEADER_VERSION}; use a newer Samizdat`,
      );
    }
    throw bad(path, `"version" must be ${HEADER_VERSION}, got ${typeof o.version === 'number' ? String(o.version) : typeof o.version}`);
  }
  let kdf: KdfParams;
  try {
    kdf = validateKdfParams(o.kdf);
  } catch (cause) {
    throw bad(path, `"kdf": ${cause instanceof SamizdatError ? cause.message.replace(/^crypto: /, '') : 'invalid'}`, cause);
  }
  const kdfObject = o.kdf as Record<string, unknown>;
  for (const k of Object.keys(kdfObject)) {
    if (!['algorithm', 'logN', 'r', 'p'].includes(k)) throw bad(path, `unknown field "kdf".${quote(k, 40)}`);
  }
  if (typeof o.salt !== 'string') throw bad(path, `"salt" must be a string, got ${typeof o.salt}`);
  try {
    fromHex(o.salt, KDF_SALT_LENGTH, 'salt');
  } catch (cause) {
    throw bad(path, `"salt" must be ${KDF_SALT_LENGTH * 2} lowercase hex characters (${KDF_SALT_LENGTH} bytes)`, cause);
  }
  return { format: HEADER_FORMAT, version: HEADER_VERSION, kdf, salt: o.salt };
}

export function headerSalt(h: VaultHeader): Uint8Array {
  return fromHex(h.salt, KDF_SALT_LENGTH, 'salt');
}

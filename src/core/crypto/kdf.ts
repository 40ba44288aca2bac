// The passphrase KDF of the vault: scrypt (RFC 7914), through node:crypto.
//
// Why scrypt and not Argon2id: Node 20's crypto has no Argon2, and a native or WASM module
// would be one more thing to build, ship and audit; scrypt is memory-hard, standard (RFC 7914)
// and comes with Node, implemented by OpenSSL.
import { scrypt } from 'node:crypto';
import { SamizdatError } from '../errors.js';
import { utf8, wipe } from './bytes.js';

export type KdfPreset = 'interactive' | 'moderate' | 'sensitive';

export interface KdfParams {
  algorithm: 'scrypt';
  /** log2 of scrypt's cost parameter N. */
  logN: number;
  /** Block size. Memory is 128 * r * 2^logN bytes. */
  r: number;
  /** Parallelism. */
  p: number;
}

export const KDF_PRESETS: Record<KdfPreset, KdfParams> = {
  interactive: { algorithm: 'scrypt', logN: 15, r: 8, p: 1 }, // 32 MiB
  moderate: { algorithm: 'scrypt', logN: 17, r: 8, p: 1 }, // 128 MiB
  sensitive: { algorithm: 'scrypt', logN: 20, r: 8, p: 1 }, // 1 GiB
};

export const KDF_SALT_LENGTH = 16;
export const KDF_KEY_LENGTH = 32;

const LOG_N_MIN = 14;
const LOG_N_MAX = 22;
const R_MAX = 32;
const P_MAX = 16;
/**
 * Upper bound on scrypt's memory (128 * r * N), whatever the parameters: the parameters come
 * from a file an attacker may have edited, and logN 22 with r 32 would ask for 16 GiB.
 */
const KDF_MAX_MEMORY = 4 * 1024 ** 3;

function badParams(message: string): SamizdatError {
  return new SamizdatError('crypto', 'input', 'crypto.bad-kdf-params', `KDF parameters: ${message}`);
}

function integerIn(x: Record<string, unknown>, name: string, min: number, max: number): number {
  const v = x[name];
  if (typeof v !== 'number' || !Number.isInteger(v) || v < min || v > max) {
    throw badParams(`${name} must be an integer from ${min} to ${max}, got ${typeof v === 'number' ? String(v) : typeof v}`);
  }
  return v;
}

/**
 * Checks KDF parameters read from disk: algorithm 'scrypt', integer logN 14..22, r 1..32,
 * p 1..16, and at most 4 GiB of memory. Returns a fresh object holding exactly these fields.
 */
export function validateKdfParams(x: unknown): KdfParams {
  if (typeof x !== 'object' || x === null || Array.isArray(x)) {
    throw badParams(`expected an object, got ${x === null ? 'null' : Array.isArray(x) ? 'an array' : typeof x}`);
  }
  const o = x as Record<string, unknown>;
  if (o.algorithm !== 'scrypt') {
    throw badParams(`algorithm must be "scrypt", got ${typeof o.algorithm === 'string' ? JSON.stringify(o.algorithm.slice(0, 40)) : typeof o.algorithm}`);
  }
  const logN = integerIn(o, 'logN', LOG_N_MIN, LOG_N_MAX);
  const r = integerIn(o, 'r', 1, R_MAX);
  const p = integerIn(o, 'p', 1, P_MAX);
  if (128 * r * 2 ** logN > KDF_MAX_MEMORY) {
    throw badParams(`logN ${logN} with r ${r} needs ${(128 * r * 2 ** logN) / 1024 ** 3} GiB, more than the 4 GiB allowed`);
  }
  return { algorithm: 'scrypt', logN, r, p };
}

/**
 * Raw scrypt with explicit parameters and no range checks beyond node's own: for known-answer
 * tests and for callers that have validated their parameters. Not re-exported from index.ts.
 * @internal
 */
export function scryptRaw(password: Uint8Array, salt: Uint8Array, logN: number, r: number, p: number, keyLength: number): Promise<Uint8Array> {
  const N = 2 ** logN;
  // OpenSSL needs 128 * r * (N + p + 2) bytes; twice 128 * r * N covers it with room.
  const maxmem = 2 * 128 * r * N + 128 * r * (p + 2);
  return new Promise((resolve, reject) => {
    scrypt(password, salt, keyLength, { N, r, p, maxmem }, (err, key) => {
      if (err !== null) {
        reject(new SamizdatError('crypto', 'vault', 'crypto.kdf-failed', `scrypt failed: ${err.message}`, { cause: err }));
        return;
      }
      const out = new Uint8Array(key);
      wipe(key);
      resolve(out);
    });
  });
}

/**
 * The 32-byte key of a passphrase: scrypt over the NFC-normalised passphrase, UTF-8 encoded.
 * `params` are validated here too; `salt` must hold at least 16 bytes.
 */
export async function deriveKey(passphrase: string, salt: Uint8Array, params: KdfParams): Promise<Uint8Array> {
  if (typeof passphrase !== 'string') {
    throw new SamizdatError('crypto', 'usage', 'crypto.bad-input', `passphrase: expected a string, got ${typeof passphrase}`);
  }
  if (!(salt instanceof Uint8Array) || salt.length < KDF_SALT_LENGTH) {
    throw new SamizdatError(
      'crypto',
      'input',
      'crypto.bad-salt',
      `KDF salt: expected at least ${KDF_SALT_LENGTH} bytes, got ${salt instanceof Uint8Array ? salt.length : typeof salt}`,
    );
  }
  const { logN, r, p } = validateKdfParams(params);
  const password = utf8(passphrase.normalize('NFC'));
  try {
    return await scryptRaw(password, salt, logN, r, p, KDF_KEY_LENGTH);
  } finally {
    wipe(password);
  }
}

// Ed25519 signatures with NaCl-compatible keys; the curve work is done by node:crypto (OpenSSL).
//
// Keys are laid out as tweetnacl lays them out: a 32-byte public key, and a 64-byte secret key
// `seed || publicKey`. node:crypto takes keys as KeyObjects. A private KeyObject is built from
// the seed through the fixed PKCS#8 DER prefix (RFC 8410), in a Buffer wiped right after, so the
// seed never becomes an unwipeable JS string. Public keys go in and out as JWK instead of SPKI
// DER: measured here, node imports a JWK public key about 13 times faster than the same key as
// DER (188,000 against 14,700 a second) and exports it about 70 times faster, which matters on
// every cache miss in verify and on every sign.
//
// Verification is strict, as libsodium's: on top of what OpenSSL checks (S < L, R compared
// byte for byte with the recomputed canonical R, the key decodes to a curve point) we reject
// public keys that are non-canonical (y >= p) or of small order, and signatures whose R is of
// small order. Those checks are byte comparisons only, so they cost next to nothing against
// the curve arithmetic; public KeyObjects are cached, so a key seen before costs a Map lookup.
import { createPrivateKey, createPublicKey, sign as nodeSign, verify as nodeVerify, type KeyObject } from 'node:crypto';
import { SamizdatError } from '../errors.js';
import { constantTimeEqual, requireBytes, toHex, wipe } from './bytes.js';
import { randomBytes } from './random.js';

export const SIGNING_PUBLIC_KEY_LENGTH = 32;
export const SIGNING_SECRET_KEY_LENGTH = 64;
export const SIGNING_SEED_LENGTH = 32;
export const SIGNATURE_LENGTH = 64;

export interface SigningKeyPair {
  /** 32 bytes. */
  publicKey: Uint8Array;
  /** 64 bytes: the 32-byte seed followed by the public key, as tweetnacl. */
  secretKey: Uint8Array;
}

/** PKCS#8 DER prefix for an Ed25519 private key (RFC 8410): version 0, the OID, OCTET STRING { OCTET STRING seed }. */
const PKCS8_PREFIX = Buffer.from('302e020100300506032b657004220420', 'hex');

/**
 * Encodings of the points of small order (the 8-torsion), with the sign bit of byte 31 ignored,
 * as in libsodium's blocklist: y = 0 (order 4), y = 1 (order 1), the two y of the points of
 * order 8, y = p - 1 (order 2), and the non-canonical y = p (= 0) and y = p + 1 (= 1).
 */
const SMALL_ORDER_ENCODINGS: readonly Uint8Array[] = [
  '0000000000000000000000000000000000000000000000000000000000000000',
  '0100000000000000000000000000000000000000000000000000000000000000',
  '26e8958fc2b227b045c3f489f2ef98f0d5dfac05d3c63339b13802886d53fc05',
  'c7176a703d4dd84fba3c0b760d10670f2a2053fa2c39ccc64ec7fd7792ac037a',
  'ecffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f',
  'edffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f',
  'eeffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f',
].map((h) => new Uint8Array(Buffer.from(h, 'hex')));

/** The group order L = 2^252 + 27742317777372353535851937790883648493, little-endian. */
const L_BYTES = new Uint8Array(Buffer.from('edd3f55c1a631258d69cf7a2def9de1400000000000000000000000000000010', 'hex'));

/** Whether the 32-byte point encoding at `offset` is one of the small-order encodings (sign bit ignored). */
function hasSmallOrder(b: Uint8Array, offset: number): boolean {
  outer: for (const bad of SMALL_ORDER_ENCODINGS) {
    if (b[offset] !== bad[0]) continue;
    for (let i = 1; i < 31; i++) if (b[offset + i] !== bad[i]) continue outer;
    if (((b[offset + 31] as number) & 0x7f) === bad[31]) return true;
  }
  return false;
}

/** Whether the 32-byte encoding at `offset` has y < p = 2^255 - 19 (sign bit ignored). */
function isCanonicalY(b: Uint8Array, offset: number): boolean {
  if (((b[offset + 31] as number) & 0x7f) !== 0x7f) return true;
  for (let i = 30; i > 0; i--) if (b[offset + i] !== 0xff) return true;
  return (b[offset] as number) < 0xed;
}

/** Whether the 32-byte little-endian scalar at `offset` is < L, compared bytewise from the top. */
function isCanonicalScalar(b: Uint8Array, offset: number): boolean {
  for (let i = 31; i >= 0; i--) {
    const x = b[offset + i] as number;
    const l = L_BYTES[i] as number;
    if (x < l) return true;
    if (x > l) return false;
  }
  return false; // S == L
}

// --- decoding check (not on the hot path: used for keys entering the system) ---

const P = (1n << 255n) - 19n;
const D = (((-121665n * modPow(121666n, P - 2n)) % P) + P) % P;

function modPow(base: bigint, exp: bigint): bigint {
  let result = 1n;
  let b = ((base % P) + P) % P;
  let e = exp;
  while (e > 0n) {
    if (e & 1n) result = (result * b) % P;
    b = (b * b) % P;
    e >>= 1n;
  }
  return result;
}

/** Whether a canonical 32-byte encoding decodes to a point of the curve (RFC 8032, 5.1.3). */
function decodesToPoint(pk: Uint8Array): boolean {
  let y = 0n;
  for (let i = 31; i >= 0; i--) y = (y << 8n) | BigInt(i === 31 ? (pk[i] as number) & 0x7f : (pk[i] as number));
  const signBit = ((pk[31] as number) >> 7) & 1;
  const y2 = (y * y) % P;
  const u = (y2 - 1n + P) % P;
  const v = (D * y2 + 1n) % P;
  // x^2 = u / v has a solution iff u / v is zero or a quadratic residue (Euler's criterion).
  const x2 = (u * modPow(v, P - 2n)) % P;
  if (x2 === 0n) return signBit === 0; // x = 0 has no negative: sign bit 1 is not a valid encoding
  return modPow(x2, (P - 1n) / 2n) === 1n;
}

/**
 * Whether `pk` is acceptable as a member's signing key: 32 bytes, a canonical encoding
 * (y < p) of a point of the curve, not of small order.
 */
export function isValidSigningPublicKey(pk: Uint8Array): boolean {
  if (!(pk instanceof Uint8Array) || pk.length !== SIGNING_PUBLIC_KEY_LENGTH) return false;
  if (!isCanonicalY(pk, 0) || hasSmallOrder(pk, 0)) return false;
  return decodesToPoint(pk);
}

// --- KeyObjects ---

const PUBLIC_KEY_CACHE_LIMIT = 10_000;
/** Public KeyObjects by hex key, oldest first. Only keys that passed the canonical and small-order checks enter. */
const publicKeyCache = new Map<string, KeyObject>();

/** The KeyObject for `pk`, or null when `pk` is non-canonical or of small order. */
function publicKeyObject(pk: Uint8Array): KeyObject | null {
  const hex = toHex(pk);
  const cached = publicKeyCache.get(hex);
  if (cached !== undefined) return cached;
  if (!isCanonicalY(pk, 0) || hasSmallOrder(pk, 0)) return null;
  const x = Buffer.from(pk.buffer, pk.byteOffset, pk.byteLength).toString('base64url');
  const key = createPublicKey({ key: { kty: 'OKP', crv: 'Ed25519', x }, format: 'jwk' });
  if (publicKeyCache.size >= PUBLIC_KEY_CACHE_LIMIT) {
    const oldest = publicKeyCache.keys().next();
    if (oldest.done !== true) publicKeyCache.delete(oldest.value);
  }
  publicKeyCache.set(hex, key);
  return key;
}

/** A private KeyObject for a 32-byte seed; the DER buffer holding the seed is wiped afterwards. */
function privateKeyObject(seed: Uint8Array): KeyObject {
  const der = Buffer.alloc(PKCS8_PREFIX.length + SIGNING_SEED_LENGTH);
  try {
    PKCS8_PREFIX.copy(der, 0);
    der.set(seed, PKCS8_PREFIX.length);
    return createPrivateKey({ key: der, format: 'der', type: 'pkcs8' });
  } finally {
    wipe(der);
  }
}

/** The raw 32-byte public key of a private KeyObject (exported as JWK: public only, no seed). */
function rawPublicKey(privateKey: KeyObject): Uint8Array {
  const { x } = createPublicKey(privateKey).export({ format: 'jwk' });
  const raw = typeof x === 'string' ? Buffer.from(x, 'base64url') : Buffer.alloc(0);
  if (raw.length !== SIGNING_PUBLIC_KEY_LENGTH) {
    throw new SamizdatError('crypto', 'input', 'crypto.internal', 'unexpected Ed25519 public key encoding from node:crypto');
  }
  return new Uint8Array(raw);
}

// --- keys ---

/** The key pair of a 32-byte seed (the same as tweetnacl's `nacl.sign.keyPair.fromSeed`). */
export function signingKeyPairFromSeed(seed: Uint8Array): SigningKeyPair {
  requireBytes(seed, SIGNING_SEED_LENGTH, 'Ed25519 seed');
  const publicKey = rawPublicKey(privateKeyObject(seed));
  const secretKey = new Uint8Array(SIGNING_SECRET_KEY_LENGTH);
  secretKey.set(seed, 0);
  secretKey.set(publicKey, SIGNING_SEED_LENGTH);
  return { publicKey, secretKey };
}

/** A new random key pair. */
export function generateSigningKeyPair(): SigningKeyPair {
  const seed = randomBytes(SIGNING_SEED_LENGTH);
  try {
    return signingKeyPairFromSeed(seed);
  } finally {
    wipe(seed);
  }
}

// --- sign and verify ---

/**
 * Private KeyObjects already built and checked, by the secret-key array they came from: building
 * one from PKCS#8 costs ~0.3 ms, ten times the signature. Weak, so a dropped key is not kept; the
 * public half is compared on every use, so a wiped or altered array is never signed with.
 */
const checkedPrivateKeys = new WeakMap<Uint8Array, { key: KeyObject; publicKey: Uint8Array }>();

/**
 * The 64-byte Ed25519 signature of `message` (byte-identical to `nacl.sign.detached`).
 * Throws when the public half of `secretKey` is not the public key of its seed: a key
 * mangled on disk must not produce signatures under a key it does not hold.
 */
export function sign(message: Uint8Array, secretKey: Uint8Array): Uint8Array {
  requireBytes(secretKey, SIGNING_SECRET_KEY_LENGTH, 'Ed25519 secret key');
  if (!(message instanceof Uint8Array)) {
    throw new SamizdatError('crypto', 'usage', 'crypto.bad-input', `message to sign: expected bytes, got ${typeof message}`);
  }
  const cached = checkedPrivateKeys.get(secretKey);
  if (cached && constantTimeEqual(cached.publicKey, secretKey.subarray(SIGNING_SEED_LENGTH))) {
    return new Uint8Array(nodeSign(null, message, cached.key));
  }
  const privateKey = privateKeyObject(secretKey.subarray(0, SIGNING_SEED_LENGTH));
  const derived = rawPublicKey(privateKey);
  checkedPrivateKeys.set(secretKey, { key: privateKey, publicKey: derived });
  if (!constantTimeEqual(derived, secretKey.subarray(SIGNING_SEED_LENGTH))) {
    checkedPrivateKeys.delete(secretKey);
    throw new SamizdatError(
      'crypto',
      'input',
      'crypto.key-mismatch',
      'Ed25519 secret key is inconsistent: its public half is not the public key of its seed',
    );
  }
  return new Uint8Array(nodeSign(null, message, privateKey));
}

/**
 * Every check of `verify` that is a byte comparison (types, lengths, S < L, R and the key not of
 * small order, the key canonical): what remains is the curve arithmetic of node:crypto. The
 * verification pool runs these on the main thread and only the arithmetic on its workers.
 */
export function passesStrictByteChecks(message: unknown, signature: unknown, publicKey: unknown): boolean {
  if (!(message instanceof Uint8Array) || !(signature instanceof Uint8Array) || !(publicKey instanceof Uint8Array)) return false;
  if (signature.length !== SIGNATURE_LENGTH || publicKey.length !== SIGNING_PUBLIC_KEY_LENGTH) return false;
  if (!isCanonicalScalar(signature, 32) || hasSmallOrder(signature, 0)) return false;
  return isCanonicalY(publicKey, 0) && !hasSmallOrder(publicKey, 0);
}

/**
 * Strict Ed25519 verification. Never throws: anything malformed (wrong types or lengths, a
 * non-canonical or small-order key, S >= L, R of small order) is simply false.
 */
export function verify(message: Uint8Array, signature: Uint8Array, publicKey: Uint8Array): boolean {
  try {
    if (!passesStrictByteChecks(message, signature, publicKey)) return false;
    const key = publicKeyObject(publicKey);
    if (key === null) return false;
    return nodeVerify(null, message, key, signature);
  } catch {
    return false;
  }
}

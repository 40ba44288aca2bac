// Curve25519 box and XSalsa20-Poly1305 secretbox, through tweetnacl (node:crypto has neither).
//
// A "not for this key, or tampered" outcome is `null`, distinct from a thrown error (bad
// lengths, a low-order peer key).
import nacl from 'tweetnacl';
import { SamizdatError } from '../errors.js';
import { requireBytes, wipe } from './bytes.js';

export const BOX_PUBLIC_KEY_LENGTH = 32;
export const BOX_SECRET_KEY_LENGTH = 32;
export const BOX_NONCE_LENGTH = 24;
export const SECRETBOX_KEY_LENGTH = 32;
export const SECRETBOX_NONCE_LENGTH = 24;
/** Bytes a box or secretbox adds to its message (the Poly1305 tag). */
export const BOX_OVERHEAD = 16;

export interface BoxKeyPair {
  /** 32 bytes. */
  publicKey: Uint8Array;
  /** 32 bytes. */
  secretKey: Uint8Array;
}

// tweetnacl's typings omit `lowlevel`; HSalsa20 is what turns an X25519 shared secret into the box key.
const lowlevel = (
  nacl as unknown as {
    lowlevel?: { crypto_core_hsalsa20?: (out: Uint8Array, inp: Uint8Array, k: Uint8Array, c: Uint8Array) => number };
  }
).lowlevel;
const hsalsa20 = lowlevel?.crypto_core_hsalsa20;
if (typeof hsalsa20 !== 'function') throw new Error('crypto: tweetnacl lacks lowlevel.crypto_core_hsalsa20');
const SIGMA = new TextEncoder().encode('expand 32-byte k');
const ZERO16 = new Uint8Array(16);

function requireMessage(b: unknown, what: string): asserts b is Uint8Array {
  if (!(b instanceof Uint8Array)) {
    throw new SamizdatError('crypto', 'usage', 'crypto.bad-input', `${what}: expected bytes, got ${typeof b}`);
  }
}

/** A new random key pair. */
export function generateBoxKeyPair(): BoxKeyPair {
  const kp = nacl.box.keyPair();
  return { publicKey: kp.publicKey, secretKey: kp.secretKey };
}

/** The key pair of a 32-byte secret key. */
export function boxKeyPairFromSecretKey(secretKey: Uint8Array): BoxKeyPair {
  requireBytes(secretKey, BOX_SECRET_KEY_LENGTH, 'X25519 secret key');
  const kp = nacl.box.keyPair.fromSecretKey(secretKey);
  return { publicKey: kp.publicKey, secretKey: kp.secretKey };
}

/**
 * X25519 (`nacl.scalarMult`). Throws `crypto.low-order-point` when the result is all zeros,
 * i.e. the peer's key is of low order and the "shared" secret would be known to anyone.
 */
export function x25519(secretKey: Uint8Array, publicKey: Uint8Array): Uint8Array {
  requireBytes(secretKey, BOX_SECRET_KEY_LENGTH, 'X25519 secret key');
  requireBytes(publicKey, BOX_PUBLIC_KEY_LENGTH, 'X25519 public key');
  const shared = nacl.scalarMult(secretKey, publicKey);
  let acc = 0;
  for (let i = 0; i < shared.length; i++) acc |= shared[i] as number;
  if (acc === 0) {
    throw new SamizdatError(
      'crypto',
      'input',
      'crypto.low-order-point',
      'X25519 public key is of low order: the shared secret would be all zeros',
    );
  }
  return shared;
}

/** The box key of a key pair: HSalsa20(X25519(sk, pk)), as `nacl.box.before`, but low-order keys refused. */
function boxKey(theirPublicKey: Uint8Array, mySecretKey: Uint8Array): Uint8Array {
  const shared = x25519(mySecretKey, theirPublicKey);
  const k = new Uint8Array(32);
  (hsalsa20 as NonNullable<typeof hsalsa20>)(k, ZERO16, shared, SIGMA);
  wipe(shared);
  return k;
}

/**
 * Public-key authenticated encryption (`nacl.box`). Throws on bad lengths and on a low-order
 * peer key.
 */
export function box(message: Uint8Array, nonce: Uint8Array, theirPublicKey: Uint8Array, mySecretKey: Uint8Array): Uint8Array {
  requireMessage(message, 'box message');
  requireBytes(nonce, BOX_NONCE_LENGTH, 'box nonce');
  const k = boxKey(theirPublicKey, mySecretKey);
  try {
    return nacl.secretbox(message, nonce, k);
  } finally {
    wipe(k);
  }
}

/**
 * Opens a box (`nacl.box.open`): the message, or null when the box was not made for this key
 * pair or was altered. Throws on bad key or nonce lengths and on a low-order peer key.
 */
export function boxOpen(ciphertext: Uint8Array, nonce: Uint8Array, theirPublicKey: Uint8Array, mySecretKey: Uint8Array): Uint8Array | null {
  requireMessage(ciphertext, 'box ciphertext');
  requireBytes(nonce, BOX_NONCE_LENGTH, 'box nonce');
  const k = boxKey(theirPublicKey, mySecretKey);
  try {
    if (ciphertext.length < BOX_OVERHEAD) return null;
    return nacl.secretbox.open(ciphertext, nonce, k);
  } finally {
    wipe(k);
  }
}

/** Secret-key authenticated encryption (`nacl.secretbox`, XSalsa20-Poly1305). */
export function secretbox(message: Uint8Array, nonce: Uint8Array, key: Uint8Array): Uint8Array {
  requireMessage(message, 'secretbox message');
  requireBytes(nonce, SECRETBOX_NONCE_LENGTH, 'secretbox nonce');
  requireBytes(key, SECRETBOX_KEY_LENGTH, 'secretbox key');
  return nacl.secretbox(message, nonce, key);
}

/** Opens a secretbox: the message, or null for a wrong key or an altered ciphertext. Throws on bad lengths. */
export function secretboxOpen(ciphertext: Uint8Array, nonce: Uint8Array, key: Uint8Array): Uint8Array | null {
  requireMessage(ciphertext, 'secretbox ciphertext');
  requireBytes(nonce, SECRETBOX_NONCE_LENGTH, 'secretbox nonce');
  requireBytes(key, SECRETBOX_KEY_LENGTH, 'secretbox key');
  if (ciphertext.length < BOX_OVERHEAD) return null;
  return nacl.secretbox.open(ciphertext, nonce, key);
}

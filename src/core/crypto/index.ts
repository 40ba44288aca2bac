// The crypto layer: the only place in Samizdat that touches primitives.
export { toHex, fromHex, concatBytes, utf8, fromUtf8, constantTimeEqual, wipe, requireBytes } from './bytes.js';
export { sha256, sha256Hex, sha512 } from './hash.js';
export { randomBytes } from './random.js';
export {
  type SigningKeyPair,
  SIGNING_PUBLIC_KEY_LENGTH,
  SIGNING_SECRET_KEY_LENGTH,
  SIGNING_SEED_LENGTH,
  SIGNATURE_LENGTH,
  generateSigningKeyPair,
  signingKeyPairFromSeed,
  sign,
  verify,
  isValidSigningPublicKey,
} from './ed25519.js';
export {
  type BoxKeyPair,
  BOX_PUBLIC_KEY_LENGTH,
  BOX_SECRET_KEY_LENGTH,
  BOX_NONCE_LENGTH,
  BOX_OVERHEAD,
  SECRETBOX_KEY_LENGTH,
  SECRETBOX_NONCE_LENGTH,
  generateBoxKeyPair,
  boxKeyPairFromSecretKey,
  box,
  boxOpen,
  secretbox,
  secretboxOpen,
  x25519,
} from './box.js';
export { type KdfPreset, type KdfParams, KDF_PRESETS, KDF_SALT_LENGTH, KDF_KEY_LENGTH, validateKdfParams, deriveKey } from './kdf.js';
export { SAFETY_NUMBER_DIGITS, SAFETY_NUMBER_ITERATIONS, safetyNumber, parseSafetyNumber, safetyNumberMatches } from './fingerprint.js';

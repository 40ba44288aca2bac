// OpenBSD signify's files (docs/FORMAT.md, "Exported text for readers without Samizdat"): the public
// key file, which minisign reads as well, and the detached signature `FILE.sig`, pure Ed25519 over
// the file's bytes. Each file is two lines, `untrusted comment: ...` and base64 of
// `"Ed" || keynum (8 bytes) || key or signature`, each ending with LF.
import { concatBytes, constantTimeEqual, toHex, utf8 } from '../crypto/bytes.js';
import { sha256 } from '../crypto/hash.js';
import { sign, verify, SIGNATURE_LENGTH, SIGNING_PUBLIC_KEY_LENGTH } from '../crypto/ed25519.js';
import { SamizdatError, quote } from '../errors.js';

export const COMMENT_HEADER = 'untrusted comment: ';
/** signify's `pkalg`, minisign's `sig_alg` of a public key and of a legacy signature. */
export const ALG_ED25519 = 'Ed';
export const KEYID_LENGTH = 8;
/** Longest untrusted comment, in bytes: signify and minisign both read a comment line into 1024 bytes. */
export const MAX_COMMENT_BYTES = 1000;

const B64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;

function bad(what: string, why: string): SamizdatError {
  return new SamizdatError('interop', 'input', 'interop.bad-key-file', `${what}: ${why}`);
}

export const encodeBase64 = (b: Uint8Array): string => Buffer.from(b.buffer, b.byteOffset, b.byteLength).toString('base64');

/** Strict standard base64 with padding (Buffer's own decoder skips what it does not understand). */
export function decodeBase64(s: string, what: string): Uint8Array {
  if (!B64.test(s)) throw bad(what, 'the second line is not base64');
  return new Uint8Array(Buffer.from(s, 'base64'));
}

/** The key id: the first 8 bytes of SHA-256 of the 32-byte Ed25519 public key. */
export function keyId(publicKey: Uint8Array): Uint8Array {
  if (publicKey.length !== SIGNING_PUBLIC_KEY_LENGTH) throw bad('public key', `expected ${SIGNING_PUBLIC_KEY_LENGTH} bytes, got ${publicKey.length}`);
  return sha256(publicKey).subarray(0, KEYID_LENGTH);
}

export const keyIdHex = (publicKey: Uint8Array): string => toHex(keyId(publicKey));

/** An `untrusted comment: ` line, checked: one line, no 0x00, short enough for both tools. */
export function commentLine(comment: string, header = COMMENT_HEADER): string {
  if (comment.length === 0 || /[\n\r]/.test(comment) || comment.includes('\u0000')) throw bad('comment', `must be one non-empty line: ${quote(comment)}`);
  if (utf8(comment).length > MAX_COMMENT_BYTES) throw bad('comment', `longer than ${MAX_COMMENT_BYTES} bytes`);
  return `${header}${comment}\n`;
}

/** Two lines: the comment, and base64 of `data`. */
export const b64File = (comment: string, data: Uint8Array): string => `${commentLine(comment)}${encodeBase64(data)}\n`;

/** The public key file: `untrusted comment: samizdat public key KEYID` and base64("Ed" || keyid || key). */
export function publicKeyFile(publicKey: Uint8Array): string {
  return b64File(`samizdat public key ${keyIdHex(publicKey)}`, concatBytes(utf8(ALG_ED25519), keyId(publicKey), publicKey));
}

/** The lines of a file of our own making: exactly `count` lines, each ending with LF. */
export function fileLines(text: string, count: number, what: string): string[] {
  const lines = text.split('\n');
  if (lines.length !== count + 1 || lines[count] !== '') throw bad(what, `expected exactly ${count} lines, each ending with a line feed`);
  return lines.slice(0, count);
}

/** The comment and decoded bytes of a two-line file, with its algorithm tag checked. */
function parseB64File(text: string, what: string, length: number, algs: readonly string[]): { comment: string; alg: string; keyid: Uint8Array; payload: Uint8Array } {
  const [comment = '', b64 = ''] = fileLines(text, 2, what);
  if (!comment.startsWith(COMMENT_HEADER) || comment.length === COMMENT_HEADER.length) throw bad(what, `the first line must start with "${COMMENT_HEADER}"`);
  const data = decodeBase64(b64, what);
  if (data.length !== 2 + KEYID_LENGTH + length) throw bad(what, `expected ${2 + KEYID_LENGTH + length} bytes, got ${data.length}`);
  const alg = String.fromCharCode(data[0] as number, data[1] as number);
  if (!algs.includes(alg)) throw bad(what, `unsupported algorithm ${quote(alg)}`);
  return { comment: comment.slice(COMMENT_HEADER.length), alg, keyid: data.subarray(2, 2 + KEYID_LENGTH), payload: data.subarray(2 + KEYID_LENGTH) };
}

export interface ParsedPublicKey {
  comment: string;
  keyid: Uint8Array;
  publicKey: Uint8Array;
}

export function parsePublicKeyFile(text: string): ParsedPublicKey {
  const { comment, keyid, payload } = parseB64File(text, 'public key file', SIGNING_PUBLIC_KEY_LENGTH, [ALG_ED25519]);
  return { comment, keyid, publicKey: payload };
}

export interface SigningKeys {
  publicKey: Uint8Array;
  /** 64 bytes, NaCl layout: seed || public key. */
  secretKey: Uint8Array;
}

/** Check that `keys.publicKey` is the public half of `keys.secretKey`, so the key id names the key that signs. */
export function requireMatchingKeys(keys: SigningKeys): void {
  if (!constantTimeEqual(keys.secretKey.subarray(32), keys.publicKey)) {
    throw new SamizdatError('interop', 'usage', 'interop.key-mismatch', 'the public key given is not the public half of the secret key');
  }
}

/** `FILE.sig`: `untrusted comment: verify with KEYID.pub` and base64("Ed" || keyid || Ed25519(message)). */
export function signifySignature(message: Uint8Array, keys: SigningKeys): string {
  requireMatchingKeys(keys);
  const keyid = keyId(keys.publicKey);
  const signature = sign(message, keys.secretKey);
  return b64File(`verify with ${toHex(keyid)}.pub`, concatBytes(utf8(ALG_ED25519), keyid, signature));
}

export interface ParsedSignifySignature {
  comment: string;
  keyid: Uint8Array;
  signature: Uint8Array;
}

export function parseSignifySignature(text: string): ParsedSignifySignature {
  const { comment, keyid, payload } = parseB64File(text, 'signify signature file', SIGNATURE_LENGTH, [ALG_ED25519]);
  return { comment, keyid, signature: payload };
}

/**
 * Whether `sigFile` is a valid signify signature of `message` by the key in `pubFile`, as
 * `signify -V` decides it: same key id, Ed25519 over the message bytes. Malformed files throw.
 */
export function verifySignify(message: Uint8Array, sigFile: string, pubFile: string): boolean {
  const key = parsePublicKeyFile(pubFile);
  const sig = parseSignifySignature(sigFile);
  if (!constantTimeEqual(key.keyid, sig.keyid)) return false;
  return verify(message, sig.signature, key.publicKey);
}

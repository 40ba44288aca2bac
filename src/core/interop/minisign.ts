// minisign's detached signature `FILE.minisig`, prehashed (docs/FORMAT.md, "Exported text for
// readers without Samizdat"): four lines, each ending with LF:
//   untrusted comment: verify with KEYID.pub
//   base64("ED" || keyid || Ed25519(BLAKE2b-512(file)))
//   trusted comment: TEXT
//   base64(Ed25519(signature || TEXT))          the "global signature", over the comment too
// The public key file is signify's (signify.ts): minisign reads the same two lines.
import { blake2b512 } from '../crypto/hash.js';
import { concatBytes, constantTimeEqual, toHex, utf8 } from '../crypto/bytes.js';
import { sign, verify, SIGNATURE_LENGTH } from '../crypto/ed25519.js';
import { SamizdatError, quote } from '../errors.js';
import { ALG_ED25519, KEYID_LENGTH, commentLine, decodeBase64, encodeBase64, fileLines, keyId, parsePublicKeyFile, requireMatchingKeys, type SigningKeys } from './signify.js';

/** minisign's `sig_alg` for a signature over the BLAKE2b-512 hash of the file. */
export const ALG_PREHASHED = 'ED';
export const TRUSTED_COMMENT_HEADER = 'trusted comment: ';
/** Longest trusted comment, in bytes: minisign reads the line into 8,192 bytes. */
export const MAX_TRUSTED_COMMENT_BYTES = 8000;

export { blake2b512 };

function bad(why: string): SamizdatError {
  return new SamizdatError('interop', 'input', 'interop.bad-signature-file', `minisign signature file: ${why}`);
}

/** Checks a trusted comment: one line, no 0x00, short enough for minisign; returns its bytes. */
export function trustedCommentBytes(comment: string): Uint8Array {
  if (comment.length === 0 || /[\n\r]/.test(comment) || comment.includes('\u0000')) {
    throw new SamizdatError('interop', 'usage', 'interop.bad-comment', `a trusted comment must be one non-empty line without U+0000: ${quote(comment)}`);
  }
  const bytes = utf8(comment);
  if (bytes.length > MAX_TRUSTED_COMMENT_BYTES) {
    throw new SamizdatError('interop', 'usage', 'interop.bad-comment', `the trusted comment is ${bytes.length} bytes, more than the ${MAX_TRUSTED_COMMENT_BYTES} minisign reads`);
  }
  return bytes;
}

/** `FILE.minisig` for `message`, prehashed, with the trusted comment given. */
export function minisignSignature(message: Uint8Array, keys: SigningKeys, trustedComment: string): string {
  requireMatchingKeys(keys);
  const comment = trustedCommentBytes(trustedComment);
  const keyid = keyId(keys.publicKey);
  const signature = sign(blake2b512(message), keys.secretKey);
  const global = sign(concatBytes(signature, comment), keys.secretKey);
  return [
    commentLine(`verify with ${toHex(keyid)}.pub`),
    `${encodeBase64(concatBytes(utf8(ALG_PREHASHED), keyid, signature))}\n`,
    commentLine(trustedComment, TRUSTED_COMMENT_HEADER),
    `${encodeBase64(global)}\n`,
  ].join('');
}

export interface ParsedMinisignSignature {
  untrustedComment: string;
  /** `ED` (prehashed) or `Ed` (legacy: over the file itself). */
  alg: string;
  keyid: Uint8Array;
  signature: Uint8Array;
  trustedComment: string;
  globalSignature: Uint8Array;
}

export function parseMinisignSignature(text: string): ParsedMinisignSignature {
  const [untrusted = '', sigLine = '', trusted = '', globalLine = ''] = fileLines(text, 4, 'minisign signature file');
  if (!untrusted.startsWith('untrusted comment: ')) throw bad('the first line must start with "untrusted comment: "');
  if (!trusted.startsWith(TRUSTED_COMMENT_HEADER)) throw bad(`the third line must start with "${TRUSTED_COMMENT_HEADER}"`);
  const data = decodeBase64(sigLine, 'minisign signature file');
  if (data.length !== 2 + KEYID_LENGTH + SIGNATURE_LENGTH) throw bad(`expected ${2 + KEYID_LENGTH + SIGNATURE_LENGTH} bytes on the second line, got ${data.length}`);
  const alg = String.fromCharCode(data[0] as number, data[1] as number);
  if (alg !== ALG_PREHASHED && alg !== ALG_ED25519) throw bad(`unsupported algorithm ${quote(alg)}`);
  const globalSignature = decodeBase64(globalLine, 'minisign signature file');
  if (globalSignature.length !== SIGNATURE_LENGTH) throw bad(`expected ${SIGNATURE_LENGTH} bytes on the fourth line, got ${globalSignature.length}`);
  return {
    untrustedComment: untrusted.slice('untrusted comment: '.length),
    alg,
    keyid: data.subarray(2, 2 + KEYID_LENGTH),
    signature: data.subarray(2 + KEYID_LENGTH),
    trustedComment: trusted.slice(TRUSTED_COMMENT_HEADER.length),
    globalSignature,
  };
}

/**
 * The trusted comment when `sigFile` is a valid minisign signature of `message` by the key in
 * `pubFile` (same key id, the signature and the global signature both valid), else null, as
 * `minisign -V` decides it. Malformed files throw.
 */
export function verifyMinisign(message: Uint8Array, sigFile: string, pubFile: string): { trustedComment: string } | null {
  const key = parsePublicKeyFile(pubFile);
  const sig = parseMinisignSignature(sigFile);
  if (!constantTimeEqual(key.keyid, sig.keyid)) return null;
  const signed = sig.alg === ALG_PREHASHED ? blake2b512(message) : message;
  if (!verify(signed, sig.signature, key.publicKey)) return null;
  if (!verify(concatBytes(sig.signature, utf8(sig.trustedComment)), sig.globalSignature, key.publicKey)) return null;
  return { trustedComment: sig.trustedComment };
}

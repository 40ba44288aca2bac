// Ids, signing messages and decoding of the signed objects (docs/FORMAT.md, "Ids" and "Signatures").
import { sha256Hex } from '../crypto/hash.js';
import { concatBytes, utf8 } from '../crypto/bytes.js';
import { SamizdatError } from '../errors.js';
import { canonicalBytes, parseCanonical } from './canonical.js';
import { validateObject } from './validate.js';
import type { ChainLink, SignedObject, StatementSignature } from './types.js';

/** The kinds of signed message; each has its own domain-separation prefix. */
export type SignatureKind = 'link' | 'signature' | 'member-card';

const PREFIXES: Record<SignatureKind, Uint8Array> = {
  link: utf8('samizdat/v1/link\u0000'),
  signature: utf8('samizdat/v1/signature\u0000'),
  'member-card': utf8('samizdat/v1/member-card\u0000'),
};

/** A link without its `signatures` member: what its id names and its signers sign. */
export function linkBody(link: ChainLink): Omit<ChainLink, 'signatures'> {
  const { signatures: _signatures, ...body } = link;
  return body;
}

/** A statement signature without its `sig` member: what the signer signs. */
export function signatureBody(sig: StatementSignature): Omit<StatementSignature, 'sig'> {
  const { sig: _sig, ...body } = sig;
  return body;
}

/** The canonical bytes an object's id is the SHA-256 of. */
export function idBytes(obj: SignedObject): Uint8Array {
  return canonicalBytes(obj.type === 'link' ? linkBody(obj) : obj);
}

export function objectId(obj: SignedObject): string {
  return sha256Hex(idBytes(obj));
}

/** `"samizdat/v1/<kind>" || 0x00 || canonical bytes of the body`. */
export function signingMessage(kind: SignatureKind, body: unknown): Uint8Array {
  return concatBytes(PREFIXES[kind], canonicalBytes(body));
}

export function linkSigningMessage(link: ChainLink): Uint8Array {
  return signingMessage('link', linkBody(link));
}

export function statementSigningMessage(sig: StatementSignature): Uint8Array {
  return signingMessage('signature', signatureBody(sig));
}

/** What comes before a signature's hex in its canonical bytes. */
const SIG_MEMBER = utf8(',"sig":"');
const LOWER_HEX = /^[0-9a-f]+$/;
const QUOTE = 0x22;

/**
 * The same message as statementSigningMessage(sig), from `canonical`, the canonical bytes of `sig`
 * (as a reader has them, checked canonical and valid): JCS writes an object's members sorted and
 * each on its own, so the body's canonical bytes are those bytes without the member `"sig":"<hex>"`
 * and the comma before it (`group` always sorts first). The member is found by its bytes: the only
 * `,"sig":"` of the bytes, followed by the signature's own hex and a quote. It can occur nowhere
 * else (every other value is hex or a role, and a name or a value of the object never holds a
 * quote); where it does not occur exactly so, the body is serialised anew. The hex is compared as
 * a string only once it is known to be lowercase hex, whose bytes are its characters.
 */
export function statementSigningMessageOf(sig: StatementSignature, canonical: Uint8Array): Uint8Array {
  const bytes = Buffer.from(canonical.buffer, canonical.byteOffset, canonical.byteLength);
  const at = bytes.indexOf(SIG_MEMBER);
  const hexAt = at + SIG_MEMBER.length;
  const end = hexAt + sig.sig.length; // the closing quote
  const found =
    at >= 0 &&
    LOWER_HEX.test(sig.sig) &&
    bytes[end] === QUOTE &&
    bytes.toString('latin1', hexAt, end) === sig.sig &&
    bytes.indexOf(SIG_MEMBER, at + 1) < 0;
  if (!found) return statementSigningMessage(sig);
  return concatBytes(PREFIXES.signature, canonical.subarray(0, at), canonical.subarray(end + 1));
}

/** Decode bytes that must be one canonical, valid object; a refusal names the docs/FORMAT.md rule broken. */
export function decodeObject(bytes: Uint8Array, what = 'object'): SignedObject {
  return validateObject(parseCanonical(bytes, what), what);
}

/**
 * Check bytes presented as an attachment against its reference in a statement: their SHA-256 must
 * be `id` and their length `size` (R-ATTACHMENT-MISMATCH).
 */
export function checkAttachment(ref: { id: string; size: number }, bytes: Uint8Array, what = 'attachment'): void {
  if (bytes.length !== ref.size) {
    throw new SamizdatError('model', 'input', 'model.attachment-mismatch', `${what} is ${bytes.length} bytes, but its reference says ${ref.size}`, {
      rule: 'R-ATTACHMENT-MISMATCH',
    });
  }
  const id = sha256Hex(bytes);
  if (id !== ref.id) {
    throw new SamizdatError('model', 'input', 'model.attachment-mismatch', `${what} has SHA-256 ${id}, but its reference says ${ref.id}`, {
      rule: 'R-ATTACHMENT-MISMATCH',
    });
  }
}

// Byte helpers shared by the crypto layer: strict hex, strict UTF-8, constant-time comparison, wiping.
import { timingSafeEqual } from 'node:crypto';
import { SamizdatError } from '../errors.js';

const HEX_LOWER = /^[0-9a-f]*$/;

/** Lowercase hex of `b`. */
export function toHex(b: Uint8Array): string {
  return Buffer.from(b.buffer, b.byteOffset, b.byteLength).toString('hex');
}

/**
 * Strict hex decoding: lowercase digits only, an even number of them, and exactly
 * `expectedLength` bytes when given. The message names `what` and the lengths, never the
 * input itself (it may be key material).
 */
export function fromHex(s: string, expectedLength?: number, what = 'hex string'): Uint8Array {
  const expected = expectedLength === undefined ? '' : ` of ${expectedLength * 2} characters (${expectedLength} bytes)`;
  if (typeof s !== 'string') {
    throw new SamizdatError('crypto', 'input', 'crypto.bad-hex', `${what}: expected a lowercase hex string${expected}, got ${typeof s}`);
  }
  if (expectedLength !== undefined && s.length !== expectedLength * 2) {
    throw new SamizdatError(
      'crypto',
      'input',
      'crypto.bad-hex',
      `${what}: expected lowercase hex${expected}, got ${s.length} characters`,
    );
  }
  if (s.length % 2 !== 0) {
    throw new SamizdatError('crypto', 'input', 'crypto.bad-hex', `${what}: expected lowercase hex of even length, got ${s.length} characters`);
  }
  if (!HEX_LOWER.test(s)) {
    throw new SamizdatError(
      'crypto',
      'input',
      'crypto.bad-hex',
      `${what}: expected lowercase hex${expected} (0-9, a-f only), found another character`,
    );
  }
  return new Uint8Array(Buffer.from(s, 'hex'));
}

/** One new array holding `parts` in order. */
export function concatBytes(...parts: Uint8Array[]): Uint8Array {
  let length = 0;
  for (const p of parts) length += p.length;
  const out = new Uint8Array(length);
  let offset = 0;
  for (const p of parts) {
    out.set(p, offset);
    offset += p.length;
  }
  return out;
}

const encoder = new TextEncoder();
// fatal: invalid UTF-8 throws instead of becoming U+FFFD; ignoreBOM: a leading U+FEFF is kept
// as text rather than silently dropped, so decoding stays injective.
const decoder = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });
// In a /u regex a well-formed surrogate pair is one code point, so \p{Cs} only matches lone surrogates.
const LONE_SURROGATE = /\p{Cs}/u;

/**
 * UTF-8 bytes of `s`. A string holding a lone surrogate has no UTF-8 encoding (TextEncoder would
 * silently replace it with U+FFFD, so two different strings would give the same bytes): it throws.
 */
export function utf8(s: string): Uint8Array {
  if (LONE_SURROGATE.test(s)) {
    throw new SamizdatError('crypto', 'input', 'crypto.bad-utf8', 'text holds a lone UTF-16 surrogate and has no UTF-8 encoding');
  }
  return encoder.encode(s);
}

/** Text of UTF-8 bytes `b`; invalid UTF-8 throws SamizdatError `crypto.bad-utf8`. */
export function fromUtf8(b: Uint8Array): string {
  try {
    return decoder.decode(b);
  } catch (cause) {
    throw new SamizdatError('crypto', 'input', 'crypto.bad-utf8', 'bytes are not valid UTF-8', { cause });
  }
}

/** Equality in time independent of the contents (not of the lengths: a length mismatch is false at once). */
export function constantTimeEqual(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  return timingSafeEqual(a, b);
}

/** Overwrite `b` with zeros (best effort: copies made elsewhere are not reached). */
export function wipe(b: Uint8Array): void {
  b.fill(0);
}

/** Asserts that `b` is a Uint8Array of exactly `length` bytes; the message names `what`, never the contents. */
export function requireBytes(b: unknown, length: number, what: string): asserts b is Uint8Array {
  if (!(b instanceof Uint8Array)) {
    throw new SamizdatError('crypto', 'usage', 'crypto.bad-length', `${what}: expected ${length} bytes, got ${typeof b}`);
  }
  if (b.length !== length) {
    throw new SamizdatError('crypto', 'input', 'crypto.bad-length', `${what}: expected ${length} bytes, got ${b.length}`);
  }
}

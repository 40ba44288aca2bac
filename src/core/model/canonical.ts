// Canonical JSON (RFC 8785, JCS) through the `canonicalize` library, plus the strict reverse:
// bytes are accepted only when they are already their own canonical form.
import canonicalize from 'canonicalize';
import { SamizdatError } from '../errors.js';

const encoder = new TextEncoder();
const strictDecoder = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

/** The JCS serialisation of a JSON value, as a string. */
export function canonicalString(value: unknown): string {
  const text = canonicalize(value);
  if (text === undefined) {
    throw new SamizdatError('model', 'usage', 'model.not-json', 'value has no JSON form');
  }
  return text;
}

/** The JCS serialisation of a JSON value, UTF-8 encoded: the bytes that are hashed and signed. */
export function canonicalBytes(value: unknown): Uint8Array {
  return encoder.encode(canonicalString(value));
}

/**
 * Parse bytes that MUST be canonical JSON. Rejects invalid UTF-8, invalid JSON, duplicate
 * member names (JSON.parse keeps the last; the re-encoding then differs), and any
 * whitespace, ordering or number spelling other than JCS's.
 */
export function parseCanonical(bytes: Uint8Array, what: string): unknown {
  let text: string;
  try {
    text = strictDecoder.decode(bytes);
  } catch {
    throw new SamizdatError('model', 'input', 'model.bad-utf8', `${what} is not valid UTF-8`);
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (err) {
    throw new SamizdatError('model', 'input', 'model.bad-json', `${what} is not valid JSON (${(err as Error).message})`);
  }
  let again: string;
  try {
    again = canonicalString(value);
  } catch (err) {
    throw new SamizdatError('model', 'input', 'model.not-canonical', `${what} cannot be canonicalised (${(err as Error).message})`);
  }
  if (again !== text) {
    throw new SamizdatError(
      'model',
      'input',
      'model.not-canonical',
      `${what} is not in canonical form (RFC 8785: sorted members, no whitespace, no duplicate names)`,
    );
  }
  return value;
}

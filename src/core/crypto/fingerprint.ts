// Group safety numbers: 60 digits in 12 groups of 5, after Signal's numeric fingerprints.
//
// Algorithm (docs/FORMAT.md copies it; change neither without the other):
//   h = SHA-512(utf8("samizdat/v1/fingerprint\0") || groupId)
//   5200 times: h = SHA-512(h || groupId)
//   bytes 0..59 of h, as 12 chunks of 5 bytes; each chunk a big-endian 40-bit integer,
//   mod 100000, zero-padded to 5 digits; the 12 groups joined by single spaces.
// The iterations make it expensive to search for a group id whose number shares a prefix
// with another group's.
import { hash } from 'node:crypto';
import { SamizdatError } from '../errors.js';
import { constantTimeEqual, fromHex, utf8 } from './bytes.js';

export const SAFETY_NUMBER_ITERATIONS = 5200;
export const SAFETY_NUMBER_DIGITS = 60;
const GROUPS = 12;
const CHUNK_BYTES = 5;
/** The prefix of the first hash. */
export const SAFETY_NUMBER_DOMAIN = 'samizdat/v1/fingerprint\0';
const DOMAIN = utf8(SAFETY_NUMBER_DOMAIN);

/** The safety number of a group: 60 digits as 12 groups of 5 separated by single spaces. */
export function safetyNumber(groupId: Uint8Array): string {
  if (!(groupId instanceof Uint8Array)) {
    throw new SamizdatError('crypto', 'usage', 'crypto.bad-input', `group id: expected bytes, got ${typeof groupId}`);
  }
  return safetyNumberOfDigest(safetyNumberRounds(groupId));
}

/**
 * The last hash of the iterations. Each round hashes h || groupId from one buffer, one-shot: with
 * a Hash object a round it was slower (measured: 24 ms a group, against 14 to 18).
 */
function safetyNumberRounds(groupId: Uint8Array): Uint8Array {
  const round = Buffer.alloc(64 + groupId.length);
  round.set(groupId, 64);
  let h = hash('sha512', Buffer.concat([DOMAIN, groupId]), 'buffer');
  for (let i = 0; i < SAFETY_NUMBER_ITERATIONS; i++) {
    round.set(h, 0);
    h = hash('sha512', round, 'buffer');
  }
  return h;
}

/** The safety number from the last hash of the iterations (at least 60 bytes): the digits step alone. */
export function safetyNumberOfDigest(h: Uint8Array): string {
  const groups: string[] = [];
  for (let g = 0; g < GROUPS; g++) {
    const o = g * CHUNK_BYTES;
    // 40-bit big-endian integer: exact in a double (< 2^53).
    const value =
      (h[o] as number) * 2 ** 32 + (((h[o + 1] as number) << 24) >>> 0) + ((h[o + 2] as number) << 16) + ((h[o + 3] as number) << 8) + (h[o + 4] as number);
    groups.push(String(value % 100000).padStart(5, '0'));
  }
  return groups.join(' ');
}

const known = new Map<string, string>();
/** Safety numbers kept at hand at most (a few hundred kilobytes). */
export const SAFETY_NUMBERS_KEPT = 10_000;

/** The safety number of the group with (hex) id `groupId`, memoised: it costs 5,200 SHA-512 rounds by design. */
export function groupSafetyNumber(groupId: string): string {
  let n = known.get(groupId);
  if (n === undefined) {
    n = safetyNumber(fromHex(groupId, 32, 'group id'));
    rememberSafetyNumber(groupId, n);
  }
  return n;
}

/** Keeps at hand a group's safety number worked out elsewhere by this algorithm (an import's workers) or stored (a vault). */
export function rememberSafetyNumber(groupId: string, n: string): void {
  if (known.size >= SAFETY_NUMBERS_KEPT) known.clear();
  known.set(groupId, n);
}

/**
 * The 60 digits of a typed or pasted safety number, separators removed. Spaces, tabs,
 * newlines and dashes between digits are accepted; anything else, or a count other than 60,
 * throws `crypto.bad-safety-number` (a usage error) saying what was found.
 */
export function parseSafetyNumber(input: string): string {
  if (typeof input !== 'string') {
    throw new SamizdatError('crypto', 'usage', 'crypto.bad-safety-number', `a safety number is ${SAFETY_NUMBER_DIGITS} digits, got ${typeof input}`);
  }
  let digits = '';
  for (const ch of input) {
    if (ch >= '0' && ch <= '9') digits += ch;
    else if (ch === ' ' || ch === '-' || ch === '\n' || ch === '\r' || ch === '\t') continue;
    else {
      const shown = /^[\p{L}\p{N}\p{P}\p{S}]$/u.test(ch) ? `"${ch}"` : `U+${(ch.codePointAt(0) as number).toString(16).toUpperCase().padStart(4, '0')}`;
      throw new SamizdatError(
        'crypto',
        'usage',
        'crypto.bad-safety-number',
        `a safety number is ${SAFETY_NUMBER_DIGITS} digits (0-9), optionally separated by spaces or dashes; found the character ${shown}`,
      );
    }
  }
  if (digits.length !== SAFETY_NUMBER_DIGITS) {
    throw new SamizdatError(
      'crypto',
      'usage',
      'crypto.bad-safety-number',
      `a safety number is ${SAFETY_NUMBER_DIGITS} digits; found ${digits.length}`,
    );
  }
  return digits;
}

/**
 * Whether `input` is the safety number of `groupId` (digit strings compared in constant time).
 * A malformed `input` throws, as parseSafetyNumber does, rather than quietly not matching.
 */
export function safetyNumberMatches(groupId: Uint8Array, input: string): boolean {
  const given = parseSafetyNumber(input);
  const expected = safetyNumber(groupId).replaceAll(' ', '');
  return constantTimeEqual(utf8(given), utf8(expected));
}

import fc from 'fast-check';
import nacl from 'tweetnacl';
import { describe, expect, it } from 'vitest';
import { parseSafetyNumber, safetyNumber, safetyNumberMatches, sha256, utf8 } from '../../../src/core/crypto/index.js';
import { errorOf } from '../../helpers/errors.js';

/**
 * The algorithm of the format spec, written out again as plainly as possible, on a different
 * SHA-512 (tweetnacl's) and with BigInt arithmetic, so the known answer below is checked by a
 * second implementation and is not merely a copy of the code's output.
 */
function referenceSafetyNumber(groupId: Uint8Array): string {
  const prefix = Array.from('samizdat/v1/fingerprint\0', (c) => c.charCodeAt(0));
  let h = nacl.hash(new Uint8Array([...prefix, ...groupId]));
  for (let i = 0; i < 5200; i++) h = nacl.hash(new Uint8Array([...h, ...groupId]));
  const groups: string[] = [];
  for (let i = 0; i < 12; i++) {
    const chunkHex = Buffer.from(h.slice(i * 5, i * 5 + 5)).toString('hex');
    groups.push((BigInt(`0x${chunkHex}`) % 100000n).toString().padStart(5, '0'));
  }
  return groups.join(' ');
}

const KRAS_ID = sha256(utf8('KRAS-IWA charter'));
const KRAS_NUMBER = '71634 66394 23713 87955 48590 15873 39774 77718 00937 28943 80670 11985';
const ZERO_ID_NUMBER = '10675 51470 35563 45529 97277 17807 14713 80925 48156 68687 47149 86119';


describe('safetyNumber', () => {
  it('gives the known answer, which an independent implementation re-derives', () => {
    expect(safetyNumber(KRAS_ID)).toBe(KRAS_NUMBER);
    expect(referenceSafetyNumber(KRAS_ID)).toBe(KRAS_NUMBER);
    expect(safetyNumber(new Uint8Array(32))).toBe(ZERO_ID_NUMBER);
    expect(referenceSafetyNumber(new Uint8Array(32))).toBe(ZERO_ID_NUMBER);
  });

  it('agrees with the reference implementation on other group ids, including an empty one', () => {
    for (const id of [new Uint8Array(0), new Uint8Array(32).fill(0xff), sha256(utf8('x'))]) {
      expect(safetyNumber(id)).toBe(referenceSafetyNumber(id));
    }
  });

  it('is 12 groups of 5 digits separated by single spaces, and differs between groups', () => {
    fc.assert(
      fc.property(fc.uint8Array({ minLength: 32, maxLength: 32 }), (id) => {
        const n = safetyNumber(id);
        expect(n).toMatch(/^(\d{5} ){11}\d{5}$/);
        const other = Uint8Array.from(id);
        other[0]! ^= 1;
        expect(safetyNumber(other)).not.toBe(n);
      }),
      { numRuns: 20 },
    );
  });
});

describe('parseSafetyNumber', () => {
  const digits = KRAS_NUMBER.replaceAll(' ', '');

  it('accepts the number with spaces, dashes, newlines or no separators', () => {
    expect(digits).toMatch(/^\d{60}$/);
    expect(parseSafetyNumber(KRAS_NUMBER)).toBe(digits);
    expect(parseSafetyNumber(KRAS_NUMBER.replaceAll(' ', '-'))).toBe(digits);
    expect(parseSafetyNumber(`${KRAS_NUMBER.slice(0, 35)}\n${KRAS_NUMBER.slice(36)}\n`)).toBe(digits);
    expect(parseSafetyNumber(`  ${digits}\r\n`)).toBe(digits);
    expect(parseSafetyNumber(digits.replace(/(\d{3})/g, '$1 - '))).toBe(digits);
  });

  it('rejects 59 digits, saying 60 are expected and 59 were found', () => {
    const e = errorOf(() => parseSafetyNumber(KRAS_NUMBER.slice(0, -1)));
    expect(e.code).toBe('crypto.bad-safety-number');
    expect(e.kind).toBe('usage');
    expect(e.message).toBe('crypto: a safety number is 60 digits; found 59');
  });

  it('rejects 61 digits, nothing at all, and other characters', () => {
    expect(errorOf(() => parseSafetyNumber(`${KRAS_NUMBER}1`)).message).toMatch(/60 digits; found 61/);
    expect(errorOf(() => parseSafetyNumber('')).message).toMatch(/60 digits; found 0/);
    const letter = errorOf(() => parseSafetyNumber(KRAS_NUMBER.replace('5', 'S')));
    expect(letter.code).toBe('crypto.bad-safety-number');
    expect(letter.message).toMatch(/60 digits .*found the character "S"/);
    expect(errorOf(() => parseSafetyNumber(KRAS_NUMBER.replace(' ', '\u0000'))).message).toMatch(/U\+0000/);
    // digits of other scripts are not taken for ASCII digits
    expect(errorOf(() => parseSafetyNumber(KRAS_NUMBER.replace('1', '\u0661'))).message).toMatch(/found the character/);
  });
});

describe('safetyNumberMatches', () => {
  it('matches the group own number, in any accepted layout', () => {
    expect(safetyNumberMatches(KRAS_ID, KRAS_NUMBER)).toBe(true);
    expect(safetyNumberMatches(KRAS_ID, KRAS_NUMBER.replaceAll(' ', '-'))).toBe(true);
  });

  it('does not match another group, or one digit changed', () => {
    expect(safetyNumberMatches(sha256(utf8('another group')), KRAS_NUMBER)).toBe(false);
    const last = KRAS_NUMBER.at(-1) === '9' ? '8' : '9';
    expect(safetyNumberMatches(KRAS_ID, KRAS_NUMBER.slice(0, -1) + last)).toBe(false);
  });

  it('throws on a malformed number rather than reporting a mismatch', () => {
    expect(errorOf(() => safetyNumberMatches(KRAS_ID, KRAS_NUMBER.slice(0, -2))).code).toBe('crypto.bad-safety-number');
  });
});

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { concatBytes, constantTimeEqual, fromHex, fromUtf8, toHex, utf8, wipe } from '../../../src/core/crypto/index.js';
import { errorOf } from '../../helpers/errors.js';


describe('hex', () => {
  it('encodes lowercase and round-trips', () => {
    expect(toHex(new Uint8Array([0, 1, 0xab, 0xff]))).toBe('0001abff');
    expect(toHex(new Uint8Array(0))).toBe('');
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 100 }), (b) => {
        const h = toHex(b);
        expect(h).toMatch(/^[0-9a-f]*$/);
        expect(Array.from(fromHex(h, b.length))).toEqual(Array.from(b));
      }),
    );
  });

  it('encodes only the view of a subarray', () => {
    const whole = new Uint8Array([1, 2, 3, 4, 5]);
    expect(toHex(whole.subarray(1, 3))).toBe('0203');
  });

  it('rejects uppercase, odd length, other characters and a wrong byte length', () => {
    for (const bad of ['AB', 'abc', '0g', ' 00', '00 ', '0x00', '+1']) {
      expect(errorOf(() => fromHex(bad)).code).toBe('crypto.bad-hex');
    }
    const e = errorOf(() => fromHex('00'.repeat(31), 32, 'public key'));
    expect(e.kind).toBe('input');
    expect(e.message).toBe('crypto: public key: expected lowercase hex of 64 characters (32 bytes), got 62 characters');
    expect(errorOf(() => fromHex('Ab'.repeat(32), 32, 'group id')).message).toMatch(/^crypto: group id: .*64 characters \(32 bytes\)/);
  });

  it('never quotes the input (it may be a secret key)', () => {
    const secretish = 'deadbeefcafe'.repeat(5) + 'Z';
    const e = errorOf(() => fromHex(secretish, 32, 'secret key'));
    expect(e.message).not.toContain('deadbeef');
    expect(errorOf(() => fromHex(secretish.slice(0, 63) + 'Z', 32, 'secret key')).message).not.toContain('deadbeef');
  });
});

describe('concatBytes', () => {
  it('joins in order', () => {
    expect(Array.from(concatBytes(new Uint8Array([1]), new Uint8Array(0), new Uint8Array([2, 3])))).toEqual([1, 2, 3]);
    expect(concatBytes()).toHaveLength(0);
  });
});

describe('utf8', () => {
  it('round-trips any well-formed string', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme' }), (s) => {
        expect(fromUtf8(utf8(s))).toBe(s);
      }),
    );
    expect(Array.from(utf8('é'))).toEqual([0xc3, 0xa9]);
  });

  it('rejects invalid UTF-8 (fatal decoder)', () => {
    for (const bad of [[0xff], [0xc0, 0x80], [0xed, 0xa0, 0x80], [0xe2, 0x82], [0xf4, 0x90, 0x80, 0x80]]) {
      expect(errorOf(() => fromUtf8(new Uint8Array(bad))).code).toBe('crypto.bad-utf8');
    }
  });

  it('keeps a leading byte-order mark rather than dropping it', () => {
    expect(fromUtf8(new Uint8Array([0xef, 0xbb, 0xbf, 0x41]))).toBe('\ufeffA');
  });

  it('refuses a string with a lone surrogate (it has no UTF-8 encoding)', () => {
    expect(errorOf(() => utf8('a\ud800b')).code).toBe('crypto.bad-utf8');
    expect(errorOf(() => utf8('\udfff')).code).toBe('crypto.bad-utf8');
    expect(Array.from(utf8('\ud83d\ude00'))).toEqual([0xf0, 0x9f, 0x98, 0x80]);
  });
});

describe('constantTimeEqual and wipe', () => {
  it('compares contents and lengths', () => {
    expect(constantTimeEqual(new Uint8Array([1, 2]), new Uint8Array([1, 2]))).toBe(true);
    expect(constantTimeEqual(new Uint8Array([1, 2]), new Uint8Array([1, 3]))).toBe(false);
    expect(constantTimeEqual(new Uint8Array([1, 2]), new Uint8Array([1, 2, 3]))).toBe(false);
    expect(constantTimeEqual(new Uint8Array(0), new Uint8Array(0))).toBe(true);
  });

  it('wipes to zeros', () => {
    const b = new Uint8Array([1, 2, 3]);
    wipe(b);
    expect(Array.from(b)).toEqual([0, 0, 0]);
  });
});

import fc from 'fast-check';
import nacl from 'tweetnacl';
import { describe, expect, it } from 'vitest';
import { randomBytes, sha256, sha256Hex, sha512, toHex, utf8 } from '../../../src/core/crypto/index.js';

describe('hashes (FIPS 180-2 "abc" vectors)', () => {
  it('SHA-256', () => {
    const abc = 'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad';
    expect(toHex(sha256(utf8('abc')))).toBe(abc);
    expect(sha256Hex(utf8('abc'))).toBe(abc);
    expect(sha256Hex(new Uint8Array(0))).toBe('e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
  });

  it('SHA-512, and agreement with tweetnacl', () => {
    expect(toHex(sha512(utf8('abc')))).toBe(
      'ddaf35a193617abacc417349ae20413112e6fa4e89a97ea20a9eeee64b55d39a2192992a274fc1a836ba3c23a3feebbd454d4423643ce80e2a9ac94fa54ca49f',
    );
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 300 }), (b) => {
        expect(toHex(sha512(b))).toBe(toHex(nacl.hash(b)));
      }),
    );
  });
});

describe('randomBytes', () => {
  it('gives the length asked for, different each time', () => {
    expect(randomBytes(0)).toHaveLength(0);
    const a = randomBytes(32);
    expect(a).toHaveLength(32);
    expect(toHex(randomBytes(32))).not.toBe(toHex(a));
    expect(() => randomBytes(-1)).toThrow(/non-negative integer/);
    expect(() => randomBytes(1.5)).toThrow(/non-negative integer/);
  });
});

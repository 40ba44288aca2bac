import fc from 'fast-check';
import nacl from 'tweetnacl';
import { describe, expect, it } from 'vitest';
import {
  BOX_NONCE_LENGTH,
  box,
  boxKeyPairFromSecretKey,
  boxOpen,
  generateBoxKeyPair,
  SECRETBOX_KEY_LENGTH,
  SECRETBOX_NONCE_LENGTH,
  secretbox,
  secretboxOpen,
  x25519,
} from '../../../src/core/crypto/index.js';
import { SamizdatError } from '../../../src/core/errors.js';
import { hex, readTestdata } from './testdata.js';

const toHex = (b: Uint8Array): string => Buffer.from(b).toString('hex');

function flipBit(b: Uint8Array, bit: number): Uint8Array {
  const out = Uint8Array.from(b);
  out[bit >> 3]! ^= 1 << (bit & 7);
  return out;
}

function codeOf(f: () => unknown): string {
  try {
    f();
  } catch (e) {
    if (e instanceof SamizdatError) return e.code;
    throw e;
  }
  return 'nothing thrown';
}

// u = 0 and u = 1 are points of low order on Curve25519: any scalar multiple is all zeros.
const LOW_ORDER = [new Uint8Array(32), new Uint8Array(32).fill(0).map((_, i) => (i === 0 ? 1 : 0))];

describe('constants and keys', () => {
  it('has the NaCl lengths', () => {
    expect([BOX_NONCE_LENGTH, SECRETBOX_KEY_LENGTH, SECRETBOX_NONCE_LENGTH]).toEqual([24, 32, 24]);
  });

  it('derives the public key from the secret key as tweetnacl does', () => {
    const kp = generateBoxKeyPair();
    expect(kp.publicKey).toHaveLength(32);
    expect(kp.secretKey).toHaveLength(32);
    expect(toHex(boxKeyPairFromSecretKey(kp.secretKey).publicKey)).toBe(toHex(kp.publicKey));
    expect(toHex(nacl.box.keyPair.fromSecretKey(kp.secretKey).publicKey)).toBe(toHex(kp.publicKey));
    expect(toHex(generateBoxKeyPair().secretKey)).not.toBe(toHex(kp.secretKey));
    expect(codeOf(() => boxKeyPairFromSecretKey(new Uint8Array(31)))).toBe('crypto.bad-length');
  });
});

describe('box', () => {
  const alice = generateBoxKeyPair();
  const bob = generateBoxKeyPair();
  const eve = generateBoxKeyPair();

  it('round-trips, and is byte-identical to nacl.box', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 500 }), fc.uint8Array({ minLength: 24, maxLength: 24 }), (m, nonce) => {
        const c = box(m, nonce, bob.publicKey, alice.secretKey);
        expect(c).toHaveLength(m.length + 16);
        expect(toHex(c)).toBe(toHex(nacl.box(m, nonce, bob.publicKey, alice.secretKey)));
        expect(toHex(boxOpen(c, nonce, alice.publicKey, bob.secretKey)!)).toBe(toHex(m));
      }),
      { numRuns: 50 },
    );
  });

  it('gives null for any flipped bit, a wrong key, a wrong nonce or a truncated box', () => {
    const m = new TextEncoder().encode('draft: not yet released');
    const nonce = nacl.randomBytes(24);
    const c = box(m, nonce, bob.publicKey, alice.secretKey);
    for (let bit = 0; bit < c.length * 8; bit += 7) expect(boxOpen(flipBit(c, bit), nonce, alice.publicKey, bob.secretKey)).toBeNull();
    expect(boxOpen(c, nonce, alice.publicKey, eve.secretKey)).toBeNull();
    expect(boxOpen(c, nonce, eve.publicKey, bob.secretKey)).toBeNull();
    expect(boxOpen(c, flipBit(nonce, 3), alice.publicKey, bob.secretKey)).toBeNull();
    expect(boxOpen(c.subarray(0, 15), nonce, alice.publicKey, bob.secretKey)).toBeNull();
    expect(boxOpen(c.subarray(0, c.length - 1), nonce, alice.publicKey, bob.secretKey)).toBeNull();
    expect(toHex(boxOpen(c, nonce, alice.publicKey, bob.secretKey)!)).toBe(toHex(m));
  });

  it('throws, distinct from null, on bad lengths and low-order peer keys', () => {
    const m = new Uint8Array(10);
    const nonce = new Uint8Array(24);
    expect(codeOf(() => box(m, new Uint8Array(23), bob.publicKey, alice.secretKey))).toBe('crypto.bad-length');
    expect(codeOf(() => boxOpen(m, nonce, bob.publicKey.subarray(1), alice.secretKey))).toBe('crypto.bad-length');
    for (const low of LOW_ORDER) {
      expect(nacl.box(m, nonce, low, alice.secretKey)).toHaveLength(26); // tweetnacl would go ahead
      expect(codeOf(() => box(m, nonce, low, alice.secretKey))).toBe('crypto.low-order-point');
      expect(codeOf(() => boxOpen(new Uint8Array(40), nonce, low, bob.secretKey))).toBe('crypto.low-order-point');
    }
  });
});

describe('secretbox', () => {
  it('round-trips, and is byte-identical to nacl.secretbox', () => {
    fc.assert(
      fc.property(
        fc.uint8Array({ maxLength: 500 }),
        fc.uint8Array({ minLength: 24, maxLength: 24 }),
        fc.uint8Array({ minLength: 32, maxLength: 32 }),
        (m, nonce, key) => {
          const c = secretbox(m, nonce, key);
          expect(toHex(c)).toBe(toHex(nacl.secretbox(m, nonce, key)));
          expect(toHex(secretboxOpen(c, nonce, key)!)).toBe(toHex(m));
        },
      ),
      { numRuns: 100 },
    );
  });

  it('gives null for tampering and a wrong key; throws on bad lengths', () => {
    const key = nacl.randomBytes(32);
    const nonce = nacl.randomBytes(24);
    const m = new TextEncoder().encode('vault page');
    const c = secretbox(m, nonce, key);
    for (let bit = 0; bit < c.length * 8; bit++) expect(secretboxOpen(flipBit(c, bit), nonce, key)).toBeNull();
    expect(secretboxOpen(c, nonce, flipBit(key, 0))).toBeNull();
    expect(secretboxOpen(new Uint8Array(0), nonce, key)).toBeNull();
    expect(codeOf(() => secretbox(m, nonce, new Uint8Array(16)))).toBe('crypto.bad-length');
    expect(codeOf(() => secretboxOpen(c, new Uint8Array(12), key))).toBe('crypto.bad-length');
    expect(toHex(secretboxOpen(c, nonce, key)!)).toBe(toHex(m));
  });
});

describe('Wycheproof X25519', () => {
  interface Wycheproof {
    numberOfTests: number;
    testGroups: { curve: string; tests: { tcId: number; comment: string; public: string; private: string; shared: string; result: string; flags: string[] }[] }[];
  }
  const data = readTestdata<Wycheproof>('wycheproof-x25519.json');
  const cases = data.testGroups.flatMap((g) => g.tests);
  const isZero = (h: string): boolean => /^0+$/.test(h);

  it('has 518 cases, all valid or acceptable, 31 of them with an all-zero shared secret', () => {
    expect(data.testGroups.every((g) => g.curve === 'curve25519')).toBe(true);
    expect(cases).toHaveLength(518);
    expect(cases.every((t) => t.result === 'valid' || t.result === 'acceptable')).toBe(true);
    expect(cases.filter((t) => isZero(t.shared))).toHaveLength(31);
  });

  it.each(cases)('tcId $tcId ($comment)', (t) => {
    if (isZero(t.shared)) {
      expect(codeOf(() => x25519(hex(t.private), hex(t.public)))).toBe('crypto.low-order-point');
    } else {
      expect(toHex(x25519(hex(t.private), hex(t.public)))).toBe(t.shared);
    }
  });
});

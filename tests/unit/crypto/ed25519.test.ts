import { execFileSync, spawnSync } from 'node:child_process';
import { createPublicKey, verify as nodeVerify } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import fc from 'fast-check';
import nacl from 'tweetnacl';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  generateSigningKeyPair,
  isValidSigningPublicKey,
  sign,
  signingKeyPairFromSeed,
  verify,
} from '../../../src/core/crypto/index.js';
import { SamizdatError } from '../../../src/core/errors.js';
import * as ed from './ed25519-helpers.js';
import { hex, readTestdata } from './testdata.js';

const toHex = (b: Uint8Array): string => Buffer.from(b).toString('hex');
const SPKI_PREFIX = hex('302a300506032b6570032100');
const PKCS8_PREFIX = hex('302e020100300506032b657004220420');

/** node:crypto's own verify, with no extra checks: what OpenSSL alone accepts. */
function rawNodeVerify(msg: Uint8Array, sig: Uint8Array, pk: Uint8Array): boolean {
  const key = createPublicKey({ key: Buffer.concat([SPKI_PREFIX, pk]), format: 'der', type: 'spki' });
  return nodeVerify(null, msg, key, sig);
}

function flipBit(b: Uint8Array, bit: number): Uint8Array {
  const out = Uint8Array.from(b);
  out[bit >> 3]! ^= 1 << (bit & 7);
  return out;
}

describe('RFC 8032 section 7.1 test vectors', () => {
  interface Rfc8032 {
    vectors: { name: string; secretKey: string; publicKey: string; message: string; signature: string }[];
  }
  const vectors = readTestdata<Rfc8032>('rfc8032-ed25519.json').vectors;

  it('has the five vectors of the RFC', () => {
    expect(vectors.map((v) => v.name)).toEqual(['TEST 1', 'TEST 2', 'TEST 3', 'TEST 1024', 'TEST SHA(abc)']);
  });

  it.each(vectors)('$name: public key from seed, exact signature, verifies', (v) => {
    const kp = signingKeyPairFromSeed(hex(v.secretKey));
    expect(toHex(kp.publicKey)).toBe(v.publicKey);
    expect(toHex(kp.secretKey)).toBe(v.secretKey + v.publicKey);
    const sig = sign(hex(v.message), kp.secretKey);
    expect(toHex(sig)).toBe(v.signature);
    expect(verify(hex(v.message), sig, kp.publicKey)).toBe(true);
    expect(verify(hex(v.message), hex(v.signature), hex(v.publicKey))).toBe(true);
  });
});

describe('Wycheproof Ed25519', () => {
  interface Wycheproof {
    numberOfTests: number;
    testGroups: {
      publicKey: { pk: string };
      tests: { tcId: number; comment: string; msg: string; sig: string; result: 'valid' | 'invalid'; flags: string[] }[];
    }[];
  }
  const data = readTestdata<Wycheproof>('wycheproof-ed25519.json');
  const cases = data.testGroups.flatMap((g) => g.tests.map((t) => ({ ...t, pk: g.publicKey.pk })));

  it.each(cases)('tcId $tcId ($comment): $result', (t) => {
    expect(verify(hex(t.msg), hex(t.sig), hex(t.pk))).toBe(t.result === 'valid');
  });

  it('accepts exactly the 88 valid cases and rejects the 63 invalid ones', () => {
    expect(data.numberOfTests).toBe(151);
    expect(cases).toHaveLength(151);
    const accepted = cases.filter((t) => verify(hex(t.msg), hex(t.sig), hex(t.pk)));
    expect(accepted).toHaveLength(88);
    expect(cases.length - accepted.length).toBe(63);
    expect(accepted.every((t) => t.result === 'valid')).toBe(true);
  });
});

describe('keys', () => {
  it('generates key pairs that match tweetnacl for the same seed', () => {
    const kp = generateSigningKeyPair();
    expect(kp.publicKey).toHaveLength(32);
    expect(kp.secretKey).toHaveLength(64);
    const theirs = nacl.sign.keyPair.fromSeed(kp.secretKey.slice(0, 32));
    expect(toHex(kp.publicKey)).toBe(toHex(theirs.publicKey));
    expect(toHex(kp.secretKey)).toBe(toHex(theirs.secretKey));
    expect(toHex(generateSigningKeyPair().secretKey)).not.toBe(toHex(kp.secretKey));
    expect(isValidSigningPublicKey(kp.publicKey)).toBe(true);
  });

  it('refuses seeds and secret keys of the wrong length', () => {
    expect(() => signingKeyPairFromSeed(new Uint8Array(31))).toThrow(/Ed25519 seed: expected 32 bytes, got 31/);
    expect(() => sign(new Uint8Array(1), new Uint8Array(32))).toThrow(/expected 64 bytes, got 32/);
  });

  it('refuses to sign with a secret key whose public half does not match its seed', () => {
    const kp = signingKeyPairFromSeed(new Uint8Array(32).fill(7));
    const mangled = Uint8Array.from(kp.secretKey);
    mangled[40]! ^= 1;
    let error: unknown;
    try {
      sign(new Uint8Array([1, 2, 3]), mangled);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(SamizdatError);
    expect((error as SamizdatError).code).toBe('crypto.key-mismatch');
    expect((error as SamizdatError).message).toMatch(/^crypto: /);
    // no key material in the message
    expect((error as SamizdatError).message).not.toContain(toHex(mangled.subarray(0, 8)));
    expect((error as SamizdatError).message).not.toContain(toHex(mangled.subarray(32, 40)));
  });
});

describe('tweetnacl as the oracle', () => {
  const seed = fc.uint8Array({ minLength: 32, maxLength: 32 });
  const message = fc.uint8Array({ minLength: 0, maxLength: 300 });

  it('signs byte for byte as nacl.sign.detached, and both verify', () => {
    fc.assert(
      fc.property(seed, message, (s, m) => {
        const ours = signingKeyPairFromSeed(s);
        const theirs = nacl.sign.keyPair.fromSeed(s);
        expect(toHex(ours.secretKey)).toBe(toHex(theirs.secretKey));
        const sig = sign(m, ours.secretKey);
        expect(toHex(sig)).toBe(toHex(nacl.sign.detached(m, theirs.secretKey)));
        expect(verify(m, sig, ours.publicKey)).toBe(true);
        expect(nacl.sign.detached.verify(m, sig, theirs.publicKey)).toBe(true);
      }),
      { numRuns: 60 },
    );
  });

  it('rejects any single-bit flip of message, signature or key', () => {
    fc.assert(
      fc.property(seed, fc.uint8Array({ minLength: 1, maxLength: 200 }), fc.nat(), fc.constantFrom('message', 'signature', 'key'), (s, m, n, what) => {
        const kp = signingKeyPairFromSeed(s);
        const sig = sign(m, kp.secretKey);
        if (what === 'message') expect(verify(flipBit(m, n % (m.length * 8)), sig, kp.publicKey)).toBe(false);
        if (what === 'signature') expect(verify(m, flipBit(sig, n % 512), kp.publicKey)).toBe(false);
        if (what === 'key') expect(verify(m, sig, flipBit(kp.publicKey, n % 256))).toBe(false);
        expect(verify(m, sig, kp.publicKey)).toBe(true);
      }),
      { numRuns: 300 },
    );
  });

  it('never accepts what tweetnacl rejects (ours is the stricter verifier)', () => {
    fc.assert(
      fc.property(fc.uint8Array({ minLength: 64, maxLength: 64 }), fc.uint8Array({ minLength: 32, maxLength: 32 }), message, (sig, pk, m) => {
        if (verify(m, sig, pk)) expect(nacl.sign.detached.verify(m, sig, pk)).toBe(true);
      }),
      { numRuns: 100 },
    );
  });
});

describe('strictness beyond node:crypto', () => {
  // The 8 points of the 8-torsion, found here from scratch: the curve group is Z/8 x Z/L, so
  // 8 distinct points P with [8]P = identity are all of them.
  function torsionPoints(): ed.Point[] {
    // [L]P kills the prime-order part of a point P, leaving its torsion component T; once some
    // T has order 8 (i.e. [4]T is not the identity), its multiples are the whole 8-torsion.
    for (let y = 2n; y < 1000n; y++) {
      const P = ed.decode(ed.leBytes(y, 32));
      if (P === null) continue;
      const T = ed.mul(ed.L, P);
      if (!ed.equal(ed.mul(4n, T), ed.identity)) return [0n, 1n, 2n, 3n, 4n, 5n, 6n, 7n].map((k) => ed.mul(k, T));
    }
    throw new Error('no point of order 8 found');
  }

  const torsion = torsionPoints();
  const torsionEncodings = torsion.map((t) => ed.encode(t));

  it('finds the 8 distinct points of small order independently', () => {
    expect(new Set(torsionEncodings.map(toHex)).size).toBe(8);
    for (const t of torsion) expect(ed.equal(ed.mul(8n, t), ed.identity)).toBe(true);
  });

  it('rejects every small-order public key, with either sign bit', () => {
    for (const enc of torsionEncodings) {
      expect(isValidSigningPublicKey(enc)).toBe(false);
      expect(isValidSigningPublicKey(flipBit(enc, 255))).toBe(false);
    }
  });

  it('rejects small-order keys with signatures that node:crypto alone accepts', () => {
    // pk = T of order n, R = [r]B (of prime order, so R itself passes the small-order check),
    // S = r: OpenSSL recomputes R' = [S]B - [k]T = R - [k]T, which is R whenever n divides
    // k = H(R || A || M). Such a "signature" needs no secret at all.
    const r = 123456789n;
    const R = ed.encode(ed.mul(r, ed.B));
    const sig = new Uint8Array(64);
    sig.set(R, 0);
    sig.set(ed.leBytes(r, 32), 32);
    let nodeAccepted = 0;
    for (const [i, T] of torsion.entries()) {
      const pk = torsionEncodings[i]!;
      let order = 1n;
      while (!ed.equal(ed.mul(order, T), ed.identity)) order *= 2n;
      let msg = new Uint8Array(0);
      for (let c = 0; c < 1000; c++) {
        msg = new Uint8Array([c & 0xff, c >> 8]);
        if ((ed.sha512Int(R, pk, msg) % ed.L) % order === 0n) break;
      }
      if (rawNodeVerify(msg, sig, pk)) nodeAccepted++;
      expect(verify(msg, sig, pk)).toBe(false);
    }
    // The forgery is real: OpenSSL on its own accepts it for every small-order key.
    expect(nodeAccepted).toBe(8);
  });

  it('rejects non-canonical encodings of small-order keys in verify', () => {
    // y = p and y = p + 1 encode y = 0 (order 4) and y = 1 (the identity); x = 0 with the sign
    // bit set is a non-canonical encoding of the identity and of (0, -1).
    const r = 987654321n;
    const R = ed.encode(ed.mul(r, ed.B));
    const sig = new Uint8Array([...R, ...ed.leBytes(r, 32)]);
    const encodings = [
      ed.leBytes(ed.p, 32),
      flipBit(ed.leBytes(ed.p, 32), 255),
      ed.leBytes(ed.p + 1n, 32),
      flipBit(ed.leBytes(ed.p + 1n, 32), 255),
      flipBit(ed.encode(ed.identity), 255),
      flipBit(ed.encode(torsion[4]!), 255), // (0, -1), the point of order 2
    ];
    let nodeAccepted = 0;
    for (const pk of encodings) {
      for (let c = 0; c < 16; c++) {
        const msg = new Uint8Array([c]);
        if (rawNodeVerify(msg, sig, pk)) nodeAccepted++;
        expect(verify(msg, sig, pk)).toBe(false);
      }
      expect(isValidSigningPublicKey(pk)).toBe(false);
    }
    // OpenSSL alone takes many of these forgeries (it reduces y mod p and ignores a stray sign bit)
    expect(nodeAccepted).toBeGreaterThan(16);
  });

  it('rejects a signature whose R is the identity, which node:crypto alone accepts', () => {
    const seed = new Uint8Array(32).fill(42);
    const kp = signingKeyPairFromSeed(seed);
    const a = ed.secretScalar(seed);
    const msg = new TextEncoder().encode('samizdat/v1/statement\0{}');
    const R = ed.encode(ed.identity);
    const k = ed.sha512Int(R, kp.publicKey, msg) % ed.L;
    const S = (k * a) % ed.L; // [S]B = [k]A, so [S]B - [k]A = identity = R
    const sig = new Uint8Array(64);
    sig.set(R, 0);
    sig.set(ed.leBytes(S, 32), 32);
    expect(rawNodeVerify(msg, sig, kp.publicKey)).toBe(true);
    expect(verify(msg, sig, kp.publicKey)).toBe(false);
  });

  it('rejects S >= L: S + L for a valid signature', () => {
    const kp = signingKeyPairFromSeed(new Uint8Array(32).fill(1));
    const msg = new Uint8Array([1, 2, 3]);
    const sig = sign(msg, kp.secretKey);
    const S = ed.leInt(sig.subarray(32));
    const malleated = Uint8Array.from(sig);
    malleated.set(ed.leBytes(S + ed.L, 32), 32);
    expect(verify(msg, malleated, kp.publicKey)).toBe(false);
    const exactlyL = Uint8Array.from(sig);
    exactlyL.set(ed.leBytes(ed.L, 32), 32);
    expect(verify(msg, exactlyL, kp.publicKey)).toBe(false);
    expect(verify(msg, sig, kp.publicKey)).toBe(true);
  });

  it('rejects non-canonical public keys (y >= p) and keys that are not curve points', () => {
    for (let y = ed.p; y < 2n ** 255n; y++) {
      const enc = ed.leBytes(y, 32);
      expect(isValidSigningPublicKey(enc)).toBe(false);
      expect(isValidSigningPublicKey(flipBit(enc, 255))).toBe(false);
    }
    let offCurve = 0;
    for (let y = 2n; y < 60n; y++) {
      const enc = ed.leBytes(y, 32);
      const onCurve = ed.decode(enc) !== null;
      if (!onCurve) offCurve++;
      expect(isValidSigningPublicKey(enc)).toBe(onCurve);
    }
    expect(offCurve).toBeGreaterThan(10);
  });

  it('returns false, never throws, on malformed input', () => {
    const kp = signingKeyPairFromSeed(new Uint8Array(32).fill(3));
    const msg = new Uint8Array([9]);
    const sig = sign(msg, kp.secretKey);
    expect(verify(msg, sig.subarray(0, 63), kp.publicKey)).toBe(false);
    expect(verify(msg, new Uint8Array([...sig, 0]), kp.publicKey)).toBe(false);
    expect(verify(msg, sig, kp.publicKey.subarray(0, 31))).toBe(false);
    expect(verify(msg, sig, new Uint8Array(0))).toBe(false);
    expect(verify(null as unknown as Uint8Array, sig, kp.publicKey)).toBe(false);
    expect(verify(msg, 'sig' as unknown as Uint8Array, kp.publicKey)).toBe(false);
    expect(isValidSigningPublicKey(new Uint8Array(33))).toBe(false);
    expect(verify(msg, sig, kp.publicKey)).toBe(true);
  });

  it('verifies correctly for many keys (more than the KeyObject cache holds)', () => {
    const msg = new Uint8Array([5]);
    const first = signingKeyPairFromSeed(new Uint8Array(32).fill(200));
    const firstSig = sign(msg, first.secretKey);
    expect(verify(msg, firstSig, first.publicKey)).toBe(true);
    // fill the cache with 10,001 other keys (random bytes; most are not even points)
    const junk = new Uint8Array(64);
    for (let i = 0; i < 10_001; i++) {
      const pk = nacl.randomBytes(32);
      verify(msg, junk, pk);
    }
    expect(verify(msg, firstSig, first.publicKey)).toBe(true);
    expect(verify(msg, firstSig, signingKeyPairFromSeed(new Uint8Array(32).fill(201)).publicKey)).toBe(false);
  });
});

const opensslAvailable = spawnSync('openssl', ['version']).error === undefined;

describe.skipIf(!opensslAvailable)(opensslAvailable ? 'the openssl CLI as an independent verifier' : 'the openssl CLI (skipped: openssl is not on PATH)', () => {
  let dir = '';
  beforeAll(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'samizdat-ed25519-'));
  });
  afterAll(() => {
    rmSync(dir, { recursive: true, force: true });
  });

  const pem = (label: string, der: Uint8Array): string =>
    `-----BEGIN ${label}-----\n${Buffer.from(der).toString('base64')}\n-----END ${label}-----\n`;

  const opensslVerify = (pubPem: string, msgFile: string, sigFile: string): boolean =>
    spawnSync('openssl', ['pkeyutl', '-verify', '-rawin', '-pubin', '-inkey', pubPem, '-in', msgFile, '-sigfile', sigFile]).status === 0;

  it('openssl signs, we verify; we sign, openssl verifies; tampering is caught by both', () => {
    const seed = nacl.randomBytes(32);
    const kp = signingKeyPairFromSeed(seed);
    const privPem = path.join(dir, 'key.pem');
    const pubPem = path.join(dir, 'pub.pem');
    writeFileSync(privPem, pem('PRIVATE KEY', new Uint8Array([...PKCS8_PREFIX, ...seed])), { mode: 0o600 });
    writeFileSync(pubPem, pem('PUBLIC KEY', new Uint8Array([...SPKI_PREFIX, ...kp.publicKey])));

    // openssl derives the same public key from the seed
    const derivedDer = execFileSync('openssl', ['pkey', '-in', privPem, '-pubout', '-outform', 'DER']);
    expect(toHex(derivedDer.subarray(12))).toBe(toHex(kp.publicKey));

    const msg = new TextEncoder().encode('samizdat/v1/statement\0{"title":"No to war"}');
    const msgFile = path.join(dir, 'msg.bin');
    writeFileSync(msgFile, msg);

    // openssl signs, we verify (and Ed25519 being deterministic, we sign the same bytes)
    const theirSigFile = path.join(dir, 'theirs.sig');
    execFileSync('openssl', ['pkeyutl', '-sign', '-rawin', '-inkey', privPem, '-in', msgFile, '-out', theirSigFile]);
    const theirSig = new Uint8Array(readFileSync(theirSigFile));
    expect(theirSig).toHaveLength(64);
    expect(verify(msg, theirSig, kp.publicKey)).toBe(true);
    expect(toHex(sign(msg, kp.secretKey))).toBe(toHex(theirSig));

    // we sign, openssl verifies
    const ourSig = sign(msg, kp.secretKey);
    const ourSigFile = path.join(dir, 'ours.sig');
    writeFileSync(ourSigFile, ourSig);
    expect(opensslVerify(pubPem, msgFile, ourSigFile)).toBe(true);

    // a flipped bit is rejected by openssl and by us
    const badSig = flipBit(ourSig, 100);
    const badSigFile = path.join(dir, 'bad.sig');
    writeFileSync(badSigFile, badSig);
    expect(opensslVerify(pubPem, msgFile, badSigFile)).toBe(false);
    expect(verify(msg, badSig, kp.publicKey)).toBe(false);
  });
});

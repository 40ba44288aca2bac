// minisign's prehashed signature file: known answers (made by minisign itself, see vectors.ts), the
// BLAKE2b-512 prehash against RFC 7693's vectors, tweetnacl as the independent Ed25519 oracle.
import nacl from 'tweetnacl';
import { describe, expect, it } from 'vitest';
import { signingKeyPairFromSeed } from '../../../src/core/crypto/ed25519.js';
import { blake2b512, minisignSignature, parseMinisignSignature, trustedCommentBytes, verifyMinisign } from '../../../src/core/interop/minisign.js';
import { KEYID_HEX, MINISIG_FILE, PUB_FILE, SEED, STATEMENT_TXT, TRUSTED_COMMENT } from './vectors.js';

const keys = signingKeyPairFromSeed(SEED);
const oracle = nacl.sign.keyPair.fromSeed(SEED);
const text = new Uint8Array(Buffer.from(STATEMENT_TXT, 'utf8'));
const hex = (b: Uint8Array) => Buffer.from(b).toString('hex');
const b64 = (line: string) => new Uint8Array(Buffer.from(line, 'base64'));
const utf8 = (s: string) => new Uint8Array(Buffer.from(s, 'utf8'));

describe('BLAKE2b-512, the prehash', () => {
  it('matches RFC 7693 (Appendix A, "abc") and the empty-input value', () => {
    expect(hex(blake2b512(utf8('abc')))).toBe(
      'ba80a53f981c4d0d6a2797b69f12f6e94c212f14685ac4b74b12bb6fdbffa2d17d87c5392aab792dc252d5de4533cc9518d38aa8dbf1925ab92386edd4009923',
    );
    expect(hex(blake2b512(new Uint8Array(0)))).toBe(
      '786a02f742015903c6c6fd852552d272912f4740e15847618a86e217f71f5419d25e1031afee585313896444934eb04b903a685b1448b755d56f701afe9be2ce',
    );
  });
});

describe('minisign .minisig', () => {
  const file = minisignSignature(text, keys, TRUSTED_COMMENT);
  const lines = file.split('\n');

  it('is the known answer, four lines each ending with LF', () => {
    expect(file).toBe(MINISIG_FILE);
    expect(lines).toHaveLength(5);
    expect(lines[4]).toBe('');
  });

  it('line 2 is "ED" || keyid || Ed25519(BLAKE2b-512(file)), as tweetnacl computes it', () => {
    const data = b64(lines[1] as string);
    expect(data.length).toBe(74);
    expect(Buffer.from(data.subarray(0, 2)).toString('latin1')).toBe('ED');
    expect(hex(data.subarray(2, 10))).toBe(KEYID_HEX);
    const digest = blake2b512(text);
    expect(digest.length).toBe(64);
    expect(hex(data.subarray(10))).toBe(hex(nacl.sign.detached(digest, oracle.secretKey)));
    expect(nacl.sign.detached.verify(digest, data.subarray(10), oracle.publicKey)).toBe(true);
    // Not a signature over the file itself (that would be the legacy "Ed" format).
    expect(nacl.sign.detached.verify(text, data.subarray(10), oracle.publicKey)).toBe(false);
  });

  it('line 4 is the global signature: Ed25519 over the signature bytes || the trusted comment text', () => {
    const signature = b64(lines[1] as string).subarray(10);
    const global = b64(lines[3] as string);
    const signed = new Uint8Array([...signature, ...utf8(TRUSTED_COMMENT)]);
    expect(hex(global)).toBe(hex(nacl.sign.detached(signed, oracle.secretKey)));
    expect(lines[2]).toBe(`trusted comment: ${TRUSTED_COMMENT}`);
  });

  it('verifyMinisign returns the trusted comment, and null for a changed file, comment or key', () => {
    expect(verifyMinisign(text, MINISIG_FILE, PUB_FILE)).toEqual({ trustedComment: TRUSTED_COMMENT });
    const changed = Uint8Array.from(text);
    changed[5] = (changed[5] as number) ^ 0x20;
    expect(verifyMinisign(changed, MINISIG_FILE, PUB_FILE)).toBeNull();
    expect(verifyMinisign(text, MINISIG_FILE.replace('signer Olga', 'signer Eve'), PUB_FILE)).toBeNull();
    const otherKey = signingKeyPairFromSeed(new Uint8Array(32).fill(9));
    expect(verifyMinisign(text, minisignSignature(text, otherKey, TRUSTED_COMMENT), PUB_FILE)).toBeNull();
  });

  it('verifyMinisign also reads a legacy "Ed" signature (over the file itself)', () => {
    const signature = nacl.sign.detached(text, oracle.secretKey);
    const global = nacl.sign.detached(new Uint8Array([...signature, ...utf8('legacy')]), oracle.secretKey);
    const sigLine = Buffer.from([...utf8('Ed'), ...Buffer.from(KEYID_HEX, 'hex'), ...signature]).toString('base64');
    const legacy = `untrusted comment: x\n${sigLine}\ntrusted comment: legacy\n${Buffer.from(global).toString('base64')}\n`;
    expect(verifyMinisign(text, legacy, PUB_FILE)).toEqual({ trustedComment: 'legacy' });
    expect(parseMinisignSignature(legacy).alg).toBe('Ed');
  });

  it('refuses malformed files and trusted comments that minisign could not read back', () => {
    expect(() => parseMinisignSignature(MINISIG_FILE.replace('trusted comment: s', 'comment: s'))).toThrow(/third line/);
    expect(() => parseMinisignSignature(MINISIG_FILE.slice(0, -1))).toThrow(/exactly 4 lines/);
    expect(() => trustedCommentBytes('two\nlines')).toThrow(/one non-empty line/);
    expect(() => trustedCommentBytes('nul\u0000')).toThrow(/U\+0000/);
    expect(() => trustedCommentBytes('x'.repeat(8001))).toThrow(/8001 bytes/);
    expect(trustedCommentBytes('x'.repeat(8000)).length).toBe(8000);
  });
});

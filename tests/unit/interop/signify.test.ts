// signify's public key and signature files: known answers (made by signify-openbsd itself, see
// vectors.ts), tweetnacl as the independent Ed25519 oracle, and the verify function readers use.
import { createHash } from 'node:crypto';
import nacl from 'tweetnacl';
import { describe, expect, it } from 'vitest';
import { signingKeyPairFromSeed } from '../../../src/core/crypto/ed25519.js';
import { keyId, keyIdHex, parsePublicKeyFile, parseSignifySignature, publicKeyFile, signifySignature, verifySignify } from '../../../src/core/interop/signify.js';
import { KEYID_HEX, PUBLIC_KEY_HEX, PUB_FILE, SEED, SIG_FILE, STATEMENT_TXT } from './vectors.js';

const keys = signingKeyPairFromSeed(SEED);
const text = new Uint8Array(Buffer.from(STATEMENT_TXT, 'utf8'));
const hex = (b: Uint8Array) => Buffer.from(b).toString('hex');
const b64 = (line: string) => new Uint8Array(Buffer.from(line, 'base64'));

describe('signify files', () => {
  it('the key id is the first 8 bytes of SHA-256 of the public key', () => {
    expect(hex(keys.publicKey)).toBe(PUBLIC_KEY_HEX);
    expect(keyIdHex(keys.publicKey)).toBe(KEYID_HEX);
    expect(hex(keyId(keys.publicKey))).toBe(createHash('sha256').update(keys.publicKey).digest('hex').slice(0, 16));
  });

  it('the public key file is the known answer: "Ed" || keyid || key, in base64', () => {
    expect(publicKeyFile(keys.publicKey)).toBe(PUB_FILE);
    const data = b64(PUB_FILE.split('\n')[1] as string);
    expect(data.length).toBe(42);
    expect(Buffer.from(data.subarray(0, 2)).toString('latin1')).toBe('Ed');
    expect(hex(data.subarray(2, 10))).toBe(KEYID_HEX);
    expect(hex(data.subarray(10))).toBe(PUBLIC_KEY_HEX);
  });

  it('the .sig file is the known answer, and its signature is tweetnacl\'s over the file bytes', () => {
    const file = signifySignature(text, keys);
    expect(file).toBe(SIG_FILE);
    const data = b64(file.split('\n')[1] as string);
    expect(data.length).toBe(74);
    expect(Buffer.from(data.subarray(0, 2)).toString('latin1')).toBe('Ed');
    expect(hex(data.subarray(2, 10))).toBe(KEYID_HEX);
    const oracle = nacl.sign.keyPair.fromSeed(SEED);
    expect(hex(oracle.publicKey)).toBe(PUBLIC_KEY_HEX);
    expect(hex(data.subarray(10))).toBe(hex(nacl.sign.detached(text, oracle.secretKey)));
    expect(nacl.sign.detached.verify(text, data.subarray(10), oracle.publicKey)).toBe(true);
  });

  it('verifySignify accepts the signature and refuses any changed byte, another key, a mismatched key id', () => {
    expect(verifySignify(text, SIG_FILE, PUB_FILE)).toBe(true);
    for (const i of [0, 17, text.length - 1]) {
      const changed = Uint8Array.from(text);
      changed[i] = (changed[i] as number) ^ 0x01;
      expect(verifySignify(changed, SIG_FILE, PUB_FILE)).toBe(false);
    }
    const other = signingKeyPairFromSeed(new Uint8Array(32).fill(7));
    expect(verifySignify(text, SIG_FILE, publicKeyFile(other.publicKey))).toBe(false);
    // The right key under another key id: signify refuses ("checked against wrong key").
    const data = b64(PUB_FILE.split('\n')[1] as string);
    data[2] = (data[2] as number) ^ 1;
    const relabelled = `untrusted comment: x\n${Buffer.from(data).toString('base64')}\n`;
    expect(verifySignify(text, SIG_FILE, relabelled)).toBe(false);
  });

  it('parses its own files back, and refuses malformed ones', () => {
    expect(hex(parsePublicKeyFile(PUB_FILE).publicKey)).toBe(PUBLIC_KEY_HEX);
    expect(parseSignifySignature(SIG_FILE).comment).toBe(`verify with ${KEYID_HEX}.pub`);
    expect(() => parsePublicKeyFile(PUB_FILE.replace('untrusted', 'trusted'))).toThrow(/must start with "untrusted comment: "/);
    expect(() => parsePublicKeyFile(PUB_FILE.trimEnd())).toThrow(/exactly 2 lines/);
    expect(() => parsePublicKeyFile(`${PUB_FILE}extra\n`)).toThrow(/exactly 2 lines/);
    expect(() => parsePublicKeyFile(PUB_FILE.replace('RWRW', 'RW*W'))).toThrow(/not base64/);
    expect(() => parsePublicKeyFile(SIG_FILE)).toThrow(/expected 42 bytes/);
    expect(() => parseSignifySignature(SIG_FILE.replace('RWRW', 'RURW'))).toThrow(/unsupported algorithm "ED"/);
  });

  it('refuses to sign with a public key that is not the secret key\'s', () => {
    const other = signingKeyPairFromSeed(new Uint8Array(32).fill(7));
    expect(() => signifySignature(text, { publicKey: other.publicKey, secretKey: keys.secretKey })).toThrow(/not the public half/);
  });
});

import { describe, expect, it } from 'vitest';
import { deriveKey, KDF_PRESETS, KDF_SALT_LENGTH, validateKdfParams, type KdfParams } from '../../../src/core/crypto/index.js';
import { scryptRaw } from '../../../src/core/crypto/kdf.js';
import { SamizdatError } from '../../../src/core/errors.js';

const enc = (s: string): Uint8Array => new TextEncoder().encode(s);
const toHex = (b: Uint8Array): string => Buffer.from(b).toString('hex');
const salt = new Uint8Array(KDF_SALT_LENGTH).map((_, i) => i);
const interactive = KDF_PRESETS.interactive;

describe('scrypt known answers (RFC 7914, section 12)', () => {
  it('P="pleaseletmein", S="SodiumChloride", N=16384, r=8, p=1', async () => {
    const key = await scryptRaw(enc('pleaseletmein'), enc('SodiumChloride'), 14, 8, 1, 32);
    expect(toHex(key)).toBe('7023bdcb3afd7348461c06cd81fd38ebfda8fbba904f8e3ea9b543f6545da1f2');
  });

  it('P="password", S="NaCl", N=1024, r=8, p=16: first 32 bytes', async () => {
    const key = await scryptRaw(enc('password'), enc('NaCl'), 10, 8, 16, 32);
    expect(toHex(key)).toBe('fdbabe1c9d3472007856e7190d01e9fe7c6ad7cbc8237830e77376634b373162');
  });
});

describe('presets', () => {
  it('have the documented costs', () => {
    expect(KDF_PRESETS).toEqual({
      interactive: { algorithm: 'scrypt', logN: 15, r: 8, p: 1 },
      moderate: { algorithm: 'scrypt', logN: 17, r: 8, p: 1 },
      sensitive: { algorithm: 'scrypt', logN: 20, r: 8, p: 1 },
    });
    expect(128 * 8 * 2 ** KDF_PRESETS.interactive.logN).toBe(32 * 1024 ** 2);
    expect(128 * 8 * 2 ** KDF_PRESETS.sensitive.logN).toBe(1024 ** 3);
    for (const preset of Object.values(KDF_PRESETS)) expect(validateKdfParams(preset)).toEqual(preset);
  });
});

describe('validateKdfParams', () => {
  const ok = { algorithm: 'scrypt', logN: 15, r: 8, p: 1 };

  it('accepts the bounds and returns exactly the four fields', () => {
    expect(validateKdfParams({ algorithm: 'scrypt', logN: 14, r: 1, p: 1 })).toEqual({ algorithm: 'scrypt', logN: 14, r: 1, p: 1 });
    expect(validateKdfParams({ algorithm: 'scrypt', logN: 22, r: 8, p: 16 })).toEqual({ algorithm: 'scrypt', logN: 22, r: 8, p: 16 });
    expect(validateKdfParams({ algorithm: 'scrypt', logN: 17, r: 32, p: 1 })).toEqual({ algorithm: 'scrypt', logN: 17, r: 32, p: 1 });
    expect(validateKdfParams({ ...ok, extra: 'ignored' })).toEqual(ok);
  });

  const bad: [string, unknown][] = [
    ['null', null],
    ['an array', [ok]],
    ['a string', 'scrypt'],
    ['another algorithm', { ...ok, algorithm: 'argon2id' }],
    ['no algorithm', { logN: 15, r: 8, p: 1 }],
    ['logN too small', { ...ok, logN: 13 }],
    ['logN too large', { ...ok, logN: 23 }],
    ['logN not an integer', { ...ok, logN: 15.5 }],
    ['logN a string', { ...ok, logN: '15' }],
    ['logN NaN', { ...ok, logN: Number.NaN }],
    ['logN Infinity', { ...ok, logN: Number.POSITIVE_INFINITY }],
    ['logN missing', { algorithm: 'scrypt', r: 8, p: 1 }],
    ['r zero', { ...ok, r: 0 }],
    ['r too large', { ...ok, r: 33 }],
    ['r negative', { ...ok, r: -8 }],
    ['p zero', { ...ok, p: 0 }],
    ['p too large', { ...ok, p: 17 }],
    ['memory above 4 GiB (logN 22, r 32: 16 GiB)', { ...ok, logN: 22, r: 32 }],
  ];

  it.each(bad)('rejects %s', (_name, params) => {
    let error: unknown;
    try {
      validateKdfParams(params);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(SamizdatError);
    expect((error as SamizdatError).code).toBe('crypto.bad-kdf-params');
    expect((error as SamizdatError).kind).toBe('input');
    expect((error as SamizdatError).message).toMatch(/^crypto: KDF parameters: /);
  });
});

describe('deriveKey', () => {
  it('gives 32 bytes, equal to scrypt over the UTF-8 passphrase', async () => {
    const key = await deriveKey('correct horse battery staple', salt, interactive);
    expect(key).toHaveLength(32);
    expect(toHex(key)).toBe(toHex(await scryptRaw(enc('correct horse battery staple'), salt, 15, 8, 1, 32)));
  });

  it('normalises the passphrase to NFC: composed and decomposed "é" give the same key', async () => {
    const composed = 'caf\u00e9 \u00e9t\u00e9';
    const decomposed = 'cafe\u0301 e\u0301te\u0301';
    expect(composed).not.toBe(decomposed);
    const a = await deriveKey(composed, salt, interactive);
    const b = await deriveKey(decomposed, salt, interactive);
    expect(toHex(a)).toBe(toHex(b));
    expect(toHex(a)).toBe(toHex(await scryptRaw(enc(composed), salt, 15, 8, 1, 32)));
    expect(toHex(a)).not.toBe(toHex(await scryptRaw(enc(decomposed), salt, 15, 8, 1, 32)));
  });

  it('depends on passphrase, salt and parameters', async () => {
    const base = toHex(await deriveKey('passphrase', salt, interactive));
    expect(toHex(await deriveKey('passphrasf', salt, interactive))).not.toBe(base);
    expect(toHex(await deriveKey('passphrase', salt.map((b) => b ^ 1), interactive))).not.toBe(base);
    expect(toHex(await deriveKey('passphrase', salt, { ...interactive, logN: 14 }))).not.toBe(base);
  });

  it('refuses a short salt and invalid parameters before doing any work', async () => {
    await expect(deriveKey('x', new Uint8Array(15), interactive)).rejects.toMatchObject({ code: 'crypto.bad-salt' });
    await expect(deriveKey('x', salt, { ...interactive, logN: 40 } as KdfParams)).rejects.toMatchObject({ code: 'crypto.bad-kdf-params' });
    await expect(deriveKey('x', salt, { ...interactive, algorithm: 'pbkdf2' } as unknown as KdfParams)).rejects.toMatchObject({
      code: 'crypto.bad-kdf-params',
    });
  });
});

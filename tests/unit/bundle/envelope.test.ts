// Encrypted bundles (docs/FORMAT.md, "Encrypted bundles"): sealing to X25519 keys and with a
// passphrase, opening, "not for this vault", and the B-AGE- rules, on files made by sealBundle and
// by the deterministic age writer of tests/fixtures/bundle/age.ts; and interop with Debian's `age`.
import { spawnSync } from 'node:child_process';
import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import nacl from 'tweetnacl';
import { afterAll, describe, expect, it } from 'vitest';
import { ageIdentity, ageRecipient, openBundle, sealBundle, type Openers } from '../../../src/core/bundle/envelope.js';
import { SEAL_WORK_FACTOR } from '../../../src/core/bundle/format.js';
import { tempDir } from '../../helpers/cli.js';
import { ageFile, headerWithoutMac, payloadOffset, scryptStanza, x25519Stanza, type Stanza } from '../../fixtures/bundle/age.js';
import { ascii, asyncChunks, chunked, collect, concat, errorOf, exampleBundle, readAll, ruleOf, sha256Hex } from './helpers.js';

const AGE = '/usr/bin/age';
const hasAge = existsSync(AGE);
const alice = nacl.box.keyPair();
const bob = nacl.box.keyPair();
const stranger = nacl.box.keyPair();
const PASSPHRASE = 'a passphrase for a seized stick';

const fill = (n: number, b: number): Uint8Array => new Uint8Array(n).fill(b);
const FILE_KEY = fill(16, 0x42);
const NONCE = fill(16, 0x24);
const grease = (n: number): Stanza[] => Array.from({ length: n }, () => ({ args: ['samizdat.test/padding'], body: new Uint8Array(0) }));

async function seal(plaintext: Uint8Array, s: Parameters<typeof sealBundle>[1]): Promise<Uint8Array> {
  return collect(sealBundle(asyncChunks([plaintext]), s));
}
const keys = (...secrets: Uint8Array[]): Openers => ({ boxSecrets: secrets });
const phrase = (p = PASSPHRASE): Openers => ({ boxSecrets: [], passphrase: () => Promise.resolve(p) });
/** Open and read the whole plaintext. */
async function open(file: Uint8Array, openers: Openers, chunkSize?: number) {
  const opened = await openBundle(asyncChunks(chunkSize ? chunked(file, chunkSize) : [file]), openers);
  return { envelope: opened.envelope, plaintext: await collect(opened.plaintext) };
}

describe('sealing and opening', () => {
  it('to X25519 keys (tweetnacl box key pairs): any one recipient opens it and gets the clear bundle back', async () => {
    const clear = await exampleBundle();
    const file = await seal(clear, { to: [alice.publicKey, bob.publicKey] });
    expect(Buffer.from(file.subarray(0, 22)).toString('latin1')).toBe('age-encryption.org/v1\n');
    expect(Buffer.from(file).toString('latin1').match(/^-> X25519 /gm)).toHaveLength(2);
    for (const k of [alice, bob]) {
      const opened = await open(file, keys(stranger.secretKey, k.secretKey));
      expect(opened.envelope).toBe('members');
      expect(Buffer.from(opened.plaintext).equals(Buffer.from(clear))).toBe(true);
    }
    const records = await readAll((await openBundle(asyncChunks(chunked(file, 333)), keys(alice.secretKey))).plaintext);
    expect(records.filter((r) => r.kind === 'object')).toHaveLength(5);
  });

  it('with a passphrase: one scrypt stanza at work factor 17, and the passphrase opens it', async () => {
    const clear = await exampleBundle();
    const file = await seal(clear, { passphrase: PASSPHRASE });
    const header = Buffer.from(file).toString('latin1');
    expect(header.match(/^-> /gm)).toEqual(['-> ']);
    expect(header).toMatch(new RegExp(`^-> scrypt [A-Za-z0-9+/]{22} ${SEAL_WORK_FACTOR}\n`, 'm'));
    const opened = await open(file, phrase(), 1000);
    expect(opened.envelope).toBe('passphrase');
    expect(Buffer.from(opened.plaintext).equals(Buffer.from(clear))).toBe(true);
  });

  it('passes a clear bundle through as it is, however it is chunked', async () => {
    const clear = await exampleBundle();
    for (const size of [1, 5, 21, 22, 4096]) {
      const opened = await open(clear, keys(), size);
      expect(opened.envelope).toBe('clear');
      expect(Buffer.from(opened.plaintext).equals(Buffer.from(clear))).toBe(true);
    }
  });

  it('gives a different ciphertext each time for the same bundle', async () => {
    const clear = await exampleBundle();
    const a = await seal(clear, { to: [alice.publicKey] });
    const b = await seal(clear, { to: [alice.publicKey] });
    expect(sha256Hex(a)).not.toBe(sha256Hex(b));
  });

  it('refuses to seal to nobody, or to more recipients than a reader accepts', async () => {
    expect((await errorOf(seal(ascii('x'), { to: [] }))).code).toBe('bundle.no-recipients');
    const many = Array.from({ length: 4097 }, () => alice.publicKey);
    expect((await errorOf(seal(ascii('x'), { to: many }))).code).toBe('bundle.too-many-recipients');
  });
});

describe('a bundle this vault cannot open is not malformed', () => {
  it('encrypted to other keys: "not for this vault" (bundle.not-for-this-vault), with keys or with none', async () => {
    const file = await seal(await exampleBundle(), { to: [alice.publicKey] });
    for (const openers of [keys(stranger.secretKey, bob.secretKey), keys()]) {
      const err = await errorOf(open(file, openers));
      expect(err.code).toBe('bundle.not-for-this-vault');
      expect(err.kind).toBe('vault');
      expect(err.rule).toBeUndefined();
    }
  });

  it('a wrong passphrase: bundle.wrong-passphrase; no passphrase at hand: bundle.needs-passphrase', async () => {
    const file = await seal(await exampleBundle(), { passphrase: PASSPHRASE });
    const wrong = await errorOf(open(file, phrase('another passphrase')));
    expect(wrong.code).toBe('bundle.wrong-passphrase');
    expect(wrong.rule).toBeUndefined();
    expect((await errorOf(open(file, keys(alice.secretKey)))).code).toBe('bundle.needs-passphrase');
  });
});

describe('the deterministic age writer of the fixtures', () => {
  it('writes files that the age-encryption library opens, to a key and with a passphrase', async () => {
    const clear = await exampleBundle();
    const toAlice = ageFile({ fileKey: FILE_KEY, stanzas: [x25519Stanza(FILE_KEY, alice.publicKey, fill(32, 7))], payloadNonce: NONCE, plaintext: clear });
    expect(Buffer.from((await open(toAlice, keys(alice.secretKey))).plaintext).equals(Buffer.from(clear))).toBe(true);
    const sealed = ageFile({ fileKey: FILE_KEY, stanzas: [scryptStanza(FILE_KEY, PASSPHRASE, fill(16, 9), 10)], payloadNonce: NONCE, plaintext: clear });
    expect(Buffer.from((await open(sealed, phrase())).plaintext).equals(Buffer.from(clear))).toBe(true);
  });

  it('writes multi-chunk payloads (64 KiB chunks) that open', async () => {
    const big = new Uint8Array(150_000).map((_, i) => i % 253);
    const file = ageFile({ fileKey: FILE_KEY, stanzas: [x25519Stanza(FILE_KEY, alice.publicKey, fill(32, 7))], payloadNonce: NONCE, plaintext: big });
    expect(Buffer.from((await open(file, keys(alice.secretKey), 10_000)).plaintext).equals(Buffer.from(big))).toBe(true);
  });
});

describe('71 B-AGE-STANZAS', () => {
  const file = (padding: number) =>
    ageFile({ fileKey: FILE_KEY, stanzas: [x25519Stanza(FILE_KEY, alice.publicKey, fill(32, 7)), ...grease(padding)], payloadNonce: NONCE, plaintext: ascii('samizdat-bundle/v1 0\n') });

  it('more than 4,096 stanzas are refused before any key is tried', async () => {
    const err = await errorOf(open(file(4096), keys(alice.secretKey)));
    expect(err.rule).toBe('B-AGE-STANZAS');
    expect(err.kind).toBe('input');
  });

  it('a header of 4,097 stanza lines only (no MAC, no payload), in 100-byte chunks', async () => {
    const header = ascii(`age-encryption.org/v1\n${'-> X25519 AAAA\nAAAA\n'.repeat(4097)}`);
    expect(await ruleOf(open(header, keys(), 100))).toBe('B-AGE-STANZAS');
  });

  it('4,096 stanzas are fine', async () => {
    const opened = await open(file(4095), keys(alice.secretKey));
    expect(Buffer.from(opened.plaintext).toString('latin1')).toBe('samizdat-bundle/v1 0\n');
  });
});

describe('72 B-AGE-WORK', () => {
  const header = (work: string) => ascii(`age-encryption.org/v1\n-> scrypt ${'A'.repeat(22)} ${work}\n${'A'.repeat(43)}\n--- ${'A'.repeat(43)}\n`);
  const never: Openers = { boxSecrets: [], passphrase: () => Promise.reject(new Error('the passphrase was asked for')) };

  it.each(['19', '22', '64', '018', '1e1', '', '-1'])('work factor %j is refused before any scrypt, without asking for the passphrase', async (work) => {
    const started = performance.now();
    const err = await errorOf(open(header(work), never));
    expect(err.rule).toBe('B-AGE-WORK');
    expect(performance.now() - started).toBeLessThan(500);
  });

  it('work factor 19 in a complete, correctly made file', async () => {
    // The stanza body is not what scrypt at 2^19 would give: no reader gets as far as checking it.
    const stanza = scryptStanza(FILE_KEY, PASSPHRASE, fill(16, 9), 10);
    const file = ageFile({ fileKey: FILE_KEY, stanzas: [{ ...stanza, args: ['scrypt', stanza.args[1] as string, '19'] }], payloadNonce: NONCE, plaintext: await exampleBundle() });
    expect(await ruleOf(open(file, phrase()))).toBe('B-AGE-WORK');
  });

  it('work factor 18 is accepted', async () => {
    const clear = await exampleBundle();
    const file = ageFile({ fileKey: FILE_KEY, stanzas: [scryptStanza(FILE_KEY, PASSPHRASE, fill(16, 9), 18)], payloadNonce: NONCE, plaintext: clear });
    expect(Buffer.from((await open(file, phrase())).plaintext).equals(Buffer.from(clear))).toBe(true);
  });
});

describe('73 B-AGE-HEADER', () => {
  const clear = exampleBundle();
  const flipMac = (m: Uint8Array) => m.map((b, i) => (i === 0 ? b ^ 1 : b));

  it('a header MAC that does not verify, to a key the vault holds', async () => {
    const file = ageFile({ fileKey: FILE_KEY, stanzas: [x25519Stanza(FILE_KEY, alice.publicKey, fill(32, 7))], payloadNonce: NONCE, plaintext: await clear, mac: flipMac });
    expect(await ruleOf(open(file, keys(alice.secretKey)))).toBe('B-AGE-HEADER');
    // To keys the vault does not hold, the MAC cannot be checked: it is not for this vault.
    expect(await ruleOf(open(file, keys(bob.secretKey)))).toBe('code bundle.not-for-this-vault');
  });

  it('a header MAC that does not verify, sealed with the passphrase given', async () => {
    const file = ageFile({ fileKey: FILE_KEY, stanzas: [scryptStanza(FILE_KEY, PASSPHRASE, fill(16, 9), 10)], payloadNonce: NONCE, plaintext: await clear, mac: flipMac });
    expect(await ruleOf(open(file, phrase()))).toBe('B-AGE-HEADER');
  });

  it('a stanza added after the MAC was made', async () => {
    const good = ageFile({ fileKey: FILE_KEY, stanzas: [x25519Stanza(FILE_KEY, alice.publicKey, fill(32, 7))], payloadNonce: NONCE, plaintext: await clear });
    const text = Buffer.from(good).toString('latin1');
    const added = ascii(text.replace('\n--- ', '\n-> samizdat.test/padding\n\n--- '));
    expect(await ruleOf(open(added, keys(alice.secretKey)))).toBe('B-AGE-HEADER');
  });

  it('an scrypt stanza that is not the only stanza', async () => {
    const file = ageFile({ fileKey: FILE_KEY, stanzas: [scryptStanza(FILE_KEY, PASSPHRASE, fill(16, 9), 10), x25519Stanza(FILE_KEY, alice.publicKey, fill(32, 7))], payloadNonce: NONCE, plaintext: await clear });
    expect(await ruleOf(open(file, { ...phrase(), boxSecrets: [alice.secretKey] }))).toBe('B-AGE-HEADER');
  });

  it.each([
    ['no MAC line: the file ends inside the header', (h: string) => h.slice(0, h.indexOf('---'))],
    ['a stanza body that is not base64', (h: string) => h.replace(/^(-> X25519 .*\n)(.)/m, '$1!')],
    ['a stanza body line longer than 64 columns', (h: string) => h.replace(/^(-> X25519 .*\n)(.*)\n/m, '$1$2AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA\n')],
    ['a MAC line that is not base64', (h: string) => h.replace(/\n--- .*\n/, '\n--- !!!\n')],
  ])('%s', async (_what, change) => {
    const good = ageFile({ fileKey: FILE_KEY, stanzas: [x25519Stanza(FILE_KEY, alice.publicKey, fill(32, 7))], payloadNonce: NONCE, plaintext: await clear });
    const at = payloadOffset(good);
    const header = Buffer.from(good.subarray(0, at)).toString('latin1');
    const file = concat([ascii(change(header)), good.subarray(at)]);
    expect(await ruleOf(open(file, keys(alice.secretKey)))).toBe('B-AGE-HEADER');
  });

  it('a header that never ends (over 1 MiB of stanza lines below the stanza limit)', async () => {
    const line = `-> samizdat.test/padding ${'x'.repeat(260)}\n\n`;
    const file = ascii(`age-encryption.org/v1\n${line.repeat(4096)}`);
    expect(file.length).toBeGreaterThan(1024 * 1024);
    expect(await ruleOf(open(file, keys(alice.secretKey), 65536))).toBe('B-AGE-HEADER');
  });
});

describe('74 B-AGE-PAYLOAD', () => {
  const big = new Uint8Array(150_000).map((_, i) => i % 253); // three chunks
  const make = async (plaintext?: Uint8Array) =>
    ageFile({ fileKey: FILE_KEY, stanzas: [x25519Stanza(FILE_KEY, alice.publicKey, fill(32, 7))], payloadNonce: NONCE, plaintext: plaintext ?? (await exampleBundle()) });
  const flip = (file: Uint8Array, at: number): Uint8Array => {
    const out = file.slice();
    out[at] = (out[at] as number) ^ 0x01;
    return out;
  };
  const rule = async (file: Uint8Array) => {
    const opened = await openBundle(asyncChunks(chunked(file, 4096)), keys(alice.secretKey));
    return ruleOf(collect(opened.plaintext));
  };

  it('a byte flipped in the payload (its nonce, a chunk, a tag)', async () => {
    const file = await make();
    const at = payloadOffset(file);
    expect(await rule(flip(file, at))).toBe('B-AGE-PAYLOAD'); // the payload nonce
    expect(await rule(flip(file, at + 16))).toBe('B-AGE-PAYLOAD');
    expect(await rule(flip(file, Math.floor((at + file.length) / 2)))).toBe('B-AGE-PAYLOAD');
    expect(await rule(flip(file, file.length - 1))).toBe('B-AGE-PAYLOAD');
  });

  it('a byte flipped in the last chunk of three, after two chunks of plaintext were handed out', async () => {
    const file = await make(big);
    const opened = await openBundle(asyncChunks(chunked(flip(file, file.length - 100), 4096)), keys(alice.secretKey));
    const handedOut: Uint8Array[] = [];
    const err = await errorOf(
      (async () => {
        for await (const c of opened.plaintext) handedOut.push(c);
      })(),
    );
    expect(err.rule).toBe('B-AGE-PAYLOAD');
    expect(Buffer.concat(handedOut).length).toBe(2 * 65536);
  });

  it('truncated: by one byte, at a chunk boundary, inside the last chunk, after the nonce', async () => {
    const file = await make(big);
    const at = payloadOffset(file);
    expect(await rule(file.subarray(0, file.length - 1))).toBe('B-AGE-PAYLOAD');
    expect(await rule(file.subarray(0, at + 16 + 2 * (65536 + 16)))).toBe('B-AGE-PAYLOAD');
    expect(await rule(file.subarray(0, at + 16 + 65536 + 16 + 100))).toBe('B-AGE-PAYLOAD');
    expect(await rule(file.subarray(0, at + 16))).toBe('B-AGE-PAYLOAD');
  });

  // The library reads the 16-byte payload nonce inside decrypt(); the nonce is the payload's first
  // field (age spec), so a file cut inside it is a truncated payload, not a bad header.
  it('truncated inside the payload nonce, or right after the header', async () => {
    const file = await make();
    const at = payloadOffset(file);
    expect(await ruleOf(open(file.subarray(0, at + 5), keys(alice.secretKey)))).toBe('B-AGE-PAYLOAD');
    expect(await ruleOf(open(file.subarray(0, at), keys(alice.secretKey)))).toBe('B-AGE-PAYLOAD');
  });

  it('data after the final chunk', async () => {
    expect(await rule(concat([await make(), new Uint8Array(1)]))).toBe('B-AGE-PAYLOAD');
    expect(await rule(concat([await make(big), new Uint8Array(100)]))).toBe('B-AGE-PAYLOAD');
  });

  it('a sealed bundle by sealBundle, a byte flipped or cut', async () => {
    const file = await seal(await exampleBundle(), { to: [alice.publicKey] });
    expect(await rule(flip(file, file.length - 20))).toBe('B-AGE-PAYLOAD');
    expect(await rule(file.subarray(0, file.length - 20))).toBe('B-AGE-PAYLOAD');
  });
});

// Skipped only where /usr/bin/age is not installed (apt-get install age; CI installs it).
describe.skipIf(!hasAge)(`interop with Debian's age (/usr/bin/age)${hasAge ? '' : ': SKIPPED, age is not installed'}`, () => {
  const tmp = tempDir('samizdat-age-');
  afterAll(() => tmp.remove());
  const age = (args: string[], input?: Uint8Array) => spawnSync(AGE, args, { input, maxBuffer: 64 * 1024 * 1024 });

  it('a bundle sealed to an X25519 key opens with `age -d -i FILE`, FILE holding ageIdentity(secret), and gives the clear bundle', async () => {
    const clear = await exampleBundle();
    const identity = join(tmp.path, 'alice.key');
    writeFileSync(identity, `${ageIdentity(alice.secretKey)}\n`);
    const bundle = join(tmp.path, 'sealed.samizdat');
    writeFileSync(bundle, await seal(clear, { to: [bob.publicKey, alice.publicKey] }));
    const out = age(['-d', '-i', identity, bundle]);
    expect(out.stderr.toString()).toBe('');
    expect(out.status).toBe(0);
    expect(Buffer.from(out.stdout).equals(Buffer.from(clear))).toBe(true);
  });

  it('ageIdentity and ageRecipient agree with age-keygen -y', () => {
    const identity = join(tmp.path, 'bob.key');
    writeFileSync(identity, `${ageIdentity(bob.secretKey)}\n`);
    const out = spawnSync('/usr/bin/age-keygen', ['-y', identity]);
    expect(out.status).toBe(0);
    expect(out.stdout.toString().trim()).toBe(ageRecipient(bob.publicKey));
  });

  it('a file age encrypts to a member\'s recipient opens as a bundle', async () => {
    const clear = await exampleBundle();
    const out = age(['-e', '-r', ageRecipient(alice.publicKey)], clear);
    expect(out.status).toBe(0);
    const opened = await open(new Uint8Array(out.stdout), keys(alice.secretKey));
    expect(opened.envelope).toBe('members');
    expect(Buffer.from(opened.plaintext).equals(Buffer.from(clear))).toBe(true);
  });

  it('the fixtures\' age writer writes files age opens; age refuses a wrong MAC', async () => {
    const clear = await exampleBundle();
    const identity = join(tmp.path, 'alice.key');
    writeFileSync(identity, `${ageIdentity(alice.secretKey)}\n`);
    const good = ageFile({ fileKey: FILE_KEY, stanzas: [x25519Stanza(FILE_KEY, alice.publicKey, fill(32, 7)), ...grease(3)], payloadNonce: NONCE, plaintext: clear });
    const path = join(tmp.path, 'good.age');
    writeFileSync(path, good);
    const out = age(['-d', '-i', identity, path]);
    expect(out.stderr.toString()).toBe('');
    expect(Buffer.from(out.stdout).equals(Buffer.from(clear))).toBe(true);
    const bad = join(tmp.path, 'bad.age');
    writeFileSync(bad, ageFile({ fileKey: FILE_KEY, stanzas: [x25519Stanza(FILE_KEY, alice.publicKey, fill(32, 7))], payloadNonce: NONCE, plaintext: clear, mac: (m) => m.map((b) => b ^ 0xff) }));
    const refused = age(['-d', '-i', identity, bad]);
    expect(refused.status).not.toBe(0);
    expect(refused.stderr.toString()).toMatch(/MAC|mac/);
  });

  it('headerWithoutMac wraps stanza bodies as age does (a 48-byte body takes a final empty line)', () => {
    expect(headerWithoutMac([{ args: ['t'], body: fill(48, 0) }])).toBe(`age-encryption.org/v1\n-> t\n${'A'.repeat(64)}\n\n---`);
  });
});


// Encrypted bundles are age v1 files (docs/FORMAT.md, "Encrypted bundles"), through the
// `age-encryption` library (the reference TypeScript implementation by age's author). Before the
// library sees a header, this module checks the limits the format adds (B-AGE-STANZAS,
// B-AGE-WORK), so that a hostile header cannot make a reader run a 1 GiB scrypt.
import { Decrypter, Encrypter } from 'age-encryption';
import { bech32 } from '@scure/base';
import { SamizdatError } from '../errors.js';
import { AGE_MAGIC, BUNDLE_LIMITS, SEAL_WORK_FACTOR, bundleError } from './format.js';

/** X25519 public keys of the members a bundle is encrypted to, or a passphrase to seal it with. */
export type Seal = { to: Uint8Array[] } | { passphrase: string };

/** What opens an encrypted bundle: the vault's X25519 secret keys, and a passphrase if one is at hand. */
export interface Openers {
  boxSecrets: Uint8Array[];
  /** Asked only when the bundle is sealed with a passphrase. */
  passphrase?: () => Promise<string>;
}

export type Envelope = 'clear' | 'members' | 'passphrase';

export interface Opened {
  envelope: Envelope;
  plaintext: AsyncIterable<Uint8Array>;
}

const MAGIC_LINE = Buffer.from(`${AGE_MAGIC}\n`, 'latin1');
const MAX_HEADER_BYTES = 1024 * 1024;

export const ageRecipient = (boxPublic: Uint8Array): string => bech32.encode('age', bech32.toWords(boxPublic));
export const ageIdentity = (boxSecret: Uint8Array): string => bech32.encode('AGE-SECRET-KEY-', bech32.toWords(boxSecret), false).toUpperCase();

function toReadable(chunks: AsyncIterable<Uint8Array>): ReadableStream<Uint8Array> {
  const it = chunks[Symbol.asyncIterator]();
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      const next = await it.next();
      if (next.done) controller.close();
      else controller.enqueue(next.value);
    },
    async cancel(reason) {
      await it.return?.(reason);
    },
  });
}

async function* fromReadable(stream: ReadableStream<Uint8Array>, onError: (err: unknown) => unknown): AsyncGenerator<Uint8Array> {
  const reader = stream.getReader();
  try {
    for (;;) {
      let next: Awaited<ReturnType<typeof reader.read>>;
      try {
        next = await reader.read();
      } catch (err) {
        throw onError(err);
      }
      if (next.done) return;
      yield next.value;
    }
  } finally {
    reader.releaseLock();
  }
}

/** Encrypt a clear bundle's chunks. */
export async function* sealBundle(plaintext: AsyncIterable<Uint8Array>, seal: Seal): AsyncGenerator<Uint8Array> {
  const e = new Encrypter();
  if ('passphrase' in seal) {
    e.setPassphrase(seal.passphrase);
    e.setScryptWorkFactor(SEAL_WORK_FACTOR);
  } else {
    if (seal.to.length === 0) throw new SamizdatError('bundle', 'usage', 'bundle.no-recipients', 'nobody to encrypt to: the group has no current members with keys');
    if (seal.to.length > BUNDLE_LIMITS.ageStanzas) throw new SamizdatError('bundle', 'usage', 'bundle.too-many-recipients', `at most ${BUNDLE_LIMITS.ageStanzas} recipients`);
    for (const key of seal.to) e.addRecipient(ageRecipient(key));
  }
  const out = await e.encrypt(toReadable(plaintext));
  yield* fromReadable(out, (err) => err);
}

/** Read chunks until `n` bytes are at hand (or the stream ends). */
async function peek(it: AsyncIterator<Uint8Array>, held: Uint8Array[], n: number): Promise<Buffer> {
  let have = Buffer.concat(held);
  while (have.length < n) {
    const next = await it.next();
    if (next.done) break;
    held.push(next.value);
    have = Buffer.concat(held);
  }
  return have;
}

async function* replay(held: Uint8Array[], it: AsyncIterator<Uint8Array>): AsyncGenerator<Uint8Array> {
  for (const chunk of held) yield chunk;
  for (let next = await it.next(); !next.done; next = await it.next()) yield next.value;
}

/** Check the age header's stanza count and scrypt work factor; say whether it is sealed with a passphrase. */
async function scanAgeHeader(it: AsyncIterator<Uint8Array>, held: Uint8Array[]): Promise<'members' | 'passphrase'> {
  let scanned = 0;
  let stanzas = 0;
  let scrypt = false;
  for (let size = 4096; ; size *= 2) {
    const have = await peek(it, held, size);
    const text = have.toString('latin1');
    let lineStart = scanned;
    for (let lf = text.indexOf('\n', lineStart); lf >= 0; lf = text.indexOf('\n', lineStart)) {
      const line = text.slice(lineStart, lf);
      lineStart = lf + 1;
      scanned = lineStart;
      if (line.startsWith('--- ')) return scrypt ? 'passphrase' : 'members';
      if (!line.startsWith('-> ')) continue;
      stanzas++;
      if (stanzas > BUNDLE_LIMITS.ageStanzas) throw bundleError('B-AGE-STANZAS', `the encrypted bundle's header has more than ${BUNDLE_LIMITS.ageStanzas} recipient stanzas`);
      const args = line.split(' ');
      if (args[1] === 'scrypt') {
        scrypt = true;
        const work = Number(args[3]);
        if (!/^[1-9][0-9]?$/.test(args[3] ?? '') || work > BUNDLE_LIMITS.ageWorkFactor) {
          throw bundleError('B-AGE-WORK', `the bundle's passphrase stanza asks for scrypt work factor ${JSON.stringify(args[3] ?? '')}; at most ${BUNDLE_LIMITS.ageWorkFactor} is accepted`);
        }
      }
    }
    if (have.length < size || size >= MAX_HEADER_BYTES) {
      throw bundleError('B-AGE-HEADER', have.length < size ? 'the encrypted bundle ends inside its header' : 'the encrypted bundle\'s header is too long');
    }
  }
}

/** Open a bundle, clear or encrypted, for reading. A bundle for other keys is reported as such (not malformed). */
export async function openBundle(chunks: AsyncIterable<Uint8Array>, openers: Openers): Promise<Opened> {
  const it = chunks[Symbol.asyncIterator]();
  const held: Uint8Array[] = [];
  const start = await peek(it, held, MAGIC_LINE.length);
  if (!start.subarray(0, MAGIC_LINE.length).equals(MAGIC_LINE)) {
    // Shorter than the age line and a prefix of it (the stream has ended): a cut copy, like a
    // prefix of a clear bundle's magic (docs/FORMAT.md, B-MAGIC). The empty file is the clear reader's.
    if (start.length > 0 && start.length < MAGIC_LINE.length && MAGIC_LINE.subarray(0, start.length).equals(start)) {
      throw bundleError('B-TRUNCATED', `the file ends inside its first line, ${JSON.stringify(AGE_MAGIC)}: the copy is incomplete`);
    }
    return { envelope: 'clear', plaintext: replay(held, it) };
  }

  const envelope = await scanAgeHeader(it, held);
  const d = new Decrypter();
  let passphraseGiven = false;
  if (envelope === 'passphrase') {
    if (!openers.passphrase) {
      throw new SamizdatError('bundle', 'usage', 'bundle.needs-passphrase', 'this bundle is sealed with a passphrase: give it with --bundle-passphrase-file FILE or SAMIZDAT_BUNDLE_PASSPHRASE');
    }
    d.addPassphrase(await openers.passphrase());
    passphraseGiven = true;
  } else {
    for (const secret of openers.boxSecrets) d.addIdentity(ageIdentity(secret));
    if (openers.boxSecrets.length === 0) {
      throw new SamizdatError('bundle', 'vault', 'bundle.not-for-this-vault', 'this bundle is encrypted to a group\'s members: open it in a member\'s vault (samizdat import)');
    }
  }
  let out: ReadableStream<Uint8Array>;
  try {
    out = await d.decrypt(toReadable(replay(held, it)));
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    if (err instanceof SamizdatError) throw err;
    if (message.startsWith('no identity matched')) {
      throw passphraseGiven
        ? new SamizdatError('bundle', 'vault', 'bundle.wrong-passphrase', 'the passphrase does not open this bundle')
        : new SamizdatError('bundle', 'vault', 'bundle.not-for-this-vault', 'this bundle is encrypted to other keys: no key in this vault opens it');
    }
    // The payload nonce follows the header and is read before decrypt() returns.
    if (message.startsWith('stream ended before reading 16 bytes')) throw bundleError('B-AGE-PAYLOAD', 'the encrypted bundle ends right after its header: the copy is incomplete');
    throw bundleError('B-AGE-HEADER', `the encrypted bundle's header is not valid (${message})`);
  }
  const payloadError = (err: unknown) =>
    err instanceof SamizdatError ? err : bundleError('B-AGE-PAYLOAD', `the encrypted bundle's contents fail to decrypt (${err instanceof Error ? err.message : String(err)}): the file is damaged, truncated or altered`);
  return { envelope, plaintext: fromReadable(out, payloadError) };
}

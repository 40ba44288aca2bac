// Ed25519 throughput, alone in a process: `verify-child.js BUNDLE COUNT ROUNDS`. The first COUNT
// statement signatures of BUNDLE, checked four ways, interleaved round by round, best round each:
//
//   raw        node:crypto verify of the ready-made messages, one KeyObject a key, one core
//   core       the signature check as import does it, from each signature's bytes: decode (depth,
//              UTF-8, JSON, canonical form, validation), id (SHA-256 of the canonical bytes, as the
//              reader takes it), signing message (from the bytes, as import builds it), strict
//              verify (the byte checks and node:crypto), one core
//   reader     the same with the bundle's framing around it: the signatures as bundle records
//              through the real reader (record lines, order, trailer hash), one core
//   pool       the project's verify pool (src/core/crypto/verify-pool.ts) as import uses it: batches
//              of 256 queued, the calling thread assisting, every core
//
// Prints one line of JSON: rates in signatures a second.
import { readFileSync } from 'node:fs';
import { fromHex } from '../src/core/crypto/bytes.js';
import { sha256Hex } from '../src/core/crypto/hash.js';
import { verify } from '../src/core/crypto/ed25519.js';
import { createVerifyPool, type VerifyItem } from '../src/core/crypto/verify-pool.js';
import { readBundle } from '../src/core/bundle/reader.js';
import { writeBundle, type WriterRecord } from '../src/core/bundle/writer.js';
import { jsonDepth } from '../src/core/bundle/depth.js';
import { BUNDLE_LIMITS } from '../src/core/bundle/format.js';
import { decodeObject, statementSigningMessage, statementSigningMessageOf } from '../src/core/model/objects.js';
import type { StatementSignature } from '../src/core/model/types.js';
import { rawVerifyAll } from './raw-verify.js';
import { seconds } from './lib.js';

const [file, countArg, roundsArg] = process.argv.slice(2);
const count = Number(countArg);
const rounds = Number(roundsArg ?? 3);
if (!file || !Number.isSafeInteger(count) || count < 1) throw new Error('usage: verify-child.js BUNDLE COUNT [ROUNDS]');

const PIECE = 1024 * 1024;
/** Bytes as a file gives them: pieces of 1 MiB (exchange/files.ts). */
function* pieces(buf: Uint8Array): Generator<Uint8Array> {
  for (let at = 0; at < buf.length; at += PIECE) yield buf.subarray(at, Math.min(buf.length, at + PIECE));
}

// The inputs, untimed: COUNT signature records, as bytes, as a signature-only bundle, and ready-made.
const records: WriterRecord[] = [];
for await (const r of readBundle(pieces(readFileSync(file)))) {
  if (r.kind === 'object' && r.object.type === 'signature') records.push({ kind: 'object', section: 'signature', id: r.id, bytes: r.bytes });
  if (records.length === count) break;
}
if (records.length < count) throw new Error(`bench: ${file} holds only ${records.length} statement signatures`);
async function bundleOf(rs: WriterRecord[]): Promise<Buffer> {
  const parts: Uint8Array[] = [];
  for await (const chunk of writeBundle(rs.length, rs)) parts.push(chunk);
  return Buffer.concat(parts);
}
const items: VerifyItem[] = records.map((r) => {
  const s = decodeObject((r as { bytes: Uint8Array }).bytes) as StatementSignature;
  return { message: statementSigningMessage(s), sig: fromHex(s.sig), key: fromHex(s.key) };
});
/** The whole set, and a tenth of it for the warm-up. */
const warmCount = Math.max(1, Math.floor(count / 10));
const sets = {
  all: { n: count, records, items, bundle: await bundleOf(records) },
  warm: { n: warmCount, records: records.slice(0, warmCount), items: items.slice(0, warmCount), bundle: await bundleOf(records.slice(0, warmCount)) },
};
type Sample = (typeof sets)['all'];

const keyCache = new Map();
const raw = (set: Sample): void => rawVerifyAll(set.items, keyCache);

function core(set: Sample): void {
  for (const r of set.records) {
    const bytes = (r as { bytes: Uint8Array }).bytes;
    if (jsonDepth(bytes, BUNDLE_LIMITS.depth) > BUNDLE_LIMITS.depth) throw new Error('bench: too deep');
    const s = decodeObject(bytes) as StatementSignature;
    const id = sha256Hex(bytes); // as the reader hashes a record
    if (id !== r.id || !verify(statementSigningMessageOf(s, bytes), fromHex(s.sig), fromHex(s.key))) throw new Error('bench: a signature does not verify');
  }
}

async function reader(set: Sample): Promise<void> {
  let n = 0;
  for await (const r of readBundle(pieces(set.bundle))) {
    if (r.kind !== 'object' || r.object.type !== 'signature') continue;
    const s = r.object;
    if (!verify(statementSigningMessageOf(s, r.bytes), fromHex(s.sig), fromHex(s.key))) throw new Error('bench: a signature does not verify');
    n++;
  }
  if (n !== set.n) throw new Error('bench: the reader gave fewer signatures than written');
}

const pool = createVerifyPool();
async function parallel(set: Sample): Promise<void> {
  const batches: Array<Promise<boolean[]>> = [];
  for (let at = 0; at < set.items.length; at += 256) batches.push(pool.verifyBatch(set.items.slice(at, at + 256)));
  await pool.assist();
  const answers = await Promise.all(batches);
  if (!answers.every((a) => a.every(Boolean))) throw new Error('bench: the pool says a signature does not verify');
}

const ways = { raw, core, reader, pool: parallel };
const best = { raw: 0, core: 0, reader: 0, pool: 0 };
// Warm-up (not counted): the JIT, the key caches, the pool's workers.
pool.warm();
for (const fn of Object.values(ways)) await fn(sets.warm);
for (let round = 0; round < rounds; round++) {
  for (const [name, fn] of Object.entries(ways) as Array<[keyof typeof best, (set: Sample) => void | Promise<void>]>) {
    const start = process.hrtime.bigint();
    await fn(sets.all);
    best[name] = Math.max(best[name], count / seconds(start));
  }
}
await pool.close();
process.stdout.write(`${JSON.stringify({ signatures: count, rounds, poolThreads: pool.threads, rawPerS: best.raw, corePerS: best.core, readerPerS: best.reader, poolPerS: best.pool })}\n`);

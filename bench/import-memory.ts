// The memory of importing a bundle that carries one large attachment (DESIGN.md, "Budgets":
// a 1 GiB bundle in at most 300 MB). Each measurement runs in a child process of its own
// (bench/import-child.ts) and reports its peak RSS; the raw primitive is reading and hashing the
// same file in the same run. The bundle is written by streaming: it is never whole in memory, here
// or in the children.
//   SAMIZDAT_BENCH_ATTACHMENT_MIB   the attachment's size in MiB (default 256)
//   SAMIZDAT_BENCH_BIG=1            1 GiB, the size the budget is written for
import { spawnSync } from 'node:child_process';
import { createCipheriv, createHash } from 'node:crypto';
import { createWriteStream, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { fileURLToPath } from 'node:url';
import { BUNDLE_LIMITS } from '../src/core/bundle/format.js';
import { writeBundle, type WriterRecord } from '../src/core/bundle/writer.js';
import { canonicalBytes } from '../src/core/model/canonical.js';
import { makeStatement } from '../src/core/model/build.js';
import { objectId } from '../src/core/model/objects.js';

const MiB = 1024 * 1024;
/** DESIGN.md's budget, in bytes (MB = 10^6 bytes, the stricter reading). */
export const MEMORY_BUDGET = 300e6;
const CHILD = fileURLToPath(new URL('./import-child.js', import.meta.url));

/** The attachment size asked for, in MiB. */
export function attachmentMiB(env: NodeJS.ProcessEnv = process.env): number {
  if (env.SAMIZDAT_BENCH_BIG === '1') return 1024;
  const mib = Number(env.SAMIZDAT_BENCH_ATTACHMENT_MIB ?? 256);
  const max = BUNDLE_LIMITS.attachmentBytes / MiB;
  if (!Number.isSafeInteger(mib) || mib < 1 || mib > max) throw new Error(`SAMIZDAT_BENCH_ATTACHMENT_MIB must be an integer from 1 to ${max}`);
  return mib;
}

/** `size` deterministic bytes, 1 MiB at a time (an AES-CTR key stream): the same on every pass. */
function* pseudoRandom(size: number): Generator<Uint8Array> {
  const cipher = createCipheriv('aes-128-ctr', Buffer.alloc(16, 7), Buffer.alloc(16, 0));
  const zeros = Buffer.alloc(MiB);
  for (let left = size; left > 0; left -= MiB) yield cipher.update(zeros.subarray(0, Math.min(MiB, left)));
}

/** Writes a clear bundle of one statement and its attachment of `size` bytes to `file`, by streaming; returns the file's size. */
export async function writeBigBundle(file: string, size: number): Promise<number> {
  const hash = createHash('sha256');
  for (const piece of pseudoRandom(size)) hash.update(piece);
  const attachmentId = hash.digest('hex');
  const statement = makeStatement({
    authors: ['a'.repeat(64)],
    title: 'A large attachment',
    lang: 'en',
    date: '2026-01-01',
    body: 'For the memory benchmark.',
    attachments: [{ id: attachmentId, name: 'big.bin', mediaType: 'application/octet-stream', size }],
  });
  const records: WriterRecord[] = [
    { kind: 'object', section: 'statement', id: objectId(statement), bytes: canonicalBytes(statement) },
    { kind: 'attachment', id: attachmentId, size, chunks: pseudoRandom(size) },
  ];
  await pipeline(Readable.from(writeBundle(records.length, records)), createWriteStream(file));
  return statSync(file).size;
}

interface Measurement {
  maxRssBytes: number;
  seconds: number;
}

function child(args: string[]): Measurement {
  const run = spawnSync(process.execPath, [CHILD, ...args], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] });
  if (run.status !== 0) throw new Error(`bench child "${args[0]}" failed (exit ${String(run.status ?? run.signal)})`);
  return JSON.parse(run.stdout.trim().split('\n').pop() ?? '') as Measurement;
}

const mb = (bytes: number): string => `${(bytes / 1e6).toFixed(1).padStart(7)} MB`;

export async function importMemoryBench(): Promise<void> {
  const mib = attachmentMiB();
  const root = mkdtempSync(join(tmpdir(), 'samizdat-bench-'));
  try {
    const file = join(root, 'big.samizdat');
    const bundleBytes = await writeBigBundle(file, mib * MiB);
    const raw = child(['raw', file]);
    const open = child(['open', file, join(root, 'open')]);
    const ours = child(['import', file, join(root, 'import')]);

    console.log(`\nImport memory: one attachment of ${mib} MiB, a bundle of ${bundleBytes} bytes; peak RSS of one child process each`);
    console.log(`${'raw read + SHA-256 of the bundle'.padEnd(34)} ${mb(raw.maxRssBytes)}  ${raw.seconds.toFixed(2).padStart(7)} s   ratio 1.00`);
    console.log(`${'create an empty vault only'.padEnd(34)} ${mb(open.maxRssBytes)}  ${'-'.padStart(7)}     ratio ${(open.maxRssBytes / raw.maxRssBytes).toFixed(2)}`);
    console.log(
      `${'samizdat import into a new vault'.padEnd(34)} ${mb(ours.maxRssBytes)}  ${ours.seconds.toFixed(2).padStart(7)} s   ratio ${(ours.maxRssBytes / raw.maxRssBytes).toFixed(2)}` +
        ` (time ratio ${(ours.seconds / raw.seconds).toFixed(1)})`,
    );
    console.log(`memory ratio: import peak RSS / bundle size = ${(ours.maxRssBytes / bundleBytes).toFixed(3)}; above an empty vault: ${mb(ours.maxRssBytes - open.maxRssBytes).trim()}`);
    const verdict = ours.maxRssBytes <= MEMORY_BUDGET ? 'within' : 'OVER';
    console.log(
      `budget: importing a 1 GiB bundle in at most ${mb(MEMORY_BUDGET).trim()} of peak RSS: ${mb(ours.maxRssBytes).trim()} for ${mib} MiB, ${verdict}` +
        (mib < 1024 ? ' (SAMIZDAT_BENCH_BIG=1 measures 1 GiB)' : ''),
    );
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
}

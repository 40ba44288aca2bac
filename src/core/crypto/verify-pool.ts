// Strict Ed25519 verification of many signatures on worker threads, for imports: the curve work
// of a batch runs beside the main thread's parsing and storing instead of before it.
//
// `verifyBatch(items)` answers exactly what `items.map(i => verify(i.message, i.sig, i.key))`
// answers (ed25519.ts). The strict checks that are byte comparisons (lengths, S < L, R and A not
// of small order, A canonical) run here on the main thread, as in `verify`; only what passes them
// goes to a worker, which runs node:crypto's verify on it, as `verify` does. Those byte checks are
// ed25519.ts's own (`passesStrictByteChecks`); tests/unit/crypto/verify-pool.test.ts holds the pool
// to `verify` on the Wycheproof vectors and on the strict cases.
//
// The worker is an eval'd CommonJS string that needs node:crypto only, so it runs the same from
// the compiled output and from the TypeScript sources (vitest). A batch travels as one
// transferred ArrayBuffer. Workers start on the first batch that needs them, and are unref'd
// while idle: an unclosed pool never keeps a process alive, a busy one does until it answers.
// Each worker holds at most two batches; the others wait in the pool's queue, from which a caller
// that has nothing left to do but wait takes its share (`assist`). With 0 threads, or where no
// worker can start, every batch is verified inline: the same answers.
//
// The workers also work out groups' safety numbers (`safetyNumbers`, fingerprint.ts): 5,200
// SHA-512 rounds each, 15 ms a group, which an import of a thousand new groups would otherwise
// spend on its main thread before reading its first statement. The rounds run in the worker as in
// fingerprint.ts's safetyNumberRounds (the same domain and count, from there; one-shot hashes from
// one buffer), the digits from the last hash on the calling thread by fingerprint.ts itself; the
// test holds the two to safetyNumber.
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import { SamizdatError } from '../errors.js';
import { passesStrictByteChecks, verify } from './ed25519.js';
import { SAFETY_NUMBER_DOMAIN, SAFETY_NUMBER_ITERATIONS, safetyNumber, safetyNumberOfDigest } from './fingerprint.js';

export interface VerifyItem {
  message: Uint8Array;
  sig: Uint8Array;
  key: Uint8Array;
}

export interface VerifyPool {
  /** Whether each signature verifies, as `verify` says. Rejects only when a worker fails or the pool is closed. */
  verifyBatch(items: readonly VerifyItem[]): Promise<boolean[]>;
  /** Starts the workers now (if not yet), so that they are ready by the first batch. */
  warm(): void;
  /**
   * Verifies queued batches (those no worker has taken yet) on the calling thread, newest first,
   * until none is left or `max` are done: for a caller that would otherwise only wait for them.
   * Their promises resolve as usual.
   */
  assist(max?: number): Promise<void>;
  /**
   * The safety numbers of groups by their 32-byte ids, as fingerprint.ts's safetyNumber gives
   * them, worked out on the workers (inline with 0 threads). Optional: a pool may not offer it.
   */
  safetyNumbers?(groupIds: readonly Uint8Array[]): Promise<string[]>;
  /** Stops the workers; batches still in flight reject. */
  close(): Promise<void>;
  /** How many worker threads the pool may use (0: it verifies inline). */
  readonly threads: number;
  /** Jobs waiting for a worker (given to none yet): what `assist` can take. Optional: a pool may not say. */
  readonly queued?: number;
}

export interface VerifyPoolOptions {
  /** Worker threads; default one fewer than the machine's cores. 0 verifies inline, on the calling thread. */
  threads?: number;
  /** Batches with fewer items than this verify inline, where messaging would cost more than it saves (default 32). */
  inlineBelow?: number;
}

/** Threads that leave one core to the main thread. */
export const defaultVerifyThreads = (): number => Math.max(0, availableParallelism() - 1);

/** Whether an item passes every check of `verify` but the curve arithmetic. */
const passesByteChecks = (item: VerifyItem): boolean => passesStrictByteChecks(item.message, item.sig, item.key);

// --- the worker ---

/**
 * A batch as it travels: `lengths` holds each message's length; `data` holds, for each item in
 * turn, its key (32 bytes), its signature (64) and its message. The answer is one byte per item.
 * A job of safety numbers (kind 'fingerprint') holds the group ids one after the other in `data`;
 * the answer is the last hash of each, 64 bytes apiece.
 */
interface BatchMessage {
  id: number;
  kind: 'verify' | 'fingerprint';
  lengths: Uint32Array;
  data: Uint8Array;
}

const WORKER_SOURCE = `
'use strict';
const { parentPort } = require('node:worker_threads');
const { createPublicKey, hash, verify } = require('node:crypto');
const keys = new Map();
const DOMAIN = Buffer.from(${JSON.stringify(SAFETY_NUMBER_DOMAIN)}, 'utf8');
function lastHash(groupId) {
  const round = Buffer.alloc(96);
  round.set(groupId, 64);
  let h = hash('sha512', Buffer.concat([DOMAIN, groupId]), 'buffer');
  for (let i = 0; i < ${SAFETY_NUMBER_ITERATIONS}; i++) {
    round.set(h, 0);
    h = hash('sha512', round, 'buffer');
  }
  return h;
}
function keyObject(raw) {
  const hex = raw.toString('hex');
  let key = keys.get(hex);
  if (key === undefined) {
    key = createPublicKey({ key: { kty: 'OKP', crv: 'Ed25519', x: raw.toString('base64url') }, format: 'jwk' });
    if (keys.size >= 10000) keys.delete(keys.keys().next().value);
    keys.set(hex, key);
  }
  return key;
}
parentPort.on('message', ({ id, kind, lengths, data }) => {
  const buf = Buffer.from(data.buffer, data.byteOffset, data.byteLength);
  if (kind === 'fingerprint') {
    const out = new Uint8Array(buf.length * 2);
    for (let at = 0; at < buf.length; at += 32) out.set(lastHash(buf.subarray(at, at + 32)), at * 2);
    parentPort.postMessage({ id, out }, [out.buffer]);
    return;
  }
  const out = new Uint8Array(lengths.length);
  let at = 0;
  for (let i = 0; i < lengths.length; i++) {
    const key = buf.subarray(at, at + 32);
    const sig = buf.subarray(at + 32, at + 96);
    const message = buf.subarray(at + 96, at + 96 + lengths[i]);
    at += 96 + lengths[i];
    try {
      out[i] = verify(null, message, keyObject(key), sig) ? 1 : 0;
    } catch {
      out[i] = 0;
    }
  }
  parentPort.postMessage({ id, out }, [out.buffer]);
});
`;

/** A job waiting for a worker (or for `assist`): a batch that passed the byte checks, or safety numbers. */
interface Queued {
  /** The job as it travels to a worker. */
  pack(id: number): BatchMessage;
  /** Settles the job with a worker's answer. */
  answered(out: Uint8Array): void;
  /** Does the job on the calling thread and settles it. */
  inline(): void;
  reject(e: unknown): void;
}

/** Batches a worker holds at once: one it works on, one ready behind it. The rest wait in the pool's queue. */
const IN_FLIGHT_PER_WORKER = 2;

class PoolWorker {
  readonly worker: Worker;
  readonly pending = new Map<number, Queued>();
  private nextId = 0;

  constructor(onIdle: () => void, onGone: (w: PoolWorker, e: unknown) => void) {
    this.worker = new Worker(WORKER_SOURCE, { eval: true });
    this.worker.on('message', ({ id, out }: { id: number; out: Uint8Array }) => {
      const q = this.pending.get(id);
      if (!q) return;
      this.settled(id);
      q.answered(out);
      onIdle();
    });
    let failed = false;
    const fail = (e: unknown): void => {
      if (failed) return; // 'error' is followed by 'exit'
      failed = true;
      const waiting = [...this.pending.values()];
      for (const id of [...this.pending.keys()]) this.settled(id);
      for (const q of waiting) q.reject(e);
      onGone(this, e);
    };
    this.worker.on('error', fail);
    this.worker.on('exit', (code) => fail(poolError(`a signature worker stopped (exit code ${code})`)));
    // After the listeners: adding a 'message' listener refs the worker again.
    this.worker.unref();
  }

  send(q: Queued): void {
    const batch = q.pack(this.nextId++);
    if (this.pending.size === 0) this.worker.ref();
    this.pending.set(batch.id, q);
    this.worker.postMessage(batch, [batch.lengths.buffer as ArrayBuffer, batch.data.buffer as ArrayBuffer]);
  }

  private settled(id: number): void {
    this.pending.delete(id);
    if (this.pending.size === 0) this.worker.unref();
  }
}

function poolError(message: string): SamizdatError {
  return new SamizdatError('crypto', 'input', 'crypto.verify-pool', message);
}

function pack(id: number, items: readonly VerifyItem[]): BatchMessage {
  const lengths = new Uint32Array(items.length);
  let size = 0;
  items.forEach((item, i) => {
    lengths[i] = item.message.length;
    size += 96 + item.message.length;
  });
  const data = new Uint8Array(size);
  let at = 0;
  for (const item of items) {
    data.set(item.key, at);
    data.set(item.sig, at + 32);
    data.set(item.message, at + 96);
    at += 96 + item.message.length;
  }
  return { id, kind: 'verify', lengths, data };
}

/** Safety numbers a worker works out per job: about 60 ms of work, so that signature batches are not held up long behind them. */
const FINGERPRINTS_PER_JOB = 4;

const nextTurn = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

/** A pool of `threads` workers (default: one fewer than the cores); with 0 it verifies inline. */
export function createVerifyPool(options: VerifyPoolOptions = {}): VerifyPool {
  const threads = Math.max(0, Math.floor(options.threads ?? defaultVerifyThreads()));
  const inlineBelow = options.inlineBelow ?? 32;
  const workers: PoolWorker[] = [];
  /** Batches no worker holds yet: workers take from the front, `assist` from the back. */
  const queue: Queued[] = [];
  let closed = false;

  /** Where no worker can start at all: every batch is verified inline from then on (the same answers). */
  let inlineOnly = threads === 0;
  const inlineAnswers = (items: readonly VerifyItem[]): boolean[] => items.map((i) => verify(i.message, i.sig, i.key));

  /** A worker failed: its batches have rejected; so do the queued ones, whose import fails anyway. */
  const gone = (w: PoolWorker, e: unknown): void => {
    const at = workers.indexOf(w);
    if (at >= 0) workers.splice(at, 1);
    for (const q of queue.splice(0)) q.reject(e);
  };

  const start = (): PoolWorker | undefined => {
    try {
      const w = new PoolWorker(dispatch, gone);
      workers.push(w);
      return w;
    } catch {
      if (workers.length > 0) return undefined;
      inlineOnly = true;
      for (const q of queue.splice(0)) q.inline();
      return undefined;
    }
  };

  /** Hands queued batches to workers with room, starting workers while fewer than `threads` run. */
  const dispatch = (): void => {
    while (queue.length > 0 && !closed) {
      const w =
        workers.find((x) => x.pending.size === 0) ??
        (workers.length < threads ? start() : undefined) ??
        workers.find((x) => x.pending.size < IN_FLIGHT_PER_WORKER);
      if (w === undefined) return;
      w.send(queue.shift() as Queued);
    }
  };

  return {
    threads,
    get queued(): number {
      return queue.length;
    },
    async verifyBatch(items: readonly VerifyItem[]): Promise<boolean[]> {
      if (closed) throw poolError('the signature pool is closed');
      if (inlineOnly || items.length < inlineBelow) return inlineAnswers(items);
      const sent: number[] = [];
      items.forEach((item, i) => {
        if (passesByteChecks(item)) sent.push(i);
      });
      const results = new Array<boolean>(items.length).fill(false);
      if (sent.length === 0) return results;
      const queued = sent.map((i) => items[i] as VerifyItem);
      const out = await new Promise<boolean[]>((resolve, reject) => {
        queue.push({
          pack: (id) => pack(id, queued),
          answered: (bytes) => resolve(Array.from(bytes, (b) => b === 1)),
          // These passed the byte checks: `verify` repeats them and adds the curve work, as a worker would.
          inline: () => resolve(inlineAnswers(queued)),
          reject,
        });
        dispatch();
      });
      sent.forEach((i, k) => {
        results[i] = out[k] === true;
      });
      return results;
    },
    async safetyNumbers(groupIds: readonly Uint8Array[]): Promise<string[]> {
      if (closed) throw poolError('the signature pool is closed');
      // A worker's job carries ids of 32 bytes; safetyNumber takes any bytes.
      if (inlineOnly || groupIds.some((g) => !(g instanceof Uint8Array) || g.length !== 32)) return groupIds.map((g) => safetyNumber(g));
      const jobs: Array<Promise<string[]>> = [];
      for (let at = 0; at < groupIds.length; at += FINGERPRINTS_PER_JOB) {
        const ids = groupIds.slice(at, at + FINGERPRINTS_PER_JOB);
        jobs.push(
          new Promise<string[]>((resolve, reject) => {
            queue.push({
              pack: (id) => {
                const data = new Uint8Array(ids.length * 32);
                ids.forEach((g, i) => data.set(g, i * 32));
                return { id, kind: 'fingerprint', lengths: new Uint32Array(0), data };
              },
              answered: (bytes) => resolve(ids.map((_, i) => safetyNumberOfDigest(bytes.subarray(i * 64, i * 64 + 64)))),
              inline: () => resolve(ids.map((g) => safetyNumber(g))),
              reject,
            });
            dispatch();
          }),
        );
      }
      return (await Promise.all(jobs)).flat();
    },
    warm(): void {
      while (!closed && !inlineOnly && workers.length < threads) if (start() === undefined) return;
    },
    async assist(max = Infinity): Promise<void> {
      for (let done = 0; queue.length > 0 && done < max; done++) {
        (queue.pop() as Queued).inline();
        // Let the workers' answers in, so they get their next batches.
        await nextTurn();
      }
    },
    async close(): Promise<void> {
      closed = true;
      for (const q of queue.splice(0)) q.reject(poolError('the signature pool was closed'));
      const all = workers.splice(0);
      await Promise.all(all.map((w) => w.worker.terminate()));
    },
  };
}

let shared: VerifyPool | undefined;

/** One pool for the process, its workers started when first needed and never keeping the process alive while idle. */
export function sharedVerifyPool(): VerifyPool {
  shared ??= createVerifyPool();
  return shared;
}

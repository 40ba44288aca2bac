// The raw primitive: node:crypto's Ed25519 verify and nothing else, as a careful program with no
// format to decode would call it: one KeyObject made per key and reused, messages given ready-made.
// On one core (rawVerifyAll) and on every core (RawVerifiers: one worker thread a core, each given
// an equal share of the signatures in one transferred buffer, started before the clock runs).
import { createPublicKey, verify, type KeyObject } from 'node:crypto';
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import type { RawSignature } from './generate.js';

const keyOf = (cache: Map<string, KeyObject>, raw: Uint8Array): KeyObject => {
  const hex = Buffer.from(raw.buffer, raw.byteOffset, raw.byteLength).toString('hex');
  let key = cache.get(hex);
  if (key === undefined) {
    key = createPublicKey({ key: { kty: 'OKP', crv: 'Ed25519', x: Buffer.from(raw.buffer, raw.byteOffset, raw.byteLength).toString('base64url') }, format: 'jwk' });
    cache.set(hex, key);
  }
  return key;
};

/** Verifies every signature on this thread; throws if one does not verify (the data would be wrong). */
export function rawVerifyAll(items: readonly RawSignature[], cache = new Map<string, KeyObject>()): void {
  for (const s of items) if (!verify(null, s.message, keyOf(cache, s.key), s.sig)) throw new Error('bench: a signature of the data set does not verify');
}

const WORKER = `
'use strict';
const { parentPort } = require('node:worker_threads');
const { createPublicKey, verify } = require('node:crypto');
const keys = new Map();
parentPort.on('message', ({ lengths, data }) => {
  const buf = Buffer.from(data.buffer, data.byteOffset, data.byteLength);
  let good = 0;
  for (let i = 0, at = 0; i < lengths.length; i++) {
    const raw = buf.subarray(at, at + 32);
    const hex = raw.toString('hex');
    let key = keys.get(hex);
    if (key === undefined) keys.set(hex, (key = createPublicKey({ key: { kty: 'OKP', crv: 'Ed25519', x: raw.toString('base64url') }, format: 'jwk' })));
    if (verify(null, buf.subarray(at + 96, at + 96 + lengths[i]), key, buf.subarray(at + 32, at + 96))) good++;
    at += 96 + lengths[i];
  }
  parentPort.postMessage(good);
});
parentPort.postMessage('ready');
`;

function pack(items: readonly RawSignature[]): { lengths: Uint32Array; data: Uint8Array } {
  const lengths = new Uint32Array(items.length);
  let size = 0;
  items.forEach((s, i) => {
    lengths[i] = s.message.length;
    size += 96 + s.message.length;
  });
  const data = new Uint8Array(size);
  let at = 0;
  for (const s of items) {
    data.set(s.key, at);
    data.set(s.sig, at + 32);
    data.set(s.message, at + 96);
    at += 96 + s.message.length;
  }
  return { lengths, data };
}

/** One worker thread a core, running node:crypto's verify on its share. */
export class RawVerifiers {
  private readonly workers: Worker[];
  private readonly ready: Promise<unknown>;

  constructor(readonly threads = availableParallelism()) {
    this.workers = Array.from({ length: threads }, () => new Worker(WORKER, { eval: true }));
    this.ready = Promise.all(this.workers.map((w) => new Promise((resolve) => w.once('message', resolve))));
  }

  /** Resolves when every worker has started. */
  started(): Promise<unknown> {
    return this.ready;
  }

  /** Packs the shares (before the clock: a raw verifier is handed its data ready). */
  prepare(items: readonly RawSignature[]): Array<{ lengths: Uint32Array; data: Uint8Array }> {
    const per = Math.ceil(items.length / this.threads);
    return this.workers.map((_, i) => pack(items.slice(i * per, (i + 1) * per)));
  }

  /** Verifies the prepared shares on every worker at once; throws unless all of them verify. */
  async verify(shares: Array<{ lengths: Uint32Array; data: Uint8Array }>): Promise<void> {
    const expected = shares.reduce((n, s) => n + s.lengths.length, 0); // before the buffers are transferred away
    const answers = await Promise.all(
      shares.map(
        (share, i) =>
          new Promise<number>((resolve, reject) => {
            const w = this.workers[i] as Worker;
            w.once('message', resolve);
            w.once('error', reject);
            w.postMessage(share, [share.lengths.buffer as ArrayBuffer, share.data.buffer as ArrayBuffer]);
          }),
      ),
    );
    const good = answers.reduce((n, a) => n + a, 0);
    if (good !== expected) throw new Error(`bench: ${expected - good} signature(s) of the data set do not verify`);
  }

  async close(): Promise<void> {
    await Promise.all(this.workers.map((w) => w.terminate()));
  }
}

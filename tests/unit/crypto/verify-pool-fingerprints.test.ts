// The verify pool's safety numbers (worked out on its worker threads, to spare an import's main
// thread 15 ms a new group) are fingerprint.ts's safetyNumber, group for group and in order: on
// workers, inline, with the caller assisting, for ids of every byte pattern, and for bytes that are
// not a 32-byte id (computed as safetyNumber computes them).
import { afterAll, describe, expect, it } from 'vitest';
import { safetyNumber } from '../../../src/core/crypto/fingerprint.js';
import { randomBytes } from '../../../src/core/crypto/random.js';
import { createVerifyPool } from '../../../src/core/crypto/verify-pool.js';

const threaded = createVerifyPool({ threads: 2 });
const inline = createVerifyPool({ threads: 0 });
afterAll(async () => {
  await threaded.close();
  await inline.close();
});

const ids = [new Uint8Array(32), new Uint8Array(32).fill(0xff), Uint8Array.from({ length: 32 }, (_, i) => i), ...Array.from({ length: 11 }, () => randomBytes(32))];

describe('the pool\'s safety numbers', () => {
  it('equal safetyNumber on workers and inline, in order, across jobs', async () => {
    const expected = ids.map((g) => safetyNumber(g));
    expect(new Set(expected).size).toBe(ids.length);
    expect(await threaded.safetyNumbers?.(ids)).toEqual(expected);
    expect(await inline.safetyNumbers?.(ids)).toEqual(expected);
  });

  it('equal safetyNumber when the caller takes the queued jobs itself', async () => {
    const expected = ids.map((g) => safetyNumber(g));
    const pending = threaded.safetyNumbers?.(ids);
    await threaded.assist();
    expect(await pending).toEqual(expected);
  });

  it('equal safetyNumber for bytes that are not a 32-byte id', async () => {
    const odd = [new Uint8Array(0), randomBytes(31), randomBytes(33)];
    expect(await threaded.safetyNumbers?.(odd)).toEqual(odd.map((g) => safetyNumber(g)));
  });
});

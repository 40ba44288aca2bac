// The verify pool answers exactly as `verify` does, signature for signature, on worker threads
// and inline: on the Wycheproof vectors, on the forgeries that only the strict checks catch, on
// random damage and on malformed input.
import { createPublicKey, verify as nodeVerify } from 'node:crypto';
import { afterAll, describe, expect, it } from 'vitest';
import { sign, signingKeyPairFromSeed, verify } from '../../../src/core/crypto/index.js';
import { createVerifyPool, type VerifyItem } from '../../../src/core/crypto/verify-pool.js';
import * as ed from './ed25519-helpers.js';
import { hex, readTestdata } from './testdata.js';

const SPKI_PREFIX = hex('302a300506032b6570032100');

/** node:crypto alone: to show that a case really needs the strict checks. */
function rawNodeVerify(msg: Uint8Array, sig: Uint8Array, pk: Uint8Array): boolean {
  try {
    const key = createPublicKey({ key: Buffer.concat([SPKI_PREFIX, pk]), format: 'der', type: 'spki' });
    return nodeVerify(null, msg, key, sig);
  } catch {
    return false;
  }
}

const flipBit = (b: Uint8Array, bit: number): Uint8Array => {
  const out = Uint8Array.from(b);
  out[bit >> 3]! ^= 1 << (bit & 7);
  return out;
};

const threaded = createVerifyPool({ threads: 2, inlineBelow: 1 });
const inline = createVerifyPool({ threads: 0 });
afterAll(async () => {
  await threaded.close();
  await inline.close();
});

/** Each pool's answers, as one batch and in batches of 7, against `verify`'s. */
async function expectAgreement(items: VerifyItem[]): Promise<boolean[]> {
  const expected = items.map((i) => verify(i.message, i.sig, i.key));
  expect(await threaded.verifyBatch(items)).toEqual(expected);
  expect(await inline.verifyBatch(items)).toEqual(expected);
  const batches: Array<Promise<boolean[]>> = [];
  for (let at = 0; at < items.length; at += 7) batches.push(threaded.verifyBatch(items.slice(at, at + 7)));
  expect((await Promise.all(batches)).flat()).toEqual(expected);
  return expected;
}

describe('the pool on the Wycheproof Ed25519 vectors', () => {
  interface Wycheproof {
    testGroups: { publicKey: { pk: string }; tests: { tcId: number; msg: string; sig: string; result: 'valid' | 'invalid' }[] }[];
  }
  const data = readTestdata<Wycheproof>('wycheproof-ed25519.json');
  const cases = data.testGroups.flatMap((g) => g.tests.map((t) => ({ ...t, pk: g.publicKey.pk })));

  it('agrees with verify on all 151 cases: 88 accepted, 63 rejected, as Wycheproof says', async () => {
    expect(cases).toHaveLength(151);
    const results = await expectAgreement(cases.map((t) => ({ message: hex(t.msg), sig: hex(t.sig), key: hex(t.pk) })));
    expect(results.filter(Boolean)).toHaveLength(88);
    expect(results).toEqual(cases.map((t) => t.result === 'valid'));
  });
});

describe('the pool against verify', () => {
  it('rejects the forgeries node:crypto alone accepts (small-order keys, R the identity, S + L)', async () => {
    const items: VerifyItem[] = [];
    // Small-order keys (and their negatives): R = [r]B, S = r, a message with n | H(R || A || M).
    const r = 123456789n;
    const R = ed.encode(ed.mul(r, ed.B));
    const forged = new Uint8Array([...R, ...ed.leBytes(r, 32)]);
    const smallOrder = [
      '0000000000000000000000000000000000000000000000000000000000000000',
      '0100000000000000000000000000000000000000000000000000000000000000',
      '26e8958fc2b227b045c3f489f2ef98f0d5dfac05d3c63339b13802886d53fc05',
      'c7176a703d4dd84fba3c0b760d10670f2a2053fa2c39ccc64ec7fd7792ac037a',
      'ecffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f',
    ].map(hex);
    const keys = [...smallOrder, ...[0, 2, 3].map((i) => flipBit(smallOrder[i]!, 255))];
    for (const pk of keys) {
      const T = ed.decode(pk)!;
      let order = 1n;
      while (!ed.equal(ed.mul(order, T), ed.identity)) order *= 2n;
      for (let c = 0; c < 1000; c++) {
        const msg = new Uint8Array([c & 0xff, c >> 8]);
        if ((ed.sha512Int(R, pk, msg) % ed.L) % order === 0n) {
          items.push({ message: msg, sig: forged, key: pk });
          break;
        }
      }
    }
    // Non-canonical keys: y = p, y = p + 1, either sign bit.
    for (const y of [ed.p, ed.p + 1n]) for (const pk of [ed.leBytes(y, 32), flipBit(ed.leBytes(y, 32), 255)]) {
      for (let c = 0; c < 8; c++) items.push({ message: new Uint8Array([c]), sig: forged, key: pk });
    }
    // R the identity: [S]B = [k]A.
    const seed = new Uint8Array(32).fill(42);
    const kp = signingKeyPairFromSeed(seed);
    const msg = new TextEncoder().encode('samizdat/v1/statement\0{}');
    const identity = ed.encode(ed.identity);
    const S = ((ed.sha512Int(identity, kp.publicKey, msg) % ed.L) * ed.secretScalar(seed)) % ed.L;
    items.push({ message: msg, sig: new Uint8Array([...identity, ...ed.leBytes(S, 32)]), key: kp.publicKey });
    // S + L and S = L for a valid signature, and the valid one itself.
    const good = sign(msg, kp.secretKey);
    const plusL = Uint8Array.from(good);
    plusL.set(ed.leBytes(ed.leInt(good.subarray(32)) + ed.L, 32), 32);
    const exactlyL = Uint8Array.from(good);
    exactlyL.set(ed.leBytes(ed.L, 32), 32);
    items.push({ message: msg, sig: plusL, key: kp.publicKey }, { message: msg, sig: exactlyL, key: kp.publicKey }, { message: msg, sig: good, key: kp.publicKey });

    const nodeAccepted = items.filter((i) => rawNodeVerify(i.message, i.sig, i.key)).length;
    expect(nodeAccepted).toBeGreaterThan(10); // the strict checks are what rejects them
    const results = await expectAgreement(items);
    expect(results.filter(Boolean)).toHaveLength(1);
    expect(results.at(-1)).toBe(true);
  });

  it('agrees on valid signatures of many keys, their single-bit damage, and malformed input', async () => {
    const items: VerifyItem[] = [];
    for (let k = 0; k < 40; k++) {
      const kp = signingKeyPairFromSeed(new Uint8Array(32).fill(k + 1));
      const message = new TextEncoder().encode(`statement ${k} `.repeat(k));
      const sig = sign(message, kp.secretKey);
      items.push({ message, sig, key: kp.publicKey });
      items.push({ message, sig: flipBit(sig, (k * 37) % 512), key: kp.publicKey });
      items.push({ message, sig, key: flipBit(kp.publicKey, (k * 13) % 256) });
      if (message.length > 0) items.push({ message: flipBit(message, k % (message.length * 8)), sig, key: kp.publicKey });
    }
    const { message, sig, key } = items[0]!;
    items.push(
      { message, sig: sig.subarray(0, 63), key },
      { message, sig: new Uint8Array([...sig, 0]), key },
      { message, sig, key: key.subarray(0, 31) },
      { message: null as unknown as Uint8Array, sig, key },
      { message, sig: 'sig' as unknown as Uint8Array, key },
    );
    const results = await expectAgreement(items);
    expect(results.filter(Boolean).length).toBe(40);
  });

  it('answers an empty batch, and with 0 threads starts no worker and answers inline', async () => {
    expect(await threaded.verifyBatch([])).toEqual([]);
    const pool = createVerifyPool({ threads: 0, inlineBelow: 1 });
    expect(pool.threads).toBe(0);
    pool.warm(); // nothing to start
    const kp = signingKeyPairFromSeed(new Uint8Array(32).fill(9));
    const message = new Uint8Array([1, 2, 3]);
    const sig = sign(message, kp.secretKey);
    expect(await pool.verifyBatch([{ message, sig, key: kp.publicKey }, { message, sig: flipBit(sig, 3), key: kp.publicKey }])).toEqual([true, false]);
    await pool.close();
  });

  it('answers many batches at once, queued beyond what the workers hold, with the caller assisting', async () => {
    const kp = signingKeyPairFromSeed(new Uint8Array(32).fill(6));
    const items = Array.from({ length: 3000 }, (_, i) => {
      const message = new Uint8Array([i & 0xff, i >> 8, 7]);
      const sig = sign(message, kp.secretKey);
      return { message, sig: i % 97 === 0 ? flipBit(sig, i % 512) : sig, key: kp.publicKey };
    });
    const expected = items.map((i) => verify(i.message, i.sig, i.key));
    const pool = createVerifyPool({ threads: 1 });
    pool.warm();
    pool.warm();
    const batches: Array<Promise<boolean[]>> = [];
    for (let at = 0; at < items.length; at += 100) batches.push(pool.verifyBatch(items.slice(at, at + 100)));
    await pool.assist();
    expect((await Promise.all(batches)).flat()).toEqual(expected);
    expect(expected.filter((x) => !x)).toHaveLength(31);
    await pool.close();
  });

  it('keeps the process alive only while a batch is in flight: not when warmed, not once answered', async () => {
    // A ref'd worker shows as an active MessagePort; an unref'd one does not.
    const ports = (): number => process.getActiveResourcesInfo().filter((r) => r === 'MessagePort').length;
    const before = ports();
    const pool = createVerifyPool({ threads: 1, inlineBelow: 1 });
    pool.warm();
    expect(ports()).toBe(before);
    const kp = signingKeyPairFromSeed(new Uint8Array(32).fill(8));
    const message = new Uint8Array([4, 5, 6]);
    const answer = pool.verifyBatch([{ message, sig: sign(message, kp.secretKey), key: kp.publicKey }]);
    expect(ports()).toBe(before + 1);
    expect(await answer).toEqual([true]);
    expect(ports()).toBe(before);
    await pool.close();
  });

  it('rejects the batches in flight and queued when the pool closes, and every batch after', async () => {
    const pool = createVerifyPool({ threads: 1, inlineBelow: 1 });
    const kp = signingKeyPairFromSeed(new Uint8Array(32).fill(5));
    const items = Array.from({ length: 2000 }, (_, i) => {
      const message = new Uint8Array([i & 0xff, i >> 8]);
      return { message, sig: sign(message, kp.secretKey), key: kp.publicKey };
    });
    // One batch the worker works on, one it holds, two in the pool's queue.
    const outcomes = Promise.allSettled([items, ...[1, 2, 3].map(() => items.slice(0, 100))].map((b) => pool.verifyBatch(b)));
    await pool.close();
    const reasons = (await outcomes).map((o) => (o.status === 'rejected' ? String(o.reason) : 'answered'));
    expect(reasons.slice(0, 2)).toEqual(Array(2).fill(expect.stringMatching(/signature worker stopped/)));
    expect(reasons.slice(2)).toEqual(Array(2).fill(expect.stringMatching(/signature pool was closed/)));
    await expect(pool.verifyBatch(items)).rejects.toThrow(/closed/);
  });
});

// Statement signatures are checked on worker threads while an import goes on, stored ahead of
// their check and taken back before the transaction commits when they fail it. What the import
// decides must not change: among many good signatures (several batches), exactly the bad ones
// are rejected, with the same reasons, in bundle order, and none of them is kept.
import path from 'node:path';
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import { writeBundle, type WriterRecord } from '../../../src/core/bundle/writer.js';
import { generateBoxKeyPair } from '../../../src/core/crypto/box.js';
import { signingKeyPairFromSeed, type SigningKeyPair } from '../../../src/core/crypto/ed25519.js';
import { createVerifyPool, type VerifyPool } from '../../../src/core/crypto/verify-pool.js';
import { importBundle, type ImportReport, type Rejection } from '../../../src/core/exchange/import.js';
import { canonicalBytes } from '../../../src/core/model/canonical.js';
import { makeCharter, makeMember, makeStatement, makeStatementSignature, signLink } from '../../../src/core/model/build.js';
import { objectId } from '../../../src/core/model/objects.js';
import type { StatementSignature } from '../../../src/core/model/types.js';
import { Vault } from '../../../src/core/store/index.js';
import { PASS, rejection, tempRoot, thrown } from '../store/helpers.js';

const STATEMENTS = 240; // 720 signatures: three batches of 256 and a partial one

/** A signature whose bytes were damaged after signing: S + 1 (S stays below L: its top byte is small). */
function damaged(sig: StatementSignature, flip: number): StatementSignature {
  const bytes = Buffer.from(sig.sig, 'hex');
  bytes[flip % 64]! ^= 0x01;
  return { ...sig, sig: bytes.toString('hex') };
}

/** S + L: the same signature, malleated; node:crypto would take it without its own S < L check. */
function malleated(sig: StatementSignature): StatementSignature {
  const bytes = Buffer.from(sig.sig, 'hex');
  let carry = 0;
  const L = Buffer.from('edd3f55c1a631258d69cf7a2def9de1400000000000000000000000000000010', 'hex');
  for (let i = 0; i < 32; i++) {
    const v = bytes[32 + i]! + L[i]! + carry;
    bytes[32 + i] = v & 0xff;
    carry = v >> 8;
  }
  return { ...sig, sig: bytes.toString('hex') };
}

interface Built {
  bundle: Uint8Array;
  good: string[];
  /** The rejections the import must report, in bundle order. */
  expected: Array<Pick<Rejection, 'kind' | 'id' | 'reason'>>;
  statements: string[];
}

async function collect(chunks: AsyncIterable<Uint8Array>): Promise<Uint8Array> {
  const parts: Uint8Array[] = [];
  for await (const c of chunks) parts.push(c);
  return new Uint8Array(Buffer.concat(parts));
}

async function* asFile(bytes: Uint8Array): AsyncGenerator<Uint8Array> {
  for (let at = 0; at < bytes.length; at += 65_536) yield bytes.subarray(at, at + 65_536);
}

/**
 * A group of three and STATEMENTS statements, each released by all three; some signatures
 * damaged (bad-signature), one malleated (S + L), one endorse by the author group (wrong-role),
 * one by a key that is no member (unknown-signer), and each of those last two also damaged,
 * which must make it bad-signature (the signature is judged first).
 */
async function build(): Promise<Built> {
  const members: SigningKeyPair[] = [1, 2, 3].map((n) => signingKeyPairFromSeed(new Uint8Array(32).fill(n)));
  const stranger = signingKeyPairFromSeed(new Uint8Array(32).fill(99));
  let charter = makeCharter({
    name: 'Signature Union',
    members: members.map((m, i) => makeMember(`member ${i}`, m.publicKey, generateBoxKeyPair().publicKey)),
    thresholds: { release: 2, membership: 2 },
  });
  for (const m of members) charter = signLink(charter, m);
  const group = objectId(charter);
  const statements: WriterRecord[] = [];
  const sigs: Array<{ record: WriterRecord; reason: Rejection['reason'] | undefined }> = [];
  const addSig = (s: StatementSignature, reason: Rejection['reason'] | undefined): void => {
    sigs.push({ record: { kind: 'object', section: 'signature', id: objectId(s), bytes: canonicalBytes(s) }, reason });
  };
  const ids: string[] = [];
  for (let i = 0; i < STATEMENTS; i++) {
    const s = makeStatement({ authors: [group], title: `Statement ${i}`, lang: 'en', date: '2026-11-26', body: `Number ${i}.`, relations: [], attachments: [] });
    const id = objectId(s);
    ids.push(id);
    statements.push({ kind: 'object', section: 'statement', id, bytes: canonicalBytes(s) });
    members.forEach((m, k) => {
      const sig = makeStatementSignature({ statement: id, group, link: group, role: 'release' }, m);
      if (i % 37 === 5 && k === i % 3) addSig(damaged(sig, i + 40), 'bad-signature');
      else if (i === 100 && k === 0) addSig(damaged(sig, 3), 'bad-signature'); // in R
      else if (i === 101 && k === 1) addSig(malleated(sig), 'bad-signature');
      else addSig(sig, undefined);
    });
  }
  const [s1, s2] = [ids[7]!, ids[8]!];
  addSig(makeStatementSignature({ statement: s1, group, link: group, role: 'endorse' }, members[0]!), 'wrong-role');
  addSig(damaged(makeStatementSignature({ statement: s2, group, link: group, role: 'endorse' }, members[0]!), 50), 'bad-signature');
  addSig(makeStatementSignature({ statement: s1, group, link: group, role: 'release' }, stranger), 'unknown-signer');
  addSig(damaged(makeStatementSignature({ statement: s2, group, link: group, role: 'release' }, stranger), 33), 'bad-signature');

  const byId = (a: { id: string }, b: { id: string }) => (a.id < b.id ? -1 : 1);
  statements.sort(byId);
  sigs.sort((a, b) => byId(a.record, b.record));
  const records: WriterRecord[] = [{ kind: 'object', section: 'link', id: group, bytes: canonicalBytes(charter) }, ...statements, ...sigs.map((s) => s.record)];
  return {
    bundle: await collect(writeBundle(records.length, records)),
    good: sigs.filter((s) => s.reason === undefined).map((s) => s.record.id),
    expected: sigs.filter((s) => s.reason !== undefined).map((s) => ({ kind: 'signature' as const, id: s.record.id, reason: s.reason! })),
    statements: ids,
  };
}

const MESSAGES: Record<string, RegExp> = {
  'bad-signature': /^the signature of key [0-9a-f]{12} on statement [0-9a-f]{12} is not valid$/,
  'wrong-role': /^a endorse signature for group [0-9a-f]{12} on statement [0-9a-f]{12}, which that group wrote$/,
  'unknown-signer': /^key [0-9a-f]{12} was not a member key of Signature Union at link [0-9a-f]{12}$/,
};

const pools: Record<string, VerifyPool> = {
  'two worker threads': createVerifyPool({ threads: 2 }),
  'one worker thread, batches as small as one': createVerifyPool({ threads: 1, inlineBelow: 1 }),
  'no worker thread (inline)': createVerifyPool({ threads: 0 }),
};
afterAll(async () => {
  for (const pool of Object.values(pools)) await pool.close();
});

let built: Built;
let cleanup: () => void;
let root: string;
let vault: Vault;
beforeEach(async () => {
  built ??= await build();
  const t = tempRoot();
  cleanup = t.cleanup;
  root = t.root;
  vault = await Vault.create(path.join(root, 'v'), PASS, 'interactive');
});
afterEach(() => {
  vault.close();
  cleanup();
});

function expectReport(report: ImportReport): void {
  expect(report.rejected.map((r) => ({ kind: r.kind, id: r.id, reason: r.reason }))).toEqual(built.expected);
  for (const r of report.rejected) expect(r.message).toMatch(MESSAGES[r.reason]!);
  expect(report.added).toEqual({ link: 1, 'link-signature': 3, statement: STATEMENTS, signature: built.good.length, attachment: 0 });
  expect(report.held).toEqual({ link: 0, 'link-signature': 0, statement: 0, signature: 0, attachment: 0 });
}

function expectHeld(): void {
  const held = built.statements.flatMap((s) => vault.getSignatures(s).map((g) => g.id));
  expect(held.sort()).toEqual([...built.good].sort());
  for (const r of built.expected) expect(vault.hasSignature(r.id)).toBe(false);
}

describe('importing statement signatures checked on worker threads', () => {
  it('has bad signatures in more than one batch, and every kind of rejection', () => {
    expect(built.good.length + built.expected.length).toBeGreaterThan(2 * 256);
    expect(built.expected.filter((r) => r.reason === 'bad-signature').length).toBeGreaterThan(6);
    expect(new Set(built.expected.map((r) => r.reason))).toEqual(new Set(['bad-signature', 'wrong-role', 'unknown-signer']));
  });

  it.each(Object.keys(pools))('with %s: keeps the good ones, rejects exactly the bad ones, in bundle order', async (name) => {
    const report = await importBundle(vault, asFile(built.bundle), { boxSecrets: [] }, { verifyPool: pools[name] });
    expectReport(report);
    expectHeld();
  });

  it('with the shared pool: the same report', async () => {
    expectReport(await importBundle(vault, asFile(built.bundle), { boxSecrets: [] }));
    expectHeld();
  });

  it('a second import holds the good ones and rejects the bad ones again', async () => {
    await importBundle(vault, asFile(built.bundle), { boxSecrets: [] }, { verifyPool: pools['two worker threads'] });
    const again = await importBundle(vault, asFile(built.bundle), { boxSecrets: [] }, { verifyPool: pools['two worker threads'] });
    expect(again.rejected.map((r) => ({ kind: r.kind, id: r.id, reason: r.reason }))).toEqual(built.expected);
    expect(again.added).toEqual({ link: 0, 'link-signature': 0, statement: 0, signature: 0, attachment: 0 });
    expect(again.held.signature).toBe(built.good.length);
    expectHeld();
  });

  it('never deletes a signature the vault held before the import, whatever the check says', async () => {
    await importBundle(vault, asFile(built.bundle), { boxSecrets: [] }, { verifyPool: pools['two worker threads'] });
    const saysNo: VerifyPool = { threads: 0, verifyBatch: (items) => Promise.resolve(items.map(() => false)), warm: () => undefined, assist: () => Promise.resolve(), close: () => Promise.resolve() };
    const report = await importBundle(vault, asFile(built.bundle), { boxSecrets: [] }, { verifyPool: saysNo });
    // Judged bad first, every signature is rejected as bad-signature, and none is deleted.
    expect(report.rejected.map((r) => r.reason)).toEqual(Array(built.good.length + built.expected.length).fill('bad-signature'));
    expect(report.held.signature).toBe(0);
    expectHeld();
  });

  it('a failing check rolls the whole import back', async () => {
    let calls = 0;
    const failing: VerifyPool = {
      threads: 1,
      // The second batch's check fails a little later, as a worker's would: the import reads on meanwhile.
      verifyBatch: (items) =>
        ++calls === 2 ? new Promise((_, reject) => setTimeout(() => reject(new Error('worker gone')), 20)) : Promise.resolve(items.map(() => true)),
      warm: () => undefined, assist: () => Promise.resolve(),
      close: () => Promise.resolve(),
    };
    await expect(importBundle(vault, asFile(built.bundle), { boxSecrets: [] }, { verifyPool: failing })).rejects.toThrow('worker gone');
    expect(calls).toBeGreaterThan(2);
    expect(vault.countStatements()).toBe(0);
    expect(vault.listGroups()).toEqual([]);
    for (const id of built.good.slice(0, 20)) expect(vault.hasSignature(id)).toBe(false);
  });

  it('deleteSignature works only inside a transaction', async () => {
    await importBundle(vault, asFile(built.bundle), { boxSecrets: [] }, { verifyPool: pools['two worker threads'] });
    const id = built.good[0]!;
    expect(thrown(() => vault.deleteSignature(id))).toMatchObject({ code: 'vault.no-transaction' });
    expect(vault.hasSignature(id)).toBe(true);
    expect(vault.transaction(() => vault.deleteSignature(id))).toBe(true);
    expect(vault.transaction(() => vault.deleteSignature(id))).toBe(false);
    expect(vault.hasSignature(id)).toBe(false);
    expect(rejection).toBeTypeOf('function');
  });
});

// Shared pieces of the torture tests: a seeded PRNG (its seed printed, so a failure can be
// replayed), big valid bundles built in process, CLI devices, a vault opened and checked through
// the core API, and a CLI run killed (SIGKILL) at a chosen moment.
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect } from 'vitest';
import { SamizdatError } from '../../src/core/errors.js';
import { makeStatement, makeStatementSignature } from '../../src/core/model/build.js';
import { canonicalBytes } from '../../src/core/model/canonical.js';
import { objectId } from '../../src/core/model/objects.js';
import { Vault } from '../../src/core/store/vault.js';
import { SAMIZDAT_BIN, type device } from '../helpers/cli.js';
import { sortRecords, written, type Item } from '../unit/bundle/helpers.js';
import { buildExample, keysOf } from '../unit/format/example.js';
import { rawDb } from '../unit/store/helpers.js';

export type Device = ReturnType<typeof device>;

/** mulberry32: a small seeded PRNG, good enough to pick moments and sizes. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** The seed of a torture file: SAMIZDAT_TORTURE_SEED to replay one, else a new one; printed either way. */
export function tortureSeed(file: string): number {
  const given = process.env.SAMIZDAT_TORTURE_SEED;
  const seed = given !== undefined && /^[0-9]+$/.test(given) ? Number(given) : Math.floor(Math.random() * 2 ** 32);
  console.log(`${file}: seed ${seed} (replay with SAMIZDAT_TORTURE_SEED=${seed})`);
  return seed;
}

export interface BigBundle {
  bytes: Uint8Array;
  /** The ids of the statements it carries. */
  statements: string[];
}

/**
 * A valid clear bundle of the worked example's group (charter and add link) and `n` statements,
 * each released by Alice; `tag` makes the statements of one bundle differ from another's.
 */
export async function bigBundle(n: number, tag = '', bodyRepeat = 30): Promise<BigBundle> {
  const ex = buildExample();
  const alice = keysOf('alice').sign;
  const items: Item[] = [
    { name: 'charter', section: 'link', id: ex.groupId, bytes: canonicalBytes(ex.charter) },
    { name: 'add', section: 'link', id: ex.addId, bytes: canonicalBytes(ex.add) },
  ];
  const filler = 'We, the members of Example Union, say no to the war. '.repeat(bodyRepeat);
  const statements: string[] = [];
  for (let i = 0; i < n; i++) {
    const statement = makeStatement({ authors: [ex.groupId], title: `Statement ${tag}${i}`, lang: 'en', date: '24 February 2026', body: `${filler}\n${tag}${i}\n` });
    const id = objectId(statement);
    statements.push(id);
    const sig = makeStatementSignature({ statement: id, group: ex.groupId, link: ex.addId, role: 'release' }, alice);
    items.push({ name: `statement ${i}`, section: 'statement', id, bytes: canonicalBytes(statement) });
    items.push({ name: `signature ${i}`, section: 'signature', id: objectId(sig), bytes: canonicalBytes(sig) });
  }
  return { bytes: await written(sortRecords(items)), statements };
}

/** A device with a vault (fast KDF), an identity, a group of one and a released statement, made with the CLI; the statement's id. */
export function setUpDevice(d: Device, root: string): string {
  const ok = (args: string[]) => {
    const r = d.run(args);
    expect(r.status, `${args.join(' ')}: ${r.stderr}`).toBe(0);
    return r;
  };
  ok(['init', '--kdf', 'interactive']);
  ok(['me', 'create', '--name', d.name]);
  ok(['group', 'create', '--name', `${d.name} Union`, '--threshold', '1']);
  const body = join(root, `${d.name}-body.txt`);
  writeFileSync(body, `We, ${d.name}'s union, say no to the war.\n`);
  const created = ok(['--json', 'statement', 'new', '--group', `${d.name} Union`, '--title', `A statement by ${d.name}`, '--lang', 'en', '--body', body]);
  const id = created.json().id as string;
  ok(['sign', id]);
  return id;
}

export interface Inspection {
  /** The passphrase that opened the vault. */
  passphrase: string;
  statements: number;
  has: (id: string) => boolean;
}

/**
 * Opens the vault in `dir` through the core API with the first of `passphrases` that opens it (as
 * a user would: this also finishes an interrupted change of passphrase), then runs `PRAGMA
 * integrity_check` on a raw connection. Fails the test unless one passphrase opens it and the check
 * says ok.
 */
export async function openAndCheck(dir: string, passphrases: readonly string[], ids: readonly string[] = []): Promise<Inspection> {
  const errors: string[] = [];
  for (const passphrase of passphrases) {
    let vault: Vault;
    try {
      vault = await Vault.open(dir, passphrase);
    } catch (e) {
      if (e instanceof SamizdatError && e.code === 'vault.wrong-passphrase') {
        errors.push(e.message);
        continue;
      }
      throw e;
    }
    let statements: number;
    const held = new Set<string>();
    try {
      statements = vault.countStatements();
      for (const id of ids) if (vault.hasStatement(id)) held.add(id);
    } finally {
      vault.close();
    }
    const db = await rawDb(dir, passphrase);
    try {
      expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
    } finally {
      db.close();
    }
    return { passphrase, statements, has: (id) => held.has(id) };
  }
  throw new Error(`no passphrase opens the vault at ${dir}: ${errors.join('; ')}`);
}

/** How many of `ids` the vault holds: the test fails unless it is none or all. */
export function wholeOrNothing(v: Inspection, ids: readonly string[], what: string): 'none' | 'all' {
  const held = ids.filter((id) => v.has(id)).length;
  expect([0, ids.length], `${what}: ${held} of ${ids.length} statements held`).toContain(held);
  return held === 0 ? 'none' : 'all';
}

export interface KilledRun {
  /** Whether the SIGKILL reached a running process (false: it had exited already). */
  killed: boolean;
  status: number | null;
  stderr: string;
}

/** Runs the CLI with `args` and SIGKILLs it `afterMs` milliseconds after it starts, unless it has exited. */
export function runKilledAfter(args: string[], env: Record<string, string>, afterMs: number): Promise<KilledRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [SAMIZDAT_BIN, ...args], { env: { PATH: process.env.PATH, HOME: process.env.HOME, ...env }, stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.setEncoding('utf8').on('data', (s: string) => (stderr += s));
    let killed = false;
    const timer = setTimeout(() => {
      killed = child.kill('SIGKILL');
    }, afterMs);
    child.on('error', reject);
    child.on('close', (status, signal) => {
      clearTimeout(timer);
      resolve({ killed: killed && signal === 'SIGKILL', status, stderr });
    });
  });
}

/** Wall-clock milliseconds of a whole CLI run (to spread the kills over it). */
export async function timeRun(args: string[], env: Record<string, string>): Promise<number> {
  const start = performance.now();
  const r = await runKilledAfter(args, env, 10 * 60_000);
  expect(r.status, r.stderr).toBe(0);
  return performance.now() - start;
}

export const sha256 = (b: Uint8Array): string => createHash('sha256').update(b).digest('hex');

/** A tally of outcomes, printed at the end of a torture test. */
export class Tally {
  readonly counts = new Map<string, number>();
  add(outcome: string): void {
    this.counts.set(outcome, (this.counts.get(outcome) ?? 0) + 1);
  }
  toString(): string {
    return [...this.counts].sort().map(([k, n]) => `${k}: ${n}`).join(', ');
  }
}

// Property-based fuzzing of the clear-bundle reader (src/core/bundle/reader.ts): arbitrary bytes,
// mutations of valid bundles (with and without the trailer recomputed), and valid bundles of
// generated object sets. Whatever it is given, the reader ends (within a time bound) either by
// throwing a bundle SamizdatError that names a rule of docs/FORMAT.md, or by accepting a bundle
// that is canonical: writing the objects it decoded (their JCS bytes rebuilt from the decoded
// values) and the attachments it read gives back exactly the input bytes. A header that announces
// a million records of 8 MiB, or a 1 GiB attachment, followed by nothing, allocates nothing of
// that size. `npm test` runs a fixed seed and few runs; `npm run fuzz` (SAMIZDAT_FUZZ=long) runs
// many, with a random seed (or SAMIZDAT_FUZZ_SEED), printed so that a failure can be replayed.
import { createHash } from 'node:crypto';
import v8 from 'node:v8';
import vm from 'node:vm';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { BUNDLE_LIMITS, BUNDLE_RULES } from '../../src/core/bundle/format.js';
import { readBundle, type BundleRecord } from '../../src/core/bundle/reader.js';
import { writeBundle, type WriterRecord } from '../../src/core/bundle/writer.js';
import { boxKeyPairFromSecretKey } from '../../src/core/crypto/box.js';
import { toHex } from '../../src/core/crypto/bytes.js';
import { signingKeyPairFromSeed } from '../../src/core/crypto/ed25519.js';
import { SamizdatError } from '../../src/core/errors.js';
import { makeCharter, makeLaterLink, makeMember, makeStatement, makeStatementSignature, signLink } from '../../src/core/model/build.js';
import { canonicalBytes } from '../../src/core/model/canonical.js';
import { objectId } from '../../src/core/model/objects.js';
import { OBJECT_RULES } from '../../src/core/model/rules.js';
import type { ChainLink, CharterLink, SignatureRole, Statement } from '../../src/core/model/types.js';
import { validateLink } from '../../src/core/model/validate.js';
import { ascii, chunked, collect, concat, sha256Hex, sortRecords, written, type Item } from '../unit/bundle/helpers.js';
import { released } from './released-bundle.js';

const long = process.env.SAMIZDAT_FUZZ === 'long';
const seed = long ? Number(process.env.SAMIZDAT_FUZZ_SEED ?? Math.floor(Math.random() * 2 ** 31)) : 20260308;
/** Runs per property: modest in `npm test`, many under `npm run fuzz`. */
const runs = (quick: number, longRuns: number): number => (long ? longRuns : quick);
const params = (numRuns: number): fc.Parameters<unknown> => ({ seed, numRuns, endOnFailure: true });
const timeout = (quickMs: number, longMs: number): number => (long ? longMs : quickMs);

const KNOWN_RULES = new Set<string>([...BUNDLE_RULES, ...OBJECT_RULES, 'R-ATTACHMENT-MISMATCH']);
/** No single read of an input of a few KiB may take longer than this: a hang or a quadratic path. */
const READ_BOUND_MS = 2_000;

interface Stats {
  reads: number;
  accepted: number;
  slowestMs: number;
  rules: Map<string, number>;
}
/** Outcomes per property, printed at the end. */
const allStats = new Map<string, Stats>();
let stats: Stats = { reads: 0, accepted: 0, slowestMs: 0, rules: new Map() };
const counting = (name: string): void => {
  stats = { reads: 0, accepted: 0, slowestMs: 0, rules: new Map() };
  allStats.set(name, stats);
};
afterAll(() => {
  const lines = [...allStats.entries()].map(([name, s]) => {
    const rules = [...s.rules.entries()].sort((a, b) => b[1] - a[1]).map(([r, n]) => `${r} ${n}`).join(', ');
    return `  ${name}: ${s.reads} reads, ${s.accepted} accepted, slowest ${s.slowestMs.toFixed(1)} ms; refused: ${rules || 'none'}`;
  });
  console.log(`fuzz-reader (seed ${seed}, ${long ? 'long' : 'quick'}):\n${lines.join('\n')}`);
});

type Verdict = { accepted: true; records: BundleRecord[] } | { accepted: false; rule: string };

/** Read `chunks` to the end, within READ_BOUND_MS. Anything thrown but a bundle SamizdatError naming a known rule fails. */
async function read(chunks: Uint8Array[]): Promise<Verdict> {
  const started = performance.now();
  let timer: NodeJS.Timeout | undefined;
  const hang = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`the reader did not finish within ${READ_BOUND_MS} ms`)), READ_BOUND_MS);
  });
  const work = (async (): Promise<Verdict> => {
    const records: BundleRecord[] = [];
    try {
      for await (const r of readBundle(chunks)) records.push(r);
      return { accepted: true, records };
    } catch (err) {
      if (!(err instanceof SamizdatError)) throw new Error(`the reader threw something other than a SamizdatError: ${String(err)}`, { cause: err });
      if (err.layer !== 'bundle' || err.kind !== 'input' || !err.rule || !KNOWN_RULES.has(err.rule)) {
        throw new Error(`the reader threw a SamizdatError that names no known rule of a bundle: ${err.layer}/${err.kind}/${String(err.rule)}: ${err.message}`, { cause: err });
      }
      if (!/^bundle: .+ \([BR]-[A-Z0-9-]+\)$/s.test(err.message)) throw new Error(`a refusal without its layer prefix or rule: ${err.message}`, { cause: err });
      return { accepted: false, rule: err.rule };
    }
  })();
  try {
    const verdict = await Promise.race([work, hang]);
    stats.reads++;
    stats.slowestMs = Math.max(stats.slowestMs, performance.now() - started);
    if (verdict.accepted) stats.accepted++;
    else stats.rules.set(verdict.rule, (stats.rules.get(verdict.rule) ?? 0) + 1);
    return verdict;
  } finally {
    clearTimeout(timer);
  }
}

/** The bundle the writer makes of what the reader decoded: the objects' JCS bytes rebuilt from their values. */
async function rewritten(records: BundleRecord[]): Promise<Uint8Array> {
  const out: WriterRecord[] = [];
  const data = new Map<string, Uint8Array[]>();
  for (const r of records) {
    if (r.kind === 'object') out.push({ kind: 'object', section: r.object.type === 'link' ? 'link' : r.object.type, id: objectId(r.object), bytes: canonicalBytes(r.object) });
    else if (r.kind === 'attachment-start') data.set(r.id, []);
    else if (r.kind === 'attachment-data') data.get(r.id)?.push(r.data);
    else {
      const bytes = concat(data.get(r.id) ?? []);
      out.push({ kind: 'attachment', id: r.id, size: bytes.length, chunks: [bytes] });
    }
  }
  return collect(writeBundle(out.length, out));
}

/** Read `bytes` in `chunks` pieces; when accepted, it must be the writer's own bytes for what was decoded. */
async function holds(bytes: Uint8Array, sizes: number[]): Promise<Verdict> {
  const verdict = await read(sizes.length > 0 ? chunked(bytes, sizes) : [bytes]);
  if (verdict.accepted) {
    const again = await rewritten(verdict.records);
    if (!Buffer.from(again).equals(Buffer.from(bytes))) {
      throw new Error(`accepted a bundle that is not canonical: ${bytes.length} bytes in, ${again.length} bytes re-encoded; input ${JSON.stringify(Buffer.from(bytes).toString('latin1').slice(0, 400))}`);
    }
  }
  return verdict;
}

const chunkSizes = fc.oneof(fc.constant<number[]>([]), fc.array(fc.integer({ min: 1, max: 300 }), { minLength: 1, maxLength: 8 }));

const withTrailer = (body: Uint8Array): Uint8Array => concat([body, ascii(`end ${createHash('sha256').update(body).digest('hex')}\n`)]);
/** A bundle without its trailer line. */
const bodyOf = (bundle: Uint8Array): Uint8Array => bundle.subarray(0, bundle.length - 69);

// --- generated objects ---

const hex32 = fc.uint8Array({ minLength: 32, maxLength: 32 }).map(toHex);
const seed32 = fc.uint8Array({ minLength: 32, maxLength: 32 });
/** Any text, from any plane (lone surrogates included), that the builders then normalise; what they refuse is dropped. */
const text = (maxLength: number) => fc.oneof(fc.string({ unit: 'grapheme', maxLength }), fc.string({ unit: 'binary', maxLength }), fc.string({ unit: 'grapheme-ascii', maxLength }));
const line = (maxLength: number) => text(maxLength).map((s) => s.replace(/[\\/:]/g, '-'));
const attempt = <T>(build: () => T): T | undefined => {
  try {
    return build();
  } catch (err) {
    if (err instanceof SamizdatError) return undefined;
    throw err;
  }
};

const keyPair = seed32.map((s) => signingKeyPairFromSeed(s));

/** A charter of 1 to 4 members signed by some of them, and maybe a rename after it. */
const group = fc
  .record({
    name: line(40),
    members: fc.array(fc.record({ name: line(20), sign: seed32, box: seed32 }), { minLength: 1, maxLength: 4 }),
    release: fc.integer({ min: 1, max: 4 }),
    membership: fc.integer({ min: 1, max: 4 }),
    nonce: fc.uint8Array({ minLength: 16, maxLength: 16 }).map(toHex),
    signers: fc.array(fc.nat(3), { maxLength: 4 }),
    rename: fc.option(fc.record({ name: line(40), signers: fc.array(fc.nat(3), { maxLength: 3 }) })),
  })
  .map((g) =>
    attempt((): ChainLink[] => {
      const keys = g.members.map((m) => signingKeyPairFromSeed(m.sign));
      const members = g.members.map((m, i) => makeMember(m.name, (keys[i] as { publicKey: Uint8Array }).publicKey, boxKeyPairFromSecretKey(m.box).publicKey));
      const n = members.length;
      const drawn = makeCharter({ name: g.name, members, thresholds: { release: Math.min(g.release, n), membership: Math.min(g.membership, n) } });
      let charter = validateLink({ ...drawn, nonce: g.nonce }) as CharterLink;
      for (const s of g.signers) charter = signLink(charter, keys[s % n] as (typeof keys)[number]);
      const links: ChainLink[] = [charter];
      if (g.rename) {
        let rename = makeLaterLink(objectId(charter), { id: objectId(charter), seq: 0 }, { op: 'rename', name: g.rename.name });
        for (const s of g.rename.signers) rename = signLink(rename, keys[s % n] as (typeof keys)[number]);
        links.push(rename);
      }
      return links;
    }),
  )
  .filter((links): links is ChainLink[] => links !== undefined);

const attachment = fc.record({ data: fc.uint8Array({ maxLength: 600 }), name: line(30), mediaType: fc.constantFrom('text/plain', 'image/png', 'application/pdf', 'video/mp4'), carried: fc.boolean() });

interface BuiltStatement {
  statement: Statement;
  /** The bytes of the attachments the bundle carries. */
  carried: Uint8Array[];
}

/** A statement by some of the generated groups (or unknown ones), with attachments the bundle may carry. */
const statement = (groupIds: string[]) =>
  fc
    .record({
      authors: fc.array(groupIds.length > 0 ? fc.oneof(fc.constantFrom(...groupIds), hex32) : hex32, { minLength: 1, maxLength: 3 }),
      title: line(60),
      lang: fc.constantFrom('en', 'uk', 'ru-RU', 'be', 'de-CH-1996'),
      date: line(20),
      body: text(300),
      relations: fc.array(fc.record({ type: fc.constantFrom('translation-of', 'introduces', 'revises', 'responds-to', 'retracts' as const), id: hex32 }), { maxLength: 2 }),
      attachments: fc.array(attachment, { maxLength: 2 }),
    })
    .map((s): BuiltStatement | undefined => {
      const refs = s.attachments.map((a) => ({ id: sha256Hex(a.data), name: a.name, mediaType: a.mediaType, size: a.data.length }));
      const built = attempt((): Statement => makeStatement({ ...s, relations: s.relations.filter((r, i, all) => all.findIndex((x) => x.type === r.type && x.id === r.id) === i), attachments: refs.filter((r, i, all) => all.findIndex((x) => x.id === r.id) === i) }));
      return built && { statement: built, carried: s.attachments.filter((a) => a.carried).map((a) => a.data) };
    })
    .filter((s): s is BuiltStatement => s !== undefined);

/** A set of objects and attachments, as the records of one valid bundle in the format's order. */
const objectSet: fc.Arbitrary<Item[]> = fc
  .array(group, { maxLength: 2 })
  .chain((groups) => {
    const groupIds = groups.map((links) => objectId(links[0] as ChainLink));
    return fc.tuple(fc.constant(groups), fc.array(statement(groupIds), { maxLength: 3 }), fc.constant(groupIds));
  })
  .chain(([groups, statements, groupIds]) => {
    const statementIds = statements.map((s) => objectId(s.statement));
    const signature = fc.record({
      statement: statementIds.length > 0 ? fc.oneof(fc.constantFrom(...statementIds), hex32) : hex32,
      group: groupIds.length > 0 ? fc.oneof(fc.constantFrom(...groupIds), hex32) : hex32,
      link: hex32,
      role: fc.constantFrom<SignatureRole>('release', 'endorse'),
      key: keyPair,
    });
    return fc.tuple(fc.constant(groups), fc.constant(statements), fc.array(signature, { maxLength: 4 }));
  })
  .map(([groups, statements, signatures]) => {
    const items = new Map<string, Item>();
    const add = (section: Item['section'], id: string, bytes: Uint8Array) => items.set(`${section}:${id}`, { name: `${section} ${id.slice(0, 8)}`, section, id, bytes });
    for (const links of groups) for (const l of links) add('link', objectId(l), canonicalBytes(l));
    for (const s of statements) {
      add('statement', objectId(s.statement), canonicalBytes(s.statement));
      for (const data of s.carried) add('attachment', sha256Hex(data), data);
    }
    for (const s of signatures) {
      const sig = makeStatementSignature({ statement: s.statement, group: s.group, link: s.link, role: s.role }, s.key);
      add('signature', objectId(sig), canonicalBytes(sig));
    }
    return sortRecords([...items.values()]);
  });

// --- mutations ---

/** Bytes that steer a mutation towards the grammar's edges. */
const token = fc.oneof(
  fc.uint8Array({ minLength: 1, maxLength: 12 }),
  // One hex digit or decimal digit in place of another: the structure holds, the meaning changes.
  fc.constantFrom(...'0123456789abcdef'.split('').map((c) => new TextEncoder().encode(c))),
  fc.constantFrom(...['\n', ' ', '0', '9', '00', '18446744073709551615', '8388608', 'object ', 'attachment ', 'end ', 'samizdat-bundle/v1 ', '{', '}', '[', ']', '"', '\\', '\\u0000', '\\ud800', ',', ':', '\r\n', 'a'.repeat(64), '\u00e9', '\u0065\u0301'].map((s) => new TextEncoder().encode(s))),
);
/** Where in the bundle, as a fraction of its length: uniform (fast-check's doubles and its bias to small integers would hit the magic only). */
const position = fc.noBias(fc.integer({ min: 0, max: 999_999 })).map((n) => n / 1_000_000);
type Mutation = { op: 'insert'; at: number; bytes: Uint8Array } | { op: 'delete'; at: number; length: number } | { op: 'replace'; at: number; bytes: Uint8Array } | { op: 'flip'; at: number; mask: number };
const mutation: fc.Arbitrary<Mutation> = fc
  .oneof(
    { weight: 1, arbitrary: fc.record({ op: fc.constant('insert' as const), at: position, bytes: token }) },
    { weight: 1, arbitrary: fc.record({ op: fc.constant('delete' as const), at: position, length: fc.integer({ min: 1, max: 80 }) }) },
    { weight: 3, arbitrary: fc.record({ op: fc.constant('replace' as const), at: position, bytes: token }) },
    { weight: 2, arbitrary: fc.record({ op: fc.constant('flip' as const), at: position, mask: fc.integer({ min: 1, max: 255 }) }) },
  )
  .map((m) => m as Mutation);

function mutate(bytes: Uint8Array, mutations: readonly Mutation[]): Uint8Array {
  let out = Buffer.from(bytes);
  for (const m of mutations) {
    const at = Math.min(out.length, Math.floor(m.at * out.length));
    if (m.op === 'insert') out = Buffer.concat([out.subarray(0, at), m.bytes, out.subarray(at)]);
    else if (m.op === 'delete') out = Buffer.concat([out.subarray(0, at), out.subarray(at + m.length)]);
    else if (m.op === 'replace') out = Buffer.concat([out.subarray(0, at), m.bytes, out.subarray(at + m.bytes.length)]);
    else if (at < out.length) out[at]! ^= m.mask;
  }
  return new Uint8Array(out);
}

/** A full garbage collection (V8's gc, exposed at run time), then another after the pending jobs. */
async function collectGarbage(): Promise<void> {
  v8.setFlagsFromString('--expose-gc');
  const gc = vm.runInNewContext('gc') as unknown;
  if (typeof gc !== 'function') throw new Error('cannot reach V8\'s gc');
  gc();
  await new Promise((resolve) => setTimeout(resolve, 10));
  gc();
}

// --- the properties ---

describe(`fuzzing the bundle reader (fast-check, seed ${seed}${long ? ', long run' : ''})`, () => {
  it(
    'arbitrary bytes, bare or behind a bundle\'s magic or header line: a typed refusal naming a rule, or a canonical bundle',
    async () => {
      counting('arbitrary bytes');
      const prefix = fc.constantFrom('', 'samizdat-bundle/v1', 'samizdat-bundle/v1 ', 'samizdat-bundle/v1 0\n', 'samizdat-bundle/v1 1\n', 'samizdat-bundle/v1 2\nobject 2\n{}\n', 'age-encryption.org/v1\n');
      await fc.assert(
        fc.asyncProperty(prefix, fc.uint8Array({ maxLength: 2048 }), fc.boolean(), chunkSizes, async (p, rest, trailer, sizes) => {
          const body = concat([ascii(p), rest]);
          await holds(trailer ? withTrailer(body) : body, sizes);
        }),
        params(runs(300, 30_000)),
      );
    },
    timeout(30_000, 1_200_000),
  );

  it(
    'mutations of the released bundle and of generated ones (insert, delete, replace ranges; flip bytes), with or without the trailer recomputed: a typed refusal, or a canonical bundle',
    async () => {
      counting('mutations');
      const base = (await released()).bundle;
      const bundles = fc.oneof({ weight: 2, arbitrary: fc.constant({ bytes: base }) }, { weight: 1, arbitrary: objectSet.map((items) => ({ items })) });
      await fc.assert(
        fc.asyncProperty(bundles, fc.array(mutation, { minLength: 1, maxLength: 4 }), fc.boolean(), chunkSizes, async (b, mutations, reframe, sizes) => {
          const bundle = 'bytes' in b ? b.bytes : await written(b.items);
          const damaged = reframe ? withTrailer(mutate(bodyOf(bundle), mutations)) : mutate(bundle, mutations);
          await holds(damaged, sizes);
        }),
        params(runs(300, 20_000)),
      );
    },
    timeout(30_000, 1_800_000),
  );

  it(
    'valid bundles of generated object sets: read back whole, each object with its id and bytes, however chunked, and canonical',
    async () => {
      counting('generated object sets');
      await fc.assert(
        fc.asyncProperty(objectSet, chunkSizes, async (items, sizes) => {
          const bytes = await written(items);
          const verdict = await holds(bytes, sizes);
          if (!verdict.accepted) throw new Error(`the reader refused (${verdict.rule}) a bundle the writer wrote`);
          const got: Array<{ section: string; id: string; bytes: Buffer }> = [];
          for (const r of verdict.records) {
            if (r.kind === 'object') got.push({ section: r.object.type === 'link' ? 'link' : r.object.type, id: r.id, bytes: Buffer.from(r.bytes) });
            else if (r.kind === 'attachment-start') got.push({ section: 'attachment', id: r.id, bytes: Buffer.alloc(0) });
            else if (r.kind === 'attachment-data') (got.at(-1) as { bytes: Buffer }).bytes = Buffer.concat([(got.at(-1) as { bytes: Buffer }).bytes, r.data]);
          }
          expect(got).toEqual(items.map((i) => ({ section: i.section, id: i.id, bytes: Buffer.from(i.bytes) })));
        }),
        params(runs(40, 2_000)),
      );
    },
    timeout(30_000, 1_800_000),
  );

  describe('bounded memory: a header that announces more than follows allocates nothing of that size', () => {
    const MiB = 1024 * 1024;
    /**
     * Feed `head`, then hold the stream open while the reader waits for more, measure what the
     * process holds then (anything the reader allocated for the announced length is alive, not
     * garbage), then end the stream: the reader must refuse it as B-TRUNCATED.
     */
    async function heldWhileWaiting(head: Uint8Array): Promise<{ arrayBuffers: number; heap: number; rule: string }> {
      let release!: () => void;
      const gate = new Promise<void>((resolve) => (release = resolve));
      let waiting!: () => void;
      const reached = new Promise<void>((resolve) => (waiting = resolve));
      async function* stream(): AsyncGenerator<Uint8Array> {
        yield head;
        waiting();
        await gate;
      }
      const before = process.memoryUsage();
      const done = (async () => {
        try {
          for await (const _ of readBundle(stream())) void _;
          return 'resolved';
        } catch (err) {
          return err instanceof SamizdatError ? (err.rule ?? err.message) : String(err);
        }
      })();
      await reached;
      // Let the reader run until it is waiting on the stream again.
      await new Promise((resolve) => setImmediate(resolve));
      const during = process.memoryUsage();
      release();
      const rule = await done;
      return { arrayBuffers: during.arrayBuffers - before.arrayBuffers, heap: during.heapUsed - before.heapUsed, rule };
    }

    it('the measure sees an 8 MiB buffer that is held (a check of the check)', async () => {
      const before = process.memoryUsage().arrayBuffers;
      const held = new Uint8Array(8 * MiB);
      await new Promise((resolve) => setImmediate(resolve));
      const during = process.memoryUsage().arrayBuffers;
      expect(held.length).toBe(8 * MiB);
      expect(during - before).toBeGreaterThanOrEqual(8 * MiB);
    });

    it('count 1,000,000 and an object of 8,388,608 bytes, then nothing', async () => {
      const m = await heldWhileWaiting(ascii(`samizdat-bundle/v1 ${BUNDLE_LIMITS.records}\nobject ${BUNDLE_LIMITS.objectBytes}\n`));
      expect(m.rule).toBe('B-TRUNCATED');
      expect(m.arrayBuffers).toBeLessThan(1 * MiB);
      expect(m.heap).toBeLessThan(4 * MiB);
    });

    it('the same with the first 100 bytes of the object given', async () => {
      const m = await heldWhileWaiting(concat([ascii(`samizdat-bundle/v1 ${BUNDLE_LIMITS.records}\nobject ${BUNDLE_LIMITS.objectBytes}\n`), new Uint8Array(100).fill(0x20)]));
      expect(m.rule).toBe('B-TRUNCATED');
      expect(m.arrayBuffers).toBeLessThan(1 * MiB);
      expect(m.heap).toBeLessThan(4 * MiB);
    });

    it('a long bundle read in file-sized chunks: the chunks already read are let go, not held to the end', async () => {
      // 4,000 statements (about 2 MB) cut into chunks of about 16 KiB, each its own allocation, as
      // a file stream gives them. No cut falls where one of the reader's reads ends (after an LF,
      // or just before the LF that ends a payload), as happens by chance with any big bundle and at
      // will with one made to, so the reader is always inside a chunk when it pulls the next.
      const items = sortRecords(
        Array.from({ length: 4_000 }, (_, i) => {
          const st = makeStatement({ authors: ['cd'.repeat(32)], title: `Statement ${i}`, lang: 'en', date: '2026', body: 'x'.repeat(200 + (i % 97)) });
          const bytes = canonicalBytes(st);
          return { name: `s${i}`, section: 'statement' as const, id: objectId(st), bytes };
        }),
      );
      const bundle = await written(items);
      const cuts: number[] = [];
      for (let at = 16_384; at < bundle.length; at += 16_384) {
        let cut = at;
        while (bundle[cut - 1] === 0x0a || bundle[cut] === 0x0a) cut++;
        cuts.push(cut);
      }
      const refs: Array<WeakRef<Uint8Array>> = [];
      function* chunks(): Generator<Uint8Array> {
        let from = 0;
        for (const cut of [...cuts, bundle.length]) {
          const chunk = bundle.slice(from, cut);
          refs.push(new WeakRef(chunk));
          yield chunk;
          from = cut;
        }
      }
      let n = 0;
      let alive = -1;
      let pulled = 0;
      for await (const r of readBundle(chunks())) {
        if (r.kind === 'object' && ++n === 3_000) {
          pulled = refs.length;
          await collectGarbage();
          alive = refs.filter((ref) => ref.deref() !== undefined).length;
        }
      }
      expect(n).toBe(items.length);
      expect(pulled).toBeGreaterThan(80);
      expect(alive, `${alive} of the ${pulled} chunks pulled are still held`).toBeLessThanOrEqual(3);
    });

    it('a statement that references a 1 GiB attachment, and its record header, then nothing', async () => {
      const id = 'ab'.repeat(32);
      const s = makeStatement({ authors: ['cd'.repeat(32)], title: 'A film', lang: 'en', date: 'today', body: '', attachments: [{ id, name: 'film.mp4', mediaType: 'video/mp4', size: BUNDLE_LIMITS.attachmentBytes }] });
      const bytes = canonicalBytes(s);
      const m = await heldWhileWaiting(concat([ascii(`samizdat-bundle/v1 2\nobject ${bytes.length}\n`), bytes, ascii(`\nattachment ${id} ${BUNDLE_LIMITS.attachmentBytes}\n`)]));
      expect(m.rule).toBe('B-TRUNCATED');
      expect(m.arrayBuffers).toBeLessThan(1 * MiB);
      expect(m.heap).toBeLessThan(4 * MiB);
    });
  });
});

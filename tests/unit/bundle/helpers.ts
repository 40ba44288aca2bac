// Shared by the bundle tests: the worked example's objects as bundle records, a sorter written
// from docs/FORMAT.md ("Order: one bundle per set of objects") independently of src/, hand-made
// bundles with a correct trailer, chunking, and reading a bundle to the end.
import { createHash } from 'node:crypto';
import { SamizdatError } from '../../../src/core/errors.js';
import { canonicalBytes } from '../../../src/core/model/canonical.js';
import { readBundle, type BundleRecord, type ReadLimits } from '../../../src/core/bundle/reader.js';
import { writeBundle, type WriterRecord } from '../../../src/core/bundle/writer.js';
import { ATTACHMENT_BYTES, buildExample, type Example } from '../format/example.js';

let cached: Example | undefined;
export const example = (): Example => (cached ??= buildExample());

export const sha256Hex = (b: Uint8Array): string => createHash('sha256').update(b).digest('hex');
export const ascii = (s: string): Uint8Array => new Uint8Array(Buffer.from(s, 'latin1'));
export const utf8 = (s: string): Uint8Array => new TextEncoder().encode(s);
export const concat = (parts: Uint8Array[]): Uint8Array => new Uint8Array(Buffer.concat(parts));

/**
 * A record of a bundle as these tests think of it: a name for messages, its section, its id and
 * its payload. writerRecord turns it into what writeBundle takes.
 */
export interface Item {
  name: string;
  section: 'link' | 'statement' | 'signature' | 'attachment';
  id: string;
  bytes: Uint8Array;
}

export function writerRecord(item: Item): WriterRecord {
  return item.section === 'attachment'
    ? { kind: 'attachment', id: item.id, size: item.bytes.length, chunks: [item.bytes] }
    : { kind: 'object', section: item.section, id: item.id, bytes: item.bytes };
}

const item = (name: string, section: Item['section'], bytes: Uint8Array, id = sha256Hex(bytes)): Item => ({ name, section, id, bytes });

/** Every object of the worked example and its attachment, in no particular order. */
export function exampleRecords(): Item[] {
  const ex = example();
  return [
    item('statement', 'statement', canonicalBytes(ex.statement), ex.statementId),
    item('signature-carol', 'signature', canonicalBytes(ex.carolSignature)),
    item('attachment', 'attachment', ATTACHMENT_BYTES),
    item('add', 'link', canonicalBytes(ex.add), ex.addId),
    item('translation', 'statement', canonicalBytes(ex.translation), ex.translationId),
    item('charter', 'link', canonicalBytes(ex.charter), ex.groupId),
    item('signature-alice', 'signature', canonicalBytes(ex.aliceSignature)),
  ];
}

/** The records of docs/FORMAT.md's bundle example: everything but the translation. */
export const bundleExampleRecords = (): Item[] => sortRecords(exampleRecords().filter((r) => r.name !== 'translation'));

const RANK = { link: 0, statement: 1, signature: 2, attachment: 3 } as const;

/** The format's order, from the spec's table: (0 link, 1 statement, 2 signature, 3 attachment), then the id as a string. */
export function sortRecords<T extends Item>(records: readonly T[]): T[] {
  return [...records].sort((a, b) => RANK[a.section] - RANK[b.section] || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

export async function collect(chunks: AsyncIterable<Uint8Array>): Promise<Uint8Array> {
  const parts: Uint8Array[] = [];
  for await (const c of chunks) parts.push(c);
  return concat(parts);
}

/** writeBundle's bytes for records already in order. */
export const written = (records: readonly Item[]): Promise<Uint8Array> => collect(writeBundle(records.length, records.map(writerRecord)));

/** The example bundle of docs/FORMAT.md (charter, add, statement, two signatures, attachment). */
export const exampleBundle = (): Promise<Uint8Array> => written(bundleExampleRecords());

/** Every record of a bundle, read to the end (the trailer checked). */
export async function readAll(chunks: AsyncIterable<Uint8Array> | Iterable<Uint8Array>, limits?: ReadLimits): Promise<BundleRecord[]> {
  const out: BundleRecord[] = [];
  for await (const r of readBundle(chunks, limits)) out.push(r);
  return out;
}

/** Records with each attachment's pieces joined, so that two readings with other chunk sizes compare equal. */
export function normalise(records: BundleRecord[]): unknown[] {
  const out: unknown[] = [];
  for (const r of records) {
    if (r.kind === 'attachment-data') {
      const last = out.at(-1) as { kind: string; data: Buffer } | undefined;
      if (last?.kind === 'attachment-data') last.data = Buffer.concat([last.data, r.data]);
      else out.push({ kind: r.kind, id: r.id, data: Buffer.from(r.data) });
    } else if (r.kind === 'object') {
      out.push({ kind: r.kind, id: r.id, object: r.object, bytes: Buffer.from(r.bytes) });
    } else {
      out.push(r);
    }
  }
  return out;
}

/** `bytes` cut into pieces of the given sizes (cycling), or of one size. */
export function chunked(bytes: Uint8Array, sizes: number | readonly number[]): Uint8Array[] {
  const list = typeof sizes === 'number' ? [sizes] : sizes;
  const out: Uint8Array[] = [];
  for (let at = 0, i = 0; at < bytes.length; i++) {
    const n = Math.max(1, list[i % list.length] as number);
    out.push(bytes.subarray(at, at + n));
    at += n;
  }
  return out;
}

/** One part of a hand-made bundle: a line (its LF added) or raw bytes. */
export type Part = string | Uint8Array;

/** Parts joined, then `end SHA256` over all of them (or the trailer given), LF-terminated. */
export function handmade(parts: Part[], trailer?: string): Uint8Array {
  const body = concat(parts.map((p) => (typeof p === 'string' ? ascii(`${p}\n`) : p)));
  return concat([body, ascii(`${trailer ?? `end ${sha256Hex(body)}`}\n`)]);
}

/** An object record's two parts: `object LENGTH` and the payload with its LF. */
export const objectRecord = (bytes: Uint8Array): Part[] => [`object ${bytes.length}`, concat([bytes, ascii('\n')])];

/** An attachment record's two parts. */
export const attachmentRecord = (data: Uint8Array, id = sha256Hex(data), length = data.length): Part[] => [`attachment ${id} ${length}`, concat([data, ascii('\n')])];

/** The parts of a record of the example. */
export const partsOf = (r: Item): Part[] => (r.section === 'attachment' ? attachmentRecord(r.bytes, r.id) : objectRecord(r.bytes));

/** Header, records and trailer of a well-formed bundle, by hand. */
export const handmadeBundle = (records: readonly Item[], count = records.length): Uint8Array =>
  handmade([`samizdat-bundle/v1 ${count}`, ...records.flatMap(partsOf)]);

/** The rule of the SamizdatError a promise rejects with (or 'resolved' / the error's message). */
export async function ruleOf(p: Promise<unknown>): Promise<string> {
  try {
    await p;
    return 'resolved';
  } catch (err) {
    if (err instanceof SamizdatError) return err.rule ?? `code ${err.code}`;
    return `not a SamizdatError: ${String(err)}`;
  }
}

/** The SamizdatError a promise rejects with. */
export async function errorOf(p: Promise<unknown>): Promise<SamizdatError> {
  try {
    await p;
  } catch (err) {
    if (err instanceof SamizdatError) return err;
    throw new Error(`not a SamizdatError: ${String(err)}`, { cause: err });
  }
  throw new Error('expected a rejection');
}

/** Async iterable over chunks, pulled one at a time (as a file stream would). */
export async function* asyncChunks(chunks: Iterable<Uint8Array>): AsyncGenerator<Uint8Array> {
  for (const c of chunks) yield c;
}

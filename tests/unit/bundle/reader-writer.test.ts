// writeBundle -> readBundle on the worked example's objects: the round trip, one byte string per set
// of objects whatever order they are given in, and the same records however the bytes are chunked.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { makeStatement } from '../../../src/core/model/build.js';
import { canonicalBytes } from '../../../src/core/model/canonical.js';
import { objectId } from '../../../src/core/model/objects.js';
import { readBundle } from '../../../src/core/bundle/reader.js';
import { writeBundle, type WriterRecord } from '../../../src/core/bundle/writer.js';
import { BUNDLE_LIMITS } from '../../../src/core/bundle/format.js';
import { ATTACHMENT_BYTES } from '../format/example.js';
import {
  ascii,
  asyncChunks,
  chunked,
  collect,
  errorOf,
  example,
  exampleRecords,
  handmadeBundle,
  normalise,
  readAll,
  sha256Hex,
  sortRecords,
  written,
  writerRecord,
  type Item,
} from './helpers.js';

describe('writeBundle -> readBundle on the worked example', () => {
  it('gives back every object (same id, same value, same bytes) and the attachment, in the format\'s order', async () => {
    const records = sortRecords(exampleRecords());
    const bytes = await written(records);
    const read = await readAll([bytes]);
    expect(read.map((r) => r.kind)).toEqual(['object', 'object', 'object', 'object', 'object', 'object', 'attachment-start', 'attachment-data', 'attachment-end']);
    const ex = example();
    const objects = read.flatMap((r) => (r.kind === 'object' ? [r] : []));
    const sortedObjects = records.flatMap((r) => (r.section !== 'attachment' ? [JSON.parse(Buffer.from(r.bytes).toString('utf8')) as unknown] : []));
    expect(objects.map((o) => o.object)).toEqual(sortedObjects);
    expect(objects.slice(0, 2).map((o) => o.object)).toEqual([ex.charter, ex.add]);
    for (const [i, o] of objects.entries()) {
      const source = records[i] as Item;
      expect(o.id, source.name).toBe(source.id);
      expect(Buffer.from(o.bytes).equals(Buffer.from(source.bytes)), source.name).toBe(true);
      expect(objectId(o.object)).toBe(o.id);
    }
    const attachmentId = sha256Hex(ATTACHMENT_BYTES);
    expect(read.slice(6)).toEqual([
      { kind: 'attachment-start', id: attachmentId, size: 15 },
      { kind: 'attachment-data', id: attachmentId, data: ATTACHMENT_BYTES },
      { kind: 'attachment-end', id: attachmentId },
    ]);
  });

  it('writes exactly the bytes of the grammar, as assembled by hand (header, records, trailer over all before it)', async () => {
    const records = sortRecords(exampleRecords());
    const bytes = await written(records);
    expect(Buffer.from(bytes).equals(Buffer.from(handmadeBundle(records)))).toBe(true);
    const text = Buffer.from(bytes).toString('utf8');
    expect(text.startsWith('samizdat-bundle/v1 7\nobject ')).toBe(true);
    const trailer = text.slice(text.lastIndexOf('\nend ') + 1);
    expect(trailer).toBe(`end ${sha256Hex(bytes.subarray(0, bytes.length - trailer.length))}\n`);
  });

  it('writes an empty bundle that reads back as no records', async () => {
    const bytes = await written([]);
    expect(Buffer.from(bytes).toString('latin1')).toBe(`samizdat-bundle/v1 0\nend ${sha256Hex(ascii('samizdat-bundle/v1 0\n'))}\n`);
    expect(await readAll([bytes])).toEqual([]);
  });

  it('carries a large attachment in pieces of at most 1 MiB, which join to its bytes', async () => {
    const data = new Uint8Array(2.5 * 1024 * 1024).map((_, i) => (i * 7919) % 251);
    const ex = example();
    const statement = makeStatement({ authors: [ex.groupId], title: 'Big', lang: 'en', date: 'today', body: '', attachments: [{ id: sha256Hex(data), name: 'big.bin', mediaType: 'application/octet-stream', size: data.length }] });
    const records = sortRecords<Item>([
      { name: 'big statement', section: 'statement', id: objectId(statement), bytes: canonicalBytes(statement) },
      { name: 'big attachment', section: 'attachment', id: sha256Hex(data), bytes: data },
    ]);
    const read = await readAll(chunked(await written(records), 300_000));
    const pieces = read.flatMap((r) => (r.kind === 'attachment-data' ? [r.data] : []));
    expect(pieces.length).toBeGreaterThanOrEqual(3);
    for (const p of pieces) expect(p.length).toBeLessThanOrEqual(1024 * 1024);
    expect(Buffer.concat(pieces).equals(Buffer.from(data))).toBe(true);
  });
});

describe('one bundle per set of objects', () => {
  const all = exampleRecords();
  const bytesOfSet = async (names: Set<string>) => written(sortRecords(all.filter((r) => names.has(r.name))));

  it('any subset of the example\'s objects, given in any order to the sorter, writes identical bytes', async () => {
    await fc.assert(
      fc.asyncProperty(fc.shuffledSubarray(all), async (subset) => {
        const bytes = await written(sortRecords(subset));
        const again = await bytesOfSet(new Set(subset.map((r) => r.name)));
        expect(Buffer.from(bytes).equals(Buffer.from(again))).toBe(true);
        // A bundle that carries its attachment's statement reads back; the sorter's order is the reader's.
        const statementHeld = subset.some((r) => r.name === 'statement');
        if (statementHeld || !subset.some((r) => r.section === 'attachment')) {
          const read = await readAll([bytes]);
          expect(read.filter((r) => r.kind === 'object' || r.kind === 'attachment-start').map((r) => r.id)).toEqual(sortRecords(subset).map((r) => r.id));
        }
      }),
      { numRuns: 200 },
    );
  });

  it('different sets give different bytes', async () => {
    const seen = new Set<string>();
    for (let mask = 0; mask < 1 << all.length; mask++) {
      const bytes = await bytesOfSet(new Set(all.filter((_, i) => mask & (1 << i)).map((r) => r.name)));
      seen.add(sha256Hex(bytes));
    }
    expect(seen.size).toBe(1 << all.length);
  });

  it('the writer refuses records out of order, twice, or not as many as announced', async () => {
    const sorted = sortRecords(all);
    const [first, second] = sorted.map(writerRecord) as [WriterRecord, WriterRecord];
    expect((await errorOf(collect(writeBundle(2, [second, first])))).code).toBe('bundle.writer-order');
    expect((await errorOf(collect(writeBundle(2, [first, first])))).code).toBe('bundle.writer-order');
    expect((await errorOf(collect(writeBundle(3, [first, second])))).code).toBe('bundle.writer-count');
    expect((await errorOf(collect(writeBundle(1, [first, second])))).code).toBe('bundle.writer-count');
    expect((await errorOf(collect(writeBundle(BUNDLE_LIMITS.records + 1, [])))).code).toBe('bundle.too-many-records');
    const huge: WriterRecord = { kind: 'object', section: 'statement', id: 'a'.repeat(64), bytes: new Uint8Array(BUNDLE_LIMITS.objectBytes + 1) };
    expect((await errorOf(collect(writeBundle(1, [huge])))).code).toBe('bundle.object-too-large');
  });

  it('the writer refuses an attachment whose chunks give more or fewer bytes than its size', async () => {
    const id = sha256Hex(ATTACHMENT_BYTES);
    const attachment = (size: number, chunks: Uint8Array[]): WriterRecord => ({ kind: 'attachment', id, size, chunks });
    expect((await errorOf(collect(writeBundle(1, [attachment(14, [ATTACHMENT_BYTES])])))).code).toBe('bundle.writer-size');
    expect((await errorOf(collect(writeBundle(1, [attachment(16, [ATTACHMENT_BYTES])])))).code).toBe('bundle.writer-size');
    expect((await errorOf(collect(writeBundle(1, [attachment(-1, [])])))).code).toBe('bundle.writer-size');
    expect((await errorOf(collect(writeBundle(1, [attachment(1.5, [])])))).code).toBe('bundle.writer-size');
  });

  it('the writer reads an attachment\'s chunks only as it writes them, and skips empty ones', async () => {
    const id = sha256Hex(ATTACHMENT_BYTES);
    let pulled = 0;
    async function* pieces(): AsyncGenerator<Uint8Array> {
      for (const p of [ATTACHMENT_BYTES.subarray(0, 4), new Uint8Array(0), ATTACHMENT_BYTES.subarray(4)]) {
        pulled++;
        yield p;
      }
    }
    const it = writeBundle(1, [{ kind: 'attachment', id, size: 15, chunks: pieces() }])[Symbol.asyncIterator]();
    const out: Uint8Array[] = [];
    for (let i = 0; i < 2; i++) out.push((await it.next()).value as Uint8Array); // header line, record header
    expect(pulled).toBe(0);
    for (let n = await it.next(); !n.done; n = await it.next()) {
      expect(n.value.length).toBeGreaterThan(0);
      out.push(n.value);
    }
    expect(pulled).toBe(3);
    const bytes = Buffer.concat(out);
    expect(bytes.equals(Buffer.from(handmadeBundle([{ name: 'a', section: 'attachment', id, bytes: ATTACHMENT_BYTES }])))).toBe(true);
  });

  it('the writer takes records one at a time from an async source, and yields the header before pulling any', async () => {
    let pulled = 0;
    async function* source(): AsyncGenerator<WriterRecord> {
      for (const r of sortRecords(all)) {
        pulled++;
        yield writerRecord(r);
      }
    }
    const it = writeBundle(all.length, source())[Symbol.asyncIterator]();
    const header = await it.next();
    expect(Buffer.from(header.value as Uint8Array).toString('latin1')).toBe(`samizdat-bundle/v1 ${all.length}\n`);
    expect(pulled).toBe(0);
    const rest: Uint8Array[] = [header.value as Uint8Array];
    for (let n = await it.next(); !n.done; n = await it.next()) rest.push(n.value);
    expect(Buffer.concat(rest).equals(Buffer.from(await written(sortRecords(all))))).toBe(true);
  });
});

describe('streaming: the same records however the bytes arrive', () => {
  const bundle = written(sortRecords(exampleRecords()));

  it('in one chunk, in 1-byte chunks (sync and async), and with empty chunks in between', async () => {
    const bytes = await bundle;
    const whole = normalise(await readAll([bytes]));
    expect(normalise(await readAll(chunked(bytes, 1)))).toEqual(whole);
    expect(normalise(await readAll(asyncChunks(chunked(bytes, 1))))).toEqual(whole);
    const withEmpty = chunked(bytes, 5).flatMap((c) => [new Uint8Array(0), c]);
    expect(normalise(await readAll(withEmpty))).toEqual(whole);
  });

  it('in chunks of random sizes', async () => {
    const bytes = await bundle;
    const whole = normalise(await readAll([bytes]));
    await fc.assert(
      fc.asyncProperty(fc.array(fc.integer({ min: 1, max: 700 }), { minLength: 1, maxLength: 40 }), async (sizes) => {
        expect(normalise(await readAll(asyncChunks(chunked(bytes, sizes))))).toEqual(whole);
      }),
      { numRuns: 150 },
    );
  });

  it('yields each record as soon as its bytes have arrived, before the rest of the file is read', async () => {
    const bytes = await bundle;
    const charter = canonicalBytes(example().charter);
    const firstRecordEnd = `samizdat-bundle/v1 7\nobject ${charter.length}\n`.length + charter.length + 1;
    const pieces = chunked(bytes, 64);
    let delivered = 0;
    async function* source(): AsyncGenerator<Uint8Array> {
      for (const p of pieces) {
        delivered += p.length;
        yield p;
      }
    }
    const it = readBundle(source())[Symbol.asyncIterator]();
    const first = await it.next();
    expect(first.value?.kind).toBe('object');
    expect(delivered).toBeGreaterThanOrEqual(firstRecordEnd);
    expect(delivered).toBeLessThan(firstRecordEnd + 64);
    expect(delivered).toBeLessThan(bytes.length);
    await it.return(undefined);
  });

  it('checks a record\'s announced length before reading its payload: a header announcing 9 GB is refused at once', async () => {
    let pulledAfterHeader = false;
    async function* source(): AsyncGenerator<Uint8Array> {
      yield ascii('samizdat-bundle/v1 1\nobject 9000000000\n');
      pulledAfterHeader = true;
      throw new Error('the reader asked for the payload');
    }
    expect((await errorOf(readAll(source()))).rule).toBe('B-OBJECT-SIZE');
    expect(pulledAfterHeader).toBe(false);
  });
});

// The streaming writer of clear bundles. It takes records already in the format's order (the
// caller sorts ids, which is cheap, and fetches each payload when it is written) and refuses any
// other order, so that one set of objects always gives the same bytes.
import { createHash } from 'node:crypto';
import { SamizdatError } from '../errors.js';
import { BUNDLE_LIMITS, BUNDLE_MAGIC, sortKey, type Section } from './format.js';

export type WriterRecord =
  | { kind: 'object'; section: Exclude<Section, 'attachment'>; id: string; bytes: Uint8Array }
  /** An attachment of `size` bytes, given as chunks that are read only as they are written (never whole in memory). */
  | { kind: 'attachment'; id: string; size: number; chunks: Iterable<Uint8Array> | AsyncIterable<Uint8Array> };

const ascii = (s: string): Uint8Array => Buffer.from(s, 'latin1');
const LF = ascii('\n');

/** Encode `count` records as a clear bundle, chunk by chunk. */
export async function* writeBundle(count: number, records: AsyncIterable<WriterRecord> | Iterable<WriterRecord>): AsyncGenerator<Uint8Array> {
  if (count > BUNDLE_LIMITS.records) {
    throw new SamizdatError('bundle', 'usage', 'bundle.too-many-records', `a bundle holds at most ${BUNDLE_LIMITS.records} records; this one would hold ${count}: export fewer statements at a time`);
  }
  const hash = createHash('sha256');
  let total = 0;
  const emit = (bytes: Uint8Array): Uint8Array => {
    total += bytes.length;
    // The trailer needs 70 bytes more; a reader refuses a longer bundle (B-FILE-SIZE).
    if (total + 70 > BUNDLE_LIMITS.fileBytes) {
      throw new SamizdatError('bundle', 'usage', 'bundle.too-large', `the bundle would be larger than ${BUNDLE_LIMITS.fileBytes} bytes, which no reader accepts: export fewer statements at a time`);
    }
    hash.update(bytes);
    return bytes;
  };
  yield emit(ascii(`${BUNDLE_MAGIC} ${count}\n`));
  let previous = '';
  let written = 0;
  for await (const record of records) {
    const section = record.kind === 'object' ? record.section : 'attachment';
    const key = sortKey(section, record.id);
    if (key <= previous) throw new SamizdatError('bundle', 'usage', 'bundle.writer-order', `internal: records given out of order (${key} after ${previous})`);
    previous = key;
    if (record.kind === 'object') {
      if (record.bytes.length > BUNDLE_LIMITS.objectBytes) throw new SamizdatError('bundle', 'usage', 'bundle.object-too-large', `${section} ${record.id} is larger than a bundle may carry`);
      yield emit(ascii(`object ${record.bytes.length}\n`));
      yield emit(record.bytes);
    } else {
      const { size } = record;
      if (!Number.isSafeInteger(size) || size < 0) throw new SamizdatError('bundle', 'usage', 'bundle.writer-size', `internal: attachment ${record.id} has no valid size (${String(size)})`);
      yield emit(ascii(`attachment ${record.id} ${size}\n`));
      let given = 0;
      for await (const chunk of record.chunks) {
        given += chunk.length;
        if (given > size) throw new SamizdatError('bundle', 'usage', 'bundle.writer-size', `internal: attachment ${record.id} gives more than the ${size} bytes announced`);
        if (chunk.length > 0) yield emit(chunk);
      }
      if (given !== size) throw new SamizdatError('bundle', 'usage', 'bundle.writer-size', `internal: attachment ${record.id} gives ${given} bytes, ${size} announced`);
    }
    yield emit(LF);
    written++;
  }
  if (written !== count) throw new SamizdatError('bundle', 'usage', 'bundle.writer-count', `internal: ${written} records written, ${count} announced`);
  yield ascii(`end ${hash.digest('hex')}\n`);
}

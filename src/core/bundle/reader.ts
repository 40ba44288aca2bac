// The streaming reader of clear bundles, in the order of docs/FORMAT.md ("Bundles"): header, records
// checked against their limits before their payload is read, sort order, trailer hash. It yields
// records as it goes; a caller commits nothing until the generator has finished, because only then
// is the trailer checked.
import { createHash } from 'node:crypto';
import { sha256Hex } from '../crypto/hash.js';
import { SamizdatError } from '../errors.js';
import { decodeObject, objectId } from '../model/objects.js';
import type { SignedObject } from '../model/types.js';
import { jsonDepth } from './depth.js';
import { BUNDLE_LIMITS, BUNDLE_MAGIC, bundleError, sortKey } from './format.js';
import { ByteSource } from './source.js';

export type BundleRecord =
  | { kind: 'object'; id: string; object: SignedObject; bytes: Uint8Array }
  /** An attachment begins; its bytes follow as `attachment-data`, then `attachment-end` once they hash to `id`. */
  | { kind: 'attachment-start'; id: string; size: number }
  | { kind: 'attachment-data'; id: string; data: Uint8Array }
  | { kind: 'attachment-end'; id: string };

export interface ReadLimits {
  fileBytes: number;
  records: number;
  objectBytes: number;
  attachmentBytes: number;
}

const HEADER = new RegExp(`^${BUNDLE_MAGIC.replace('/', '\\/')} (0|[1-9][0-9]{0,17})\n$`);
const OBJECT = /^object (0|[1-9][0-9]{0,17})\n$/;
const ATTACHMENT = /^attachment ([0-9a-f]{64}) (0|[1-9][0-9]{0,17})\n$/;
const TRAILER = /^end ([0-9a-f]{64})\n$/;
const PIECE = 1024 * 1024;
const LF = 0x0a;

const latin1 = (bytes: Uint8Array): string => Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('latin1');
/** A line as people should see it in an error message. */
const shown = (line: string): string => JSON.stringify(line.length > 60 ? `${line.slice(0, 60)}…` : line);

/** Re-raise an object's decoding error as the bundle's, saying which record it was. */
function inRecord(err: unknown, where: string): unknown {
  if (!(err instanceof SamizdatError) || !err.rule) return err;
  const detail = err.message.replace(/^[a-z]+: /, '').replace(/ \([A-Z]-[A-Z0-9-]+\)$/, '');
  return new SamizdatError('bundle', 'input', err.code, `${where}: ${detail}`, { rule: err.rule });
}

/** Read a clear bundle from a stream of chunks. Throws a SamizdatError naming the rule at the first problem. */
export async function* readBundle(chunks: AsyncIterable<Uint8Array> | Iterable<Uint8Array>, limits: ReadLimits = BUNDLE_LIMITS): AsyncGenerator<BundleRecord> {
  const source = ByteSource.from(chunks);
  const hash = createHash('sha256');
  const maxLine = BUNDLE_LIMITS.lineBytes;

  // B-MAGIC first: only bytes that begin as a bundle can be a truncated or malformed one.
  const magic = `${BUNDLE_MAGIC} `;
  const start = latin1(await source.peek(magic.length));
  if (!magic.startsWith(start)) {
    throw bundleError('B-MAGIC', `this is not a Samizdat bundle: it begins ${shown(start)}, not "${BUNDLE_MAGIC}"`);
  }
  const first = await source.line(maxLine, 'the header line');
  const header = latin1(first);
  const headerMatch = HEADER.exec(header);
  if (!headerMatch) throw bundleError('B-SYNTAX', `the header line ${shown(header)} is not "${BUNDLE_MAGIC} COUNT"`);
  const count = Number(headerMatch[1]);
  if (count > limits.records) throw bundleError('B-COUNT', `the header announces ${count} records; a bundle holds at most ${limits.records}`);
  hash.update(first);

  let previous = '';
  /** Sizes by which the bundle's statements reference each attachment id. */
  const referenced = new Map<string, Set<number>>();

  const checkOrder = (key: string, where: string) => {
    if (key === previous) throw bundleError('B-DUPLICATE', `${where} repeats the record before it`);
    if (key < previous) throw bundleError('B-ORDER', `${where} is out of order: records are sorted links, statements, signatures, attachments, each by id`);
    previous = key;
  };
  const checkSize = (length: number, where: string) => {
    if (source.consumed + length + 1 > limits.fileBytes) throw bundleError('B-FILE-SIZE', `${where} would take the bundle past ${limits.fileBytes} bytes`);
  };
  const expectLf = async (where: string) => {
    const end = await source.exact(1, where);
    if (end[0] !== LF) throw bundleError('B-SYNTAX', `${where} is not followed by a line end: its length is wrong or the file is damaged`);
    hash.update(end);
  };

  for (let n = 1; n <= count; n++) {
    const where = `record ${n} of ${count}`;
    const lineBytes = await source.line(maxLine, `the header of ${where}`);
    const line = latin1(lineBytes);
    hash.update(lineBytes);
    const object = OBJECT.exec(line);
    const attachment = object ? null : ATTACHMENT.exec(line);
    if (object) {
      const length = Number(object[1]);
      if (length > limits.objectBytes) throw bundleError('B-OBJECT-SIZE', `${where} announces an object of ${length} bytes; the limit is ${limits.objectBytes}`);
      checkSize(length, where);
      const bytes = await source.exact(length, where);
      hash.update(bytes);
      await expectLf(where);
      if (jsonDepth(bytes, BUNDLE_LIMITS.depth) > BUNDLE_LIMITS.depth) throw bundleError('B-DEPTH', `${where} nests arrays and objects more than ${BUNDLE_LIMITS.depth} levels deep`);
      let decoded: SignedObject;
      try {
        decoded = decodeObject(bytes, `${where} (object)`);
      } catch (err) {
        throw inRecord(err, where);
      }
      // A statement's or signature's id is the SHA-256 of its canonical bytes, which these are
      // (decodeObject checked it); only a link's is of a body without its signatures.
      const id = decoded.type === 'link' ? objectId(decoded) : sha256Hex(bytes);
      checkOrder(sortKey(decoded.type, id), `${where} (${decoded.type} ${id})`);
      if (decoded.type === 'statement') {
        for (const ref of decoded.attachments) {
          const sizes = referenced.get(ref.id) ?? new Set<number>();
          sizes.add(ref.size);
          referenced.set(ref.id, sizes);
        }
      }
      yield { kind: 'object', id, object: decoded, bytes };
    } else if (attachment) {
      const id = attachment[1] as string;
      const length = Number(attachment[2]);
      if (length > limits.attachmentBytes) throw bundleError('B-ATTACHMENT-SIZE', `${where} announces an attachment of ${length} bytes; the limit is ${limits.attachmentBytes}`);
      checkSize(length, where);
      checkOrder(sortKey('attachment', id), `${where} (attachment ${id})`);
      const sizes = referenced.get(id);
      if (!sizes) throw bundleError('B-UNREFERENCED', `${where}: attachment ${id} is not referenced by any statement in the bundle`);
      if (sizes.size !== 1 || !sizes.has(length)) {
        throw bundleError('R-ATTACHMENT-MISMATCH', `${where}: attachment ${id} is ${length} bytes, but the statements that reference it say ${[...sizes].join(' and ')}`);
      }
      yield { kind: 'attachment-start', id, size: length };
      const digest = createHash('sha256');
      for (let left = length; left > 0; ) {
        const data = await source.some(Math.min(PIECE, left), where);
        left -= data.length;
        hash.update(data);
        digest.update(data);
        yield { kind: 'attachment-data', id, data };
      }
      await expectLf(where);
      const actual = digest.digest('hex');
      if (actual !== id) throw bundleError('R-ATTACHMENT-MISMATCH', `${where}: the attachment's bytes hash to ${actual}, not to its id ${id}`);
      yield { kind: 'attachment-end', id };
    } else if (line.startsWith('end ')) {
      throw bundleError('B-RECORD-COUNT', `the trailer comes after ${n - 1} records, but the header announces ${count}`);
    } else {
      throw bundleError('B-SYNTAX', `the header of ${where}, ${shown(line)}, is not "object LENGTH" or "attachment ID LENGTH"`);
    }
  }

  const trailerBytes = await source.line(maxLine, 'the trailer');
  if (source.consumed > limits.fileBytes) throw bundleError('B-FILE-SIZE', `the bundle is longer than ${limits.fileBytes} bytes`);
  const trailer = TRAILER.exec(latin1(trailerBytes));
  if (!trailer) {
    const text = latin1(trailerBytes);
    if (OBJECT.test(text) || ATTACHMENT.test(text)) throw bundleError('B-RECORD-COUNT', `there are more records than the ${count} the header announces`);
    throw bundleError('B-SYNTAX', `the trailer ${shown(text)} is not "end SHA256"`);
  }
  const expected = hash.digest('hex');
  if (trailer[1] !== expected) throw bundleError('B-CHECKSUM', `the trailer's hash does not match the bundle's bytes: the file is damaged or was altered`);
  if (!(await source.atEnd())) throw bundleError('B-TRAILING-DATA', 'there are bytes after the trailer');
}

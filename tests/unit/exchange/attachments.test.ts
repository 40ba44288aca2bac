// A bundle carrying a large attachment: imported piece by piece into the vault's chunks (never
// buffered whole), exported back byte for byte, held on a second import, and a damaged one leaves
// the vault as it was.
import { createHash, randomBytes } from 'node:crypto';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { writeBundle, type WriterRecord } from '../../../src/core/bundle/writer.js';
import { bundleChunks, closureOf } from '../../../src/core/exchange/export.js';
import { importBundle } from '../../../src/core/exchange/import.js';
import { canonicalBytes } from '../../../src/core/model/canonical.js';
import { makeStatement } from '../../../src/core/model/build.js';
import { objectId } from '../../../src/core/model/objects.js';
import { ATTACHMENT_CHUNK_SIZE, Vault, type AttachmentInfo, type AttachmentWriter, type StreamingVaultWriter } from '../../../src/core/store/index.js';
import { PASS, rawDb, rejection, tempRoot } from '../store/helpers.js';

const MiB = 1024 * 1024;
const SIZE = 20 * MiB + 12_345;
const sha256 = (data: Uint8Array): string => createHash('sha256').update(data).digest('hex');

async function collect(chunks: AsyncIterable<Uint8Array>): Promise<Buffer> {
  const parts: Uint8Array[] = [];
  for await (const c of chunks) parts.push(c);
  return Buffer.concat(parts);
}

/** `bytes` as a file would give them: pieces of 64 KiB. */
async function* asFile(bytes: Uint8Array): AsyncGenerator<Uint8Array> {
  for (let at = 0; at < bytes.length; at += 65_536) yield bytes.subarray(at, at + 65_536);
}

/** A clear bundle of one statement and its one attachment of SIZE random bytes. */
async function bigBundle(): Promise<{ bundle: Buffer; statementId: string; attachmentId: string; data: Uint8Array }> {
  const data = new Uint8Array(randomBytes(SIZE));
  const attachmentId = sha256(data);
  const statement = makeStatement({
    authors: ['a'.repeat(64)],
    title: 'A film of the strike',
    lang: 'en',
    date: '2026-03-08',
    body: 'The film is attached.',
    attachments: [{ id: attachmentId, name: 'strike.mp4', mediaType: 'video/mp4', size: SIZE }],
  });
  const statementId = objectId(statement);
  const records: WriterRecord[] = [
    { kind: 'object', section: 'statement', id: statementId, bytes: canonicalBytes(statement) },
    // Pieces of 300,000 bytes: neither the store's chunk size nor a divisor of it.
    { kind: 'attachment', id: attachmentId, size: SIZE, chunks: (function* () { for (let at = 0; at < SIZE; at += 300_000) yield data.subarray(at, at + 300_000); })() },
  ];
  return { bundle: await collect(writeBundle(records.length, records)), statementId, attachmentId, data };
}

/** The vault, watched: how attachments reach it. */
function watched(vault: Vault) {
  const seen = { puts: 0, writes: 0, largestWrite: 0, finishes: 0 };
  const proxy = new Proxy(vault, {
    get(target, prop) {
      if (prop === 'putAttachment') {
        return (...args: Parameters<Vault['putAttachment']>) => {
          seen.puts++;
          return target.putAttachment(...args);
        };
      }
      if (prop === 'beginAttachment') {
        return (info: AttachmentInfo): AttachmentWriter => {
          const w = target.beginAttachment(info);
          return {
            write: (bytes) => {
              seen.writes++;
              seen.largestWrite = Math.max(seen.largestWrite, bytes.length);
              w.write(bytes);
            },
            finish: () => {
              seen.finishes++;
              return w.finish();
            },
            abort: () => w.abort(),
          };
        };
      }
      const value: unknown = Reflect.get(target, prop, target);
      return typeof value === 'function' ? (value as (...a: unknown[]) => unknown).bind(target) : value;
    },
  }) as StreamingVaultWriter;
  return { proxy, seen };
}

let cleanup: () => void;
let dir: string;
let vault: Vault;
beforeEach(async () => {
  const t = tempRoot();
  cleanup = t.cleanup;
  dir = path.join(t.root, 'v');
  vault = await Vault.create(dir, PASS, 'interactive');
});
afterEach(() => {
  vault.close();
  cleanup();
});

describe('a bundle with a 20 MiB attachment', () => {
  it('imports piece by piece, exports back byte-identical, and is held on a second import', async () => {
    const { bundle, statementId, attachmentId, data } = await bigBundle();
    const { proxy, seen } = watched(vault);

    const report = await importBundle(proxy, asFile(bundle), { boxSecrets: [] });
    expect(report.added.statement).toBe(1);
    expect(report.added.attachment).toBe(1);
    // Streamed: many small writes, none of them the whole attachment, and no whole put.
    expect(seen.puts).toBe(0);
    expect(seen.finishes).toBe(1);
    expect(seen.writes).toBeGreaterThanOrEqual(SIZE / 65_536);
    expect(seen.largestWrite).toBeLessThanOrEqual(65_536);

    expect(vault.getAttachmentInfo(attachmentId)).toEqual({ id: attachmentId, mediaType: 'video/mp4', size: SIZE });
    const chunks = [...vault.readAttachmentChunks(attachmentId)];
    expect(chunks.length).toBe(Math.ceil(SIZE / ATTACHMENT_CHUNK_SIZE));
    expect(Buffer.concat(chunks).equals(data)).toBe(true);

    const exported = await collect(bundleChunks(vault, closureOf(vault, { statements: [statementId] })));
    expect(exported.length).toBe(bundle.length);
    expect(exported.equals(bundle)).toBe(true);

    const again = await importBundle(proxy, asFile(exported), { boxSecrets: [] });
    expect([again.added.attachment, again.held.attachment, again.held.statement]).toEqual([0, 1, 1]);
    expect(Buffer.concat([...vault.readAttachmentChunks(attachmentId)]).equals(data)).toBe(true);
  });

  it('a damaged attachment rejects the bundle and leaves nothing of it in the vault', async () => {
    const { bundle, statementId, attachmentId } = await bigBundle();
    const damaged = Buffer.from(bundle);
    const at = damaged.length - 5 * MiB; // inside the attachment's bytes
    damaged[at] = (damaged[at] as number) ^ 0x40;
    const e = await rejection(importBundle(vault, asFile(damaged), { boxSecrets: [] }));
    expect(e.rule).toBe('R-ATTACHMENT-MISMATCH');
    expect(vault.hasStatement(statementId)).toBe(false);
    expect(vault.hasAttachment(attachmentId)).toBe(false);
    vault.close();
    const db = await rawDb(dir);
    const count = db.prepare('SELECT count(*) AS n FROM attachment_chunks').get() as { n: number };
    db.close();
    expect(count.n).toBe(0);
    vault = await Vault.open(dir, PASS);
    // The intact bundle still imports.
    expect((await importBundle(vault, asFile(bundle), { boxSecrets: [] })).added.attachment).toBe(1);
  });
});

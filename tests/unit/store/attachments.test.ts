// Attachments in chunks of 1 MiB (migration 2): whole puts and gets for small callers, a streaming
// writer checked against the id and size (nothing kept on a mismatch, nothing rewritten when
// held), chunk-by-chunk reading, and the migration of a schema-1 vault's attachments.
import { createHash, randomBytes } from 'node:crypto';
import { readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3-multiple-ciphers';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { deriveKey } from '../../../src/core/crypto/kdf.js';
import { fromHex, toHex } from '../../../src/core/crypto/bytes.js';
import { parseHeader } from '../../../src/core/store/header.js';
import { MIGRATIONS } from '../../../src/core/store/migrations/index.js';
import { ATTACHMENT_CHUNK_SIZE, SCHEMA_VERSION, Vault, type AttachmentRecord } from '../../../src/core/store/index.js';
import { PASS, rawDb, rejection, tempRoot, thrown } from './helpers.js';

const MiB = ATTACHMENT_CHUNK_SIZE;
const sha256 = (data: Uint8Array): string => createHash('sha256').update(data).digest('hex');
const concat = (chunks: Iterable<Uint8Array>): Buffer => Buffer.concat([...chunks]);
/** The lengths of the chunks an attachment of `size` bytes is stored in. */
const chunkLengths = (size: number): number[] => Array.from({ length: Math.ceil(size / MiB) }, (_, n) => Math.min(MiB, size - n * MiB));

function attachment(size: number, mediaType = 'application/octet-stream'): AttachmentRecord {
  const data = new Uint8Array(randomBytes(size));
  return { id: sha256(data), mediaType, size, data };
}

/** The record without its bytes, and the bytes' hash: vitest compares large byte arrays slowly, element by element. */
const summary = (a: AttachmentRecord | undefined) => a && { id: a.id, mediaType: a.mediaType, size: a.size, hash: sha256(a.data), length: a.data.length };

/** `data` cut into pieces of the given lengths, repeated until it is used up. */
function* pieces(data: Uint8Array, lengths: readonly number[]): Generator<Uint8Array> {
  let i = 0;
  for (let at = 0; at < data.length; i++) {
    const n = lengths[i % lengths.length] as number;
    yield data.subarray(at, at + n);
    at += n;
  }
}

/** Rows of attachment_chunks in a closed vault (looked at beneath the API). */
async function chunkRows(dir: string): Promise<Array<{ attachment_id: string; n: number; length: number }>> {
  const db = await rawDb(dir);
  try {
    return db.prepare('SELECT attachment_id, n, length(data) AS length FROM attachment_chunks ORDER BY attachment_id, n').all() as Array<{
      attachment_id: string;
      n: number;
      length: number;
    }>;
  } finally {
    db.close();
  }
}

let root: string;
let cleanup: () => void;
let dir: string;
let vault: Vault;
beforeEach(async () => {
  ({ root, cleanup } = tempRoot());
  dir = path.join(root, 'v');
  vault = await Vault.create(dir, PASS, 'interactive');
});
afterEach(() => {
  vault.close();
  cleanup();
});

describe('whole attachments, stored in chunks', () => {
  it('round-trips every size around the chunk boundaries, and stores full chunks but the last', async () => {
    const sizes = [0, 1, MiB - 1, MiB, MiB + 1, 2 * MiB + 12_345];
    const atts = sizes.map((n) => attachment(n));
    for (const a of atts) expect(vault.putAttachment(a)).toEqual({ new: true });
    for (const a of atts) {
      expect(summary(vault.getAttachment(a.id))).toEqual(summary(a));
      expect(vault.getAttachmentInfo(a.id)).toEqual({ id: a.id, mediaType: a.mediaType, size: a.size });
      const chunks = [...vault.readAttachmentChunks(a.id)];
      expect(chunks.map((c) => c.length)).toEqual(chunkLengths(a.size));
      expect(concat(chunks).equals(a.data)).toBe(true);
    }
    vault.close();
    const expected = atts
      .flatMap((a) => chunkLengths(a.size).map((length, n) => ({ attachment_id: a.id, n, length })))
      .sort((x, y) => (x.attachment_id < y.attachment_id ? -1 : x.attachment_id > y.attachment_id ? 1 : x.n - y.n));
    expect(await chunkRows(dir)).toEqual(expected);
    vault = await Vault.open(dir, PASS);
    for (const a of atts) expect(summary(vault.getAttachment(a.id))).toEqual(summary(a));
  });

  it('putAttachment refuses bytes that do not hash to the id, or a size that is not theirs, and keeps nothing', async () => {
    const a = attachment(MiB + 10);
    const liar = { ...a, id: sha256(new Uint8Array([1])) };
    const e = thrown(() => vault.putAttachment(liar));
    expect([e.kind, e.code]).toEqual(['input', 'vault.attachment-mismatch']);
    expect(thrown(() => vault.putAttachment({ ...a, size: a.size - 1 })).code).toBe('vault.bad-record');
    expect(thrown(() => vault.putAttachment({ ...a, id: 'ABC' })).code).toBe('vault.bad-record');
    expect(vault.hasAttachment(liar.id)).toBe(false);
    expect(vault.hasAttachment(a.id)).toBe(false);
    vault.close();
    expect(await chunkRows(dir)).toEqual([]);
    vault = await Vault.open(dir, PASS);
  });

  it('a missing or cut chunk is reported as damage (vault.corrupt), never as short bytes', async () => {
    const a = attachment(2 * MiB + 1);
    vault.putAttachment(a);
    vault.close();
    const db = await rawDb(dir);
    db.prepare('DELETE FROM attachment_chunks WHERE attachment_id = ? AND n = 1').run(a.id);
    db.close();
    vault = await Vault.open(dir, PASS);
    const it = vault.readAttachmentChunks(a.id)[Symbol.iterator]();
    expect(it.next().value?.length).toBe(MiB);
    expect([thrown(() => it.next()).code, thrown(() => vault.getAttachment(a.id)).code]).toEqual(['vault.corrupt', 'vault.corrupt']);
  });

  it('readAttachmentChunks: an attachment not held is refused at once; a vault closed while reading is locked', () => {
    expect(thrown(() => vault.readAttachmentChunks(sha256(new Uint8Array([9])))).code).toBe('vault.no-such-attachment');
    const a = attachment(3 * MiB);
    vault.putAttachment(a);
    const it = vault.readAttachmentChunks(a.id)[Symbol.iterator]();
    expect(Buffer.from(it.next().value as Uint8Array).equals(a.data.subarray(0, MiB))).toBe(true);
    vault.close();
    expect(thrown(() => it.next()).code).toBe('vault.locked');
  });
});

describe('beginAttachment: the streaming writer', () => {
  it('stores pieces of any length as they come, inside the caller transaction', () => {
    const a = attachment(3 * MiB + 777, 'video/mp4');
    const result = vault.transaction(() => {
      const w = vault.beginAttachment({ id: a.id, mediaType: a.mediaType, size: a.size });
      for (const p of pieces(a.data, [7, 0, 65_536, MiB + 3, 1, 300_000])) w.write(p);
      // Not held until finished: a half-written attachment is never visible.
      expect(vault.hasAttachment(a.id)).toBe(false);
      return w.finish();
    });
    expect(result).toEqual({ new: true });
    expect(summary(vault.getAttachment(a.id))).toEqual(summary(a));
    expect([...vault.readAttachmentChunks(a.id)].map((c) => c.length)).toEqual([MiB, MiB, MiB, 777]);
  });

  it('works across awaits in transactionAsync, and an empty attachment has no chunk', async () => {
    const a = attachment(2 * MiB + 1);
    const empty = attachment(0);
    const results = await vault.transactionAsync(async () => {
      const w = vault.beginAttachment(a);
      for (const p of pieces(a.data, [MiB / 4])) {
        await new Promise((resolve) => setImmediate(resolve));
        w.write(p);
      }
      const e = vault.beginAttachment(empty);
      return [w.finish(), e.finish()];
    });
    expect(results).toEqual([{ new: true }, { new: true }]);
    expect(concat(vault.readAttachmentChunks(a.id)).equals(a.data)).toBe(true);
    expect([...vault.readAttachmentChunks(empty.id)]).toEqual([]);
    expect(summary(vault.getAttachment(empty.id))).toEqual(summary(empty));
  });

  it('refuses a wrong hash, too few or too many bytes: a typed error, the writer closed, nothing kept', async () => {
    const a = attachment(2 * MiB + 5);
    await vault.transactionAsync(async () => {
      const wrongHash = vault.beginAttachment({ ...a, id: sha256(new Uint8Array([1, 2])) });
      for (const p of pieces(a.data, [MiB / 2])) wrongHash.write(p);
      const e1 = thrown(() => wrongHash.finish());
      expect([e1.kind, e1.code]).toEqual(['input', 'vault.attachment-mismatch']);
      expect(e1.message).toContain('hash');
      expect(thrown(() => wrongHash.write(new Uint8Array(1))).code).toBe('vault.attachment-closed');
      expect(thrown(() => wrongHash.finish()).code).toBe('vault.attachment-closed');

      const short = vault.beginAttachment(a);
      short.write(a.data.subarray(0, 2 * MiB));
      expect(thrown(() => short.finish()).code).toBe('vault.attachment-mismatch');

      const long = vault.beginAttachment(a);
      long.write(a.data.subarray(0, 2 * MiB));
      const e3 = thrown(() => long.write(new Uint8Array(6)));
      expect(e3.code).toBe('vault.attachment-mismatch');
      expect(e3.message).toContain('more bytes');
      expect(thrown(() => long.finish()).code).toBe('vault.attachment-closed');

      const aborted = vault.beginAttachment(a);
      aborted.write(a.data.subarray(0, MiB + 1));
      aborted.abort();
      aborted.abort(); // idempotent
      await Promise.resolve();
    });
    expect(vault.hasAttachment(a.id)).toBe(false);
    vault.close();
    expect(await chunkRows(dir)).toEqual([]);
    vault = await Vault.open(dir, PASS);
    // The same bytes, right this time, are stored.
    expect(vault.putAttachment(a)).toEqual({ new: true });
  });

  it('skips writing an attachment already held (new: false), but still checks the bytes', async () => {
    const a = attachment(MiB + 100);
    vault.putAttachment(a);
    vault.close();
    const before = await chunkRows(dir);
    vault = await Vault.open(dir, PASS);
    const again = vault.transaction(() => {
      const w = vault.beginAttachment({ ...a, mediaType: 'text/plain' });
      for (const p of pieces(a.data, [4096])) w.write(p);
      return w.finish();
    });
    expect(again).toEqual({ new: false });
    expect(vault.getAttachmentInfo(a.id)?.mediaType).toBe(a.mediaType);
    const tampered = Uint8Array.from(a.data);
    tampered[5] = (tampered[5] as number) ^ 1;
    vault.transaction(() => {
      const w = vault.beginAttachment(a);
      w.write(tampered);
      expect(thrown(() => w.finish()).code).toBe('vault.attachment-mismatch');
    });
    expect(summary(vault.getAttachment(a.id))).toEqual(summary(a));
    vault.close();
    expect(await chunkRows(dir)).toEqual(before);
    vault = await Vault.open(dir, PASS);
  });

  it('a second writer of the same attachment, begun before the first finished, cannot spoil it', () => {
    const a = attachment(2 * MiB + 3);
    const empty = attachment(0);
    vault.transaction(() => {
      const first = vault.beginAttachment(a);
      const second = vault.beginAttachment(a);
      const [e1, e2] = [vault.beginAttachment(empty), vault.beginAttachment(empty)];
      first.write(a.data);
      expect(first.finish()).toEqual({ new: true });
      expect(thrown(() => second.write(a.data)).code).toBe('vault.bad-record'); // its chunk 0 is the first's
      second.abort();
      expect([e1.finish(), e2.finish()]).toEqual([{ new: true }, { new: false }]);
    });
    expect(summary(vault.getAttachment(a.id))).toEqual(summary(a));
    expect(vault.hasAttachment(empty.id)).toBe(true);
  });

  it('must run inside a transaction, and a transaction holding an unfinished writer cannot commit', async () => {
    const a = attachment(MiB + 1);
    expect(thrown(() => vault.beginAttachment(a)).code).toBe('vault.no-transaction');
    expect(thrown(() => vault.transaction(() => vault.beginAttachment({ ...a, id: 'not hex' }))).code).toBe('vault.bad-record');
    expect(thrown(() => vault.transaction(() => vault.beginAttachment({ ...a, size: -1 }))).code).toBe('vault.bad-record');
    const e = await rejection(
      vault.transactionAsync(async () => {
        const w = vault.beginAttachment(a);
        w.write(a.data); // one full chunk stored, never finished
      }),
    );
    expect(e.code).toBe('vault.bad-record'); // the deferred foreign key refuses the COMMIT
    expect(vault.hasAttachment(a.id)).toBe(false);
    // The vault is usable again, and the attachment can be stored.
    expect(vault.putAttachment(a)).toEqual({ new: true });
  });
});

describe('migration 2', () => {
  /** A vault at schema 1 (migration 1 only) holding `atts` as schema 1 stored them: one BLOB each. */
  async function schemaOneVault(target: string, atts: readonly AttachmentRecord[]): Promise<void> {
    (await Vault.create(target, PASS, 'interactive')).close();
    const header = parseHeader(readFileSync(path.join(target, 'vault.json'), 'utf8'), 'vault.json');
    const key = await deriveKey(PASS, fromHex(header.salt), header.kdf);
    rmSync(path.join(target, 'vault.db'));
    const db = new Database(path.join(target, 'vault.db'));
    db.pragma("cipher = 'chacha20'");
    db.pragma(`key = "x'${toHex(key)}'"`);
    db.pragma('journal_mode = WAL');
    db.exec((MIGRATIONS[0] as { sql: string }).sql);
    db.pragma('user_version = 1');
    const insert = db.prepare('INSERT INTO attachments (id, media_type, size, data) VALUES (?, ?, ?, ?)');
    for (const a of atts) insert.run(a.id, a.mediaType, a.size, Buffer.from(a.data));
    db.pragma('wal_checkpoint(TRUNCATE)');
    db.close();
  }

  it('moves the attachments of a schema-1 vault into chunks: identical bytes, and the old table gone', async () => {
    // Opening runs every later migration too: 2 (attachment chunks), 3 (signatures by group), and on.
    expect(SCHEMA_VERSION).toBe(MIGRATIONS.length);
    expect(SCHEMA_VERSION).toBeGreaterThanOrEqual(3);
    const atts = [attachment(0), attachment(10, 'text/plain'), attachment(MiB), attachment(2 * MiB + 4321, 'image/png')];
    const old = path.join(root, 'old');
    await schemaOneVault(old, atts);
    const before = await rawDb(old);
    expect(before.pragma('user_version', { simple: true })).toBe(1);
    before.close();

    const v = await Vault.open(old, PASS);
    try {
      expect(v.schemaVersion).toBe(SCHEMA_VERSION);
      for (const a of atts) {
        expect(v.getAttachmentInfo(a.id)).toEqual({ id: a.id, mediaType: a.mediaType, size: a.size });
        expect(summary(v.getAttachment(a.id))).toEqual(summary(a));
        const chunks = [...v.readAttachmentChunks(a.id)];
        expect(chunks.map((c) => c.length)).toEqual(chunkLengths(a.size));
        expect(sha256(concat(chunks))).toBe(a.id);
      }
      // And the migrated vault takes new attachments as any other.
      expect(v.putAttachment(attachment(MiB + 1)).new).toBe(true);
    } finally {
      v.close();
    }
    const db = await rawDb(old);
    const names = (db.prepare("SELECT name FROM sqlite_schema WHERE name LIKE 'attachment%' ORDER BY name").all() as Array<{ name: string }>).map((r) => r.name);
    const columns = (db.prepare("SELECT name FROM pragma_table_info('attachments')").all() as Array<{ name: string }>).map((r) => r.name);
    const problems = db.pragma('foreign_key_check');
    const version = db.pragma('user_version', { simple: true });
    const byGroup = db.prepare("SELECT name FROM sqlite_schema WHERE type = 'index' AND name = 'statement_signatures_by_group'").all();
    db.close();
    expect(version).toBe(SCHEMA_VERSION);
    expect(byGroup).toHaveLength(1);
    expect(names).toEqual(['attachment_chunks', 'attachments']);
    expect(columns).toEqual(['id', 'media_type', 'size']);
    expect(problems).toEqual([]);
  });
});

// The sync index (migration 0005): what `sync` remembers of the drop folders it syncs with, so that
// a sync reads only the files that are new or changed and compares only the objects stored since
// the last one (src/core/exchange/sync.ts decides; this file only stores). Everything here is inside
// the encrypted vault.
import type Database from 'better-sqlite3-multiple-ciphers';
import type { Hex32 } from '../model/types.js';

type Db = Database.Database;

/** What reading a bundle file gave: imported ('clear' or 'sealed'), somebody else's, or refused. */
export type ContentOutcome = 'clear' | 'sealed' | 'not-for-us' | 'failed';

/** A refusal, kept to be reported again without reading the file again. */
export interface StoredError {
  layer: string;
  kind: string;
  code: string;
  /** Without the layer prefix and the rule suffix that SamizdatError adds. */
  message: string;
  rule?: string;
}

export interface ContentRecord {
  id: number;
  /** SHA-256 of the file, hex; null for a refused file too large to hash. */
  sha256: string | null;
  size: number;
  outcome: ContentOutcome;
  error: StoredError | undefined;
  /** Set when the file should be read again once the vault has passed this journal position. */
  retrySeq: number | null;
  /** For 'not-for-us': the decryption keys it was tried with. */
  keysStamp: string | null;
  /** The import rules it was read under (sync.ts's SYNC_RULES). */
  rules: number;
}

/** A file as `stat` saw it; the times are nanoseconds, as decimal text (they do not fit a double). */
export interface FileStat {
  size: number;
  mtime: string;
  ctime: string;
}

export interface FileRecord extends FileStat {
  name: string;
  /** The id of its content. */
  content: number;
}

/** The journal's kinds (the triggers of migration 0005 write these numbers). */
export const JOURNAL_KIND = { link: 1, 'link-signature': 2, statement: 3, signature: 4, attachment: 5 } as const;

export interface JournalEntry {
  seq: number;
  kind: number;
  id: Hex32;
  /** For a link signature entry: the signer's key. */
  key: Hex32 | null;
}

export interface FolderRecord {
  id: number;
  watermark: number | null;
}

interface ContentRow {
  id: number;
  sha256: string | null;
  size: number;
  outcome: ContentOutcome;
  error: string | null;
  retry_seq: number | null;
  keys_stamp: string | null;
  rules: number;
}

const CONTENT_COLUMNS = 'c.id AS id, c.sha256 AS sha256, c.size AS size, c.outcome AS outcome, c.error AS error, c.retry_seq AS retry_seq, c.keys_stamp AS keys_stamp, c.rules AS rules';

function contentOf(row: ContentRow): ContentRecord {
  return {
    id: row.id,
    sha256: row.sha256,
    size: row.size,
    outcome: row.outcome,
    error: row.error === null ? undefined : (JSON.parse(row.error) as StoredError),
    retrySeq: row.retry_seq,
    keysStamp: row.keys_stamp,
    rules: row.rules,
  };
}

const hex = (b: Uint8Array | null): string | null => (b === null ? null : Buffer.from(b).toString('hex'));

/** Journal rows read at a time. */
const JOURNAL_PAGE = 10_000;

/**
 * The index's queries. `run` runs a function with the open database and maps its errors (the
 * vault's own guard: a locked vault is `vault.locked`).
 */
export class SyncIndex {
  readonly #run: <T>(fn: (db: Db) => T) => T;
  readonly #statements = new Map<string, Database.Statement>();

  constructor(run: <T>(fn: (db: Db) => T) => T) {
    this.#run = run;
  }

  #q<T>(sql: string, fn: (stmt: Database.Statement) => T): T {
    return this.#run((db) => {
      let stmt = this.#statements.get(sql);
      if (stmt === undefined) {
        stmt = db.prepare(sql);
        this.#statements.set(sql, stmt);
      }
      return fn(stmt);
    });
  }

  /** Runs `fn` in one transaction (nested: a savepoint). */
  transaction<T>(fn: () => T): T {
    return this.#run((db) => db.transaction(fn)());
  }

  folder(path: string): FolderRecord | undefined {
    return this.#q('SELECT id, watermark FROM sync_folders WHERE path = ?', (s) => s.get(path) as FolderRecord | undefined);
  }

  /** The folder's record, made when it is new (from then on, the journal records every object stored). */
  addFolder(path: string): FolderRecord {
    const held = this.folder(path);
    if (held) return held;
    this.#q('INSERT INTO sync_folders (path, watermark) VALUES (?, NULL)', (s) => s.run(path));
    return this.folder(path) as FolderRecord;
  }

  setWatermark(folder: number, watermark: number | null): void {
    this.#q('UPDATE sync_folders SET watermark = ? WHERE id = ?', (s) => s.run(watermark, folder));
  }

  /** Forgets every file of the folder and its watermark: the next sync reads and compares everything. */
  forget(folder: number): void {
    this.#q('DELETE FROM sync_files WHERE folder = ?', (s) => s.run(folder));
    this.setWatermark(folder, null);
  }

  /** The folder's files as last seen, by name (rows as arrays: this is read whole at every sync). */
  files(folder: number): Map<string, FileRecord> {
    const rows = this.#q('SELECT name, size, mtime, ctime, content FROM sync_files WHERE folder = ?', (s) => s.raw(true).all(folder) as Array<[string, number, string, string, number]>);
    const files = new Map<string, FileRecord>();
    for (const [name, size, mtime, ctime, content] of rows) files.set(name, { name, size, mtime, ctime, content });
    return files;
  }

  /**
   * The contents of the folder's files that are not simply imported and settled: somebody else's,
   * refused, to be read again once the vault has changed, or read under other import rules.
   */
  unsettled(folder: number, rules: number): Map<number, ContentRecord> {
    const rows = this.#q(
      `SELECT ${CONTENT_COLUMNS} FROM sync_contents AS c
       WHERE c.id IN (SELECT content FROM sync_files WHERE folder = ?) AND (c.outcome IN ('not-for-us', 'failed') OR c.retry_seq IS NOT NULL OR c.rules <> ?)`,
      (s) => s.all(folder, rules) as ContentRow[],
    );
    return new Map(rows.map((r) => [r.id, contentOf(r)]));
  }

  content(id: number): ContentRecord | undefined {
    const row = this.#q(`SELECT ${CONTENT_COLUMNS} FROM sync_contents AS c WHERE c.id = ?`, (s) => s.get(id) as ContentRow | undefined);
    return row && contentOf(row);
  }

  setFile(folder: number, name: string, stat: FileStat, content: number): void {
    this.#q(
      `INSERT INTO sync_files (folder, name, size, mtime, ctime, content) VALUES (?, ?, ?, ?, ?, ?)
       ON CONFLICT (folder, name) DO UPDATE SET size = excluded.size, mtime = excluded.mtime, ctime = excluded.ctime, content = excluded.content`,
      (s) => s.run(folder, name, stat.size, stat.mtime, stat.ctime, content),
    );
  }

  removeFile(folder: number, name: string): void {
    this.#q('DELETE FROM sync_files WHERE folder = ? AND name = ?', (s) => s.run(folder, name));
  }

  contentBySha(sha256: string): ContentRecord | undefined {
    const row = this.#q(`SELECT ${CONTENT_COLUMNS} FROM sync_contents AS c WHERE c.sha256 = ?`, (s) => s.get(sha256) as ContentRow | undefined);
    return row && contentOf(row);
  }

  /** Whether a content of `size` bytes is held, among those with an id up to `upTo`. */
  hasContentOfSize(size: number, upTo: number): boolean {
    return this.#q('SELECT 1 FROM sync_contents WHERE size = ? AND id <= ? LIMIT 1', (s) => s.get(size, upTo) !== undefined);
  }

  /** The highest content id so far (0 for none): contents stored later have higher ids. */
  lastContentId(): number {
    return this.#q('SELECT max(id) AS id FROM sync_contents', (s) => (s.get() as { id: number | null }).id ?? 0);
  }

  /**
   * Stores what a content is and carries: a new content, or (same SHA-256) the held one updated, its
   * keys replaced (`replace`: it was read again) or added to (`merge`: this vault wrote the same bytes).
   * Returns its id.
   */
  putContent(content: Omit<ContentRecord, 'id'>, keys: Iterable<Uint8Array>, mode: 'replace' | 'merge'): number {
    return this.transaction(() => {
      const held = content.sha256 === null ? undefined : this.contentBySha(content.sha256);
      const error = content.error === undefined ? null : JSON.stringify(content.error);
      let id: number;
      if (held === undefined) {
        id = Number(
          this.#q('INSERT INTO sync_contents (sha256, size, outcome, error, retry_seq, keys_stamp, rules) VALUES (?, ?, ?, ?, ?, ?, ?)', (s) =>
            s.run(content.sha256, content.size, content.outcome, error, content.retrySeq, content.keysStamp, content.rules),
          ).lastInsertRowid,
        );
      } else {
        id = held.id;
        if (mode === 'replace') {
          this.#q('UPDATE sync_contents SET size = ?, outcome = ?, error = ?, retry_seq = ?, keys_stamp = ?, rules = ? WHERE id = ?', (s) =>
            s.run(content.size, content.outcome, error, content.retrySeq, content.keysStamp, content.rules, id),
          );
          this.#q('DELETE FROM sync_content_keys WHERE content = ?', (s) => s.run(id));
        }
      }
      this.#q('INSERT INTO sync_content_keys (content, key) VALUES (?, ?) ON CONFLICT DO NOTHING', (s) => {
        for (const k of keys) s.run(id, k);
      });
      return id;
    });
  }

  contentKeys(content: number): Uint8Array[] {
    return this.#q('SELECT key FROM sync_content_keys WHERE content = ?', (s) => (s.all(content) as Array<{ key: Buffer }>).map((r) => r.key));
  }

  /** Whether a file of the folder carries the key (`clearOnly`: in a clear bundle). */
  carries(folder: number, key: Uint8Array, clearOnly: boolean): boolean {
    return this.#q(
      `SELECT 1 FROM sync_content_keys AS k JOIN sync_contents AS c ON c.id = k.content
       WHERE k.key = ? AND (? = 0 OR c.outcome = 'clear') AND EXISTS (SELECT 1 FROM sync_files AS f WHERE f.content = k.content AND f.folder = ?) LIMIT 1`,
      (s) => s.get(key, clearOnly ? 1 : 0, folder) !== undefined,
    );
  }

  /** Every key the folder's files carry, and whether in a clear bundle. */
  carriedKeys(folder: number): Array<{ key: Uint8Array; clear: boolean }> {
    return this.#q(
      `SELECT k.key AS key, c.outcome = 'clear' AS clear FROM sync_contents AS c JOIN sync_content_keys AS k ON k.content = c.id
       WHERE c.id IN (SELECT content FROM sync_files WHERE folder = ?)`,
      (s) => (s.all(folder) as Array<{ key: Buffer; clear: number }>).map((r) => ({ key: r.key, clear: r.clear === 1 })),
    );
  }

  /** The journal's last position (0 before anything was journalled); never goes back. */
  journalSeq(): number {
    return this.#q("SELECT seq FROM sqlite_sequence WHERE name = 'sync_journal'", (s) => (s.get() as { seq: number } | undefined)?.seq ?? 0);
  }

  /**
   * Whether the vault has stored anything since journal position `seq` that it still holds (a
   * statement signature stored ahead of its check and taken back, or an entry pruned since, is
   * not a gain). True when the journal no longer reaches back to `seq`.
   */
  gainedSince(seq: number): boolean {
    if (seq < this.journalFloor()) return true;
    return this.#q(
      `SELECT 1 FROM sync_journal AS j WHERE j.seq > ? AND CASE j.kind
         WHEN 2 THEN EXISTS (SELECT 1 FROM link_signatures AS l WHERE l.link_id = lower(hex(j.id)) AND l.key = lower(hex(j.key)))
         WHEN 4 THEN EXISTS (SELECT 1 FROM statement_signatures AS s WHERE s.id = lower(hex(j.id)))
         ELSE 1 END LIMIT 1`,
      (s) => s.get(seq) !== undefined,
    );
  }

  /** The highest journal position deleted: a folder whose watermark is below it compares the whole vault. */
  journalFloor(): number {
    return this.#q('SELECT journal_floor AS floor FROM sync_state WHERE id = 1', (s) => (s.get() as { floor: number }).floor);
  }

  /** The journal's entries after `after`, up to and including `upTo`, in order, read a page at a time. */
  *journalSince(after: number, upTo: number): Generator<JournalEntry> {
    let from = after;
    for (;;) {
      const rows = this.#q('SELECT seq, kind, id, key FROM sync_journal WHERE seq > ? AND seq <= ? ORDER BY seq LIMIT ?', (s) =>
        s.all(from, upTo, JOURNAL_PAGE),
      ) as Array<{ seq: number; kind: number; id: Buffer; key: Buffer | null }>;
      for (const r of rows) yield { seq: r.seq, kind: r.kind, id: hex(r.id) as string, key: hex(r.key) };
      if (rows.length < JOURNAL_PAGE) return;
      from = (rows[rows.length - 1] as { seq: number }).seq;
    }
  }

  /**
   * Drops contents no file refers to any more, and the journal's entries that every folder has
   * passed, keeping no more than `keep` of them: a folder further behind compares the whole vault.
   */
  collect(keep: number): void {
    this.transaction(() => {
      this.#q('DELETE FROM sync_contents WHERE NOT EXISTS (SELECT 1 FROM sync_files WHERE content = sync_contents.id)', (s) => s.run());
      const seq = this.journalSeq();
      const lowest = this.#q('SELECT min(watermark) AS w FROM sync_folders WHERE watermark IS NOT NULL', (s) => (s.get() as { w: number | null }).w);
      const floor = Math.max(this.journalFloor(), Math.min(lowest ?? seq, seq), seq - keep);
      this.#q('DELETE FROM sync_journal WHERE seq <= ?', (s) => s.run(floor));
      this.#q('UPDATE sync_state SET journal_floor = ? WHERE id = 1', (s) => s.run(floor));
    });
  }

  /** The statements a group wrote (statement_authors_by_group). */
  statementsByGroup(group: Hex32): Hex32[] {
    return this.#q('SELECT DISTINCT statement_id AS id FROM statement_authors WHERE group_id = ?', (s) => (s.all(group) as Array<{ id: string }>).map((r) => r.id));
  }

  /** The statements that list an attachment (statement_attachments_by_attachment). */
  statementsByAttachment(attachment: Hex32): Hex32[] {
    return this.#q('SELECT DISTINCT statement_id AS id FROM statement_attachments WHERE attachment_id = ?', (s) => (s.all(attachment) as Array<{ id: string }>).map((r) => r.id));
  }
}

// The typed queries of the vault over an open, keyed better-sqlite3 handle. Statements are
// prepared once, on first use. Nothing here knows about files, keys or passphrases: see vault.ts.
import { createHash, type Hash } from 'node:crypto';
import type Database from 'better-sqlite3-multiple-ciphers';
import { SamizdatError, quote } from '../errors.js';
import { CLOSE_BACKLOG_SQL, FILL_BACKLOG_SQL, OPEN_BACKLOG_SQL } from './migrations/0010-search-backlog.js';
import type { AttachmentRef, Hex32, LinkOp, RelationType, SignatureRole } from '../model/types.js';
import {
  ATTACHMENT_CHUNK_SIZE,
  DEFAULT_SEARCH_LIMIT,
  MAX_CURSOR_LENGTH,
  MAX_PAGE_SIZE,
  MAX_SEARCH_LIMIT,
  SEARCH_RANK_CAP,
  type AttachmentInfo,
  type AttachmentRecord,
  type AttachmentWriter,
  type GroupInput,
  type GroupOrigin,
  type GroupRecord,
  type GroupTrust,
  type IdentityRecord,
  type LinkRecord,
  type Page,
  type PageRequest,
  type PutLinkResult,
  type PutResult,
  type RelationEdge,
  type SearchHit,
  type SearchOptions,
  type SearchResult,
  type ReleaseState,
  type SignatureRecord,
  type StatementRecord,
  type Slice,
  type StatementSummary,
  type VaultWriter,
  GROUP_ORIGINS,
  GROUP_TRUSTS,
} from './types.js';

type Db = Database.Database;

/**
 * A keyset walk of the statements in list order (date descending, then id ascending: the
 * statements_by_date index), never OFFSET, which reads and drops every row before the page and so
 * makes a walk of the whole table quadratic. The order mixes directions, so `(date, id) > (?, ?)`
 * cannot say "after the cursor"; it is two index ranges instead: the rest of the cursor's date
 * (`date = ? AND id > ?`), then the older dates (`date < ?`). Each is a range of the index, whatever
 * number of statements share one date. Exported for the query-plan tests.
 */
function keysetSql(columns: string): { first: string; sameDate: string; older: string } {
  return {
    first: `SELECT ${columns} FROM statements ORDER BY date DESC, id LIMIT ?`,
    sameDate: `SELECT ${columns} FROM statements WHERE date = ? AND id > ? ORDER BY date DESC, id LIMIT ?`,
    older: `SELECT ${columns} FROM statements WHERE date < ? ORDER BY date DESC, id LIMIT ?`,
  };
}
export const LIST_STATEMENTS_SQL = keysetSql('id, title, lang, date');
/** The same walk reading the index alone (it holds date and id): for walks over every statement. */
export const LIST_STATEMENT_IDS_SQL = keysetSql('id, date');

/**
 * Search's first step (see VaultQueries.search): the matches stored last, newest first, rowids only,
 * as the full-text index holds them (no sort; the walk stops at the limit). Exported for the
 * query-plan test.
 */
export const SEARCH_NEWEST_SQL = 'SELECT rowid AS n FROM statements_fts WHERE statements_fts MATCH ? ORDER BY rowid DESC LIMIT ?';
/** The newest matches with their snippets, for a capped search: one walk that stops at the limit. */
export const SEARCH_NEWEST_HITS_SQL = `SELECT s.id AS id, s.title AS title, snippet(statements_fts, -1, ?, ?, '…', 16) AS snippet
  FROM statements_fts JOIN statements AS s ON s.n = statements_fts.rowid
  WHERE statements_fts MATCH ? ORDER BY statements_fts.rowid DESC LIMIT ?`;
/** Search's ranking, used only when no more than SEARCH_RANK_CAP statements match. */
export const SEARCH_BEST_SQL = `SELECT rowid AS n FROM statements_fts WHERE statements_fts MATCH ?
  ORDER BY bm25(statements_fts, 5.0, 1.0), rowid DESC LIMIT ?`;

/** A search query longer than this is refused (a person does not type it; a script should not). */
export const MAX_QUERY_LENGTH = 1000;

function usage(code: string, message: string): SamizdatError {
  return new SamizdatError('vault', 'usage', code, message);
}

function badRecord(message: string): SamizdatError {
  return new SamizdatError('vault', 'input', 'vault.bad-record', message);
}

function bytesArg(b: unknown, what: string, length?: number): Buffer {
  if (!(b instanceof Uint8Array)) throw badRecord(`${what}: expected bytes, got ${typeof b}`);
  if (length !== undefined && b.length !== length) throw badRecord(`${what}: expected ${length} bytes, got ${b.length}`);
  return Buffer.from(b.buffer, b.byteOffset, b.byteLength);
}

function textArg(s: unknown, what: string): string {
  if (typeof s !== 'string') throw badRecord(`${what}: expected a string, got ${typeof s}`);
  return s;
}

/** A copy of a BLOB as a plain Uint8Array; the Buffer SQLite returned is wiped when `secret`. */
function toBytes(b: Buffer, secret = false): Uint8Array {
  const out = new Uint8Array(b);
  if (secret) b.fill(0);
  return out;
}

function checkIntegerArg(x: unknown, what: string, min: number, max: number): number {
  if (typeof x !== 'number' || !Number.isSafeInteger(x) || x < min || x > max) {
    throw usage('vault.bad-argument', `${what} must be an integer from ${min} to ${max}, got ${typeof x === 'number' ? String(x) : typeof x}`);
  }
  return x;
}

/**
 * A cursor names the last row of a page by its sort key: its id's 32 bytes then its date in UTF-8,
 * in base64url. Opaque to callers; decoded strictly, so that anything else is refused, not guessed at.
 */
export function encodeCursor(date: string, id: string): string {
  return Buffer.concat([Buffer.from(id, 'hex'), Buffer.from(date, 'utf8')]).toString('base64url');
}

const CURSOR_TEXT = /^[A-Za-z0-9_-]+$/;
const CURSOR_DATE = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

export function decodeCursor(cursor: unknown): { date: string; id: string } {
  const bad = (): SamizdatError =>
    usage(
      'vault.bad-cursor',
      `the page cursor ${typeof cursor === 'string' ? quote(cursor, 40) : `(a ${typeof cursor})`} is not one this vault gave out; start again from the first page`,
    );
  if (typeof cursor !== 'string' || cursor.length > MAX_CURSOR_LENGTH || !CURSOR_TEXT.test(cursor)) throw bad();
  const bytes = Buffer.from(cursor, 'base64url');
  // Only the one spelling the vault writes: no padding, no stray bits, a whole id.
  if (bytes.length < 32 || bytes.toString('base64url') !== cursor) throw bad();
  try {
    return { id: bytes.subarray(0, 32).toString('hex'), date: CURSOR_DATE.decode(bytes.subarray(32)) };
  } catch {
    throw bad();
  }
}

/** Folding applied to indexed text by the schema's triggers; queries get the same. */
function foldForSearch(s: string): string {
  return s.replace(/ё/g, 'е').replace(/Ё/g, 'Е');
}

/**
 * The user's words as an FTS5 query in which no FTS5 syntax can be expressed: each
 * whitespace-separated word becomes a string ("..." with inner quotes doubled), and the strings
 * are joined by spaces, which FTS5 reads as AND. Throws a usage error when there are no words.
 */
export function toFtsQuery(query: string): string {
  if (typeof query !== 'string') throw usage('vault.empty-query', `search: expected a query string, got ${typeof query}`);
  if (query.length > MAX_QUERY_LENGTH) {
    throw usage('vault.query-too-long', `search: the query holds ${query.length} characters, more than the ${MAX_QUERY_LENGTH} allowed`);
  }
  const words = foldForSearch(query.normalize('NFC'))
    .split(/\s+/u)
    .filter((w) => w.length > 0);
  if (words.length === 0) throw usage('vault.empty-query', 'search: the query is empty; give at least one word');
  return words.map((w) => `"${w.replace(/"/g, '""')}"`).join(' ');
}

interface IdentityRow {
  name: string;
  sign_public: Buffer;
  sign_secret: Buffer;
  box_public: Buffer;
  box_secret: Buffer;
}
interface GroupRow {
  id: string;
  name: string;
  trust: GroupTrust;
  origin: GroupOrigin;
  first_seen_seq: number;
}
interface LinkRow {
  id: string;
  group_id: string;
  seq: number;
  prev: string | null;
  op: LinkOp;
  body: Buffer;
}
interface StatementRow {
  id: string;
  title: string;
  lang: string;
  date: string;
  body: string;
  canonical: Buffer;
}
interface KeyRow {
  id: string;
  date: string;
}
interface SummaryRow extends KeyRow {
  title: string;
  lang: string;
}
interface SignatureRow {
  id: string;
  statement_id: string;
  group_id: string;
  link_id: string;
  role: SignatureRole;
  key: string;
  sig: string;
  canonical: Buffer;
}
interface RelationRow {
  from_id: string;
  type: RelationType;
  to_id: string;
}
interface AttachmentRefRow {
  attachment_id: string;
  name: string;
  media_type: string;
  size: number;
}
interface AttachmentRow {
  id: string;
  media_type: string;
  size: number;
}

const HEX32 = /^[0-9a-f]{64}$/;

const shortId = (id: string): string => quote(id.slice(0, 12), 20);

function attachmentMismatch(message: string): SamizdatError {
  return new SamizdatError('vault', 'input', 'vault.attachment-mismatch', message);
}

/** What an AttachmentWriter needs of the queries: its three statements, and whether a transaction is open. */
interface ChunkSql {
  inTransaction(): boolean;
  insertChunk: Database.Statement;
  insertAttachment: Database.Statement;
  deleteChunks: Database.Statement;
}

/**
 * Writes an attachment's bytes as chunks of ATTACHMENT_CHUNK_SIZE while hashing them; stores the
 * attachment's row only once they are all there and hash to its id. Until then the chunks have no
 * row to belong to (the foreign key is deferred), so a transaction holding a half-written
 * attachment cannot commit; a mismatch removes the chunks at once.
 */
class ChunkWriter implements AttachmentWriter {
  readonly #hash: Hash = createHash('sha256');
  /** The chunk being filled (never allocated when the attachment is already held). */
  #pending: Buffer | undefined;
  #filled = 0;
  /** Chunks stored so far. */
  #stored = 0;
  /** Bytes given so far. */
  #given = 0;
  #open = true;

  constructor(
    private readonly info: AttachmentInfo,
    private readonly held: boolean,
    private readonly sql: ChunkSql,
  ) {}

  write(bytes: Uint8Array): void {
    this.#checkOpen('write');
    const b = bytesArg(bytes, 'attachment bytes');
    try {
      if (this.#given + b.length > this.info.size) {
        throw attachmentMismatch(`attachment ${shortId(this.info.id)}: more bytes than the ${this.info.size} announced`);
      }
      this.#given += b.length;
      this.#hash.update(b);
      if (this.held) return;
      for (let at = 0; at < b.length; ) {
        const pending = (this.#pending ??= Buffer.alloc(ATTACHMENT_CHUNK_SIZE));
        const take = Math.min(ATTACHMENT_CHUNK_SIZE - this.#filled, b.length - at);
        b.copy(pending, this.#filled, at, at + take);
        this.#filled += take;
        at += take;
        if (this.#filled === ATTACHMENT_CHUNK_SIZE) this.#flush();
      }
    } catch (e) {
      this.#fail();
      throw e;
    }
  }

  finish(): PutResult {
    this.#checkOpen('finish');
    try {
      const { id, size, mediaType } = this.info;
      if (this.#given !== size) throw attachmentMismatch(`attachment ${shortId(id)}: ${this.#given} bytes given, ${size} announced`);
      const actual = this.#hash.digest('hex');
      if (actual !== id) throw attachmentMismatch(`attachment ${shortId(id)}: its bytes hash to ${shortId(actual)}, not to its id`);
      let stored = false;
      if (!this.held) {
        if (this.#filled > 0) this.#flush();
        // Held meanwhile (another writer of the same empty attachment finished first): not new.
        stored = this.sql.insertAttachment.run(id, mediaType, size).changes === 1;
      }
      this.#close();
      return { new: stored };
    } catch (e) {
      this.#fail();
      throw e;
    }
  }

  abort(): void {
    if (this.#open) this.#fail();
  }

  #flush(): void {
    if (!this.sql.inTransaction()) throw noTransaction();
    this.sql.insertChunk.run(this.info.id, this.#stored, (this.#pending as Buffer).subarray(0, this.#filled));
    this.#stored++;
    this.#filled = 0;
  }

  #checkOpen(what: string): void {
    if (!this.#open) {
      throw usage('vault.attachment-closed', `attachment ${shortId(this.info.id)}: ${what} after its writer was finished or gave up`);
    }
  }

  #close(): void {
    this.#open = false;
    this.#pending = undefined;
  }

  /**
   * Closes the writer and removes the chunks it stored: only its own (numbers below #stored, which
   * the primary key kept anyone else from writing), and never those of an attachment held.
   */
  #fail(): void {
    this.#close();
    if (this.held || this.#stored === 0) return;
    try {
      this.sql.deleteChunks.run(this.info.id, this.#stored, this.info.id);
    } catch {
      // The transaction may be gone already; orphan chunks can never commit (deferred foreign key).
    }
  }
}

function noTransaction(): SamizdatError {
  return usage('vault.no-transaction', 'an attachment is written inside a transaction (transaction or transactionAsync), so that half of one is never kept');
}

function groupFromRow(r: GroupRow): GroupRecord {
  return { id: r.id, name: r.name, trust: r.trust, origin: r.origin, firstSeenSeq: r.first_seen_seq };
}

function signatureFromRow(r: SignatureRow): SignatureRecord {
  return {
    id: r.id,
    statement: r.statement_id,
    group: r.group_id,
    link: r.link_id,
    role: r.role,
    key: r.key,
    sig: r.sig,
    canonical: toBytes(r.canonical),
  };
}

function relationFromRow(r: RelationRow): RelationEdge {
  return { from: r.from_id, type: r.type, to: r.to_id };
}

/** The queries of the vault over one open database handle. */
export class VaultQueries implements VaultWriter {
  readonly #db: Db;
  readonly #cache = new Map<string, Database.Statement>();

  constructor(db: Db) {
    this.#db = db;
  }

  #stmt<Row = unknown>(sql: string): Database.Statement<unknown[], Row> {
    let s = this.#cache.get(sql);
    if (s === undefined) {
      s = this.#db.prepare(sql);
      this.#cache.set(sql, s);
    }
    return s as Database.Statement<unknown[], Row>;
  }

  #exists(sql: string, id: string): boolean {
    return this.#stmt(sql).get(id) !== undefined;
  }

  /**
   * better-sqlite3's transaction function, made once: it runs what it is given inside BEGIN/COMMIT,
   * or inside a savepoint when a transaction is open. Making one per call (db.transaction(fn))
   * cost more than the savepoint itself: four wrappers and their properties each time, measured
   * at about a second over the 10,000 statements of an import.
   */
  #transaction: ((fn: () => unknown) => unknown) | undefined;

  transaction<T>(fn: () => T): T {
    this.#transaction ??= this.#db.transaction((f: () => unknown) => f());
    return this.#transaction(fn) as T;
  }

  // ---- identity -------------------------------------------------------------------------------

  getIdentity(): IdentityRecord | undefined {
    const r = this.#stmt<IdentityRow>('SELECT name, sign_public, sign_secret, box_public, box_secret FROM identity WHERE id = 1').get();
    if (r === undefined) return undefined;
    return {
      name: r.name,
      signPublic: toBytes(r.sign_public),
      signSecret: toBytes(r.sign_secret, true),
      boxPublic: toBytes(r.box_public),
      boxSecret: toBytes(r.box_secret, true),
    };
  }

  hasIdentity(): boolean {
    return this.#stmt('SELECT 1 FROM identity WHERE id = 1').get() !== undefined;
  }

  setIdentity(identity: IdentityRecord): void {
    const name = textArg(identity.name, 'identity name');
    const args = [
      name,
      bytesArg(identity.signPublic, 'identity signing public key', 32),
      bytesArg(identity.signSecret, 'identity signing secret key', 64),
      bytesArg(identity.boxPublic, 'identity box public key', 32),
      bytesArg(identity.boxSecret, 'identity box secret key', 32),
    ];
    const { changes } = this.#stmt(
      `INSERT INTO identity (id, name, sign_public, sign_secret, box_public, box_secret) VALUES (1, ?, ?, ?, ?, ?)
       ON CONFLICT (id) DO NOTHING`,
    ).run(...args);
    if (changes === 0) {
      throw usage('vault.identity-exists', 'this vault already holds an identity; it is never overwritten (one vault is one member\'s device)');
    }
  }

  // ---- settings (migration 0006): the app's preferences, as text under a short name -------------

  getSetting(key: string): string | undefined {
    return this.#stmt<{ value: string }>('SELECT value FROM settings WHERE key = ?').get(textArg(key, 'setting name'))?.value;
  }

  setSetting(key: string, value: string): void {
    this.#stmt('INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value').run(
      textArg(key, 'setting name'),
      textArg(value, 'setting value'),
    );
  }

  /** Key pairs used before rotations, newest first, under the identity's name. */
  getRetiredKeys(): IdentityRecord[] {
    const name = this.getIdentity()?.name ?? '';
    return this.#stmt<Omit<IdentityRow, 'name'>>('SELECT sign_public, sign_secret, box_public, box_secret FROM retired_keys ORDER BY seq DESC')
      .all()
      .map((r) => ({
        name,
        signPublic: toBytes(r.sign_public),
        signSecret: toBytes(r.sign_secret, true),
        boxPublic: toBytes(r.box_public),
        boxSecret: toBytes(r.box_secret, true),
      }));
  }

  /** Make `keys` the identity's current key pairs; the previous ones are retired, not deleted. */
  rotateIdentityKeys(keys: Omit<IdentityRecord, 'name'>): void {
    const args = [
      bytesArg(keys.signPublic, 'new signing public key', 32),
      bytesArg(keys.signSecret, 'new signing secret key', 64),
      bytesArg(keys.boxPublic, 'new box public key', 32),
      bytesArg(keys.boxSecret, 'new box secret key', 32),
    ];
    this.transaction(() => {
      const moved = this.#stmt(
        'INSERT INTO retired_keys (sign_public, sign_secret, box_public, box_secret) SELECT sign_public, sign_secret, box_public, box_secret FROM identity WHERE id = 1',
      ).run();
      if (moved.changes === 0) throw usage('vault.no-identity', 'this vault has no identity whose keys could be rotated');
      this.#stmt('UPDATE identity SET sign_public = ?, sign_secret = ?, box_public = ?, box_secret = ? WHERE id = 1').run(...args);
    });
  }

  // ---- groups ---------------------------------------------------------------------------------

  getGroup(id: Hex32): GroupRecord | undefined {
    const r = this.#stmt<GroupRow>('SELECT id, name, trust, origin, first_seen_seq FROM groups WHERE id = ?').get(id);
    return r === undefined ? undefined : groupFromRow(r);
  }

  hasGroup(id: Hex32): boolean {
    return this.#exists('SELECT 1 FROM groups WHERE id = ?', id);
  }

  listGroups(): GroupRecord[] {
    return this.#stmt<GroupRow>('SELECT id, name, trust, origin, first_seen_seq FROM groups ORDER BY first_seen_seq').all().map(groupFromRow);
  }

  upsertGroup(group: GroupInput): PutResult {
    const name = textArg(group.name, 'group name');
    const trust = group.trust ?? 'unverified';
    if (!GROUP_TRUSTS.includes(trust)) throw badRecord(`group trust must be "unverified" or "verified", got ${quote(String(trust), 40)}`);
    if (!GROUP_ORIGINS.includes(group.origin)) {
      throw badRecord(`group origin must be "created" or "imported", got ${quote(String(group.origin), 40)}`);
    }
    return this.transaction(() => {
      if (this.hasGroup(group.id)) {
        this.#stmt('UPDATE groups SET name = ? WHERE id = ? AND name IS NOT ?').run(name, group.id, name);
        return { new: false };
      }
      this.#stmt(
        `INSERT INTO groups (id, name, trust, origin, first_seen_seq)
         VALUES (?, ?, ?, ?, (SELECT coalesce(max(first_seen_seq), 0) + 1 FROM groups))`,
      ).run(group.id, name, trust, group.origin);
      return { new: true };
    });
  }

  safetyNumbers(): Array<{ group: Hex32; safetyNumber: string }> {
    return this.#stmt<{ group_id: string; safety_number: string }>('SELECT group_id, safety_number FROM group_safety_numbers')
      .all()
      .map((r) => ({ group: r.group_id, safetyNumber: r.safety_number }));
  }

  groupsWithoutSafetyNumber(): Hex32[] {
    return this.#stmt<{ id: string }>('SELECT id FROM groups WHERE id NOT IN (SELECT group_id FROM group_safety_numbers) ORDER BY first_seen_seq')
      .all()
      .map((r) => r.id);
  }

  putSafetyNumber(groupId: Hex32, safetyNumber: string): void {
    const { changes } = this.#stmt('INSERT INTO group_safety_numbers (group_id, safety_number) SELECT id, ? FROM groups WHERE id = ? ON CONFLICT (group_id) DO UPDATE SET safety_number = excluded.safety_number').run(safetyNumber, groupId);
    if (changes === 0) throw usage('vault.no-such-group', `no group ${quote(String(groupId), 70)} in this vault`);
  }

  setTrust(groupId: Hex32, trust: GroupTrust): void {
    if (!GROUP_TRUSTS.includes(trust)) throw usage('vault.bad-argument', `trust must be "unverified" or "verified", got ${quote(String(trust), 40)}`);
    const { changes } = this.#stmt('UPDATE groups SET trust = ? WHERE id = ?').run(trust, groupId);
    if (changes === 0) throw usage('vault.no-such-group', `no group ${quote(String(groupId), 70)} in this vault`);
  }

  // ---- group chain links ----------------------------------------------------------------------

  #linkFromRow(r: LinkRow): LinkRecord {
    const signatures = this.#stmt<{ key: string; sig: string }>('SELECT key, sig FROM link_signatures WHERE link_id = ? ORDER BY key')
      .all(r.id)
      .map((s) => ({ key: s.key, sig: s.sig }));
    return { id: r.id, group: r.group_id, seq: r.seq, prev: r.prev, op: r.op, body: toBytes(r.body), signatures };
  }

  getLink(id: Hex32): LinkRecord | undefined {
    const r = this.#stmt<LinkRow>('SELECT id, group_id, seq, prev, op, body FROM links WHERE id = ?').get(id);
    return r === undefined ? undefined : this.#linkFromRow(r);
  }

  hasLink(id: Hex32): boolean {
    return this.#exists('SELECT 1 FROM links WHERE id = ?', id);
  }

  getLinks(groupId: Hex32): LinkRecord[] {
    return this.#stmt<LinkRow>('SELECT id, group_id, seq, prev, op, body FROM links WHERE group_id = ? ORDER BY seq, id')
      .all(groupId)
      .map((r) => this.#linkFromRow(r));
  }

  putLink(link: LinkRecord): PutLinkResult {
    const body = bytesArg(link.body, 'link body');
    if (!Array.isArray(link.signatures)) throw badRecord('link signatures: expected an array');
    if (typeof link.seq !== 'number' || !Number.isSafeInteger(link.seq)) throw badRecord('link seq: expected an integer');
    return this.transaction(() => {
      const isNew =
        this.#stmt('INSERT INTO links (id, group_id, seq, prev, op, body) VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (id) DO NOTHING').run(
          link.id,
          link.group,
          link.seq,
          link.prev,
          link.op,
          body,
        ).changes === 1;
      const addSignature = this.#stmt('INSERT INTO link_signatures (link_id, key, sig) VALUES (?, ?, ?) ON CONFLICT (link_id, key) DO NOTHING');
      let newSignatures = 0;
      for (const s of link.signatures) newSignatures += addSignature.run(link.id, s.key, s.sig).changes;
      if (isNew || newSignatures > 0) this.#bumpChainVersion(link.group);
      return { new: isNew, newSignatures };
    });
  }

  // ---- statements -----------------------------------------------------------------------------

  #authors(statementId: string): Hex32[] {
    return this.#stmt<{ group_id: string }>('SELECT group_id FROM statement_authors WHERE statement_id = ? ORDER BY position')
      .all(statementId)
      .map((r) => r.group_id);
  }

  getStatement(id: Hex32): StatementRecord | undefined {
    const r = this.#stmt<StatementRow>('SELECT id, title, lang, date, body, canonical FROM statements WHERE id = ?').get(id);
    if (r === undefined) return undefined;
    const attachments: AttachmentRef[] = this.#stmt<AttachmentRefRow>(
      'SELECT attachment_id, name, media_type, size FROM statement_attachments WHERE statement_id = ? ORDER BY position',
    )
      .all(id)
      .map((a) => ({ id: a.attachment_id, name: a.name, mediaType: a.media_type, size: a.size }));
    return {
      id: r.id,
      title: r.title,
      lang: r.lang,
      date: r.date,
      body: r.body,
      authors: this.#authors(id),
      relations: this.getRelationsFrom(id).map((e) => ({ type: e.type, id: e.to })),
      attachments,
      canonical: toBytes(r.canonical),
    };
  }

  hasStatement(id: Hex32): boolean {
    return this.#exists('SELECT 1 FROM statements WHERE id = ?', id);
  }

  getStatementAuthors(id: Hex32): Hex32[] | undefined {
    // A held statement has at least one author (R-COUNT); none listed is none held.
    const authors = this.#authors(id);
    return authors.length > 0 || this.hasStatement(id) ? authors : undefined;
  }

  /** Ids of held statements that start with a hex `prefix`, at most `limit`. */
  findStatementsByPrefix(prefix: string, limit: number): Hex32[] {
    if (!/^[0-9a-f]{1,64}$/.test(prefix)) return [];
    return this.#stmt<{ id: string }>('SELECT id FROM statements WHERE id >= ? AND id < ? ORDER BY id LIMIT ?')
      .all(prefix, `${prefix}g`, limit)
      .map((r) => r.id);
  }

  countStatements(): number {
    return this.#stmt<{ n: number }>('SELECT count(*) AS n FROM statements').get()?.n ?? 0;
  }

  listStatements(page: PageRequest): Page<StatementSummary> {
    const { items, next } = this.#keyset<SummaryRow>(LIST_STATEMENTS_SQL, page);
    return {
      total: this.countStatements(),
      items: items.map((r) => ({ id: r.id, title: r.title, lang: r.lang, date: r.date, authors: this.#authors(r.id) })),
      next,
    };
  }

  listStatementIds(page: PageRequest): Slice<Hex32> {
    const { items, next } = this.#keyset<KeyRow>(LIST_STATEMENT_IDS_SQL, page);
    return { items: items.map((r) => r.id), next };
  }

  /** One page of a keyset walk in list order (see keysetSql): the rows after `page.after`. */
  #keyset<Row extends KeyRow>(sql: ReturnType<typeof keysetSql>, page: PageRequest): Slice<Row> {
    const limit = checkIntegerArg(page.limit, 'limit', 1, MAX_PAGE_SIZE);
    // One row more than asked says whether another page follows, so that the last page says so.
    const want = limit + 1;
    let rows: Row[];
    if (page.after === undefined) {
      rows = this.#stmt<Row>(sql.first).all(want);
    } else {
      const at = decodeCursor(page.after);
      rows = this.#stmt<Row>(sql.sameDate).all(at.date, at.id, want);
      if (rows.length < want) rows = rows.concat(this.#stmt<Row>(sql.older).all(at.date, want - rows.length));
    }
    const more = rows.length > limit;
    if (more) rows.length = limit;
    const last = rows[rows.length - 1];
    return { items: rows, next: more && last !== undefined ? encodeCursor(last.date, last.id) : null };
  }

  /**
   * From now until `fillSearchIndex`, statements stored get no search row one by one: an import
   * writes them all in one statement before it commits (migration 10). Only inside a transaction,
   * which takes the backlog back if it rolls back.
   */
  deferSearchIndex(): void {
    if (!this.#db.inTransaction) throw usage('vault.no-transaction', 'the search index is deferred only inside a transaction, by an import');
    this.#stmt(OPEN_BACKLOG_SQL).run();
  }

  /** Writes the search rows of every statement stored since `deferSearchIndex`, and ends the deferral. */
  fillSearchIndex(): void {
    if (!this.#db.inTransaction) throw usage('vault.no-transaction', 'the deferred search index is filled only inside the transaction that deferred it');
    this.#stmt(FILL_BACKLOG_SQL).run();
    this.#stmt(CLOSE_BACKLOG_SQL).run();
  }

  putStatement(statement: StatementRecord): PutResult {
    const canonical = bytesArg(statement.canonical, 'statement canonical bytes');
    const title = textArg(statement.title, 'statement title');
    const body = textArg(statement.body, 'statement body');
    const lang = textArg(statement.lang, 'statement lang');
    const date = textArg(statement.date, 'statement date');
    for (const [what, list] of [
      ['authors', statement.authors],
      ['relations', statement.relations],
      ['attachments', statement.attachments],
    ] as const) {
      if (!Array.isArray(list)) throw badRecord(`statement ${what}: expected an array`);
    }
    return this.transaction(() => {
      const { changes } = this.#stmt(
        'INSERT INTO statements (id, title, lang, date, body, canonical) VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (id) DO NOTHING',
      ).run(statement.id, title, lang, date, body, canonical);
      if (changes === 0) return { new: false };
      const addAuthor = this.#stmt('INSERT INTO statement_authors (statement_id, position, group_id) VALUES (?, ?, ?)');
      statement.authors.forEach((g, i) => addAuthor.run(statement.id, i, g));
      const addRelation = this.#stmt('INSERT INTO relations (from_id, position, type, to_id) VALUES (?, ?, ?, ?)');
      statement.relations.forEach((r, i) => addRelation.run(statement.id, i, r.type, r.id));
      const addAttachment = this.#stmt(
        'INSERT INTO statement_attachments (statement_id, position, attachment_id, name, media_type, size) VALUES (?, ?, ?, ?, ?, ?)',
      );
      statement.attachments.forEach((a, i) => addAttachment.run(statement.id, i, a.id, a.name, a.mediaType, a.size));
      return { new: true };
    });
  }

  // ---- statement signatures -------------------------------------------------------------------

  getSignature(id: Hex32): SignatureRecord | undefined {
    const r = this.#stmt<SignatureRow>(
      'SELECT id, statement_id, group_id, link_id, role, key, sig, canonical FROM statement_signatures WHERE id = ?',
    ).get(id);
    return r === undefined ? undefined : signatureFromRow(r);
  }

  hasSignature(id: Hex32): boolean {
    return this.#exists('SELECT 1 FROM statement_signatures WHERE id = ?', id);
  }

  getSignatures(statementId: Hex32): SignatureRecord[] {
    return this.#stmt<SignatureRow>(
      `SELECT id, statement_id, group_id, link_id, role, key, sig, canonical FROM statement_signatures
       WHERE statement_id = ? ORDER BY group_id, role, key, id`,
    )
      .all(statementId)
      .map(signatureFromRow);
  }

  putSignature(signature: SignatureRecord): PutResult {
    const canonical = bytesArg(signature.canonical, 'signature canonical bytes');
    const { changes } = this.#stmt(
      `INSERT INTO statement_signatures (id, statement_id, group_id, link_id, role, key, sig, canonical)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (id) DO NOTHING`,
    ).run(signature.id, signature.statement, signature.group, signature.link, signature.role, signature.key, signature.sig, canonical);
    if (changes === 1) this.#dropReleaseStates(signature.statement);
    return { new: changes === 1 };
  }

  /** See VaultWriter.deleteSignature: an import taking back a signature that failed its check. */
  deleteSignature(id: Hex32): boolean {
    if (!this.#db.inTransaction) {
      throw usage('vault.no-transaction', 'a statement signature is deleted only inside a transaction, by an import taking back one that failed its check');
    }
    const held = this.#stmt<{ statement_id: string }>('SELECT statement_id FROM statement_signatures WHERE id = ?').get(id);
    if (held) this.#dropReleaseStates(held.statement_id);
    return this.#stmt('DELETE FROM statement_signatures WHERE id = ?').run(id).changes === 1;
  }

  getGroupSignatures(groupId: Hex32): SignatureRecord[] {
    return this.#stmt<SignatureRow>(
      `SELECT id, statement_id, group_id, link_id, role, key, sig, canonical FROM statement_signatures
       WHERE group_id = ? ORDER BY id`,
    )
      .all(groupId)
      .map(signatureFromRow);
  }

  /** See VaultWriter.deleteLinkSignature. */
  deleteLinkSignature(linkId: Hex32, key: Hex32): boolean {
    if (!this.#db.inTransaction) throw usage('vault.no-transaction', 'a link signature entry is deleted only inside a transaction, by an import');
    const deleted = this.#stmt('DELETE FROM link_signatures WHERE link_id = ? AND key = ?').run(linkId, key).changes === 1;
    const group = this.#stmt<{ group_id: string }>('SELECT group_id FROM links WHERE id = ?').get(linkId);
    if (deleted && group) this.#bumpChainVersion(group.group_id);
    return deleted;
  }

  // ---- stored release states (verify once) -----------------------------------------------------
  // A release state is stored with the chain version it was computed against; any change to the
  // group's links or entries bumps the version, any change to a statement's signatures drops its
  // states, so a state read here is never stale (migration 0004).

  #bumpChainVersion(groupId: Hex32): void {
    this.#stmt('UPDATE groups SET chain_version = chain_version + 1 WHERE id = ?').run(groupId);
  }

  #dropReleaseStates(statementId: Hex32): void {
    this.#stmt('DELETE FROM release_states WHERE statement_id = ?').run(statementId);
  }

  /** The statement's stored release states that are current (computed against its groups' chains as they stand). */
  getReleaseStates(statementId: Hex32): ReleaseState[] {
    return this.#stmt<{ group_id: string; released: number; signers: number }>(
      `SELECT r.group_id, r.released, r.signers FROM release_states r JOIN groups g ON g.id = r.group_id AND g.chain_version = r.chain_version
       WHERE r.statement_id = ? ORDER BY r.group_id`,
    )
      .all(statementId)
      .map((r) => ({ group: r.group_id, released: r.released === 1, signers: r.signers }));
  }

  /** Store a release state computed against the group's chain as it stands now. */
  putReleaseState(statementId: Hex32, state: ReleaseState): void {
    this.#stmt(
      `INSERT INTO release_states (statement_id, group_id, chain_version, released, signers)
       SELECT ?, id, chain_version, ?, ? FROM groups WHERE id = ?
       ON CONFLICT (statement_id, group_id) DO UPDATE SET chain_version = excluded.chain_version, released = excluded.released, signers = excluded.signers`,
    ).run(statementId, state.released ? 1 : 0, state.signers, state.group);
  }

  // ---- relations ------------------------------------------------------------------------------

  getRelationsTo(id: Hex32): RelationEdge[] {
    return this.#stmt<RelationRow>('SELECT from_id, type, to_id FROM relations WHERE to_id = ? ORDER BY type, from_id')
      .all(id)
      .map(relationFromRow);
  }

  getRelationsFrom(id: Hex32): RelationEdge[] {
    return this.#stmt<RelationRow>('SELECT from_id, type, to_id FROM relations WHERE from_id = ? ORDER BY position')
      .all(id)
      .map(relationFromRow);
  }

  // ---- attachments ----------------------------------------------------------------------------

  getAttachment(id: Hex32): AttachmentRecord | undefined {
    const info = this.getAttachmentInfo(id);
    if (info === undefined) return undefined;
    const data = new Uint8Array(info.size);
    let at = 0;
    for (const chunk of this.#chunks(info)) {
      data.set(chunk, at);
      at += chunk.length;
    }
    return { ...info, data };
  }

  getAttachmentInfo(id: Hex32): AttachmentInfo | undefined {
    const r = this.#stmt<AttachmentRow>('SELECT id, media_type, size FROM attachments WHERE id = ?').get(id);
    return r === undefined ? undefined : { id: r.id, mediaType: r.media_type, size: r.size };
  }

  hasAttachment(id: Hex32): boolean {
    return this.#exists('SELECT 1 FROM attachments WHERE id = ?', id);
  }

  readAttachmentChunks(id: Hex32): Iterable<Uint8Array> {
    const info = this.getAttachmentInfo(id);
    if (info === undefined) throw usage('vault.no-such-attachment', `no attachment ${quote(String(id), 70)} in this vault`);
    return this.#chunks(info);
  }

  /** Chunk by chunk, one query each: no statement stays open between two chunks. */
  *#chunks(info: AttachmentInfo): Generator<Uint8Array> {
    const get = this.#stmt<{ data: Buffer }>('SELECT data FROM attachment_chunks WHERE attachment_id = ? AND n = ?');
    const count = Math.ceil(info.size / ATTACHMENT_CHUNK_SIZE);
    for (let n = 0; n < count; n++) {
      const data = get.get(info.id, n)?.data;
      const expected = n < count - 1 ? ATTACHMENT_CHUNK_SIZE : info.size - n * ATTACHMENT_CHUNK_SIZE;
      if (data === undefined || data.length !== expected) {
        throw new SamizdatError(
          'vault',
          'vault',
          'vault.corrupt',
          `attachment ${shortId(info.id)} is damaged in the vault: chunk ${n} is ${data === undefined ? 'missing' : `${data.length} bytes, not ${expected}`}; restore the vault directory from a backup`,
        );
      }
      yield new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
    }
  }

  beginAttachment(info: AttachmentInfo): AttachmentWriter {
    const id = textArg(info.id, 'attachment id');
    if (!HEX32.test(id)) throw badRecord(`attachment id: expected 64 lowercase hex characters, got ${quote(id, 70)}`);
    const mediaType = textArg(info.mediaType, 'attachment media type');
    if (typeof info.size !== 'number' || !Number.isSafeInteger(info.size) || info.size < 0) {
      throw badRecord(`attachment size: expected an integer of at least 0, got ${String(info.size)}`);
    }
    if (!this.#db.inTransaction) throw noTransaction();
    return new ChunkWriter({ id, mediaType, size: info.size }, this.hasAttachment(id), {
      inTransaction: () => this.#db.inTransaction,
      insertChunk: this.#stmt('INSERT INTO attachment_chunks (attachment_id, n, data) VALUES (?, ?, ?)'),
      insertAttachment: this.#stmt('INSERT INTO attachments (id, media_type, size) VALUES (?, ?, ?) ON CONFLICT (id) DO NOTHING'),
      deleteChunks: this.#stmt('DELETE FROM attachment_chunks WHERE attachment_id = ? AND n < ? AND NOT EXISTS (SELECT 1 FROM attachments WHERE id = ?)'),
    });
  }

  putAttachment(attachment: AttachmentRecord): PutResult {
    const data = bytesArg(attachment.data, 'attachment data');
    if (attachment.size !== data.length) throw badRecord(`attachment size: says ${String(attachment.size)} bytes, holds ${data.length}`);
    return this.transaction(() => {
      const writer = this.beginAttachment({ id: attachment.id, mediaType: attachment.mediaType, size: data.length });
      for (let at = 0; at < data.length; at += ATTACHMENT_CHUNK_SIZE) writer.write(data.subarray(at, at + ATTACHMENT_CHUNK_SIZE));
      return writer.finish();
    });
  }

  // ---- full-text search -----------------------------------------------------------------------

  /**
   * (1) Count the matches up to SEARCH_RANK_CAP + 1, newest first, reading rowids only: about a
   * millisecond at any archive size. (2) When no more than SEARCH_RANK_CAP match, rank them all by
   * bm25 (a word in the title counts five times one in the body) and keep the best `limit`; when
   * more match, keep the newest `limit`, unranked, and say so (`capped`). (3) Make a snippet for
   * each hit kept, and only those: a snippet re-reads and re-tokenises the statement's text.
   *
   * Why not rank a capped set of the matches (the newest 1,000, say): FTS5's bm25 counts, for each
   * word of the query, every statement in the archive that holds it (its inverse document
   * frequency), whatever number of rows it then scores. Measured at 100,000 statements, scoring
   * the 1,000 newest matches of a word in every statement costs as much as ranking all of them, 25
   * to 70 ms, against a budget of 20 ms. Counting the matches first costs about 1 ms. A word that
   * many statements hold ranks nothing useful anyway (its weight is near zero); the newest of them
   * is what a reader scanning a common word most likely wants, and the result says that the
   * matches were too many to rank, so that the CLI and the UI say "more than 1,000 statements
   * match: the newest are shown; add a word to narrow the search". A rare word (what people search
   * for) is ranked in full. A query that pairs a common word with a rare one has few matches and is
   * ranked, at the cost of bm25's count of the common word: time in proportion to its matches.
   */
  search(query: string, options: SearchOptions = {}): SearchResult {
    const match = toFtsQuery(query);
    const limit = checkIntegerArg(options.limit ?? DEFAULT_SEARCH_LIMIT, 'limit', 1, MAX_SEARCH_LIMIT);
    const open = options.open ?? '[';
    const close = options.close ?? ']';
    const matches = this.#stmt<{ n: number }>(SEARCH_NEWEST_SQL).all(match, SEARCH_RANK_CAP + 1).length;
    if (matches > SEARCH_RANK_CAP) {
      const hits = this.#stmt<SearchHit>(SEARCH_NEWEST_HITS_SQL)
        .all(open, close, match, limit)
        .map((r) => ({ id: r.id, title: r.title, snippet: r.snippet }));
      return { hits, order: 'newest', capped: true, matches: null };
    }
    const chosen = this.#stmt<{ n: number }>(SEARCH_BEST_SQL).all(match, limit);
    // The rowid is bound as a BigInt, an SQLite INTEGER. better-sqlite3 binds a JS number as a REAL,
    // and FTS5 ignores a `rowid = <real>` constraint: the query then ran over every match and gave
    // each hit the snippet of the first one.
    const hit = this.#stmt<SearchHit & { n: number }>(
      `SELECT statements_fts.rowid AS n, s.id AS id, s.title AS title, snippet(statements_fts, -1, ?, ?, '…', 16) AS snippet
       FROM statements_fts JOIN statements AS s ON s.n = statements_fts.rowid
       WHERE statements_fts MATCH ? AND statements_fts.rowid = ?`,
    );
    const hits: SearchHit[] = [];
    for (const c of chosen) {
      const r = hit.get(open, close, match, BigInt(c.n));
      if (r !== undefined && r.n === c.n) hits.push({ id: r.id, title: r.title, snippet: r.snippet });
    }
    return { hits, order: 'best', capped: false, matches };
  }
}

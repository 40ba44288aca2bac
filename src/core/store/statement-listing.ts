// The statements list filtered (migration 0008): by author group, language, stored status and
// full-text search, alone or combined, as keyset pages in the list's order (date descending, then
// id) with the same opaque cursors as VaultReader.listStatements. Every filter is a range of one
// index of statement_listing; this file only stores and reads. What a status means, and when it
// must be computed again, is src/core/service/statement-list.ts's.
import type Database from 'better-sqlite3-multiple-ciphers';
import { SamizdatError } from '../errors.js';
import type { Hex32 } from '../model/types.js';
import { decodeCursor, encodeCursor, toFtsQuery } from './queries.js';
import { MAX_PAGE_SIZE, SEARCH_RANK_CAP, type Page, type PageRequest, type StatementSummary } from './types.js';

type Db = Database.Database;

export type ListingStatus = 'released' | 'waiting' | 'problem';
export const LISTING_STATUSES: readonly ListingStatus[] = ['released', 'waiting', 'problem'];

/** A statement's stored status; `have`/`need` only while waiting (see migration 0008). */
export interface StoredStatus {
  status: ListingStatus;
  have: number | null;
  need: number | null;
}

export interface ListingFilter {
  /** Statements this group wrote (one of their authors). */
  group?: Hex32 | undefined;
  lang?: string | undefined;
  /** The stored status: the caller makes sure every status is computed first (StatementListing.toCompute). */
  status?: ListingStatus | undefined;
  /**
   * Words to search for (as VaultReader.search reads them). The matches are the SEARCH_RANK_CAP
   * stored last (search's "newest"), then the other filters, then the list's order; `total`
   * counts what of that capped set the filters keep.
   */
  query?: string | undefined;
}

const ALL = Buffer.alloc(0);
/** A status range up to this long is counted entry by entry; a longer one by its complement. */
export const COUNT_DIRECTLY = 5000;
const HEX32 = /^[0-9a-f]{64}$/;

const usage = (code: string, message: string) => new SamizdatError('vault', 'usage', code, message);

function checkLimit(limit: unknown): number {
  if (typeof limit !== 'number' || !Number.isSafeInteger(limit) || limit < 1 || limit > MAX_PAGE_SIZE) {
    throw usage('vault.bad-argument', `limit must be an integer from 1 to ${MAX_PAGE_SIZE}, got ${typeof limit === 'number' ? String(limit) : typeof limit}`);
  }
  return limit;
}

function checkFilter(filter: ListingFilter): void {
  if (filter.group !== undefined && (typeof filter.group !== 'string' || !HEX32.test(filter.group))) {
    throw usage('vault.bad-argument', 'the group filter must be a group id (64 lowercase hex characters)');
  }
  if (filter.lang !== undefined && typeof filter.lang !== 'string') throw usage('vault.bad-argument', 'the language filter must be a language tag');
  if (filter.status !== undefined && !LISTING_STATUSES.includes(filter.status)) {
    throw usage('vault.bad-argument', 'the status filter must be released, waiting or problem');
  }
}

interface Row {
  id: string;
  date: string;
  title: string;
  lang: string;
}

/**
 * The walk of the filtered list over one index range: the scope (every statement, or one group's),
 * then the language or the status when asked for, the other one checked inside the index entry. As
 * in VaultQueries' walk, the rest of the cursor's date and the older dates are two ranges of the
 * index, never OFFSET. Arguments: scope, [lang], [status], then the cursor's, then the limit.
 * Exported for the query-plan tests.
 */
export function listingSql(filter: { lang: boolean; status: boolean }): { first: string; sameDate: string; older: string; count: string } {
  const where = ['l.scope = ?', ...(filter.lang ? ['l.lang = ?'] : []), ...(filter.status ? ['l.status = ?'] : [])].join(' AND ');
  const select = `SELECT lower(hex(l.id)) AS id, l.date AS date, s.title AS title, s.lang AS lang
    FROM statement_listing AS l JOIN statements AS s ON s.id = lower(hex(l.id)) WHERE ${where}`;
  const order = 'ORDER BY l.date DESC, l.id LIMIT ?';
  return {
    first: `${select} ${order}`,
    sameDate: `${select} AND l.date = ? AND l.id > ? ${order}`,
    older: `${select} AND l.date < ? ${order}`,
    count: `SELECT count(*) AS n FROM statement_listing AS l WHERE ${where}`,
  };
}

/**
 * The search of the filtered list: the SEARCH_RANK_CAP matches stored last (as VaultQueries.search
 * finds them, newest first by rowid, the walk stopping at the cap), joined to their statements
 * (and, for a group or a status, to their listing rows), filtered, in list order. At most the cap
 * of rows is sorted, whatever the size of the archive. CROSS JOIN keeps that order of the loops:
 * the planner would otherwise walk a whole status range of the listing and look each row up in the matches. Arguments: the FTS5 query, the cap,
 * [scope], [lang], [status], then (`after`) the cursor's date twice and id, then the limit.
 */
export function searchListingSql(filter: { scoped: boolean; lang: boolean; status: boolean }): { first: string; after: string; count: string } {
  const from = `(SELECT rowid AS n FROM statements_fts WHERE statements_fts MATCH ? ORDER BY rowid DESC LIMIT ?) AS m CROSS JOIN statements AS s ON s.n = m.n${
    filter.scoped ? ' CROSS JOIN statement_listing AS l ON l.scope = ? AND l.date = s.date AND l.id = unhex(s.id)' : ''
  }`;
  const where = [...(filter.lang ? ['s.lang = ?'] : []), ...(filter.status ? ['l.status = ?'] : [])].join(' AND ') || '1';
  const select = `SELECT s.id AS id, s.date AS date, s.title AS title, s.lang AS lang FROM ${from} WHERE ${where}`;
  const order = 'ORDER BY s.date DESC, s.id LIMIT ?';
  return {
    first: `${select} ${order}`,
    after: `${select} AND (s.date < ? OR (s.date = ? AND s.id > ?)) ${order}`,
    count: `SELECT count(*) AS n FROM ${from} WHERE ${where}`,
  };
}

export class StatementListing {
  readonly #run: <T>(fn: (db: Db) => T) => T;
  readonly #statements = new Map<string, Database.Statement>();

  constructor(run: <T>(fn: (db: Db) => T) => T) {
    this.#run = run;
  }

  #all<T>(sql: string, args: unknown[]): T[] {
    return this.#run((db) => this.#prepared(db, sql).all(...args) as T[]);
  }

  #get<T>(sql: string, args: unknown[]): T | undefined {
    return this.#run((db) => this.#prepared(db, sql).get(...args) as T | undefined);
  }

  #prepared(db: Db, sql: string): Database.Statement {
    let stmt = this.#statements.get(sql);
    if (stmt === undefined) {
      stmt = db.prepare(sql);
      this.#statements.set(sql, stmt);
    }
    return stmt;
  }

  #authors(id: Hex32): Hex32[] {
    return this.#all<{ group_id: string }>('SELECT group_id FROM statement_authors WHERE statement_id = ? ORDER BY position', [id]).map((r) => r.group_id);
  }

  #summaries(rows: Row[]): StatementSummary[] {
    return rows.map((r) => ({ id: r.id, title: r.title, lang: r.lang, date: r.date, authors: this.#authors(r.id) }));
  }

  /** One page of the statements the filter keeps, after the cursor `request.after`. */
  page(request: PageRequest, filter: ListingFilter): Page<StatementSummary> {
    checkFilter(filter);
    const limit = checkLimit(request.limit);
    const at = request.after === undefined ? undefined : decodeCursor(request.after);
    return filter.query === undefined ? this.#listed(limit, at, filter) : this.#searched(limit, at, filter, toFtsQuery(filter.query));
  }

  /** A keyset walk of one index range (listingSql), the scope being every statement or one group's. */
  #listed(limit: number, at: { date: string; id: string } | undefined, filter: ListingFilter): Page<StatementSummary> {
    const sql = listingSql({ lang: filter.lang !== undefined, status: filter.status !== undefined });
    const args = [filter.group === undefined ? ALL : Buffer.from(filter.group, 'hex'), ...(filter.lang !== undefined ? [filter.lang] : []), ...(filter.status !== undefined ? [filter.status] : [])];
    const want = limit + 1;
    let rows: Row[];
    if (at === undefined) rows = this.#all<Row>(sql.first, [...args, want]);
    else {
      rows = this.#all<Row>(sql.sameDate, [...args, at.date, Buffer.from(at.id, 'hex'), want]);
      if (rows.length < want) rows = rows.concat(this.#all<Row>(sql.older, [...args, at.date, want - rows.length]));
    }
    const total = filter.status !== undefined && filter.group === undefined && filter.lang === undefined ? this.#countStatus(filter.status) : (this.#get<{ n: number }>(sql.count, args)?.n ?? 0);
    return this.#finish(rows, limit, total);
  }

  /**
   * How many statements have one status. Counting a range reads each of its entries (about 20 ms
   * for 100,000), so a large one is counted by what it is not: every statement (the table's count,
   * at once) less the other statuses and those to compute, which are then the small ranges.
   */
  #countStatus(status: ListingStatus): number {
    const range = (s: ListingStatus | null, cap: number) =>
      this.#get<{ n: number }>(
        `SELECT count(*) AS n FROM (SELECT 1 FROM statement_listing WHERE scope = x'' AND status ${s === null ? 'IS NULL' : '= ?'} LIMIT ?)`,
        s === null ? [cap] : [s, cap],
      )?.n ?? 0;
    const direct = range(status, COUNT_DIRECTLY);
    if (direct < COUNT_DIRECTLY) return direct;
    const all = this.#get<{ n: number }>('SELECT count(*) AS n FROM statements', [])?.n ?? 0;
    const others = [...LISTING_STATUSES.filter((s) => s !== status), null].reduce((sum, s) => sum + range(s, Number.MAX_SAFE_INTEGER), 0);
    return all - others;
  }

  /** The capped set of matches (see ListingFilter.query), filtered, in list order, a page at a time (searchListingSql). */
  #searched(limit: number, at: { date: string; id: string } | undefined, filter: ListingFilter, match: string): Page<StatementSummary> {
    const scoped = filter.group !== undefined || filter.status !== undefined;
    const sql = searchListingSql({ scoped, lang: filter.lang !== undefined, status: filter.status !== undefined });
    const args: unknown[] = [
      match,
      SEARCH_RANK_CAP,
      ...(scoped ? [filter.group === undefined ? ALL : Buffer.from(filter.group, 'hex')] : []),
      ...(filter.lang !== undefined ? [filter.lang] : []),
      ...(filter.status !== undefined ? [filter.status] : []),
    ];
    const rows = at === undefined ? this.#all<Row>(sql.first, [...args, limit + 1]) : this.#all<Row>(sql.after, [...args, at.date, at.date, at.id, limit + 1]);
    const total = this.#get<{ n: number }>(sql.count, args)?.n ?? 0;
    return this.#finish(rows, limit, total);
  }

  #finish(rows: Row[], limit: number, total: number): Page<StatementSummary> {
    const more = rows.length > limit;
    if (more) rows.length = limit;
    const last = rows[rows.length - 1];
    return { total, items: this.#summaries(rows), next: more && last !== undefined ? encodeCursor(last.date, last.id) : null };
  }

  /** One held statement's summary (no body), or undefined. */
  summary(id: Hex32): StatementSummary | undefined {
    const row = this.#get<Row>('SELECT id, date, title, lang FROM statements WHERE id = ?', [id]);
    return row === undefined ? undefined : (this.#summaries([row])[0] as StatementSummary);
  }

  /** The stored status of a held statement; undefined when it is to be computed (or not held). */
  status(id: Hex32): StoredStatus | undefined {
    const row = this.#get<{ status: ListingStatus | null; have: number | null; need: number | null }>(
      `SELECT status, have, need FROM statement_listing WHERE scope = x'' AND date = (SELECT date FROM statements WHERE id = ?) AND id = unhex(?)`,
      [id, id],
    );
    return row?.status == null ? undefined : { status: row.status, have: row.have, need: row.need };
  }

  /**
   * Stores a held statement's status, on its row and on each of its author rows, at once. Whether
   * it is held. `known`: its date and authors, when the caller has them (saves reading them).
   */
  putStatus(id: Hex32, s: StoredStatus, known?: { date: string; authors: readonly Hex32[] }): boolean {
    if (!LISTING_STATUSES.includes(s.status)) throw usage('vault.bad-argument', 'a status is released, waiting or problem');
    return this.#run((db) =>
      db.transaction(() => {
        const date = known?.date ?? (this.#prepared(db, 'SELECT date FROM statements WHERE id = ?').get(id) as { date: string } | undefined)?.date;
        if (date === undefined) return false;
        const key = Buffer.from(id, 'hex');
        const changed = this.#prepared(db, `UPDATE statement_listing SET status = ?, have = ?, need = ? WHERE scope = x'' AND date = ? AND id = ?`).run(s.status, s.have, s.need, date, key).changes;
        if (changed === 0) return false;
        const author = this.#prepared(db, 'UPDATE statement_listing SET status = ? WHERE scope = ? AND date = ? AND id = ?');
        for (const g of known?.authors ?? this.#authors(id)) author.run(s.status, Buffer.from(g, 'hex'), date, key);
        return true;
      })(),
    );
  }

  /**
   * Up to `limit` statements whose status is not to be trusted now: never computed or made stale
   * by a write to their release states (NULL), or with a release state older than its group's
   * chain. None left means every stored status is current.
   */
  toCompute(limit: number): Hex32[] {
    const n = checkLimit(limit);
    const pending = this.#all<{ id: string }>(`SELECT lower(hex(id)) AS id FROM statement_listing WHERE scope = x'' AND status IS NULL LIMIT ?`, [n]).map((r) => r.id);
    if (pending.length >= n) return pending;
    const stale = this.#all<{ id: string }>(
      'SELECT DISTINCT r.statement_id AS id FROM groups AS g CROSS JOIN release_states AS r ON r.group_id = g.id AND r.chain_version < g.chain_version LIMIT ?',
      [n - pending.length],
    ).map((r) => r.id);
    return [...new Set([...pending, ...stale])];
  }

  /** Languages of the statements held, with how many each, most used first (then by tag). */
  languages(): Array<{ lang: string; count: number }> {
    return this.#all<{ lang: string; n: number }>(`SELECT lang, count(*) AS n FROM statement_listing WHERE scope = x'' GROUP BY lang ORDER BY n DESC, lang`, []).map((r) => ({
      lang: r.lang,
      count: r.n,
    }));
  }
}

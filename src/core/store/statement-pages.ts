// Reading many statements for their reports, a page of ids at a time (`samizdat check`, which
// reports on every statement of a bundle): for a range of statement ids, the statements' canonical
// bytes, their signatures and the 'revises' relations that point at them, in three queries, where
// reading statement by statement takes six (getStatement, getSignatures, getRelationsTo). What each
// gives is exactly what those give for every statement of the range, in the same order.
import type Database from 'better-sqlite3-multiple-ciphers';
import type { Hex32 } from '../model/types.js';
import type { RelationEdge } from './types.js';

type Db = Database.Database;

export interface StatementPage {
  /** The held statements with ids from `first` to `last`, by id. */
  statements: Array<{ id: Hex32; canonical: Uint8Array }>;
  /** Their signatures' canonical bytes, by statement id, then in getSignatures' order. */
  signatures: Array<{ statement: Hex32; canonical: Uint8Array }>;
  /** Relations of type 'revises' to those statements, by target, then in getRelationsTo's order. */
  revisions: RelationEdge[];
}

const bytes = (b: Buffer): Uint8Array => new Uint8Array(b.buffer, b.byteOffset, b.byteLength);

const STATEMENTS_SQL = 'SELECT id, canonical FROM statements WHERE id >= ? AND id <= ? ORDER BY id';
// getSignatures orders one statement's signatures by group_id, role, key, id.
const SIGNATURES_SQL = `SELECT statement_id, canonical FROM statement_signatures
  WHERE statement_id >= ? AND statement_id <= ? ORDER BY statement_id, group_id, role, key, id`;
// getRelationsTo orders by type, from_id; one type here.
const REVISIONS_SQL = `SELECT from_id, to_id FROM relations
  WHERE to_id >= ? AND to_id <= ? AND type = 'revises' ORDER BY to_id, from_id`;

/** `run` runs a function with the open database and maps its errors (the vault's own guard). */
export class StatementPages {
  readonly #run: <T>(fn: (db: Db) => T) => T;
  readonly #prepared = new Map<string, Database.Statement>();

  constructor(run: <T>(fn: (db: Db) => T) => T) {
    this.#run = run;
  }

  #all<Row>(db: Db, sql: string, first: Hex32, last: Hex32): Row[] {
    let stmt = this.#prepared.get(sql);
    if (stmt === undefined) {
      stmt = db.prepare(sql);
      this.#prepared.set(sql, stmt);
    }
    return stmt.all(first, last) as Row[];
  }

  /** Everything the reports of the statements with ids from `first` to `last` (inclusive) read. */
  between(first: Hex32, last: Hex32): StatementPage {
    return this.#run((db) => ({
      statements: this.#all<{ id: string; canonical: Buffer }>(db, STATEMENTS_SQL, first, last).map((r) => ({ id: r.id, canonical: bytes(r.canonical) })),
      signatures: this.#all<{ statement_id: string; canonical: Buffer }>(db, SIGNATURES_SQL, first, last).map((r) => ({ statement: r.statement_id, canonical: bytes(r.canonical) })),
      revisions: this.#all<{ from_id: string; to_id: string }>(db, REVISIONS_SQL, first, last).map((r) => ({ from: r.from_id, type: 'revises', to: r.to_id })),
    }));
  }
}

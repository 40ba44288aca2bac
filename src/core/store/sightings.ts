// First sightings (migration 0007): where and when this vault first saw each group it imported,
// and the one read that trust needs for every group at once. Everything here is inside the
// encrypted vault and never exported. What a sighting means is decided elsewhere (trust on first
// use: src/core/service/groups.ts records, src/app/trust.ts reads); this file only stores.
import type Database from 'better-sqlite3-multiple-ciphers';
import type { Hex32 } from '../model/types.js';
import type { GroupTrust } from './types.js';

type Db = Database.Database;

/** The longest file name a sighting keeps (file systems allow 255 bytes; longer text is cut). */
export const MAX_SIGHTING_NAME = 255;

export interface Sighting {
  /** The base name of the bundle file that first brought the group. */
  from: string;
  /** When, as an ISO 8601 UTC time. */
  at: string;
}

/** What trust is computed from, for one group: its row, the version of its chain, its first sighting. */
export interface GroupTrustRow {
  id: Hex32;
  name: string;
  trust: GroupTrust;
  firstSeenSeq: number;
  /** Bumped by the store whenever the group's links or their signature entries change (migration 0004). */
  chainVersion: number;
  sighting: Sighting | null;
}

export class GroupSightings {
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

  /**
   * Records that `groupId` was first seen in the file `from` at `at`, unless a sighting is held
   * already (the first one stays) or the vault holds no such group. True when it was recorded.
   */
  record(groupId: Hex32, from: string, at: string): boolean {
    const name = [...from].slice(0, MAX_SIGHTING_NAME).join('');
    return this.#q(
      `INSERT INTO group_sightings (group_id, from_name, seen_at) SELECT id, ?, ? FROM groups WHERE id = ?
       ON CONFLICT (group_id) DO NOTHING`,
      (s) => s.run(name, at, groupId).changes === 1,
    );
  }

  get(groupId: Hex32): Sighting | undefined {
    const row = this.#q('SELECT from_name, seen_at FROM group_sightings WHERE group_id = ?', (s) => s.get(groupId) as { from_name: string; seen_at: string } | undefined);
    return row && { from: row.from_name, at: row.seen_at };
  }

  /**
   * Changes whenever the database may have changed: rows written on this connection
   * (`total_changes()`, which only grows) and commits by other connections (`data_version`).
   * Equal stamps mean that nothing was written in between, so a result read before still holds.
   */
  changeStamp(): string {
    return this.#run((db) => `${String(db.pragma('data_version', { simple: true }))}:${String(this.#q('SELECT total_changes()', (s) => s.pluck().get()))}`);
  }

  /** Every group, in the order this vault first saw them, with what trust needs (one read: rows as arrays). */
  trustRows(): GroupTrustRow[] {
    const rows = this.#q(
      `SELECT g.id, g.name, g.trust, g.first_seen_seq, g.chain_version, s.from_name, s.seen_at
       FROM groups AS g LEFT JOIN group_sightings AS s ON s.group_id = g.id ORDER BY g.first_seen_seq`,
      (s) => s.raw(true).all() as Array<[string, string, GroupTrust, number, number, string | null, string | null]>,
    );
    return rows.map(([id, name, trust, firstSeenSeq, chainVersion, from, at]) => ({
      id,
      name,
      trust,
      firstSeenSeq,
      chainVersion,
      sighting: from !== null && at !== null ? { from, at } : null,
    }));
  }
}

/** A vault that keeps first sightings (Vault does). */
export interface SightingsVault {
  groupSightings(): GroupSightings;
}

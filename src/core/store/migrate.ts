// Applies the numbered migrations to a keyed database. `PRAGMA user_version` is the schema version.
import type Database from 'better-sqlite3-multiple-ciphers';
import { SamizdatError, quote } from '../errors.js';
import { MIGRATIONS, SCHEMA_VERSION } from './migrations/index.js';

export function schemaVersion(db: Database.Database): number {
  const v = db.pragma('user_version', { simple: true });
  return typeof v === 'number' ? v : Number(v);
}

/** Refuses a database whose schema is newer than this build's (before anything is written to it). */
export function assertKnownSchema(db: Database.Database, dir: string): number {
  const v = schemaVersion(db);
  if (v > SCHEMA_VERSION) {
    throw new SamizdatError(
      'vault',
      'vault',
      'vault.newer-schema',
      `the vault at ${quote(dir, 200)} has schema version ${v}, but this build of Samizdat knows only versions up to ${SCHEMA_VERSION}; ` +
        'open it with a newer Samizdat (nothing was changed)',
    );
  }
  return v;
}

/**
 * Brings the schema up to SCHEMA_VERSION, one migration per transaction. The version is read again
 * inside each (immediate) transaction, so two processes opening the same vault cannot both apply
 * a migration. Returns the versions applied.
 */
export function migrate(db: Database.Database, dir: string): number[] {
  assertKnownSchema(db, dir);
  const applied: number[] = [];
  for (const m of MIGRATIONS) {
    const done = db
      .transaction(() => {
        if (assertKnownSchema(db, dir) >= m.version) return false;
        db.exec(m.sql);
        db.pragma(`user_version = ${m.version}`);
        return true;
      })
      .immediate();
    if (done) applied.push(m.version);
  }
  return applied;
}

// SQLite's errors, as typed Samizdat errors: never a bare stack trace for a damaged or full disk.
import Database from 'better-sqlite3-multiple-ciphers';
import { SamizdatError, quote } from '../errors.js';

export function sqliteCode(e: unknown): string | undefined {
  return e instanceof Database.SqliteError ? e.code : undefined;
}

/**
 * Maps an error thrown by SQLite for the database at `dbPath` to a SamizdatError. Errors that
 * are not SQLite's (including SamizdatErrors) are returned unchanged.
 */
export function mapSqliteError(e: unknown, dbPath: string): unknown {
  const code = sqliteCode(e);
  if (code === undefined) return e;
  const where = quote(dbPath, 200);
  if (code.startsWith('SQLITE_CORRUPT') || code === 'SQLITE_NOTADB') {
    return new SamizdatError(
      'vault',
      'vault',
      'vault.corrupt',
      `the vault database ${where} is damaged (${code}); restore the vault directory from a backup`,
      { cause: e },
    );
  }
  if (code.startsWith('SQLITE_BUSY') || code.startsWith('SQLITE_LOCKED')) {
    return new SamizdatError('vault', 'vault', 'vault.busy', `the vault database ${where} is busy in another process (${code}); try again`, {
      cause: e,
    });
  }
  if (code.startsWith('SQLITE_CONSTRAINT')) {
    return new SamizdatError('vault', 'input', 'vault.bad-record', `a record was refused by the vault's schema (${code}): ${(e as Error).message}`, {
      cause: e,
    });
  }
  if (code === 'SQLITE_TOOBIG') {
    return new SamizdatError('vault', 'input', 'vault.too-big', `a record is too big for the vault (${code})`, { cause: e });
  }
  if (code === 'SQLITE_FULL' || code === 'SQLITE_IOERR_SHMSIZE') {
    return new SamizdatError('vault', 'io', 'vault.io', `the disk is full: could not write the vault database ${where} (${code}); free some space there and try again`, { cause: e });
  }
  if (
    code === 'SQLITE_FULL' ||
    code.startsWith('SQLITE_IOERR') ||
    code.startsWith('SQLITE_READONLY') ||
    code.startsWith('SQLITE_CANTOPEN') ||
    code === 'SQLITE_PERM' ||
    code === 'SQLITE_NOLFS'
  ) {
    return new SamizdatError('vault', 'io', 'vault.io', `could not read or write the vault database ${where} (${code})`, { cause: e });
  }
  return e;
}

// Migration 10: an import fills the search index in bulk before it commits, not by a trigger a
// row. Measured here, 10,000 statements stored with the insert trigger cost 810 to 980 ms in all;
// stored bare, then indexed by one INSERT ... SELECT in the same transaction, 750 to 760 ms.
//
// While an import's transaction runs, search_backlog holds one row: the highest statement number
// before the import. The insert trigger writes no search row while it is there; before the
// transaction commits, the vault writes the search rows of every statement numbered above it in
// one statement and deletes the row (Vault.transactionAsync). The row is written and deleted
// inside the one transaction, so no committed state ever holds it: a crash or a rollback takes it
// back with the statements. Outside an import (a statement written here) the trigger still writes
// the row at once. Statements are never updated or deleted (release_states refers to them); the
// delete and update triggers are guarded all the same, so that they never remove from the index a
// row that was not written to it yet.
export const version = 10;
export const name = 'search-backlog';

const folded = (column: string): string => `replace(replace(${column}, 'ё', 'е'), 'Ё', 'Е')`;
/** Whether statement number `n` has its search row written (not waiting in the backlog). */
const indexed = (n: string): string => `${n} <= coalesce((SELECT after_n FROM search_backlog), ${n})`;

export const sql = /* sql */ `
CREATE TABLE search_backlog (
  id INTEGER PRIMARY KEY CHECK (id = 1),
  after_n INTEGER NOT NULL CHECK (after_n >= 0)
) STRICT;

DROP TRIGGER statements_fts_insert;
DROP TRIGGER statements_fts_delete;
DROP TRIGGER statements_fts_update;

CREATE TRIGGER statements_fts_insert AFTER INSERT ON statements WHEN NOT EXISTS (SELECT 1 FROM search_backlog) BEGIN
  INSERT INTO statements_fts (rowid, title, body) VALUES (new.n, ${folded('new.title')}, ${folded('new.body')});
END;

CREATE TRIGGER statements_fts_delete AFTER DELETE ON statements WHEN ${indexed('old.n')} BEGIN
  INSERT INTO statements_fts (statements_fts, rowid, title, body) VALUES ('delete', old.n, ${folded('old.title')}, ${folded('old.body')});
END;

CREATE TRIGGER statements_fts_update AFTER UPDATE OF n, title, body ON statements BEGIN
  INSERT INTO statements_fts (statements_fts, rowid, title, body)
    SELECT 'delete', old.n, ${folded('old.title')}, ${folded('old.body')} WHERE ${indexed('old.n')};
  INSERT INTO statements_fts (rowid, title, body)
    SELECT new.n, ${folded('new.title')}, ${folded('new.body')} WHERE ${indexed('new.n')};
END;
`;

/** Opens the backlog: inside a transaction, before its statements are stored. */
export const OPEN_BACKLOG_SQL = `INSERT INTO search_backlog (id, after_n) SELECT 1, coalesce(max(n), 0) FROM statements WHERE true
  ON CONFLICT (id) DO NOTHING`;
/** Writes the search rows of the statements stored since the backlog opened (none when it is not open). */
export const FILL_BACKLOG_SQL = `INSERT INTO statements_fts (rowid, title, body)
  SELECT n, ${folded('title')}, ${folded('body')} FROM statements WHERE n > (SELECT after_n FROM search_backlog) ORDER BY n`;
export const CLOSE_BACKLOG_SQL = 'DELETE FROM search_backlog';

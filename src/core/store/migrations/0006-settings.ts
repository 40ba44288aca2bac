// Migration 6: the app's preferences (the idle lock time, ...), one row a setting, inside the
// encrypted database like everything else: how long this person leaves her laptop unattended is
// nobody's business. Keys are short names chosen by src/app; values are text (JSON where needed).
// Nothing of it is ever exported.
export const version = 6;
export const name = 'settings';

export const sql = /* sql */ `
CREATE TABLE settings (
  key TEXT PRIMARY KEY CHECK (length(key) BETWEEN 1 AND 64),
  value TEXT NOT NULL CHECK (length(value) <= 4096)
) STRICT, WITHOUT ROWID;
`;

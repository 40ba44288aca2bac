// Migration 5: the sync index, so that `sync` takes time in proportion to what is new (DESIGN.md,
// "Budgets"; src/core/exchange/sync.ts says how it is used). All of it lives inside the encrypted
// database, like everything else: which folders this vault syncs with, which files it read there,
// what they carried. Nothing of it is ever exported.
//
// - sync_folders: each drop folder synced, by real path, with its watermark: the journal position up
//   to which every object of the vault has been compared with what the folder carries (NULL: compare
//   the whole vault at the next sync).
// - sync_contents: the bytes of each bundle file read or written, by the SHA-256 of the file (NULL
//   for a file refused before its end that was too large to hash), with what reading it gave:
//   'clear' or 'sealed' (imported), 'not-for-us' (encrypted to other keys, or to a passphrase),
//   'failed' (refused as malformed; the error kept as JSON to report it again). `retry_seq` is set
//   when the import left objects that could count once the vault holds more (a signature on a
//   statement not yet held, a link after one not yet held): the journal position after that import,
//   so that the file is read again once the vault has changed. `keys_stamp` names the decryption
//   keys a 'not-for-us' file was tried with; `rules` the import rules it was read under.
// - sync_content_keys: what each content carries, one key per object (kind byte, id, and for a
//   link's signature entry the signer's key: see sync.ts).
// - sync_files: each bundle file of each folder as last seen (name, size, mtime and ctime in
//   nanoseconds as decimal text), and its content.
// - sync_journal: every object stored since the first folder was synced, in order (kind 1 link,
//   2 link signature entry, 3 statement, 4 statement signature, 5 attachment), written by triggers
//   so that no way of changing the vault (import, sign, a group change, the UI) can bypass it.
//   AUTOINCREMENT: a position is never used twice, even once rows are deleted. Rows every folder
//   has passed are deleted; `sync_state.journal_floor` is the highest position deleted.
export const version = 5;
export const name = 'sync-index';

const HEX32 = (column: string) => `length(${column}) = 64 AND ${column} NOT GLOB '*[^0-9a-f]*'`;

export const sql = /* sql */ `
CREATE TABLE sync_folders (
  id INTEGER PRIMARY KEY,
  path TEXT NOT NULL UNIQUE,
  watermark INTEGER CHECK (watermark IS NULL OR watermark >= 0)
) STRICT;

CREATE TABLE sync_contents (
  id INTEGER PRIMARY KEY,
  sha256 TEXT UNIQUE CHECK (sha256 IS NULL OR (${HEX32('sha256')})),
  size INTEGER NOT NULL CHECK (size >= 0),
  outcome TEXT NOT NULL CHECK (outcome IN ('clear', 'sealed', 'not-for-us', 'failed')),
  error TEXT CHECK ((outcome = 'failed') = (error IS NOT NULL)),
  retry_seq INTEGER,
  keys_stamp TEXT,
  rules INTEGER NOT NULL
) STRICT;
CREATE INDEX sync_contents_by_size ON sync_contents (size);

CREATE TABLE sync_content_keys (
  content INTEGER NOT NULL REFERENCES sync_contents (id) ON DELETE CASCADE,
  key BLOB NOT NULL CHECK (length(key) IN (33, 65)),
  PRIMARY KEY (content, key)
) STRICT, WITHOUT ROWID;
CREATE INDEX sync_content_keys_by_key ON sync_content_keys (key, content);

CREATE TABLE sync_files (
  folder INTEGER NOT NULL REFERENCES sync_folders (id) ON DELETE CASCADE,
  name TEXT NOT NULL,
  size INTEGER NOT NULL CHECK (size >= 0),
  mtime TEXT NOT NULL,
  ctime TEXT NOT NULL,
  content INTEGER NOT NULL REFERENCES sync_contents (id),
  PRIMARY KEY (folder, name)
) STRICT, WITHOUT ROWID;
CREATE INDEX sync_files_by_content ON sync_files (content, folder);

CREATE TABLE sync_journal (
  seq INTEGER PRIMARY KEY AUTOINCREMENT,
  kind INTEGER NOT NULL CHECK (kind BETWEEN 1 AND 5),
  id BLOB NOT NULL CHECK (length(id) = 32),
  key BLOB CHECK (key IS NULL OR length(key) = 32)
) STRICT;

CREATE TABLE sync_state (
  id INTEGER PRIMARY KEY CHECK (id = 1),
  journal_floor INTEGER NOT NULL CHECK (journal_floor >= 0)
) STRICT;
INSERT INTO sync_state (id, journal_floor) VALUES (1, 0);

-- Only once some folder is synced: a vault that never syncs keeps no journal.
CREATE TRIGGER sync_journal_links AFTER INSERT ON links WHEN EXISTS (SELECT 1 FROM sync_folders) BEGIN
  INSERT INTO sync_journal (kind, id) VALUES (1, unhex(new.id));
END;
CREATE TRIGGER sync_journal_link_signatures AFTER INSERT ON link_signatures WHEN EXISTS (SELECT 1 FROM sync_folders) BEGIN
  INSERT INTO sync_journal (kind, id, key) VALUES (2, unhex(new.link_id), unhex(new.key));
END;
CREATE TRIGGER sync_journal_statements AFTER INSERT ON statements WHEN EXISTS (SELECT 1 FROM sync_folders) BEGIN
  INSERT INTO sync_journal (kind, id) VALUES (3, unhex(new.id));
END;
CREATE TRIGGER sync_journal_signatures AFTER INSERT ON statement_signatures WHEN EXISTS (SELECT 1 FROM sync_folders) BEGIN
  INSERT INTO sync_journal (kind, id) VALUES (4, unhex(new.id));
END;
CREATE TRIGGER sync_journal_attachments AFTER INSERT ON attachments WHEN EXISTS (SELECT 1 FROM sync_folders) BEGIN
  INSERT INTO sync_journal (kind, id) VALUES (5, unhex(new.id));
END;
`;

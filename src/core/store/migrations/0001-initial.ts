// Migration 1: the initial schema. SHIPPED: never edit this file; add a new numbered one.
//
// Ids, keys and signatures are lowercase hex TEXT, as in the objects themselves; canonical bytes
// and secret keys are BLOBs. Everything here lives inside the encrypted database file.
export const version = 1;
export const name = 'initial';

export const sql = /* sql */ `
-- The member's own keys: one row at most.
CREATE TABLE identity (
  id INTEGER PRIMARY KEY CHECK (id = 1),
  name TEXT NOT NULL,
  sign_public BLOB NOT NULL CHECK (length(sign_public) = 32),
  sign_secret BLOB NOT NULL CHECK (length(sign_secret) = 64),
  box_public BLOB NOT NULL CHECK (length(box_public) = 32),
  box_secret BLOB NOT NULL CHECK (length(box_secret) = 32)
) STRICT;

-- Key pairs the member used before rotating them: kept so that she can still sign for a group
-- whose chain has not yet applied the rotation.
CREATE TABLE retired_keys (
  seq INTEGER PRIMARY KEY,
  sign_public BLOB NOT NULL UNIQUE CHECK (length(sign_public) = 32),
  sign_secret BLOB NOT NULL CHECK (length(sign_secret) = 64),
  box_public BLOB NOT NULL CHECK (length(box_public) = 32),
  box_secret BLOB NOT NULL CHECK (length(box_secret) = 32)
) STRICT;

-- Groups as this vault knows them: local, never exported.
CREATE TABLE groups (
  id TEXT PRIMARY KEY CHECK (length(id) = 64 AND id NOT GLOB '*[^0-9a-f]*'),
  name TEXT NOT NULL,
  trust TEXT NOT NULL CHECK (trust IN ('unverified', 'verified')),
  origin TEXT NOT NULL CHECK (origin IN ('created', 'imported')),
  first_seen_seq INTEGER NOT NULL UNIQUE CHECK (first_seen_seq > 0)
) STRICT;

-- Group chain links: canonical bytes without signatures; signatures apart, merged as a union.
CREATE TABLE links (
  id TEXT PRIMARY KEY CHECK (length(id) = 64 AND id NOT GLOB '*[^0-9a-f]*'),
  group_id TEXT NOT NULL CHECK (length(group_id) = 64 AND group_id NOT GLOB '*[^0-9a-f]*'),
  seq INTEGER NOT NULL CHECK (seq >= 0),
  prev TEXT CHECK (prev IS NULL OR (length(prev) = 64 AND prev NOT GLOB '*[^0-9a-f]*')),
  op TEXT NOT NULL CHECK (op IN ('charter', 'add', 'remove', 'rotate', 'compromise', 'thresholds', 'rename')),
  body BLOB NOT NULL
) STRICT;
CREATE INDEX links_by_group ON links (group_id, seq, id);

CREATE TABLE link_signatures (
  link_id TEXT NOT NULL REFERENCES links (id) ON DELETE CASCADE,
  key TEXT NOT NULL CHECK (length(key) = 64 AND key NOT GLOB '*[^0-9a-f]*'),
  sig TEXT NOT NULL CHECK (length(sig) = 128 AND sig NOT GLOB '*[^0-9a-f]*'),
  PRIMARY KEY (link_id, key)
) STRICT, WITHOUT ROWID;

-- Statements. The integer primary key n is the stable rowid the full-text index points at.
CREATE TABLE statements (
  n INTEGER PRIMARY KEY,
  id TEXT NOT NULL UNIQUE CHECK (length(id) = 64 AND id NOT GLOB '*[^0-9a-f]*'),
  title TEXT NOT NULL,
  lang TEXT NOT NULL,
  date TEXT NOT NULL,
  body TEXT NOT NULL,
  canonical BLOB NOT NULL
) STRICT;
-- The statements list pages through this index: newest first, then by id.
CREATE INDEX statements_by_date ON statements (date DESC, id);

CREATE TABLE statement_authors (
  statement_id TEXT NOT NULL REFERENCES statements (id) ON DELETE CASCADE,
  position INTEGER NOT NULL,
  group_id TEXT NOT NULL CHECK (length(group_id) = 64 AND group_id NOT GLOB '*[^0-9a-f]*'),
  PRIMARY KEY (statement_id, position)
) STRICT, WITHOUT ROWID;
CREATE INDEX statement_authors_by_group ON statement_authors (group_id, statement_id);

-- Relations a statement declares; the target need not be held. Indexed both ways.
CREATE TABLE relations (
  from_id TEXT NOT NULL REFERENCES statements (id) ON DELETE CASCADE,
  position INTEGER NOT NULL,
  type TEXT NOT NULL CHECK (type IN ('translation-of', 'introduces', 'revises', 'responds-to', 'retracts')),
  to_id TEXT NOT NULL CHECK (length(to_id) = 64 AND to_id NOT GLOB '*[^0-9a-f]*'),
  PRIMARY KEY (from_id, position)
) STRICT, WITHOUT ROWID;
CREATE INDEX relations_by_target ON relations (to_id, type, from_id);

-- The attachments a statement lists (by hash); the bytes, when held, are in attachments.
CREATE TABLE statement_attachments (
  statement_id TEXT NOT NULL REFERENCES statements (id) ON DELETE CASCADE,
  position INTEGER NOT NULL,
  attachment_id TEXT NOT NULL CHECK (length(attachment_id) = 64 AND attachment_id NOT GLOB '*[^0-9a-f]*'),
  name TEXT NOT NULL,
  media_type TEXT NOT NULL,
  size INTEGER NOT NULL CHECK (size >= 0),
  PRIMARY KEY (statement_id, position)
) STRICT, WITHOUT ROWID;
CREATE INDEX statement_attachments_by_attachment ON statement_attachments (attachment_id);

-- Detached statement signatures. The statement need not be held (imports are order-independent).
CREATE TABLE statement_signatures (
  id TEXT PRIMARY KEY CHECK (length(id) = 64 AND id NOT GLOB '*[^0-9a-f]*'),
  statement_id TEXT NOT NULL CHECK (length(statement_id) = 64 AND statement_id NOT GLOB '*[^0-9a-f]*'),
  group_id TEXT NOT NULL CHECK (length(group_id) = 64 AND group_id NOT GLOB '*[^0-9a-f]*'),
  link_id TEXT NOT NULL CHECK (length(link_id) = 64 AND link_id NOT GLOB '*[^0-9a-f]*'),
  role TEXT NOT NULL CHECK (role IN ('release', 'endorse')),
  key TEXT NOT NULL CHECK (length(key) = 64 AND key NOT GLOB '*[^0-9a-f]*'),
  sig TEXT NOT NULL CHECK (length(sig) = 128 AND sig NOT GLOB '*[^0-9a-f]*'),
  canonical BLOB NOT NULL
) STRICT;
CREATE INDEX statement_signatures_by_statement ON statement_signatures (statement_id, group_id, role, key);

CREATE TABLE attachments (
  id TEXT PRIMARY KEY CHECK (length(id) = 64 AND id NOT GLOB '*[^0-9a-f]*'),
  media_type TEXT NOT NULL,
  size INTEGER NOT NULL CHECK (size >= 0),
  data BLOB NOT NULL CHECK (length(data) = size)
) STRICT;

-- Full-text search over titles and bodies, an external-content index over statements.
-- remove_diacritics 2 folds Latin accents ("cafe" finds "café"); the triggers also fold
-- Cyrillic ё to е, as Russian readers write either (queries are folded the same way in code).
-- The folding keeps every token's position, so snippets of the original text line up.
-- Do not use the FTS5 'rebuild' command: it would index the unfolded text.
CREATE VIRTUAL TABLE statements_fts USING fts5 (
  title,
  body,
  content = 'statements',
  content_rowid = 'n',
  tokenize = 'unicode61 remove_diacritics 2'
);

CREATE TRIGGER statements_fts_insert AFTER INSERT ON statements BEGIN
  INSERT INTO statements_fts (rowid, title, body) VALUES (
    new.n,
    replace(replace(new.title, 'ё', 'е'), 'Ё', 'Е'),
    replace(replace(new.body, 'ё', 'е'), 'Ё', 'Е')
  );
END;

CREATE TRIGGER statements_fts_delete AFTER DELETE ON statements BEGIN
  INSERT INTO statements_fts (statements_fts, rowid, title, body) VALUES (
    'delete',
    old.n,
    replace(replace(old.title, 'ё', 'е'), 'Ё', 'Е'),
    replace(replace(old.body, 'ё', 'е'), 'Ё', 'Е')
  );
END;

CREATE TRIGGER statements_fts_update AFTER UPDATE OF n, title, body ON statements BEGIN
  INSERT INTO statements_fts (statements_fts, rowid, title, body) VALUES (
    'delete',
    old.n,
    replace(replace(old.title, 'ё', 'е'), 'Ё', 'Е'),
    replace(replace(old.body, 'ё', 'е'), 'Ё', 'Е')
  );
  INSERT INTO statements_fts (rowid, title, body) VALUES (
    new.n,
    replace(replace(new.title, 'ё', 'е'), 'Ё', 'Е'),
    replace(replace(new.body, 'ё', 'е'), 'Ё', 'Е')
  );
END;
`;

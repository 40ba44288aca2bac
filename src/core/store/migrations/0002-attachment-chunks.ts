// Migration 2: attachment bytes in chunks of 1 MiB, so that an attachment of up to 1 GiB is
// written and read piece by piece and never held whole in memory (DESIGN.md, "Budgets").
//
// `attachments` keeps one row per attachment (id, media type, size); its bytes move to
// `attachment_chunks`, chunk n holding bytes [n MiB, (n + 1) MiB). Every chunk is exactly 1 MiB but
// the last, which is shorter; an empty attachment has no chunk. The chunks' foreign key is
// deferred: a writer stores the chunks first and the attachment's row last, once the bytes have
// been checked against the id (queries.ts, beginAttachment), so a half-written attachment is never
// visible as held, and a transaction that still holds one cannot commit.
//
// The rows of schema 1 are copied by rebuilding the table: the old one is renamed (before any
// table refers to it, so that dropping it cascades to nothing), and a trigger cuts each old row's
// blob into chunks with substr() as its row is copied to the new table. Inside the trigger the
// blob is read once per attachment (an uncorrelated subquery), so the copy takes time in
// proportion to the bytes, and memory in proportion to the largest single attachment (once, here;
// schema 1 needed as much to read it back at all). A plain INSERT ... SELECT would re-read the
// whole blob for every chunk (quadratic) or sort every chunk of every attachment in memory.
export const version = 2;
export const name = 'attachment-chunks';

export const sql = /* sql */ `
ALTER TABLE attachments RENAME TO attachments_v1;

CREATE TABLE attachments (
  id TEXT PRIMARY KEY CHECK (length(id) = 64 AND id NOT GLOB '*[^0-9a-f]*'),
  media_type TEXT NOT NULL,
  size INTEGER NOT NULL CHECK (size >= 0)
) STRICT;

-- A rowid table, not WITHOUT ROWID: its rows are large (SQLite's advice for rows over ~1/20 page).
CREATE TABLE attachment_chunks (
  attachment_id TEXT NOT NULL REFERENCES attachments (id) ON DELETE CASCADE DEFERRABLE INITIALLY DEFERRED,
  n INTEGER NOT NULL CHECK (n >= 0),
  data BLOB NOT NULL CHECK (length(data) BETWEEN 1 AND 1048576),
  PRIMARY KEY (attachment_id, n)
) STRICT;

CREATE TRIGGER attachments_v1_to_chunks AFTER INSERT ON attachments BEGIN
  INSERT INTO attachment_chunks (attachment_id, n, data)
  WITH RECURSIVE chunk (n) AS (
    SELECT 0 WHERE new.size > 0
    UNION ALL
    SELECT n + 1 FROM chunk WHERE (n + 1) * 1048576 < new.size
  )
  SELECT new.id, chunk.n, substr((SELECT data FROM attachments_v1 WHERE id = new.id), chunk.n * 1048576 + 1, 1048576)
  FROM chunk;
END;

INSERT INTO attachments (id, media_type, size) SELECT id, media_type, size FROM attachments_v1 ORDER BY id;

DROP TRIGGER attachments_v1_to_chunks;
DROP TABLE attachments_v1;
`;

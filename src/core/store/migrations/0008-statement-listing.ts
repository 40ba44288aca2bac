// Migration 8: the statements list's filters as ranges of indexes (issue 9: search and filters that
// stay fast at 100,000 statements). Checking a filter row by row against other tables costs about
// 13 µs a row here (an encrypted page read per lookup), over a second to find the few drafts among
// 100,000 statements; so each statement has a narrow row carrying what the list filters and sorts
// on, and every filter, alone or combined, is one range of one index, in the list's order.
//
// statement_listing: one row per statement with the empty scope (x''), and one per author group with
// the group's id as scope (32 bytes), each with the list's sort key (date descending, then id), the
// language and the statement's status. `status` is a stored verdict, like release_states (migration
// 4): 'released' by every author group; 'problem' when an author group's chain is not held or has an
// error (a fork, no valid charter), so that it can release nothing; else 'waiting', with `have` and
// `need` (scope x'' only): the counting signatures and the threshold of the author group furthest
// from it. NULL: to be computed. src/core/service/statement-list.ts computes and stores it; the
// store keeps it from going stale:
// - a new statement (and its author rows) starts with NULL;
// - any write to a statement's release states (a new or deleted signature drops them; a read that
//   recomputes them writes them) sets its status to NULL;
// - a group stored for the first time sets the status of the statements it wrote to NULL (they
//   were 'problem': an unknown author);
// - a chain change (groups.chain_version bumped) leaves its statements' release states older than
//   the chain: release_states_by_version finds them, and the service computes them again before it
//   trusts any status (StatementListing.toCompute).
// The triggers clear the x'' row only: the author rows' statuses are read by a filter by group and
// status alone, which first brings every status up to date, and StatementListing.putStatus writes
// a status to all the rows of its statement (a trigger doing it cost 130 µs a statement; by key,
// 15 µs). Statements are never deleted (release_states' foreign key refuses it), so no trigger
// removes rows.
export const version = 8;
export const name = 'statement-listing';

export const sql = /* sql */ `
CREATE TABLE statement_listing (
  scope BLOB NOT NULL CHECK (length(scope) IN (0, 32)),
  date TEXT NOT NULL,
  id BLOB NOT NULL CHECK (length(id) = 32),
  lang TEXT NOT NULL,
  status TEXT CHECK (status IN ('released', 'waiting', 'problem')),
  have INTEGER CHECK (have >= 0),
  need INTEGER CHECK (need >= 0),
  PRIMARY KEY (scope, date DESC, id)
) STRICT, WITHOUT ROWID;
-- The language filter, the status filter, and both: each combination with the scope is one range.
CREATE INDEX statement_listing_by_lang ON statement_listing (scope, lang, date DESC, id);
CREATE INDEX statement_listing_by_status ON statement_listing (scope, status, date DESC, id);
CREATE INDEX statement_listing_by_status_lang ON statement_listing (scope, status, lang, date DESC, id);
-- Release states older than their group's chain: what a chain change made stale.
CREATE INDEX release_states_by_version ON release_states (group_id, chain_version);

INSERT INTO statement_listing (scope, date, id, lang) SELECT x'', date, unhex(id), lang FROM statements;
INSERT OR IGNORE INTO statement_listing (scope, date, id, lang)
  SELECT unhex(a.group_id), s.date, unhex(s.id), s.lang FROM statement_authors a JOIN statements s ON s.id = a.statement_id;

CREATE TRIGGER statement_listing_new AFTER INSERT ON statements BEGIN
  INSERT INTO statement_listing (scope, date, id, lang) VALUES (x'', new.date, unhex(new.id), new.lang);
END;

CREATE TRIGGER statement_listing_new_author AFTER INSERT ON statement_authors BEGIN
  INSERT OR IGNORE INTO statement_listing (scope, date, id, lang)
    SELECT unhex(new.group_id), date, unhex(id), lang FROM statements WHERE id = new.statement_id;
END;

CREATE TRIGGER statement_listing_state_new AFTER INSERT ON release_states BEGIN
  UPDATE statement_listing SET status = NULL, have = NULL, need = NULL
  WHERE scope = x'' AND date = (SELECT date FROM statements WHERE id = new.statement_id) AND id = unhex(new.statement_id) AND status IS NOT NULL;
END;

CREATE TRIGGER statement_listing_state_changed AFTER UPDATE ON release_states BEGIN
  UPDATE statement_listing SET status = NULL, have = NULL, need = NULL
  WHERE scope = x'' AND date = (SELECT date FROM statements WHERE id = new.statement_id) AND id = unhex(new.statement_id) AND status IS NOT NULL;
END;

CREATE TRIGGER statement_listing_state_dropped AFTER DELETE ON release_states BEGIN
  UPDATE statement_listing SET status = NULL, have = NULL, need = NULL
  WHERE scope = x'' AND date = (SELECT date FROM statements WHERE id = old.statement_id) AND id = unhex(old.statement_id) AND status IS NOT NULL;
END;

CREATE TRIGGER statement_listing_group_new AFTER INSERT ON groups BEGIN
  UPDATE statement_listing SET status = NULL, have = NULL, need = NULL
  WHERE scope = x'' AND (date, id) IN (SELECT date, id FROM statement_listing WHERE scope = unhex(new.id)) AND status IS NOT NULL;
END;
`;

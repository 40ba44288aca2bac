// Migration 4: verify once (DESIGN.md, "Budgets"). Each statement's release state per author group
// is stored with the version of that group's chain it was computed against; reads use it while the
// version is current. The store bumps a group's `chain_version` whenever its links or their
// signature entries change, and drops a statement's release states whenever its signatures change,
// so a stored state is never read once stale (docs/SECURITY.md, "Verify once").
export const version = 4;
export const name = 'release-states';

export const sql = /* sql */ `
ALTER TABLE groups ADD COLUMN chain_version INTEGER NOT NULL DEFAULT 0 CHECK (chain_version >= 0);

CREATE TABLE release_states (
  statement_id TEXT NOT NULL REFERENCES statements (id),
  group_id TEXT NOT NULL REFERENCES groups (id),
  chain_version INTEGER NOT NULL,
  released INTEGER NOT NULL CHECK (released IN (0, 1)),
  signers INTEGER NOT NULL CHECK (signers >= 0),
  PRIMARY KEY (statement_id, group_id)
) STRICT, WITHOUT ROWID;
`;

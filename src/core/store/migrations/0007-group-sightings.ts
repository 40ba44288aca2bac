// Migration 7: first sightings (trust on first use, DESIGN.md "Trust"). A group first seen in an
// import or a sync is unverified, and the person is told where it came from: the base name of the
// bundle file that first brought it and when (ISO 8601, UTC). Written once per group, after the
// import that stored the group (src/core/service/groups.ts, recordFirstSightings); never changed,
// never exported. Groups founded here, and groups of vaults older than this migration, have none.
export const version = 7;
export const name = 'group-sightings';

export const sql = /* sql */ `
CREATE TABLE group_sightings (
  group_id TEXT PRIMARY KEY REFERENCES groups (id) ON DELETE CASCADE,
  from_name TEXT NOT NULL CHECK (length(from_name) BETWEEN 1 AND 255),
  seen_at TEXT NOT NULL CHECK (seen_at GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]T*Z')
) STRICT, WITHOUT ROWID;
`;

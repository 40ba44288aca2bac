// Migration 9: each held group's safety number, stored. It is a function of the group id alone
// (src/core/crypto/fingerprint.ts), made deliberately slow (5,200 rounds of SHA-512, 15 to 35 ms
// here): worked out in every process that showed it, a vault of 1,000 groups took 10 to 30 seconds
// to list its groups. Written by the import that brings a group (its workers work them out anyway)
// and by the command that founds one; a vault opened with groups that have none (a vault older
// than this migration) gets them then (Vault.open). Never exported: a reader works it out.
export const version = 9;
export const name = 'safety-numbers';

export const sql = /* sql */ `
CREATE TABLE group_safety_numbers (
  group_id TEXT PRIMARY KEY REFERENCES groups (id) ON DELETE CASCADE,
  safety_number TEXT NOT NULL CHECK (length(safety_number) = 71 AND safety_number GLOB '[0-9][0-9][0-9][0-9][0-9] [0-9][0-9][0-9][0-9][0-9] [0-9][0-9][0-9][0-9][0-9] [0-9][0-9][0-9][0-9][0-9] [0-9][0-9][0-9][0-9][0-9] [0-9][0-9][0-9][0-9][0-9] [0-9][0-9][0-9][0-9][0-9] [0-9][0-9][0-9][0-9][0-9] [0-9][0-9][0-9][0-9][0-9] [0-9][0-9][0-9][0-9][0-9] [0-9][0-9][0-9][0-9][0-9] [0-9][0-9][0-9][0-9][0-9]')
) STRICT, WITHOUT ROWID;
`;

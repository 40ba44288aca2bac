// Migration 3: statement signatures by group, so that a change to a group's chain can find the
// signatures it may have stopped counting (import prunes them: nothing that does not count is kept).
export const version = 3;
export const name = 'signatures-by-group';

export const sql = /* sql */ `
CREATE INDEX statement_signatures_by_group ON statement_signatures (group_id);
`;

// Finding a group or statement from what a person typed: a full id, an unambiguous id prefix
// (at least 6 hex characters), or (for groups) an exact current name.
import { SamizdatError, quote } from '../errors.js';
import type { VaultReader } from '../store/types.js';

const FULL_ID = /^[0-9a-f]{64}$/;
const PREFIX = /^[0-9a-f]{6,64}$/;

function pick(what: string, ref: string, matches: string[], hint: string): string {
  if (matches.length === 1) return matches[0] as string;
  if (matches.length === 0) throw new SamizdatError('cli', 'usage', `cli.no-such-${what}`, `no ${what} ${quote(ref)} in this vault; ${hint}`);
  throw new SamizdatError(
    'cli',
    'usage',
    `cli.ambiguous-${what}`,
    `${quote(ref)} matches ${matches.length} ${what}s (${matches.map((m) => m.slice(0, 12)).join(', ')}); give more of the id`,
  );
}

export function resolveGroup(vault: VaultReader, ref: string): string {
  const wanted = ref.trim();
  const lower = wanted.toLowerCase();
  if (FULL_ID.test(lower) && vault.hasGroup(lower)) return lower;
  const groups = vault.listGroups();
  const byPrefix = PREFIX.test(lower) ? groups.filter((g) => g.id.startsWith(lower)).map((g) => g.id) : [];
  if (byPrefix.length) return pick('group', ref, byPrefix, '');
  const byName = groups.filter((g) => g.name.normalize('NFC') === wanted.normalize('NFC')).map((g) => g.id);
  return pick('group', ref, byName, 'see `samizdat group list`');
}

/** A statement id: held ones by prefix; a full id even when not held (when `mustBeHeld` is false). */
export function resolveStatement(vault: VaultReader, ref: string, mustBeHeld = true): string {
  const lower = ref.trim().toLowerCase();
  if (FULL_ID.test(lower) && (!mustBeHeld || vault.hasStatement(lower))) return lower;
  if (!PREFIX.test(lower)) {
    throw new SamizdatError('cli', 'usage', 'cli.bad-statement-id', `${quote(ref)} is not a statement id (64 hex characters, or at least 6 of its first ones)`);
  }
  return pick('statement', ref, vault.findStatementsByPrefix(lower, 5), 'see `samizdat statement list`');
}

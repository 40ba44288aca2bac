// The comparison's pure part (tests/unit/renderer/compare.test.ts): each group typed against the
// group held, and typing spread over the twelve fields (five digits each; a pasted fingerprint
// fills the fields from where it is pasted).

export const GROUPS = 12;
export const DIGITS = 5;

/** empty: nothing typed; partial: fewer than five digits; same / differ: five digits, compared. */
export type GroupCheck = 'empty' | 'partial' | 'same' | 'differ';

export function compareGroups(held: readonly string[], typed: readonly string[]): GroupCheck[] {
  return held.map((group, i) => {
    const t = typed[i] ?? '';
    if (t === '') return 'empty';
    if (t.length < DIGITS) return 'partial';
    return t === group ? 'same' : 'differ';
  });
}

/**
 * The fields after `value` was typed or pasted into field `index`: digits only (spaces, dashes and
 * anything else dropped); more than five spill over into the following fields. `focus`: the field
 * to go on in (the next one once this one is full).
 */
export function spreadTyped(groups: readonly string[], index: number, value: string): { groups: string[]; focus: number } {
  const digits = value.replace(/\D+/g, '');
  const next = [...groups];
  if (digits.length <= DIGITS) {
    next[index] = digits;
    const advance = digits.length === DIGITS && (groups[index] ?? '').length < DIGITS && index < next.length - 1;
    return { groups: next, focus: advance ? index + 1 : index };
  }
  let at = index;
  for (let i = 0; i < digits.length && at < next.length; i += DIGITS, at++) next[at] = digits.slice(i, i + DIGITS);
  const last = Math.min(at, next.length) - 1;
  const full = (next[last] ?? '').length === DIGITS;
  return { groups: next, focus: full && last < next.length - 1 ? last + 1 : last };
}

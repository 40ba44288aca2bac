// Settings' pure parts: the idle lock's choices and their words, and the check of the word typed
// to confirm a panic wipe. Tested without a browser: tests/unit/renderer/settings.test.ts.

/** The idle lock times offered, in minutes (the contract takes 1 to 240). */
export const IDLE_CHOICES: readonly number[] = [1, 2, 5, 10, 15, 30, 60, 120, 240];

/** The choices, with the stored value among them even when it is not one of ours (set by another version, say). */
export function idleChoices(current: number | undefined): number[] {
  const all = new Set(IDLE_CHOICES);
  if (current !== undefined && Number.isInteger(current) && current >= 1 && current <= 240) all.add(current);
  return [...all].sort((a, b) => a - b);
}

/** A t() of the `settings` namespace. */
export type Words = (key: string, options: { count: number }) => string;

/** "5 minutes", "2 hours", in the UI language and its plural forms. */
export function idleWords(t: Words, minutes: number): string {
  return minutes >= 60 && minutes % 60 === 0 ? t('idle.hours', { count: minutes / 60 }) : t('idle.minutes', { count: minutes });
}

const normal = (s: string): string => s.normalize('NFC').trim().toLocaleLowerCase();

/**
 * Whether the person typed the word shown (in her language; case and surrounding spaces aside).
 * The English `wipe` is taken in every language, for a keyboard without her alphabet.
 */
export function wipeWordMatches(typed: string, shown: string): boolean {
  const t = normal(typed);
  return t !== '' && (t === normal(shown) || t === 'wipe');
}

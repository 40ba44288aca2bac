// How strong a new passphrase is, in words a person understands: how long someone who copied the
// vault would need to guess it, and whether that is enough to go on without a second thought.
// Pure (no DOM, no estimator): the guess count comes from zxcvbn-ts (estimator.ts); the words from
// the `passphrase` namespace. Tested without a browser: tests/unit/renderer/strength.test.ts.

/**
 * Guesses a second against the vault's key derivation (scrypt, 32 MiB to 1 GiB a guess): what a
 * well-equipped attacker holding a copy of the vault might try. zxcvbn's "offline slow hashing".
 */
export const GUESSES_PER_SECOND = 1e4;

/** The fewest characters a new vault passphrase may have (the contract's schema says the same). */
export const MIN_PASSPHRASE_CHARS = 8;

export const LEVELS = ['weak', 'fair', 'good', 'strong'] as const;
export type Level = (typeof LEVELS)[number];

export type TimeUnit = 'second' | 'minute' | 'hour' | 'day' | 'month' | 'year';

/** How long guessing would take, roughly: at once, about N units, or centuries. */
export type CrackTime = { kind: 'instant' } | { kind: 'about'; unit: TimeUnit; count: number } | { kind: 'centuries' };

export interface Strength {
  level: Level;
  time: CrackTime;
  /** Good or strong: no confirmation needed to use it. */
  acceptable: boolean;
}

const MINUTE = 60;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
const MONTH = 30 * DAY;
const YEAR = 365 * DAY;

const UNITS: { unit: TimeUnit; seconds: number; below: number }[] = [
  { unit: 'second', seconds: 1, below: MINUTE },
  { unit: 'minute', seconds: MINUTE, below: HOUR },
  { unit: 'hour', seconds: HOUR, below: DAY },
  { unit: 'day', seconds: DAY, below: MONTH },
  { unit: 'month', seconds: MONTH, below: YEAR },
  { unit: 'year', seconds: YEAR, below: 100 * YEAR },
];

/** Seconds as a person says them: under a second is "at once", a hundred years and more "centuries". */
export function crackTime(seconds: number): CrackTime {
  if (!(seconds >= 1)) return { kind: 'instant' };
  for (const { unit, seconds: size, below } of UNITS) {
    if (seconds < below) {
      // Rounded down, so that "about 60 minutes" never shows (it is "about 1 hour" a moment later).
      return { kind: 'about', unit, count: Math.max(1, Math.floor(seconds / size)) };
    }
  }
  return { kind: 'centuries' };
}

/** Under a day: weak; under a year: fair; under a thousand years: good; beyond: strong. */
export function levelOf(seconds: number): Level {
  if (!(seconds >= DAY)) return 'weak';
  if (seconds < YEAR) return 'fair';
  if (seconds < 1000 * YEAR) return 'good';
  return 'strong';
}

/** From the estimator's guess count. */
export function strengthOf(guesses: number): Strength {
  const seconds = guesses / GUESSES_PER_SECOND;
  const level = levelOf(seconds);
  return { level, time: crackTime(seconds), acceptable: level === 'good' || level === 'strong' };
}

/** The bar's fill: 1 (weak) to 4 (strong). */
export const barsOf = (level: Level): number => LEVELS.indexOf(level) + 1;

/** A t() of the `passphrase` namespace. */
export type Words = (key: string, options?: Record<string, string | number>) => string;

/** "Weak: could be guessed in about 5 minutes." in the UI language. */
export function strengthWords(t: Words, s: Strength): string {
  const level = t(`strength.level.${s.level}`);
  if (s.time.kind === 'instant') return t('strength.instant', { level });
  if (s.time.kind === 'centuries') return t('strength.centuries', { level });
  return t('strength.about', { level, time: t(`strength.time.${s.time.unit}`, { count: s.time.count }) });
}

/** What stops a new passphrase, first problem first: too short, the two differ, weak and not accepted. */
export type NewPassphraseProblem = 'short' | 'mismatch' | 'weak';

export function newPassphraseProblem(input: { passphrase: string; confirm: string; acceptWeak: boolean; strength: Strength }): NewPassphraseProblem | null {
  if ([...input.passphrase].length < MIN_PASSPHRASE_CHARS) return 'short';
  if (input.confirm !== input.passphrase) return 'mismatch';
  if (!input.strength.acceptable && !input.acceptWeak) return 'weak';
  return null;
}

// A new passphrase's strength in words: the time to guess it as a person says it (at once, about
// N units, centuries), the level it earns, the sentence in English, Russian and Ukrainian with each
// language's plural forms (through i18next and the real catalogue), what stops a new passphrase,
// and the real estimator (zxcvbn-ts) on passphrases people type.

import i18next, { type i18n } from 'i18next';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadEstimator } from '../../../src/renderer/components/estimator.js';
import { crackTime, GUESSES_PER_SECOND, levelOf, newPassphraseProblem, strengthOf, strengthWords, type Strength } from '../../../src/renderer/components/strength.js';
import { CATALOGUES } from '../../../src/renderer/i18n/catalogues.js';
import { LANGUAGES, type Language } from '../../../src/renderer/i18n/languages.js';

const MINUTE = 60;
const HOUR = 3600;
const DAY = 86_400;
const YEAR = 365 * DAY;

describe('crackTime', () => {
  it('says under a second as "at once", and rounds down within each unit', () => {
    expect(crackTime(0)).toEqual({ kind: 'instant' });
    expect(crackTime(0.99)).toEqual({ kind: 'instant' });
    expect(crackTime(1)).toEqual({ kind: 'about', unit: 'second', count: 1 });
    expect(crackTime(59.9)).toEqual({ kind: 'about', unit: 'second', count: 59 });
    expect(crackTime(MINUTE)).toEqual({ kind: 'about', unit: 'minute', count: 1 });
    expect(crackTime(HOUR - 1)).toEqual({ kind: 'about', unit: 'minute', count: 59 });
    expect(crackTime(HOUR)).toEqual({ kind: 'about', unit: 'hour', count: 1 });
    expect(crackTime(29 * DAY)).toEqual({ kind: 'about', unit: 'day', count: 29 });
    expect(crackTime(30 * DAY)).toEqual({ kind: 'about', unit: 'month', count: 1 });
    expect(crackTime(YEAR)).toEqual({ kind: 'about', unit: 'year', count: 1 });
    expect(crackTime(99.9 * YEAR)).toEqual({ kind: 'about', unit: 'year', count: 99 });
    expect(crackTime(100 * YEAR)).toEqual({ kind: 'centuries' });
  });

  it('takes nonsense for the worst and infinity for the best', () => {
    expect(crackTime(Number.NaN)).toEqual({ kind: 'instant' });
    expect(crackTime(-5)).toEqual({ kind: 'instant' });
    expect(crackTime(Number.POSITIVE_INFINITY)).toEqual({ kind: 'centuries' });
  });
});

describe('levelOf and strengthOf', () => {
  it('weak under a day, fair under a year, good under a thousand years, strong beyond', () => {
    expect(levelOf(DAY - 1)).toBe('weak');
    expect(levelOf(DAY)).toBe('fair');
    expect(levelOf(YEAR - 1)).toBe('fair');
    expect(levelOf(YEAR)).toBe('good');
    expect(levelOf(1000 * YEAR - 1)).toBe('good');
    expect(levelOf(1000 * YEAR)).toBe('strong');
    expect(levelOf(Number.NaN)).toBe('weak');
  });

  it('counts guesses at the attacker’s pace, and only good or strong goes without a second thought', () => {
    expect(strengthOf(GUESSES_PER_SECOND * 5 * MINUTE)).toEqual({ level: 'weak', time: { kind: 'about', unit: 'minute', count: 5 }, acceptable: false });
    expect(strengthOf(GUESSES_PER_SECOND * 40 * DAY)).toEqual({ level: 'fair', time: { kind: 'about', unit: 'month', count: 1 }, acceptable: false });
    expect(strengthOf(GUESSES_PER_SECOND * 3 * YEAR)).toEqual({ level: 'good', time: { kind: 'about', unit: 'year', count: 3 }, acceptable: true });
    expect(strengthOf(1e20)).toEqual({ level: 'strong', time: { kind: 'centuries' }, acceptable: true });
  });
});

describe('strengthWords', () => {
  const instances = new Map<Language, i18n>();
  beforeAll(async () => {
    for (const lng of LANGUAGES) {
      const instance = i18next.createInstance();
      await instance.init({
        resources: { [lng]: { passphrase: { ...CATALOGUES.passphrase[lng] } } },
        lng,
        ns: ['passphrase'],
        defaultNS: 'passphrase',
        keySeparator: false,
        nsSeparator: ':',
        interpolation: { escapeValue: false },
      });
      instances.set(lng, instance);
    }
  });
  const say = (lng: Language, s: Strength) => {
    const instance = instances.get(lng)!;
    return strengthWords((key, options) => instance.t(key, options ?? {}), s);
  };
  const about = (unit: 'second' | 'minute' | 'hour' | 'day' | 'month' | 'year', count: number, level: Strength['level'] = 'weak'): Strength => ({
    level,
    time: { kind: 'about', unit, count },
    acceptable: false,
  });

  it('says the level and the time in English', () => {
    expect(say('en', about('minute', 5))).toBe('Weak: could be guessed in about 5 minutes.');
    expect(say('en', about('hour', 1))).toBe('Weak: could be guessed in about 1 hour.');
    expect(say('en', { level: 'weak', time: { kind: 'instant' }, acceptable: false })).toBe('Weak: could be guessed at once.');
    expect(say('en', { level: 'strong', time: { kind: 'centuries' }, acceptable: true })).toBe('Strong: guessing it would take centuries.');
  });

  it('uses the Russian forms for one, few and many', () => {
    expect(say('ru', about('minute', 1))).toBe('Слабая: её можно подобрать примерно за 1 минуту.');
    expect(say('ru', about('minute', 3))).toBe('Слабая: её можно подобрать примерно за 3 минуты.');
    expect(say('ru', about('minute', 5))).toBe('Слабая: её можно подобрать примерно за 5 минут.');
    expect(say('ru', about('minute', 21))).toBe('Слабая: её можно подобрать примерно за 21 минуту.');
    expect(say('ru', about('year', 11, 'good'))).toBe('Хорошая: её можно подобрать примерно за 11 лет.');
    expect(say('ru', about('hour', 2, 'weak'))).toBe('Слабая: её можно подобрать примерно за 2 часа.');
  });

  it('uses the Ukrainian forms for one, few and many', () => {
    expect(say('uk', about('day', 21, 'fair'))).toBe('Середня: її можна підібрати приблизно за 21 день.');
    expect(say('uk', about('day', 4, 'fair'))).toBe('Середня: її можна підібрати приблизно за 4 дні.');
    expect(say('uk', about('year', 12, 'good'))).toBe('Добра: її можна підібрати приблизно за 12 років.');
    expect(say('uk', { level: 'strong', time: { kind: 'centuries' }, acceptable: true })).toBe('Надійна: на підбір підуть століття.');
  });
});

describe('newPassphraseProblem', () => {
  const strong = strengthOf(1e20);
  const weak = strengthOf(10);
  it('names the first thing that stops it: too short, then not the same twice, then weak and not accepted', () => {
    expect(newPassphraseProblem({ passphrase: 'short', confirm: 'other', acceptWeak: false, strength: weak })).toBe('short');
    // Characters, not UTF-16 units: eight letters of any alphabet (and emoji count once).
    expect(newPassphraseProblem({ passphrase: '🙂🙂🙂🙂🙂🙂🙂', confirm: '🙂🙂🙂🙂🙂🙂🙂', acceptWeak: true, strength: weak })).toBe('short');
    expect(newPassphraseProblem({ passphrase: 'свобода!', confirm: 'свобода!', acceptWeak: true, strength: weak })).toBeNull();
    expect(newPassphraseProblem({ passphrase: 'long enough', confirm: 'long enougH', acceptWeak: true, strength: strong })).toBe('mismatch');
    expect(newPassphraseProblem({ passphrase: 'password1', confirm: 'password1', acceptWeak: false, strength: weak })).toBe('weak');
    expect(newPassphraseProblem({ passphrase: 'password1', confirm: 'password1', acceptWeak: true, strength: weak })).toBeNull();
    expect(newPassphraseProblem({ passphrase: 'kettle orbit vinegar mitten', confirm: 'kettle orbit vinegar mitten', acceptWeak: false, strength: strong })).toBeNull();
  });
});

describe('the estimator (zxcvbn-ts with its dictionaries)', () => {
  it('finds common passwords weak and unrelated words strong', async () => {
    const estimate = await loadEstimator();
    expect(await loadEstimator()).toBe(estimate); // loaded once
    for (const weak of ['password', 'qwerty123', 'samizdat1', 'olga2024!']) {
      expect({ weak, s: estimate(weak) }).toMatchObject({ weak, s: { level: 'weak', acceptable: false } });
    }
    expect(estimate('password').time).toEqual({ kind: 'instant' });
    for (const strong of ['kettle orbit vinegar mitten', 'солидарность рабочих навсегда']) {
      expect({ strong, s: estimate(strong) }).toMatchObject({ strong, s: { level: 'strong', acceptable: true } });
    }
  });
});

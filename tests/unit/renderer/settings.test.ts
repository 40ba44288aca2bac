// Settings' pure parts: the idle lock's choices (the stored value kept among them), their words in
// each language's plural forms, and the word typed to confirm a panic wipe. And the member card's
// proposed file name.

import { describe, expect, it } from 'vitest';
import { cardFileName, fileNameOf } from '../../../src/renderer/screens/firstrun/card.js';
import { IDLE_CHOICES, idleChoices, idleWords, wipeWordMatches } from '../../../src/renderer/screens/settings/settings.js';
import { CATALOGUES } from '../../../src/renderer/i18n/catalogues.js';
import type { Language } from '../../../src/renderer/i18n/languages.js';

/** i18next's plural lookup, as the app does it: key_<category> by Intl.PluralRules. */
const plural = (lng: Language) => (key: string, { count }: { count: number }) => {
  const text = CATALOGUES.settings[lng][`${key}_${new Intl.PluralRules(lng).select(count)}`];
  if (text === undefined) throw new Error(`no ${key} for ${count} in ${lng}`);
  return text.replace('{{count}}', String(count));
};

describe('idle lock choices', () => {
  it('offers minutes up to the contract’s 240, and keeps a stored value that is not among them', () => {
    expect(IDLE_CHOICES.every((m) => Number.isInteger(m) && m >= 1 && m <= 240)).toBe(true);
    expect(idleChoices(10)).toEqual([...IDLE_CHOICES]);
    expect(idleChoices(7)).toEqual([1, 2, 5, 7, 10, 15, 30, 60, 120, 240]);
    expect(idleChoices(undefined)).toEqual([...IDLE_CHOICES]);
    expect(idleChoices(999)).toEqual([...IDLE_CHOICES]);
  });

  it('words whole hours as hours, the rest as minutes, in each language', () => {
    expect(idleWords(plural('en'), 1)).toBe('1 minute');
    expect(idleWords(plural('en'), 90)).toBe('90 minutes');
    expect(idleWords(plural('en'), 120)).toBe('2 hours');
    expect(idleWords(plural('ru'), 1)).toBe('1 минуту');
    expect(idleWords(plural('ru'), 2)).toBe('2 минуты');
    expect(idleWords(plural('ru'), 15)).toBe('15 минут');
    expect(idleWords(plural('ru'), 60)).toBe('1 час');
    expect(idleWords(plural('ru'), 240)).toBe('4 часа');
    expect(idleWords(plural('uk'), 5)).toBe('5 хвилин');
    expect(idleWords(plural('uk'), 120)).toBe('2 години');
  });
});

describe('the word that confirms a panic wipe', () => {
  it('is the word shown, in any case, with spaces around it', () => {
    expect(wipeWordMatches('wipe', 'wipe')).toBe(true);
    expect(wipeWordMatches('  WIPE ', 'wipe')).toBe(true);
    expect(wipeWordMatches('Уничтожить', CATALOGUES.settings.ru['wipe.word']!)).toBe(true);
    expect(wipeWordMatches('знищити', CATALOGUES.settings.uk['wipe.word']!)).toBe(true);
  });

  it('takes the English word everywhere, and nothing else', () => {
    expect(wipeWordMatches('wipe', CATALOGUES.settings.ru['wipe.word']!)).toBe(true);
    for (const wrong of ['', ' ', 'wip', 'wipe it', 'yes', 'уничтожит', 'delete']) expect({ wrong, ok: wipeWordMatches(wrong, CATALOGUES.settings.ru['wipe.word']!) }).toEqual({ wrong, ok: false });
    expect(wipeWordMatches('знищити', 'wipe')).toBe(false);
  });
});

describe('the member card’s file name', () => {
  it('is the name in letters, digits and dashes, ending with .member', () => {
    expect(cardFileName('Olga')).toBe('Olga.member');
    expect(cardFileName('Ольга Петрова')).toBe('Ольга-Петрова.member');
    expect(cardFileName('../../etc/passwd')).toBe('etc-passwd.member');
    expect(cardFileName('   ')).toBe('member.member');
    expect(cardFileName('x'.repeat(200))).toBe(`${'x'.repeat(60)}.member`);
    expect(fileNameOf('/tmp/staging/abc/Olga.member')).toBe('Olga.member');
    expect(fileNameOf('C:\\Users\\o\\Olga.member')).toBe('Olga.member');
  });
});

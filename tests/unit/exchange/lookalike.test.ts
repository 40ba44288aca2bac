import { describe, expect, it } from 'vitest';
import { findLookalikes, nameSkeleton, nameSkeletons } from '../../../src/core/exchange/lookalike.js';

const KNOWN = [
  { id: 'g-kras', name: 'KRAS-IWA' },
  { id: 'g-abc', name: 'Anarchist Black Cross' },
  { id: 'g-svoboda', name: 'Свобода' },
  { id: 'g-volia', name: 'Воля' },
];

/** The ids and kinds that `name` is flagged against among KNOWN. */
const flagged = (name: string, selfId?: string) => findLookalikes(name, KNOWN, selfId).map((l) => `${l.id}:${l.kind}`);

describe('findLookalikes', () => {
  it.each([
    ['kras iwa', 'another case, a space for the hyphen'],
    ['KRAS\u2010IWA', 'U+2010 HYPHEN'],
    ['KRAS\u2013IWA', 'U+2013 EN DASH'],
    ['KRAS_IWA', 'underscore'],
    [' KRAS-IWA. ', 'spaces and a dot around it'],
    ['\u041aR\u0410S-IWA', 'Cyrillic К and А'],
    ['KRAS-\u0406WA', 'Cyrillic І'],
    ['\u039aR\u0391S-\u0399WA', 'Greek Κ, Α, Ι'],
    ['ＫＲＡＳ－ＩＷＡ', 'fullwidth forms'],
    ['KR\u200dAS-IWA', 'ZERO WIDTH JOINER inside'],
    ['KRAS\u200b-IWA\u00ad', 'ZERO WIDTH SPACE and SOFT HYPHEN'],
    ['\u202eKRAS-IWA', 'a bidi override'],
    ['KRAS-lWA', 'lowercase l for I'],
    ['KRAS-1WA', 'digit 1 for I'],
  ])('flags %j (%s) as confusable with KRAS-IWA', (name) => {
    expect(flagged(name)).toEqual(['g-kras:confusable']);
  });

  it('flags digits for letters: B1ack for Black, 0 for O', () => {
    expect(flagged('Anarchist B1ack Cross')).toEqual(['g-abc:confusable']);
    expect(flagged('Anarchist Black Cr0ss')).toEqual(['g-abc:confusable']);
    expect(flagged('ANARCHIST BLACK CROSS')).toEqual(['g-abc:confusable']);
    expect(flagged('Anarchist  Black\tCross')).toEqual(['g-abc:confusable']);
  });

  it('calls the exactly equal name (after NFC) same-name', () => {
    expect(flagged('KRAS-IWA')).toEqual(['g-kras:same-name']);
    const known = [{ id: 'a', name: 'Cafe\u0301 Libertaire' }];
    expect(findLookalikes('Café Libertaire', known)).toEqual([{ id: 'a', name: 'Cafe\u0301 Libertaire', kind: 'same-name' }]);
  });

  it('keeps the known entries whole and in order, and skips the entry itself', () => {
    const known = [
      { id: 'x', name: 'kras iwa', extra: 1 },
      { id: 'self', name: 'KRAS-IWA', extra: 2 },
      { id: 'y', name: 'KRAS-IWA', extra: 3 },
    ];
    expect(findLookalikes('KRAS-IWA', known, 'self')).toEqual([
      { id: 'x', name: 'kras iwa', extra: 1, kind: 'confusable' },
      { id: 'y', name: 'KRAS-IWA', extra: 3, kind: 'same-name' },
    ]);
  });

  it('does not flag genuinely different names', () => {
    expect(flagged('KRAS-AIT')).toEqual([]);
    expect(flagged('K\u03a1AS-IWA')).toEqual([]); // Greek Ρ is drawn like P, not R
    expect(flagged('KRAS-IWA-2')).toEqual([]);
    expect(flagged('Anarchist Red Cross')).toEqual([]);
    expect(flagged('Confederación Nacional del Trabajo')).toEqual([]);
    expect(flagged('Black Cross')).toEqual([]);
  });

  it('strips punctuation in Cyrillic names too, and treats case alike there', () => {
    expect(flagged('Свобода!')).toEqual(['g-svoboda:confusable']);
    expect(flagged('«Свобода»')).toEqual(['g-svoboda:confusable']);
    expect(flagged('СВОБОДА')).toEqual(['g-svoboda:confusable']);
    expect(flagged('ВОЛЯ')).toEqual(['g-volia:confusable']);
    expect(flagged('волЯ')).toEqual(['g-volia:confusable']);
  });

  it('flags Latin letters slipped into a Cyrillic name', () => {
    expect(flagged('Cвобода')).toEqual(['g-svoboda:confusable']); // Latin C
    expect(flagged('Свoбoдa')).toEqual(['g-svoboda:confusable']); // Latin o, o, a
    expect(flagged('Bоля')).toEqual(['g-volia:confusable']); // Latin B
  });

  it('does not flag Ukrainian and Russian names that differ by letters that are not confusable', () => {
    expect(flagged('Доля')).toEqual([]);
    expect(flagged('Воли')).toEqual([]);
    expect(flagged('Свабода')).toEqual([]);
    expect(findLookalikes('Київ', [{ id: 'k', name: 'Кияв' }])).toEqual([]);
    expect(findLookalikes('Рух', [{ id: 'r', name: 'Рік' }])).toEqual([]);
    expect(findLookalikes('Їжак', [{ id: 'i', name: 'Йжак' }])).toEqual([]);
  });

  it('matches a name made only of punctuation or invisible characters to its exact equal only', () => {
    expect(findLookalikes('---', [{ id: 'a', name: '...' }, { id: 'b', name: '---' }])).toEqual([{ id: 'b', name: '---', kind: 'same-name' }]);
    expect(findLookalikes('\u200b', [{ id: 'a', name: '' }])).toEqual([]);
  });
});

describe('nameSkeleton', () => {
  it('folds case, width, spacing, punctuation and invisible characters away', () => {
    const s = nameSkeleton('KRAS-IWA');
    for (const v of ['kras iwa', 'KRAS\u2010IWA', 'ＫＲＡＳ－ＩＷＡ', 'KR\u200dAS-IWA', 'K.R.A.S. I.W.A.']) expect(nameSkeleton(v)).toBe(s);
    expect(nameSkeleton('Straße')).toBe(nameSkeleton('STRASSE'));
    expect(nameSkeleton('Anarchist B1ack Cross')).toBe(nameSkeleton('Anarchist Black Cross'));
    expect(nameSkeleton('Свобода!')).toBe(nameSkeleton('Свобода'));
    expect(nameSkeleton('Воля')).not.toBe(nameSkeleton('Доля'));
  });

  it('gives a second skeleton when capitals of another script are homoglyphs only as capitals', () => {
    // Cyrillic К looks like K, but its lowercase к does not look like k: fold-first misses it.
    const cyrillic = '\u041aR\u0410S-IWA';
    expect(nameSkeleton(cyrillic)).not.toBe(nameSkeleton('KRAS-IWA'));
    expect(nameSkeletons(cyrillic)).toContain(nameSkeletons('KRAS-IWA').at(-1));
    expect(nameSkeletons('kras iwa')).toEqual([nameSkeleton('kras iwa')]);
  });

  it('is empty for names without letters, and one skeleton for plain lowercase', () => {
    expect(nameSkeleton('')).toBe('');
    expect(nameSkeleton(' \u200b-_. ')).toBe('');
    expect(nameSkeletons('abc')).toEqual(['abc']);
  });
});

// lookalikeFinder (many lookups against the same known groups, each known name's skeletons made
// once) answers exactly as findLookalikes: the same entries, kinds and order, for names that are
// equal, confusable (scripts, case, digits, invisibles, spacing), unrelated, empty of letters, and
// repeated among the known entries, with and without the entry's own id left out.
import { describe, expect, it } from 'vitest';
import { findLookalikes, lookalikeFinder } from '../../../src/core/exchange/lookalike.js';

const NAMES = [
  'KRAS-IWA',
  'КRАS-IWA', // Cyrillic К and А
  'kras iwa',
  'KRAS‐IWA',
  'KRAS-IVVA',
  'KRAS-lWA',
  'Anarchist Black Cross',
  'Anarchist B1ack Cross',
  'Anarchist Bl\u200dack Cross',
  'Ａｎａｒｃｈｉｓｔ Ｂｌａｃｋ Ｃｒｏｓｓ',
  'Workers\u2019 Union',
  "Workers' Union",
  'Профсоюз «Ёлка»',
  'Профсоюз «Елка»',
  'rn',
  'm',
  '---',
  '   ',
  '',
  'Straße',
  'STRASSE',
  'KRAS-IWA', // a second group of the same name
];

describe('lookalikeFinder', () => {
  it('answers as findLookalikes for every name against every other', () => {
    const known = NAMES.map((name, i) => ({ id: `g${i}`, name, extra: i }));
    const find = lookalikeFinder(known);
    let found = 0;
    const kinds = new Set<string>();
    for (const [i, name] of NAMES.entries()) {
      for (const self of [`g${i}`, undefined, 'nobody']) {
        const expected = findLookalikes(name, known, self);
        expect(find(name, self), `${JSON.stringify(name)} without ${String(self)}`).toEqual(expected);
        found += expected.length;
        for (const e of expected) kinds.add(e.kind);
      }
    }
    for (const name of ['kras-iwa', 'Somebody else', 'Ѕtrasse']) expect(find(name)).toEqual(findLookalikes(name, known));
    // The names hold both kinds of match, many times over.
    expect(kinds).toEqual(new Set(['same-name', 'confusable']));
    expect(found).toBeGreaterThan(60);
  });
});

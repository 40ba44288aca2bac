// The fingerprint as the renderer draws it: a real group's 60 digits as twelve groups of five, each
// spoken digit by digit; the QR code's rectangles (components/qr.ts) redraw exactly the matrix
// groups:fingerprint sends, module for module, inside a quiet zone; and the comparison's pure part
// (screens/contacts/compare.ts): each typed group against the one held, a pasted fingerprint spread
// over the fields, and the focus moving on only when a group is full.

import { describe, expect, it } from 'vitest';
import { qrMatrix } from '../../../src/app/handlers/groups.js';
import { groupFingerprint } from '../../../src/core/verify/statement.js';
import { fingerprintGroups, spoken } from '../../../src/renderer/components/fingerprint.js';
import { QUIET, qrRuns } from '../../../src/renderer/components/qr.js';
import { compareGroups, GROUPS, spreadTyped } from '../../../src/renderer/screens/contacts/compare.js';

const GROUP = 'ab'.repeat(32);

describe('fingerprint digits', () => {
  it('twelve groups of five, in order, separators ignored; spoken digit by digit', () => {
    const fp = groupFingerprint(GROUP);
    const groups = fingerprintGroups(fp);
    expect(groups).toHaveLength(GROUPS);
    expect(groups.every((g) => /^\d{5}$/.test(g))).toBe(true);
    expect(groups.join(' ')).toBe(fp);
    expect(fingerprintGroups(fp.replace(/ /g, '-'))).toEqual(groups);
    expect(spoken('07562')).toBe('0 7 5 6 2');
  });
});

describe('the QR code', () => {
  for (const group of [GROUP, 'cd'.repeat(32), '0'.repeat(64)]) {
    it(`its rectangles redraw groups:fingerprint's matrix exactly (${group.slice(0, 4)}…)`, () => {
      const matrix = qrMatrix(groupFingerprint(group));
      const size = matrix.length;
      const drawn = Array.from({ length: size }, () => Array.from({ length: size }, () => false));
      const runs = qrRuns(matrix);
      for (const r of runs) {
        expect(r.width).toBeGreaterThan(0);
        expect(r.x).toBeGreaterThanOrEqual(QUIET);
        expect(r.y).toBeGreaterThanOrEqual(QUIET);
        expect(r.x + r.width).toBeLessThanOrEqual(size + QUIET);
        for (let x = r.x; x < r.x + r.width; x++) {
          const row = drawn[r.y - QUIET] as boolean[];
          expect(row[x - QUIET], 'no module drawn twice').toBe(false);
          row[x - QUIET] = true;
        }
      }
      expect(drawn).toEqual(matrix);
      // Runs, not modules: far fewer rectangles than dark modules.
      expect(runs.length).toBeLessThan(matrix.flat().filter(Boolean).length);
    });
  }
});

describe('comparing', () => {
  const held = fingerprintGroups(groupFingerprint(GROUP));

  it('says of each group: empty, partial, same or different', () => {
    const typed = held.map(() => '');
    typed[0] = held[0] as string;
    typed[1] = (held[1] as string).slice(0, 3);
    typed[2] = (held[2] as string).replace(/^./, (d) => String((Number(d) + 1) % 10));
    expect(compareGroups(held, typed).slice(0, 4)).toEqual(['same', 'partial', 'differ', 'empty']);
    expect(compareGroups(held, held).every((c) => c === 'same')).toBe(true);
  });

  it('spreads a pasted fingerprint over the fields from where it is pasted', () => {
    const empty = held.map(() => '');
    const all = spreadTyped(empty, 0, groupFingerprint(GROUP));
    expect(all.groups).toEqual(held);
    expect(all.focus).toBe(GROUPS - 1);
    const tail = spreadTyped(empty, 10, `${held[10]}-${held[11]}`);
    expect(tail.groups.slice(10)).toEqual(held.slice(10));
    expect(tail.groups.slice(0, 10).every((g) => g === '')).toBe(true);
    // More than the fields hold: the rest is dropped.
    expect(spreadTyped(empty, 11, '1234567890').groups[11]).toBe('12345');
  });

  it('keeps digits only, and moves on only when a group becomes full', () => {
    const empty = held.map(() => '');
    expect(spreadTyped(empty, 3, '12 3a')).toEqual({ groups: Object.assign([...empty], { 3: '123' }), focus: 3 });
    const full = spreadTyped(empty, 3, '12345');
    expect(full.focus).toBe(4);
    // Editing a group already full stays in it.
    expect(spreadTyped(full.groups, 3, '12346').focus).toBe(3);
    // A sixth digit goes on into the next field.
    const spilled = spreadTyped(full.groups, 3, '123456');
    expect(spilled.groups.slice(3, 5)).toEqual(['12345', '6']);
    expect(spilled.focus).toBe(4);
  });
});

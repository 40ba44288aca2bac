// docs/FORMAT.md pins one Unicode version (R-TEXT-UNASSIGNED): text MUST NOT contain a code point
// that version leaves unassigned, so that readers with other Unicode data cannot disagree on NFC.
// The table of assigned code points is committed (src/core/model/unicode-assigned.ts, written by
// scripts/unicode-assigned.mjs); these tests hold it to the runtime's own data.
import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { ASSIGNED_RANGES, UNICODE_VERSION } from '../../../src/core/model/unicode-assigned.js';
import { textIssue, unassignedCodePoint } from '../../../src/core/model/text.js';
import { readFileSync } from 'node:fs';
import { FORMAT_MD } from '../format/example.js';

const MAX = 0x10ffff;
const version = (v: string): number[] => v.split('.').map(Number);
const compare = (a: string, b: string): number => {
  const [x, y] = [version(a), version(b)];
  for (let i = 0; i < Math.max(x.length, y.length); i++) if ((x[i] ?? 0) !== (y[i] ?? 0)) return (x[i] ?? 0) - (y[i] ?? 0);
  return 0;
};
const runtime = process.versions.unicode as string;

/** Whether the table calls `cp` assigned (by a scan: independent of text.ts's regular expression). */
function tableAssigned(): Uint8Array {
  const assigned = new Uint8Array(MAX + 1);
  for (const [a, b] of ASSIGNED_RANGES) assigned.fill(1, a, b + 1);
  return assigned;
}

describe('the table of code points assigned in the pinned Unicode version', () => {
  it('is well formed: ascending, disjoint, not adjacent, within U+0000 to U+10FFFF', () => {
    let previous = -2;
    for (const [a, b] of ASSIGNED_RANGES) {
      expect(a).toBeGreaterThan(previous + 1);
      expect(b).toBeGreaterThanOrEqual(a);
      expect(b).toBeLessThanOrEqual(MAX);
      previous = b;
    }
  });

  it(`pins the version docs/FORMAT.md names (${UNICODE_VERSION}), which is this Node's (process.versions.unicode ${runtime}) or older`, () => {
    expect(readFileSync(FORMAT_MD, 'utf8')).toContain(`Unicode ${UNICODE_VERSION}`);
    // An older runtime would judge NFC of the newest characters differently: Samizdat needs at least the pinned one.
    expect(compare(runtime, UNICODE_VERSION), `Node's Unicode ${runtime} is older than the pinned ${UNICODE_VERSION}`).toBeGreaterThanOrEqual(0);
  });

  it('is exactly the complement of /\\p{Cn}/u where the runtime has the pinned version; a subset of its assigned code points where it is newer', () => {
    const assigned = tableAssigned();
    const cn = /\p{Cn}/u;
    let differ = 0;
    let newer = 0;
    for (let cp = 0; cp <= MAX; cp++) {
      const runtimeAssigned = !cn.test(String.fromCodePoint(cp));
      if (assigned[cp] === 1 && !runtimeAssigned) differ++; // Unicode never unassigns a code point
      if (assigned[cp] === 0 && runtimeAssigned) newer++;
    }
    expect(differ).toBe(0);
    if (runtime === UNICODE_VERSION) expect(newer).toBe(0);
  });

  it('scripts/unicode-assigned.mjs --check agrees with the committed table (on the pinned version)', () => {
    if (runtime !== UNICODE_VERSION) return; // a newer runtime would write a newer table; the test above holds it to the pinned one
    expect(execFileSync(process.execPath, ['scripts/unicode-assigned.mjs', '--check'], { encoding: 'utf8' })).toContain(`matches Unicode ${UNICODE_VERSION}`);
  });

  it('text.ts refuses exactly the code points the table leaves out (every code point but surrogates)', () => {
    const assigned = tableAssigned();
    let refused = 0;
    const wrong: string[] = [];
    for (let cp = 0; cp <= MAX; cp++) {
      if (cp >= 0xd800 && cp <= 0xdfff) continue;
      const found = unassignedCodePoint(`a${String.fromCodePoint(cp)}b`);
      if ((found === undefined) !== (assigned[cp] === 1)) wrong.push(`U+${cp.toString(16)}`);
      if (found) refused++;
    }
    expect(wrong).toEqual([]);
    // Unicode 17.0 assigns 299,382 code points of 1,114,112 (2,048 of them surrogates).
    expect(refused).toBe(MAX + 1 - ASSIGNED_RANGES.reduce((n, [a, b]) => n + b - a + 1, 0));
    expect(refused).toBeGreaterThan(800_000);
  });

  it('NFC of assigned text is stable: NFC maps every assigned code point to assigned code points, once and for all', () => {
    const assigned = tableAssigned();
    const wrong: string[] = [];
    let changed = 0;
    for (let cp = 0; cp <= MAX; cp++) {
      if (assigned[cp] !== 1 || (cp >= 0xd800 && cp <= 0xdfff)) continue;
      const s = String.fromCodePoint(cp);
      const nfc = s.normalize('NFC');
      if (nfc === s) continue;
      changed++;
      if (nfc.normalize('NFC') !== nfc || [...nfc].some((c) => assigned[c.codePointAt(0) as number] !== 1)) wrong.push(`U+${cp.toString(16)}`);
    }
    expect(wrong).toEqual([]);
    // Singletons and composition exclusions (U+212B ANGSTROM SIGN, U+0344...) are what NFC changes alone.
    expect(changed).toBeGreaterThan(1000);
  });

  it('an unassigned code point is left alone by NFC (so NFC alone cannot refuse it), and is R-TEXT-UNASSIGNED, listed before R-TEXT-NFC', () => {
    const opts = { multiline: false, min: 1, max: 100 };
    expect('\u0378'.normalize('NFC')).toBe('\u0378');
    expect(textIssue('a\u0378', opts)?.rule).toBe('R-TEXT-UNASSIGNED');
    expect(textIssue('e\u0301\u0378', opts)?.rule).toBe('R-TEXT-UNASSIGNED');
    // The version matters: Kirat Rai (Unicode 16.0) composes, so a reader with Unicode 15 data would call this NFC.
    expect('\u{16d67}\u{16d67}'.normalize('NFC')).toBe('\u{16d68}');
    expect(textIssue('\u{16d67}\u{16d67}', opts)?.rule).toBe('R-TEXT-NFC');
    expect(textIssue('\u{16d68}', opts)).toBeUndefined();
  });

  it('the check is fast enough for a body of a million code points', () => {
    const body = 'Ні війні. No to the war. 不要战争。\n'.repeat(33_000);
    const started = performance.now();
    expect(unassignedCodePoint(body)).toBeUndefined();
    expect(unassignedCodePoint(`${body}\u{e0080}`)).toBe('U+E0080');
    expect(performance.now() - started).toBeLessThan(2000);
  });
});


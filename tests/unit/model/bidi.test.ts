// Names and titles refuse characters that reorder or break how they display (R-TEXT-CONTROL).
import { describe, expect, it } from 'vitest';
import { textProblem } from '../../../src/core/model/text.js';
import { makeStatement } from '../../../src/core/model/build.js';

const single = { multiline: false, min: 1, max: 100 };
const multi = { multiline: true, min: 0, max: 1000 };

describe('bidirectional formatting characters', () => {
  it('are refused in single-line text, each of them', () => {
    for (const c of [0x200e, 0x200f, 0x202a, 0x202b, 0x202c, 0x202d, 0x202e, 0x2066, 0x2067, 0x2068, 0x2069, 0x2028, 0x2029]) {
      expect(textProblem(`KRAS${String.fromCharCode(c)}-IWA`, single), `U+${c.toString(16)}`).toBe('contains a bidirectional formatting or line separator character');
    }
  });

  it('are allowed in a body, where mixed right-to-left text needs marks', () => {
    expect(textProblem('שלום \u200f(KRAS)\u200f', multi)).toBeUndefined();
  });

  it('make a statement title with a right-to-left override invalid, naming the field', () => {
    expect(() => makeStatement({ authors: ['a'.repeat(64)], title: 'IWA\u202eKRAS', lang: 'en', date: '2026-01-01', body: '' })).toThrow(/title: contains a bidirectional/);
  });
});

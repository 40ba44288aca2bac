// Text rules shared by every object: only code points assigned in the pinned Unicode version, NFC,
// no NUL or other control characters (newline and tab only where a field allows them), no white
// space at the ends of single-line text, bounded lengths. Checked in the order of docs/FORMAT.md's
// list, so that text breaking several rules is refused under the rule listed first.
import type { ObjectRule } from './rules.js';
import { ASSIGNED_RANGES, UNICODE_VERSION } from './unicode-assigned.js';

export { UNICODE_VERSION };

/** Normalise text typed by a person: NFC, CRLF/CR to LF. */
export function normaliseText(s: string): string {
  return s.replace(/\r\n?/g, '\n').normalize('NFC');
}

/** A broken text rule: the docs/FORMAT.md rule, and what is wrong in words ("is empty"). */
export interface TextIssue {
  rule: Extract<ObjectRule, 'R-NONCANONICAL' | 'R-TEXT-UNASSIGNED' | 'R-TEXT-NFC' | 'R-TEXT-CONTROL' | 'R-TEXT-SPACE' | 'R-TEXT-LENGTH'>;
  message: string;
}

const u = (cp: number): string => `\\u{${cp.toString(16)}}`;
/** A code point outside the committed table of Unicode UNICODE_VERSION: not the runtime's own data, so every reader agrees. */
const UNASSIGNED = new RegExp(`[^${ASSIGNED_RANGES.map(([a, b]) => (a === b ? u(a) : `${u(a)}-${u(b)}`)).join('')}]`, 'u');
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

/** The first code point of `s` that Unicode UNICODE_VERSION leaves unassigned, as U+XXXX, or undefined. */
export function unassignedCodePoint(s: string): string | undefined {
  const m = UNASSIGNED.exec(s);
  return m ? `U+${(m[0].codePointAt(0) as number).toString(16).toUpperCase().padStart(4, '0')}` : undefined;
}

/**
 * How many code points `s` holds, as `[...s].length` counts them (a surrogate pair is one, a lone
 * surrogate one), without making an array of them: a body of 10,000 characters made 10,000
 * strings, for every statement read.
 */
export function codePointLength(s: string): number {
  let pairs = 0;
  for (let i = 0; i < s.length - 1; i++) {
    const c = s.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdbff) {
      const d = s.charCodeAt(i + 1);
      if (d >= 0xdc00 && d <= 0xdfff) {
        pairs++;
        i++;
      }
    }
  }
  return s.length - pairs;
}

/** The first text rule a string breaks, in the order of docs/FORMAT.md's list, or undefined when it keeps them all. */
export function textIssue(s: string, opts: { multiline: boolean; min: number; max: number }): TextIssue | undefined {
  // A lone surrogate has no UTF-8 encoding and no JCS form: bytes never decode to one (a \uXXXX
  // escape of a surrogate is not canonical); only a value built in memory can hold one.
  if (LONE_SURROGATE.test(s)) return { rule: 'R-NONCANONICAL', message: 'contains a lone surrogate, which has no canonical (JCS) form' };
  const unassigned = unassignedCodePoint(s);
  if (unassigned) return { rule: 'R-TEXT-UNASSIGNED', message: `contains ${unassigned}, which Unicode ${UNICODE_VERSION} does not assign` };
  if (s.normalize('NFC') !== s) return { rule: 'R-TEXT-NFC', message: 'is not in Unicode NFC form' };
  // eslint-disable-next-line no-control-regex -- control characters are what this rule looks for
  const control = opts.multiline ? /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/ : /[\u0000-\u001f\u007f-\u009f]/;
  if (control.test(s)) {
    return { rule: 'R-TEXT-CONTROL', message: opts.multiline ? 'contains a control character other than newline or tab' : 'contains a control character' };
  }
  // Names and titles also refuse bidirectional formatting characters and line separators: they can
  // make one name display as another.
  if (!opts.multiline && /[\u200e\u200f\u202a-\u202e\u2066-\u2069\u2028\u2029]/.test(s)) {
    return { rule: 'R-TEXT-CONTROL', message: 'contains a bidirectional formatting or line separator character' };
  }
  if (!opts.multiline && s.trim() !== s) return { rule: 'R-TEXT-SPACE', message: 'has leading or trailing white space' };
  const length = codePointLength(s);
  if (length < opts.min) return { rule: 'R-TEXT-LENGTH', message: opts.min === 1 ? 'is empty' : `is shorter than ${opts.min} characters` };
  if (length > opts.max) return { rule: 'R-TEXT-LENGTH', message: `is longer than ${opts.max} characters (${length})` };
  return undefined;
}

/** Why a string breaks the text rules, in words, or undefined when it keeps them. */
export function textProblem(s: string, opts: { multiline: boolean; min: number; max: number }): string | undefined {
  return textIssue(s, opts)?.message;
}

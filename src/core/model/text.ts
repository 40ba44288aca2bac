// Text rules shared by every object: NFC, no NUL or other control characters
// (newline and tab only where a field allows them), bounded lengths.
import type { ObjectRule } from './rules.js';

/** Normalise text typed by a person: NFC, CRLF/CR to LF. */
export function normaliseText(s: string): string {
  return s.replace(/\r\n?/g, '\n').normalize('NFC');
}

/** A broken text rule: the docs/FORMAT.md rule, and what is wrong in words ("is empty"). */
export interface TextIssue {
  rule: Extract<ObjectRule, 'R-TEXT-NFC' | 'R-TEXT-CONTROL' | 'R-TEXT-SPACE' | 'R-TEXT-LENGTH' | 'R-UTF8'>;
  message: string;
}

/** The first text rule a string breaks, or undefined when it keeps them all. */
export function textIssue(s: string, opts: { multiline: boolean; min: number; max: number }): TextIssue | undefined {
  if (s.normalize('NFC') !== s) return { rule: 'R-TEXT-NFC', message: 'is not in Unicode NFC form' };
  const length = [...s].length;
  if (length < opts.min) return { rule: 'R-TEXT-LENGTH', message: opts.min === 1 ? 'is empty' : `is shorter than ${opts.min} characters` };
  if (length > opts.max) return { rule: 'R-TEXT-LENGTH', message: `is longer than ${opts.max} characters (${length})` };
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
  // A lone surrogate has no UTF-8 encoding: the text could not have come from well-formed bytes.
  if (/[\ud800-\udfff]/.test(s.replace(/[\ud800-\udbff][\udc00-\udfff]/g, ''))) return { rule: 'R-UTF8', message: 'contains a lone surrogate' };
  if (!opts.multiline && s.trim() !== s) return { rule: 'R-TEXT-SPACE', message: 'has leading or trailing white space' };
  return undefined;
}

/** Why a string breaks the text rules, in words, or undefined when it keeps them. */
export function textProblem(s: string, opts: { multiline: boolean; min: number; max: number }): string | undefined {
  return textIssue(s, opts)?.message;
}

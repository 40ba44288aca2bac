// Text rules shared by every object: NFC, no NUL or other control characters
// (newline and tab only where a field allows them), bounded lengths.

/** Normalise text typed by a person: NFC, CRLF/CR to LF. */
export function normaliseText(s: string): string {
  return s.replace(/\r\n?/g, '\n').normalize('NFC');
}

/** Why a string breaks the text rules, or undefined when it keeps them. */
export function textProblem(s: string, opts: { multiline: boolean; min: number; max: number }): string | undefined {
  if (s.normalize('NFC') !== s) return 'is not in Unicode NFC form';
  const length = [...s].length;
  if (length < opts.min) return opts.min === 1 ? 'is empty' : `is shorter than ${opts.min} characters`;
  if (length > opts.max) return `is longer than ${opts.max} characters (${length})`;
  // eslint-disable-next-line no-control-regex -- control characters are what this rule looks for
  const control = opts.multiline ? /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/ : /[\u0000-\u001f\u007f-\u009f]/;
  if (control.test(s)) return opts.multiline ? 'contains a control character other than newline or tab' : 'contains a control character';
  // Names and titles also refuse bidirectional formatting characters and line separators: they can
  // make one name display as another.
  if (!opts.multiline && /[\u200e\u200f\u202a-\u202e\u2066-\u2069\u2028\u2029]/.test(s)) {
    return 'contains a bidirectional formatting or line separator character';
  }
  if (/[\ud800-\udfff]/.test(s.replace(/[\ud800-\udbff][\udc00-\udfff]/g, ''))) return 'contains a lone surrogate';
  if (!opts.multiline && s.trim() !== s) return 'has leading or trailing white space';
  return undefined;
}

// Canonical JSON (RFC 8785, JCS) through the `canonicalize` library, plus the strict reverse:
// bytes are accepted only when they are already their own canonical form.
import canonicalize from 'canonicalize';
import { quote, SamizdatError } from '../errors.js';

const encoder = new TextEncoder();
const strictDecoder = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

/** The JCS serialisation of a JSON value, as a string. */
export function canonicalString(value: unknown): string {
  const text = canonicalize(value);
  if (text === undefined) {
    throw new SamizdatError('model', 'usage', 'model.not-json', 'value has no JSON form');
  }
  return text;
}

/** The JCS serialisation of a JSON value, UTF-8 encoded: the bytes that are hashed and signed. */
export function canonicalBytes(value: unknown): Uint8Array {
  return encoder.encode(canonicalString(value));
}

/**
 * The first member name that appears twice in one JSON object of `text`, or undefined. `text` must
 * be valid JSON (JSON.parse accepted it), which JSON.parse cannot tell: it keeps the last value.
 * Names are compared after unescaping, so `"a"` and `"\u0061"` are the same name.
 */
export function duplicateMemberName(text: string): string | undefined {
  // One entry per open object (its names so far) or array (null); iterative, so depth is no risk.
  const open: Array<Set<string> | null> = [];
  let expectName = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '"') {
      let end = i + 1;
      while (end < text.length && text[end] !== '"') end += text[end] === '\\' ? 2 : 1;
      if (expectName) {
        const names = open[open.length - 1];
        const name = JSON.parse(text.slice(i, end + 1)) as string;
        if (names?.has(name)) return name;
        names?.add(name);
        expectName = false;
      }
      i = end;
    } else if (c === '{') {
      open.push(new Set());
      expectName = true;
    } else if (c === '[') {
      open.push(null);
      expectName = false;
    } else if (c === '}' || c === ']') {
      open.pop();
      expectName = false;
    } else if (c === ',') {
      expectName = open[open.length - 1] instanceof Set;
    }
  }
  return undefined;
}

/** Whether every object in `value` (parsed JSON) has its members in code-unit order, as JCS writes them. */
function membersSorted(value: unknown): boolean {
  if (value === null || typeof value !== 'object') return true;
  if (Array.isArray(value)) return value.every(membersSorted);
  const record = value as Record<string, unknown>;
  const keys = Object.keys(record);
  for (let i = 1; i < keys.length; i++) if ((keys[i - 1] as string) >= (keys[i] as string)) return false;
  return keys.every((k) => membersSorted(record[k]));
}

/**
 * Whether `text` is the JCS form of `value`, its parse, decided without writing that form: when
 * the text has no \u escape (so, decoded strictly, no lone surrogate), JSON.stringify writes every
 * string, number and literal as JCS does (RFC 8785 takes them from it), and every object's members
 * are in code-unit order (as JCS sorts them), JCS's form is JSON.stringify's. False says only that
 * this shortcut cannot tell: parseCanonical then compares with the form itself.
 */
const plainlyCanonical = (text: string, value: unknown): boolean => !text.includes('\\u') && JSON.stringify(value) === text && membersSorted(value);

/**
 * Parse bytes that MUST be canonical JSON, checking in the order of docs/FORMAT.md: invalid UTF-8
 * (R-UTF8); anything but one JSON text (R-JSON); two fields of one name in an object (R-DUPLICATE-FIELD,
 * found on the text before anything is re-serialised, since JSON.parse keeps the last of them);
 * then any whitespace, ordering, escape or number spelling other than JCS's, and a lone surrogate
 * escape, which has no JCS form (R-NONCANONICAL).
 */
export function parseCanonical(bytes: Uint8Array, what: string): unknown {
  let text: string;
  try {
    text = strictDecoder.decode(bytes);
  } catch {
    throw new SamizdatError('model', 'input', 'model.bad-utf8', `${what} is not valid UTF-8`, { rule: 'R-UTF8' });
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (err) {
    throw new SamizdatError('model', 'input', 'model.bad-json', `${what} is not valid JSON (${(err as Error).message})`, { rule: 'R-JSON' });
  }
  // Text equal to its canonical form has no duplicate member: that form is written from an object,
  // whose names are distinct. So the scan for duplicates runs only on text that is not canonical,
  // before that is said, and the rule reported is the same as if it always ran first.
  try {
    if (plainlyCanonical(text, value)) return value;
  } catch {
    // Nested too deeply to walk: the comparison below fails the same way, and says so.
  }
  let again: string | undefined;
  let failure: string | undefined;
  try {
    again = canonicalString(value);
  } catch (err) {
    failure = (err as Error).message;
  }
  if (again === text) return value;
  const duplicate = duplicateMemberName(text);
  if (duplicate !== undefined) {
    throw new SamizdatError('model', 'input', 'model.duplicate-field', `${what} has two fields named ${quote(duplicate)}`, { rule: 'R-DUPLICATE-FIELD' });
  }
  const notCanonical = (detail: string) => new SamizdatError('model', 'input', 'model.not-canonical', `${what} ${detail}`, { rule: 'R-NONCANONICAL' });
  if (failure !== undefined) throw notCanonical(`cannot be canonicalised (${failure})`);
  throw notCanonical('is not in canonical form (RFC 8785: sorted members, no whitespace, JCS escapes and numbers)');
}

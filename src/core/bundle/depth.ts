// How deeply a JSON text nests arrays and objects, found by scanning bytes (never by parsing), so
// that a payload of a million "[" is refused before any parser recurses into it (B-DEPTH).

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const OPEN = new Set([0x5b, 0x7b]); // [ {
const CLOSE = new Set([0x5d, 0x7d]); // ] }

/** The deepest nesting in `bytes`, stopping early once it exceeds `max`. Malformed JSON is left to the parser. */
export function jsonDepth(bytes: Uint8Array, max: number): number {
  let depth = 0;
  let deepest = 0;
  let inString = false;
  for (let i = 0; i < bytes.length; i++) {
    const b = bytes[i] as number;
    if (inString) {
      if (b === BACKSLASH) i++;
      else if (b === QUOTE) inString = false;
    } else if (b === QUOTE) {
      inString = true;
    } else if (OPEN.has(b)) {
      depth++;
      if (depth > deepest) {
        deepest = depth;
        if (deepest > max) return deepest;
      }
    } else if (CLOSE.has(b)) {
      depth--;
    }
  }
  return deepest;
}

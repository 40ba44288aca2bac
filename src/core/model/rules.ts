// The names of docs/FORMAT.md's rules for malformed objects ("Objects a reader MUST reject"), in the
// document's order, which is also their precedence: an object that breaks several is refused under
// the one listed first (rule numbers are names: R-TEXT-UNASSIGNED, number 75, is listed before
// R-TEXT-NFC). A decoding error names the one its input breaks (SamizdatError.rule).

export const OBJECT_RULES = [
  'R-UTF8',
  'R-JSON',
  'R-DUPLICATE-FIELD',
  'R-NONCANONICAL',
  'R-UNKNOWN-TYPE',
  'R-VERSION',
  'R-UNKNOWN-OP',
  'R-MISSING-FIELD',
  'R-UNKNOWN-FIELD',
  'R-FIELD-TYPE',
  'R-HEX',
  'R-INTEGER',
  'R-TEXT-UNASSIGNED',
  'R-TEXT-NFC',
  'R-TEXT-CONTROL',
  'R-TEXT-SPACE',
  'R-TEXT-LENGTH',
  'R-COUNT',
  'R-UNSORTED',
  'R-DUPLICATE-ENTRY',
  'R-LANG',
  'R-MEDIA-TYPE',
  'R-PATH-NAME',
  'R-UNKNOWN-RELATION',
  'R-UNKNOWN-ROLE',
  'R-CHARTER-SEQ',
  'R-CHARTER-BOX-REUSED',
  'R-CHARTER-THRESHOLD',
  'R-ATTACHMENT-MISMATCH',
  'R-CARD-SIGNATURE',
] as const;

export type ObjectRule = (typeof OBJECT_RULES)[number];

const KNOWN: ReadonlySet<string> = new Set(OBJECT_RULES);

export const isObjectRule = (x: unknown): x is ObjectRule => typeof x === 'string' && KNOWN.has(x);

/** A rule's place in the list: of several rules an object breaks, a reader names the one of lowest place. */
export const rulePlace = (rule: ObjectRule | undefined): number => (rule === undefined ? OBJECT_RULES.length : OBJECT_RULES.indexOf(rule));

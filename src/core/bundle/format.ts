// The bundle format's constants, sort order and errors, in docs/FORMAT.md's words ("Bundles").
import { SamizdatError } from '../errors.js';
import { LIMITS } from '../model/limits.js';

export const BUNDLE_MAGIC = 'samizdat-bundle/v1';
export const AGE_MAGIC = 'age-encryption.org/v1';

/** docs/FORMAT.md, "Bundles" > "Limits". */
export const BUNDLE_LIMITS = {
  fileBytes: 2 ** 32,
  records: 1_000_000,
  objectBytes: 8 * 1024 * 1024,
  attachmentBytes: 1024 * 1024 * 1024,
  /** The deepest nesting of any valid object (B-DEPTH): the same number as the object format's. */
  depth: LIMITS.depth,
  lineBytes: 100,
  ageStanzas: 4096,
  ageWorkFactor: 18,
} as const;

/** The scrypt work factor (log2 N) Samizdat writes for passphrase-sealed bundles. */
export const SEAL_WORK_FACTOR = 17;

/** The rules of "Bundles a reader MUST reject", in the document's order. */
export const BUNDLE_RULES = [
  'B-MAGIC',
  'B-SYNTAX',
  'B-COUNT',
  'B-RECORD-COUNT',
  'B-OBJECT-SIZE',
  'B-ATTACHMENT-SIZE',
  'B-FILE-SIZE',
  'B-DEPTH',
  'B-ORDER',
  'B-DUPLICATE',
  'B-UNREFERENCED',
  'B-TRUNCATED',
  'B-CHECKSUM',
  'B-TRAILING-DATA',
  'B-AGE-STANZAS',
  'B-AGE-WORK',
  'B-AGE-HEADER',
  'B-AGE-PAYLOAD',
] as const;
export type BundleRule = (typeof BUNDLE_RULES)[number];

/** A bundle broke a rule: the whole bundle is rejected (exit 4). */
export function bundleError(rule: BundleRule | `R-${string}`, message: string): SamizdatError {
  return new SamizdatError('bundle', 'input', `bundle.${rule.toLowerCase()}`, message, { rule });
}

/** The record kinds in their sort order: links, statements, signatures, attachments. */
export const SECTION = { link: 0, statement: 1, signature: 2, attachment: 3 } as const;
export type Section = keyof typeof SECTION;

/** A record's sort key as one comparable string: the section digit, then the id. */
export const sortKey = (section: Section, id: string): string => `${SECTION[section]}:${id}`;

// One malformed object for each R- rule of docs/FORMAT.md ("Objects a reader MUST reject"), as the
// exact raw bytes a reader receives. Each starts from a valid object of the worked example
// (tests/unit/format/example.ts, deterministic: fixed seeds and nonce) and breaks exactly one thing;
// where the rule is not about the encoding, the result is re-encoded canonically, so that the rule
// named is the only one broken. Used by tests/unit/model/rule-names.test.ts and by the generator of
// bundle fixtures.
import { sha256Hex } from '../../src/core/crypto/hash.js';
import { canonicalBytes, canonicalString } from '../../src/core/model/canonical.js';
import type { MemberCard } from '../../src/core/model/card.js';
import type { ObjectRule } from '../../src/core/model/rules.js';
import type { AttachmentRef, Statement } from '../../src/core/model/types.js';
import { validateStatement } from '../../src/core/model/validate.js';
import { buildExample, type Example } from '../unit/format/example.js';

export type MalformedKind = 'link' | 'statement' | 'signature' | 'member-card';

export interface Malformed {
  rule: ObjectRule;
  /** The exact bytes of the object. */
  bytes: Uint8Array;
  /** What the bytes claim to be: a member card is read by decodeMemberCard, the rest by decodeObject. */
  kind: MalformedKind;
  /** What was broken, in words. */
  note: string;
}

let cached: Example | undefined;
const example = (): Example => (cached ??= buildExample());

const encoder = new TextEncoder();
const utf8 = (s: string): Uint8Array => encoder.encode(s);

/** A copy of `o` without `key`. */
function without(o: object, key: string): Record<string, unknown> {
  const copy: Record<string, unknown> = { ...o };
  delete copy[key];
  return copy;
}

/** The 5 bytes an R-ATTACHMENT-MISMATCH reference is checked against: "hello". */
export const HELLO_BYTES: Uint8Array = utf8('hello');

/**
 * A valid statement (the worked example's, with its attachment replaced) whose one attachment
 * reference says {id: SHA-256 of "hello", size: 4}: it decodes, but the 5 bytes "hello" presented
 * as that attachment do not match it, since their length is 5, not 4 (R-ATTACHMENT-MISMATCH).
 */
export function attachmentMismatchStatement(): Statement {
  const ref: AttachmentRef = { id: sha256Hex(HELLO_BYTES), name: 'hello.txt', mediaType: 'text/plain', size: 4 };
  return validateStatement({ ...example().statement, attachments: [ref] }, 'attachment-mismatch statement');
}

/** One entry per R- rule, in docs/FORMAT.md order. */
export function malformedObjects(): Malformed[] {
  const ex = example();
  const statement = ex.statement;
  const statementText = canonicalString(statement);
  const [attachment] = statement.attachments as [AttachmentRef];
  const withAttachment = (over: Partial<AttachmentRef>) => canonicalBytes({ ...statement, attachments: [{ ...attachment, ...over }] });
  const [m0, m1, m2] = ex.charter.members;
  if (!m0 || !m1 || !m2) throw new Error('the example charter lists three members');
  const card: MemberCard = ex.daveCard;

  // R-UTF8: the first byte of the title ("N", 0x4e) replaced by 0xff, which never occurs in UTF-8.
  const titleAt = utf8(statementText.slice(0, statementText.indexOf('"title":"') + '"title":"'.length)).length;
  const badUtf8 = utf8(statementText);
  badUtf8[titleAt] = 0xff;

  return [
    { rule: 'R-UTF8', kind: 'statement', bytes: badUtf8, note: 'the first byte of the title replaced by 0xff' },
    { rule: 'R-JSON', kind: 'statement', bytes: utf8(`\ufeff${statementText}`), note: 'a byte order mark (EF BB BF) before the statement' },
    { rule: 'R-DUPLICATE-FIELD', kind: 'statement', bytes: utf8(`${statementText.slice(0, -1)},"v":1}`), note: 'the field "v" twice, with equal values' },
    { rule: 'R-NONCANONICAL', kind: 'statement', bytes: utf8(statementText.replace('"type":"statement"', '"type": "statement"')), note: 'a space after a colon' },
    { rule: 'R-UNKNOWN-TYPE', kind: 'statement', bytes: canonicalBytes({ ...statement, type: 'draft' }), note: 'type "draft"' },
    { rule: 'R-VERSION', kind: 'statement', bytes: canonicalBytes({ ...statement, v: 2 }), note: 'v 2' },
    { rule: 'R-UNKNOWN-OP', kind: 'link', bytes: canonicalBytes({ ...ex.add, op: 'merge' }), note: 'the add link with op "merge"' },
    { rule: 'R-MISSING-FIELD', kind: 'signature', bytes: canonicalBytes(without(ex.aliceSignature, 'role')), note: 'a signature without role' },
    { rule: 'R-UNKNOWN-FIELD', kind: 'signature', bytes: canonicalBytes({ ...ex.aliceSignature, comment: 'x' }), note: 'a signature with a field "comment"' },
    { rule: 'R-FIELD-TYPE', kind: 'statement', bytes: canonicalBytes({ ...statement, body: null }), note: 'body null' },
    { rule: 'R-HEX', kind: 'signature', bytes: canonicalBytes({ ...ex.aliceSignature, key: ex.aliceSignature.key.toUpperCase() }), note: 'a signature key in uppercase hex' },
    { rule: 'R-INTEGER', kind: 'statement', bytes: withAttachment({ size: 2 ** 30 + 1 }), note: 'attachment size 2^30 + 1' },
    {
      rule: 'R-TEXT-UNASSIGNED',
      kind: 'statement',
      bytes: canonicalBytes({ ...statement, title: `${statement.title}\u0378` }),
      note: 'a title ending in U+0378, a code point that Unicode 17.0 leaves unassigned',
    },
    { rule: 'R-TEXT-NFC', kind: 'statement', bytes: canonicalBytes({ ...statement, title: 'Cafe\u0301' }), note: 'a title with e and a combining acute accent' },
    { rule: 'R-TEXT-CONTROL', kind: 'statement', bytes: canonicalBytes({ ...statement, title: `${statement.title}\u0007` }), note: 'a title ending in U+0007' },
    { rule: 'R-TEXT-SPACE', kind: 'statement', bytes: canonicalBytes({ ...statement, title: `${statement.title} ` }), note: 'a title ending in a space' },
    { rule: 'R-TEXT-LENGTH', kind: 'statement', bytes: canonicalBytes({ ...statement, title: '' }), note: 'an empty title' },
    { rule: 'R-COUNT', kind: 'statement', bytes: canonicalBytes({ ...statement, authors: [] }), note: 'no authors' },
    { rule: 'R-UNSORTED', kind: 'link', bytes: canonicalBytes({ ...ex.charter, members: [m1, m0, m2] }), note: 'charter members out of order' },
    { rule: 'R-DUPLICATE-ENTRY', kind: 'statement', bytes: canonicalBytes({ ...statement, authors: [ex.groupId, ex.groupId] }), note: 'the same author twice' },
    { rule: 'R-LANG', kind: 'statement', bytes: canonicalBytes({ ...statement, lang: 'EN' }), note: 'lang "EN"' },
    { rule: 'R-MEDIA-TYPE', kind: 'statement', bytes: withAttachment({ mediaType: 'Text/Plain' }), note: 'mediaType "Text/Plain"' },
    { rule: 'R-PATH-NAME', kind: 'statement', bytes: withAttachment({ name: '../leaflet.txt' }), note: 'attachment name "../leaflet.txt"' },
    {
      rule: 'R-UNKNOWN-RELATION',
      kind: 'statement',
      bytes: canonicalBytes({ ...ex.translation, relations: [{ type: 'quotes', id: ex.statementId }] }),
      note: 'the translation with a relation of type "quotes"',
    },
    { rule: 'R-UNKNOWN-ROLE', kind: 'signature', bytes: canonicalBytes({ ...ex.aliceSignature, role: 'approve' }), note: 'role "approve"' },
    { rule: 'R-CHARTER-SEQ', kind: 'link', bytes: canonicalBytes({ ...ex.charter, seq: 1 }), note: 'a charter with seq 1' },
    { rule: 'R-CHARTER-BOX-REUSED', kind: 'link', bytes: canonicalBytes({ ...ex.charter, members: [m0, { ...m1, box: m0.box }, m2] }), note: 'two founders with the same box key' },
    { rule: 'R-CHARTER-THRESHOLD', kind: 'link', bytes: canonicalBytes({ ...ex.charter, thresholds: { release: 4, membership: 2 } }), note: 'release threshold 4 of 3 founders' },
    {
      rule: 'R-ATTACHMENT-MISMATCH',
      kind: 'statement',
      bytes: canonicalBytes(attachmentMismatchStatement()),
      note: 'a valid statement whose attachment reference {SHA-256 of "hello", size 4} does not match the 5 bytes "hello"',
    },
    {
      rule: 'R-CARD-SIGNATURE',
      kind: 'member-card',
      bytes: canonicalBytes({ ...card, sig: `${card.sig.slice(0, -1)}${card.sig.endsWith('0') ? '1' : '0'}` }),
      note: "Dave's card with the last hex digit of sig changed",
    },
  ];
}

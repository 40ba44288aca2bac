// Every refusal to decode an object names the docs/FORMAT.md rule it breaks: one malformed object per
// R- rule (tests/helpers/malformed.ts), and the rule of each kind of issue validation can raise.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { SamizdatError } from '../../../src/core/errors.js';
import { canonicalBytes, parseCanonical } from '../../../src/core/model/canonical.js';
import { decodeMemberCard } from '../../../src/core/model/card.js';
import { LIMITS } from '../../../src/core/model/limits.js';
import { checkAttachment, decodeObject } from '../../../src/core/model/objects.js';
import { OBJECT_RULES, isObjectRule } from '../../../src/core/model/rules.js';
import { textIssue } from '../../../src/core/model/text.js';
import { validateLink, validateObject, validateSignature, validateStatement } from '../../../src/core/model/validate.js';
import { errorOf } from '../../helpers/errors.js';
import { HELLO_BYTES, attachmentMismatchStatement, malformedObjects, type Malformed } from '../../helpers/malformed.js';
import { FORMAT_MD, buildExample } from '../format/example.js';

const ex = buildExample();
const utf8 = (s: string) => new TextEncoder().encode(s);

function decode(m: Pick<Malformed, 'bytes' | 'kind'>, what = 'malformed'): unknown {
  return m.kind === 'member-card' ? decodeMemberCard(m.bytes, what) : decodeObject(m.bytes, what);
}

/** The refusal of `fn`, checked to be an input error that names a rule in its message. */
function refusal(fn: () => unknown): SamizdatError {
  const err = errorOf(fn);
  expect(err.kind).toBe('input');
  expect(err.exitCode).toBe(4);
  expect(err.rule, err.message).toBeDefined();
  expect(err.message.endsWith(` (${err.rule})`), err.message).toBe(true);
  return err;
}

const ruleOf = (fn: () => unknown): string | undefined => refusal(fn).rule;

describe('OBJECT_RULES', () => {
  it('lists the R- rules of docs/FORMAT.md "Objects a reader MUST reject", in order', () => {
    const doc = readFileSync(FORMAT_MD, 'utf8');
    const start = doc.indexOf('### Objects a reader MUST reject');
    expect(start).toBeGreaterThan(0);
    const end = doc.indexOf('\n### ', start + 1);
    const section = doc.slice(start, end < 0 ? undefined : end);
    const listed = [...section.matchAll(/^(\d+)\. `(R-[A-Z0-9-]+)`/gm)].map((m) => [Number(m[1]), m[2]] as const);
    // Numbers are names: unique, 1 to 29 for the first rules in order, and a later rule keeps the
    // number it was given even where it is listed before others (its place is its precedence).
    const numbers = listed.map(([n]) => n);
    expect(new Set(numbers).size).toBe(numbers.length);
    expect(numbers.filter((n) => n <= 29)).toEqual(Array.from({ length: 29 }, (_, i) => i + 1));
    expect(listed.find(([, name]) => name === 'R-TEXT-UNASSIGNED')?.[0]).toBe(75);
    expect(listed.map(([, name]) => name)).toEqual([...OBJECT_RULES]);
    // And no R- rule is cited anywhere in the document that the list lacks.
    const cited = new Set([...doc.matchAll(/`(R-[A-Z0-9-]+)`/g)].map((m) => m[1]));
    expect([...cited].filter((r) => !isObjectRule(r))).toEqual([]);
  });
});

describe('malformedObjects: one object per rule', () => {
  const all = malformedObjects();

  it('has exactly one entry per rule, in the order of the rules', () => {
    expect(all.map((m) => m.rule)).toEqual([...OBJECT_RULES]);
    expect(new Set(all.map((m) => m.kind))).toEqual(new Set(['link', 'statement', 'signature', 'member-card']));
  });

  it('is deterministic: the same bytes every time', () => {
    expect(malformedObjects().map((m) => Buffer.from(m.bytes).toString('hex'))).toEqual(all.map((m) => Buffer.from(m.bytes).toString('hex')));
  });

  const decodable = all.filter((m) => m.rule !== 'R-ATTACHMENT-MISMATCH');
  it.each(decodable.map((m) => [m.rule, m] as const))('%s: decoding refuses the object and names the rule', (rule, m) => {
    const err = refusal(() => decode(m, `malformed ${m.kind}`));
    expect(err.rule).toBe(rule);
    expect(err.message).toContain(`(${rule})`);
    expect(err.message).toMatch(new RegExp(`^model: malformed ${m.kind}`));
  });

  it('R-ATTACHMENT-MISMATCH: the statement decodes, and "hello" does not match its reference', () => {
    const m = all.find((x) => x.rule === 'R-ATTACHMENT-MISMATCH') as Malformed;
    const statement = decodeObject(m.bytes, 'statement');
    expect(statement).toEqual(attachmentMismatchStatement());
    const [ref] = attachmentMismatchStatement().attachments;
    expect(ref?.size).toBe(4);
    const err = refusal(() => checkAttachment(ref as { id: string; size: number }, HELLO_BYTES, 'attachment "hello.txt"'));
    expect(err.rule).toBe('R-ATTACHMENT-MISMATCH');
    expect(err.code).toBe('model.attachment-mismatch');
    expect(err.message).toContain('(R-ATTACHMENT-MISMATCH)');
    // The right size, and bytes of another hash, break the rule too; the matching bytes pass.
    expect(ruleOf(() => checkAttachment({ ...(ref as { id: string; size: number }), size: 5 }, utf8('hellO')))).toBe('R-ATTACHMENT-MISMATCH');
    expect(() => checkAttachment({ ...(ref as { id: string; size: number }), size: 5 }, HELLO_BYTES)).not.toThrow();
  });

  it('every valid object of the example decodes (the breaks above are what is refused)', () => {
    for (const o of [ex.charter, ex.add, ex.statement, ex.translation, ex.aliceSignature]) expect(decodeObject(canonicalBytes(o))).toEqual(o);
    expect(decodeMemberCard(canonicalBytes(ex.daveCard), 'card')).toEqual(ex.daveCard);
  });
});

describe('parseCanonical names the encoding rules', () => {
  const rule = (text: string | Uint8Array): string | undefined => {
    const bytes = typeof text === 'string' ? utf8(text) : text;
    try {
      parseCanonical(bytes, 'x');
    } catch {
      return ruleOf(() => parseCanonical(bytes, 'x'));
    }
    return 'resolved';
  };

  it('R-UTF8, R-JSON, R-DUPLICATE-FIELD, R-NONCANONICAL', () => {
    expect(rule(new Uint8Array([0x22, 0xed, 0xa0, 0x80, 0x22]))).toBe('R-UTF8');
    for (const t of ['', '{', '{"a":1}{"b":2}', '{"a":1,}', '\ufeff{}']) expect(rule(t), t).toBe('R-JSON');
    for (const t of ['{"a":1,"a":1}', '{"b":{"a":1,"a":2}}', '[{"a":1,"b":2,"a":3}]', '{"a":1,"\\u0061":1}', '{"b":1,"a":1,"a":2}']) {
      expect(rule(t), t).toBe('R-DUPLICATE-FIELD');
    }
    for (const t of ['{"b":1,"a":2}', ' {}', '{}\n', '1.0', '"\\u0041"', '"\\ud800"', '{"a":"\\"a\\":1","b":{"a":1}} ']) expect(rule(t), t).toBe('R-NONCANONICAL');
    expect(errorOf(() => parseCanonical(utf8('{"a":1,"a":1}'), 'x')).message).toBe('model: x has two fields named "a" (R-DUPLICATE-FIELD)');
  });

  it('numbers that RFC 8259 does not allow are not JSON at all (R-JSON); those it allows but JCS does not write are R-NONCANONICAL', () => {
    for (const t of ['01', '{"v":01}', '+1', '.5', '1.', '0x1', 'NaN', '-', '00']) expect(rule(t), t).toBe('R-JSON');
    for (const t of ['1.0', '1e0', '1E0', '-0', '10e-1', '0.10']) expect(rule(t), t).toBe('R-NONCANONICAL');
  });

  it('a \\u escape of a surrogate, paired or lone, is R-NONCANONICAL (JCS writes the pair raw and has no form for a lone one)', () => {
    for (const t of ['"\\ud800"', '"\\udfff"', '"a\\udc00b"', '"\\ud83d\\ude00"', '{"\\ud800":1}', '["\\udbff\\udbff"]']) expect(rule(t), t).toBe('R-NONCANONICAL');
    expect(rule('"\u{1f600}"')).toBe('resolved');
  });

  it('R-DUPLICATE-FIELD is found before re-serialising, so it comes before R-NONCANONICAL whatever else is wrong', () => {
    for (const t of ['{"a":1, "a":1}', '{"b":1,"a":1,"a":2}', ' {"a":1,"a":1}', '{"a":1.0,"a":1}', '{"a":"\\ud800","a":1}', '{"z":{"a":[1, 2],"a":1}}']) {
      expect(rule(t), t).toBe('R-DUPLICATE-FIELD');
    }
    // But it is never found in what is not JSON, nor in bytes that are not UTF-8.
    expect(rule('{"a":1,"a":1')).toBe('R-JSON');
    expect(rule(new Uint8Array([0x7b, 0x22, 0x61, 0x22, 0x3a, 0x31, 0x2c, 0x22, 0x61, 0x22, 0x3a, 0xff, 0x7d]))).toBe('R-UTF8');
  });
});

describe('validation names the rule of the first problem', () => {
  const s = ex.statement;
  const sig = ex.aliceSignature;
  const charter = ex.charter;
  const add = ex.add;
  const st = (over: Record<string, unknown>) => ruleOf(() => validateStatement({ ...s, ...over }));
  const sg = (over: Record<string, unknown>) => ruleOf(() => validateSignature({ ...sig, ...over }));
  const ln = (link: object, over: Record<string, unknown>) => ruleOf(() => validateLink({ ...link, ...over }));
  const without = (o: object, key: string) => Object.fromEntries(Object.entries(o).filter(([k]) => k !== key));

  it('R-UNKNOWN-TYPE: not an object, or a type absent or not expected', () => {
    for (const v of [null, [], 'statement', 1, true]) expect(ruleOf(() => validateObject(v)), JSON.stringify(v)).toBe('R-UNKNOWN-TYPE');
    expect(ruleOf(() => validateObject(without(s, 'type')))).toBe('R-UNKNOWN-TYPE');
    expect(ruleOf(() => validateObject({ ...s, type: 7 }))).toBe('R-UNKNOWN-TYPE');
    expect(ruleOf(() => validateObject(ex.daveCard))).toBe('R-UNKNOWN-TYPE');
    expect(st({ type: 'signature' })).toBe('R-UNKNOWN-TYPE');
    expect(ruleOf(() => validateStatement(without(s, 'type')))).toBe('R-UNKNOWN-TYPE');
    expect(ruleOf(() => validateLink([]))).toBe('R-UNKNOWN-TYPE');
    expect(ruleOf(() => decodeMemberCard(canonicalBytes({ ...ex.daveCard, type: 'member' }), 'card'))).toBe('R-UNKNOWN-TYPE');
    expect(ruleOf(() => decodeMemberCard(canonicalBytes(ex.statement), 'card'))).toBe('R-UNKNOWN-TYPE');
  });

  it('R-VERSION: v absent, or not the integer 1 (whatever its JSON type)', () => {
    for (const v of [0, 2, '1', null, 1.5, [1], { v: 1 }]) expect(st({ v }), String(v)).toBe('R-VERSION');
    expect(ln(add, { v: 2 })).toBe('R-VERSION');
    expect(ruleOf(() => validateStatement(without(s, 'v')))).toBe('R-VERSION');
    expect(ruleOf(() => validateLink(without(add, 'v')))).toBe('R-VERSION');
    expect(ruleOf(() => validateSignature(without(sig, 'v')))).toBe('R-VERSION');
    expect(ruleOf(() => decodeMemberCard(canonicalBytes(without(ex.daveCard, 'v')), 'card'))).toBe('R-VERSION');
    expect(errorOf(() => validateStatement(without(s, 'v'))).message).toBe('model: statement: v: is missing; this reader reads version 1 (R-VERSION)');
  });

  it('R-UNKNOWN-OP: op absent, or not one of the seven (whatever its JSON type)', () => {
    for (const op of ['merge', 'Charter', 7, null]) expect(ln(add, { op }), String(op)).toBe('R-UNKNOWN-OP');
    expect(ruleOf(() => validateLink(without(add, 'op')))).toBe('R-UNKNOWN-OP');
    expect(errorOf(() => validateLink({ ...add, op: 'merge' })).message).toMatch(/op: "merge" is not one of charter, add, remove/);
  });

  it('R-MISSING-FIELD, at the top and in nested objects', () => {
    for (const key of Object.keys(s).filter((k) => k !== 'type' && k !== 'v')) {
      expect(ruleOf(() => validateStatement(without(s, key))), key).toBe('R-MISSING-FIELD');
    }
    expect(ln(charter, { thresholds: { release: 1 } })).toBe('R-MISSING-FIELD');
    expect(ln(add, { member: without(add.member, 'box') })).toBe('R-MISSING-FIELD');
    expect(st({ attachments: [without(s.attachments[0] as object, 'size')] })).toBe('R-MISSING-FIELD');
    expect(ruleOf(() => decodeMemberCard(canonicalBytes(without(ex.daveCard, 'box')), 'card'))).toBe('R-MISSING-FIELD');
    expect(errorOf(() => validateSignature(without(sig, 'role'))).message).toBe('model: signature: role: is missing (R-MISSING-FIELD)');
  });

  it('R-UNKNOWN-FIELD, at the top and in nested objects', () => {
    expect(sg({ extra: 1 })).toBe('R-UNKNOWN-FIELD');
    expect(ln(charter, { thresholds: { ...charter.thresholds, quorum: 1 } })).toBe('R-UNKNOWN-FIELD');
    expect(ln(add, { signatures: add.signatures.map((x) => ({ ...x, note: '' })) })).toBe('R-UNKNOWN-FIELD');
    expect(ruleOf(() => decodeMemberCard(canonicalBytes({ ...ex.daveCard, email: 'x' }), 'card'))).toBe('R-UNKNOWN-FIELD');
  });

  it('R-FIELD-TYPE: another JSON type, null, true and false included', () => {
    for (const v of [null, true, false, 7, [], {}]) {
      expect(st({ title: v }), `title ${JSON.stringify(v)}`).toBe('R-FIELD-TYPE');
      expect(sg({ statement: v }), `statement ${JSON.stringify(v)}`).toBe('R-FIELD-TYPE');
    }
    for (const v of [null, true, '1', [], {}]) expect(ln(add, { seq: v }), `seq ${JSON.stringify(v)}`).toBe('R-FIELD-TYPE');
    expect(st({ authors: 'x' })).toBe('R-FIELD-TYPE');
    expect(st({ relations: {} })).toBe('R-FIELD-TYPE');
    expect(ln(charter, { thresholds: [2, 2] })).toBe('R-FIELD-TYPE');
    expect(ln(charter, { members: [null] })).toBe('R-FIELD-TYPE');
    expect(st({ attachments: [{ ...s.attachments[0], size: '15' }] })).toBe('R-FIELD-TYPE');
  });

  it('R-HEX: keys, ids, signatures and nonces', () => {
    expect(sg({ key: sig.key.toUpperCase() })).toBe('R-HEX');
    expect(sg({ sig: `${sig.sig}00` })).toBe('R-HEX');
    expect(sg({ link: sig.link.slice(2) })).toBe('R-HEX');
    expect(ln(charter, { nonce: 'g'.repeat(32) })).toBe('R-HEX');
    expect(ln(add, { prev: '' })).toBe('R-HEX');
    expect(st({ authors: ['x'] })).toBe('R-HEX');
    expect(ruleOf(() => decodeMemberCard(canonicalBytes({ ...ex.daveCard, box: 'ab' }), 'card'))).toBe('R-HEX');
  });

  it('R-INTEGER: fractions and numbers out of range', () => {
    expect(ln(add, { seq: 1.5 })).toBe('R-INTEGER');
    expect(ln(add, { seq: -1 })).toBe('R-INTEGER');
    expect(ln(add, { seq: 2 ** 53 })).toBe('R-INTEGER');
    for (const release of [0, 257, 1.5, -1]) expect(ln(charter, { thresholds: { release, membership: 1 } }), String(release)).toBe('R-INTEGER');
    for (const size of [-1, 0.5, LIMITS.attachmentBytes + 1]) expect(st({ attachments: [{ ...s.attachments[0], size }] }), String(size)).toBe('R-INTEGER');
  });

  it('R-TEXT-UNASSIGNED, R-TEXT-NFC, R-TEXT-CONTROL, R-TEXT-SPACE, R-TEXT-LENGTH, and a lone surrogate as R-NONCANONICAL', () => {
    for (const c of ['\u0378', '\u{e0080}', '\ufdd0', '\uffff', '\u{10ffff}']) {
      expect(st({ title: `a${c}b` }), `U+${(c.codePointAt(0) as number).toString(16)}`).toBe('R-TEXT-UNASSIGNED');
    }
    expect(st({ body: 'x\u{2fffe}' })).toBe('R-TEXT-UNASSIGNED');
    expect(ruleOf(() => decodeMemberCard(canonicalBytes({ ...ex.daveCard, name: 'Dave\u0378' }), 'card'))).toBe('R-TEXT-UNASSIGNED');
    expect(errorOf(() => validateStatement({ ...s, title: 'a\u0378' })).message).toBe('model: statement: title: contains U+0378, which Unicode 17.0 does not assign (R-TEXT-UNASSIGNED)');
    // Private use code points are assigned (to private use); they pass.
    expect(() => validateStatement({ ...s, title: 'a\ue000\u{f0000}' })).not.toThrow();
    expect(st({ title: 'Cafe\u0301' })).toBe('R-TEXT-NFC');
    expect(st({ body: 'Cafe\u0301' })).toBe('R-TEXT-NFC');
    for (const c of ['\u0000', '\r', '\u001f', '\u007f', '\u0085', '\u202e', '\u200f', '\u2066', '\u2028', '\u2029']) {
      expect(st({ title: `a${c}b` }), `U+${c.charCodeAt(0).toString(16)}`).toBe('R-TEXT-CONTROL');
    }
    expect(st({ body: 'a\r\nb' })).toBe('R-TEXT-CONTROL');
    expect(st({ title: ' a' })).toBe('R-TEXT-SPACE');
    expect(st({ date: 'a\u00a0' })).toBe('R-TEXT-SPACE');
    expect(st({ title: '' })).toBe('R-TEXT-LENGTH');
    expect(st({ title: 'x'.repeat(LIMITS.titleChars + 1) })).toBe('R-TEXT-LENGTH');
    expect(ln(add, { member: { ...add.member, name: 'n'.repeat(LIMITS.nameChars + 1) } })).toBe('R-TEXT-LENGTH');
    expect(st({ attachments: [{ ...s.attachments[0], name: '' }] })).toBe('R-TEXT-LENGTH');
    expect(st({ title: 'a\ud800b' })).toBe('R-NONCANONICAL');
    expect(st({ body: '\udc00' })).toBe('R-NONCANONICAL');
    expect(ruleOf(() => decodeMemberCard(canonicalBytes({ ...ex.daveCard, name: 'Dave ' }), 'card'))).toBe('R-TEXT-SPACE');
  });

  it('textIssue gives the rule with the message', () => {
    const single = { multiline: false, min: 1, max: 10 };
    expect(textIssue('ok', single)).toBeUndefined();
    expect(textIssue('', single)).toEqual({ rule: 'R-TEXT-LENGTH', message: 'is empty' });
    expect(textIssue('a\u202eb', single)?.rule).toBe('R-TEXT-CONTROL');
    expect(textIssue('a\u202eb', { ...single, multiline: true })).toBeUndefined();
  });

  it('R-COUNT: arrays with too few or too many entries', () => {
    expect(st({ authors: [] })).toBe('R-COUNT');
    const ids = Array.from({ length: LIMITS.authors + 1 }, (_, i) => i.toString(16).padStart(64, '0'));
    expect(st({ authors: ids })).toBe('R-COUNT');
    expect(ln(charter, { members: [] })).toBe('R-COUNT');
    const relations = Array.from({ length: LIMITS.relations + 1 }, (_, i) => ({ type: 'introduces', id: i.toString(16).padStart(64, '0') }));
    expect(st({ relations })).toBe('R-COUNT');
  });

  it('R-UNSORTED and R-DUPLICATE-ENTRY', () => {
    const [a, b] = add.signatures as [{ key: string; sig: string }, { key: string; sig: string }];
    expect(ln(add, { signatures: [b, a] })).toBe('R-UNSORTED');
    expect(ln(add, { signatures: [a, a] })).toBe('R-DUPLICATE-ENTRY');
    expect(ln(add, { signatures: [a, { ...b, key: a.key }] })).toBe('R-DUPLICATE-ENTRY');
    const r1 = { type: 'introduces', id: '2'.repeat(64) };
    const r2 = { type: 'translation-of', id: '1'.repeat(64) };
    expect(st({ relations: [r2, r1] })).toBe('R-UNSORTED');
    expect(st({ relations: [r1, r1] })).toBe('R-DUPLICATE-ENTRY');
  });

  it('R-LANG and R-MEDIA-TYPE: pattern and length', () => {
    for (const lang of ['', 'EN', 'en_US', 'en-', `en-${'a'.repeat(8)}-${'b'.repeat(8)}-${'c'.repeat(8)}-${'d'.repeat(8)}`]) {
      expect(st({ lang }), lang).toBe('R-LANG');
    }
    for (const mediaType of ['', 'PDF', 'text/plain; charset=utf-8', `a/${'b'.repeat(LIMITS.mediaTypeChars)}`]) {
      expect(st({ attachments: [{ ...s.attachments[0], mediaType }] }), mediaType).toBe('R-MEDIA-TYPE');
    }
  });

  it('R-PATH-NAME, R-UNKNOWN-RELATION, R-UNKNOWN-ROLE', () => {
    for (const name of ['a/b', 'a\\b', 'C:x', '.', '..']) expect(st({ attachments: [{ ...s.attachments[0], name }] }), name).toBe('R-PATH-NAME');
    for (const type of ['quotes', 'Revises', '']) expect(st({ relations: [{ type, id: '1'.repeat(64) }] }), String(type)).toBe('R-UNKNOWN-RELATION');
    // Another JSON type breaks R-FIELD-TYPE, listed before the word's own rule.
    for (const type of [7, null, ['revises']]) expect(st({ relations: [{ type, id: '1'.repeat(64) }] }), String(type)).toBe('R-FIELD-TYPE');
    expect(st({ relations: [{ id: '1'.repeat(64) }] })).toBe('R-MISSING-FIELD');
    for (const role of ['approve', 'Release', '']) expect(sg({ role }), String(role)).toBe('R-UNKNOWN-ROLE');
    for (const role of [1, null, true]) expect(sg({ role }), String(role)).toBe('R-FIELD-TYPE');
  });

  it('R-CHARTER-SEQ, R-CHARTER-BOX-REUSED, R-CHARTER-THRESHOLD', () => {
    for (const seq of [1, 2, Number.MAX_SAFE_INTEGER]) expect(ln(charter, { seq }), String(seq)).toBe('R-CHARTER-SEQ');
    // Rules listed before R-CHARTER-SEQ come first: another JSON type, a number that is not a seq.
    expect(ln(charter, { seq: '0' })).toBe('R-FIELD-TYPE');
    for (const seq of [-1, 1.5, 2 ** 53]) expect(ln(charter, { seq }), String(seq)).toBe('R-INTEGER');
    const [m0, m1, m2] = charter.members as [(typeof charter.members)[0], (typeof charter.members)[0], (typeof charter.members)[0]];
    expect(ln(charter, { members: [m0, { ...m1, box: m0.box }, m2] })).toBe('R-CHARTER-BOX-REUSED');
    expect(ln(charter, { thresholds: { release: 2, membership: 4 } })).toBe('R-CHARTER-THRESHOLD');
    expect(errorOf(() => validateLink({ ...charter, thresholds: { release: 4, membership: 2 } })).message).toBe(
      'model: link: thresholds.release: is 4 but the charter lists 3 member(s) (R-CHARTER-THRESHOLD)',
    );
  });

  it('R-CARD-SIGNATURE: a card whose sig does not verify under its own sign key', () => {
    const card = ex.daveCard;
    const other = buildExample().charter.members[0]?.sign as string;
    expect(ruleOf(() => decodeMemberCard(canonicalBytes({ ...card, sign: other }), 'card'))).toBe('R-CARD-SIGNATURE');
    expect(ruleOf(() => decodeMemberCard(canonicalBytes({ ...card, name: 'Davey' }), 'card'))).toBe('R-CARD-SIGNATURE');
    expect(ruleOf(() => decodeMemberCard(canonicalBytes({ ...card, sig: '0'.repeat(128) }), 'card'))).toBe('R-CARD-SIGNATURE');
  });
});

describe('every refusal names a rule', () => {
  // Replace each member of each valid object, at every depth, by each of a few junk values: whatever
  // validation refuses must come with a rule of the list (no issue of zod's is left unmapped).
  const junk: unknown[] = [null, true, false, 0, -1, 1.5, 2 ** 53, '', 'x', ' x', 'A'.repeat(300), [], [null], {}, { x: 1 }];

  function* variants(value: unknown): Generator<unknown> {
    for (const j of junk) yield j;
    if (Array.isArray(value)) {
      yield [];
      for (let i = 0; i < value.length; i++) for (const v of variants(value[i])) yield value.map((x, k) => (k === i ? v : x));
    } else if (typeof value === 'object' && value !== null) {
      for (const key of Object.keys(value)) {
        const { [key]: inner, ...rest } = value as Record<string, unknown>;
        yield rest;
        yield { ...value, [`${key}2`]: 1 };
        for (const v of variants(inner)) yield { ...value, [key]: v };
      }
    }
  }

  const cases: Array<[string, (v: unknown) => unknown, unknown]> = [
    ['charter', validateLink, ex.charter],
    ['add link', validateLink, ex.add],
    ['statement', validateStatement, ex.statement],
    ['translation', validateStatement, ex.translation],
    ['signature', validateSignature, ex.aliceSignature],
    ['any object', validateObject, ex.statement],
    ['member card', (v) => decodeMemberCard(canonicalBytes(v), 'card'), ex.daveCard],
  ];

  it.each(cases)('%s', (_name, validate, valid) => {
    let refused = 0;
    for (const v of variants(valid)) {
      let err: unknown;
      try {
        validate(v);
        continue;
      } catch (e) {
        err = e;
      }
      expect(err).toBeInstanceOf(SamizdatError);
      const e = err as SamizdatError;
      expect(isObjectRule(e.rule), `${e.message} for ${JSON.stringify(v).slice(0, 200)}`).toBe(true);
      expect(e.kind).toBe('input');
      refused++;
    }
    expect(refused).toBeGreaterThan(50);
  });
});

// Structural validation: each object type takes exactly the members of the format, each within its
// rules, and a refusal names the field.
import { describe, expect, it } from 'vitest';
import { toHex } from '../../../src/core/crypto/bytes.js';
import { generateBoxKeyPair } from '../../../src/core/crypto/box.js';
import { generateSigningKeyPair } from '../../../src/core/crypto/ed25519.js';
import { SamizdatError } from '../../../src/core/errors.js';
import { makeStatement } from '../../../src/core/model/build.js';
import { canonicalBytes } from '../../../src/core/model/canonical.js';
import { LIMITS } from '../../../src/core/model/limits.js';
import { decodeObject } from '../../../src/core/model/objects.js';
import type { ChainLink, Member, Statement } from '../../../src/core/model/types.js';
import { validateLink, validateObject, validateSignature, validateStatement } from '../../../src/core/model/validate.js';
import { makePerson, memberOf, signBy, signStatement, statementBy, TestGroup, threeMemberGroup, type LinkOp } from '../../helpers/core.js';

const { alice, bob, carol, group } = threeMemberGroup();
const dave = makePerson('Dave');
const hex = (c: string, n = 64) => c.repeat(n);

/** The message of the SamizdatError that validating `value` throws, or 'valid'. */
function refusal(validate: (v: unknown) => unknown, value: unknown): string {
  try {
    validate(value);
    return 'valid';
  } catch (err) {
    if (!(err instanceof SamizdatError)) throw err;
    expect(err.code).toMatch(/^model\.(invalid|unknown-type)$/);
    expect(err.kind).toBe('input');
    return err.message;
  }
}

const without = (o: object, key: string): Record<string, unknown> => {
  const copy: Record<string, unknown> = { ...o };
  delete copy[key];
  return copy;
};

// One valid instance of every object type.
const charter = group.charter;
const laterOps: LinkOp[] = [
  { op: 'add', member: memberOf(dave) },
  { op: 'remove', member: carol.id },
  { op: 'rotate', member: bob.id, sign: toHex(generateSigningKeyPair().publicKey), box: toHex(generateBoxKeyPair().publicKey) },
  { op: 'compromise', member: bob.id, key: bob.id },
  { op: 'thresholds', thresholds: { release: 3, membership: 2 } },
  { op: 'rename', name: 'KRAS' },
];
const later = Object.fromEntries(laterOps.map((op) => [op.op, signBy(group.propose(op), [alice, bob])])) as Record<string, ChainLink>;
const { statement, id: statementId } = statementBy([group], {
  relations: [{ type: 'translation-of', id: hex('1') }],
  attachments: [{ id: hex('2'), name: 'leaflet.pdf', mediaType: 'application/pdf', size: 1234 }],
});
const signature = signStatement(statementId, group, alice);

describe('valid objects', () => {
  it('every builder output validates, as itself and through validateObject and decodeObject', () => {
    for (const link of [charter, ...Object.values(later)]) {
      expect(validateLink(link)).toEqual(link);
      expect(validateObject(link)).toEqual(link);
      expect(decodeObject(canonicalBytes(link))).toEqual(link);
    }
    expect(validateStatement(statement)).toEqual(statement);
    expect(decodeObject(canonicalBytes(statement))).toEqual(statement);
    expect(validateSignature(signature)).toEqual(signature);
    expect(decodeObject(canonicalBytes(signature))).toEqual(signature);
  });
});

describe('unknown, missing and mistyped members', () => {
  type Case = [string, (v: unknown) => unknown, Record<string, unknown>];
  const record = (o: object) => o as Record<string, unknown>;
  const cases: Case[] = [
    ['charter', validateLink, record(charter)],
    ...Object.entries(later).map(([op, l]): Case => [`${op} link`, validateLink, record(l)]),
    ['statement', validateStatement, record(statement)],
    ['signature', validateSignature, record(signature)],
  ];

  it.each(cases)('%s: an unknown member is refused, and named', (_name, validate, obj) => {
    expect(refusal(validate, { ...obj, extra: 1 })).toMatch(/Unrecognized key: "extra"/);
    expect(refusal(validate, { ...obj, Type: obj.type })).toMatch(/Unrecognized key: "Type"/);
  });

  it.each(cases)('%s: each missing member is refused, and named', (_name, validate, obj) => {
    for (const key of Object.keys(obj)) {
      const message = refusal(validate, without(obj, key));
      expect(message, key).not.toBe('valid');
      // `op` and `type` pick the schema; every other member is named as the field that is missing.
      if (key !== 'op' && key !== 'type') expect(message, key).toMatch(new RegExp(`: ${key}: `));
    }
  });

  it.each(cases)('%s: each member of the wrong type is refused, and named', (_name, validate, obj) => {
    for (const [key, value] of Object.entries(obj)) {
      const wrong = typeof value === 'string' ? 7 : typeof value === 'number' ? String(value) : 'x';
      const message = refusal(validate, { ...obj, [key]: wrong });
      expect(message, key).not.toBe('valid');
      if (key !== 'op' && key !== 'type') expect(message, key).toMatch(new RegExp(`: ${key}(\\.|: )`));
    }
  });

  it('a member of a nested object is checked too: members, thresholds, relations, attachments, link signatures', () => {
    const m = charter.members[0];
    expect(refusal(validateLink, { ...charter, members: [{ ...m, extra: true }, ...charter.members.slice(1)] })).toMatch(/: members\.0: Unrecognized key: "extra"/);
    expect(refusal(validateLink, { ...charter, members: [without(m as object, 'box'), ...charter.members.slice(1)] })).toMatch(/members\.0\.box: /);
    expect(refusal(validateLink, { ...charter, thresholds: { release: 1 } })).toMatch(/thresholds\.membership: /);
    expect(refusal(validateLink, { ...charter, thresholds: { release: 1, membership: 1.5 } })).toMatch(/thresholds\.membership: /);
    expect(refusal(validateLink, { ...charter, thresholds: { release: 0, membership: 1 } })).toMatch(/thresholds\.release: /);
    expect(refusal(validateStatement, { ...statement, relations: [{ type: 'quotes', id: hex('1') }] })).toMatch(/relations\.0\.type: /);
    expect(refusal(validateStatement, { ...statement, attachments: [{ ...statement.attachments[0], size: -1 }] })).toMatch(/attachments\.0\.size: /);
    expect(refusal(validateStatement, { ...statement, attachments: [{ ...statement.attachments[0], size: LIMITS.attachmentBytes + 1 }] })).toMatch(
      /attachments\.0\.size: /,
    );
    expect(refusal(validateStatement, { ...statement, attachments: [{ ...statement.attachments[0], mediaType: 'PDF' }] })).toMatch(
      /attachments\.0\.mediaType: must be a lowercase media type/,
    );
    const add = later.add as ChainLink;
    expect(refusal(validateLink, { ...add, signatures: [{ ...add.signatures[0], sig: 'AB'.repeat(64) }] })).toMatch(/signatures\.0\.sig: must be 128 lowercase hex/);
  });

  it('refuses a value of another version, type or op', () => {
    expect(refusal(validateStatement, { ...statement, v: 2 })).toMatch(/: v: /);
    expect(refusal(validateLink, { ...later.add, op: 'merge' })).toMatch(/: op: /);
    expect(refusal(validateLink, { ...charter, seq: 1 })).toMatch(/: seq: /);
    expect(refusal(validateLink, { ...later.add, seq: -1 })).toMatch(/: seq: /);
    expect(refusal(validateObject, { ...statement, type: 'draft' })).toBe('model: object: type "draft" is not one of link, statement, signature (R-UNKNOWN-TYPE)');
    expect(refusal(validateObject, without(statement, 'type'))).toMatch(/type null is not one of .*\(R-UNKNOWN-TYPE\)$/);
    expect(refusal(validateObject, null)).toMatch(/is not a JSON object \(R-UNKNOWN-TYPE\)$/);
    expect(refusal(validateObject, [1, 2])).toMatch(/is not a JSON object \(R-UNKNOWN-TYPE\)$/);
  });

  it('refuses hex that is uppercase, short or long', () => {
    expect(refusal(validateSignature, { ...signature, statement: statementId.toUpperCase() })).toMatch(/statement: must be 64 lowercase hex/);
    expect(refusal(validateSignature, { ...signature, group: group.id.slice(2) })).toMatch(/group: must be 64 lowercase hex/);
    expect(refusal(validateSignature, { ...signature, sig: `${signature.sig}00` })).toMatch(/sig: must be 128 lowercase hex/);
    expect(refusal(validateLink, { ...charter, nonce: hex('0', 30) })).toMatch(/nonce: must be 32 lowercase hex/);
  });

  it('refuses a role that is neither release nor endorse', () => {
    expect(refusal(validateSignature, { ...signature, role: 'approve' })).toMatch(/role: /);
  });
});

describe('sorted, unique arrays', () => {
  const sortedMembers = [...charter.members];

  it('charter members must be sorted by signing key and unique', () => {
    expect(refusal(validateLink, { ...charter, members: [sortedMembers[1], sortedMembers[0], sortedMembers[2]] })).toMatch(/members\.1: entries are not in ascending order/);
    expect(refusal(validateLink, { ...charter, members: [sortedMembers[0], sortedMembers[0], sortedMembers[1]] })).toMatch(/members\.1: duplicate entry/);
    expect(refusal(validateLink, { ...charter, members: [] })).toMatch(/members: /);
  });

  it('two members may not share an encryption key', () => {
    const [a, b, c] = sortedMembers as [Member, Member, Member];
    expect(refusal(validateLink, { ...charter, members: [a, { ...b, box: a.box }, c] })).toMatch(/members: two members share an encryption key/);
  });

  it('link signatures must be sorted by key and unique', () => {
    const add = later.add as ChainLink;
    const [s0, s1] = add.signatures;
    expect(add.signatures).toHaveLength(2);
    expect(refusal(validateLink, { ...add, signatures: [s1, s0] })).toMatch(/signatures\.1: entries are not in ascending order/);
    expect(refusal(validateLink, { ...add, signatures: [s0, s0] })).toMatch(/signatures\.1: duplicate entry/);
    expect(refusal(validateLink, { ...add, signatures: [s0, { ...s1, key: s0?.key }] })).toMatch(/signatures\.1: duplicate entry/);
  });

  it('statement authors must be sorted and unique, one at least', () => {
    const other = TestGroup.create('Other', [dave], { release: 1, membership: 1 });
    const authors = [group.id, other.id].sort();
    expect(refusal(validateStatement, { ...statement, authors })).toBe('valid');
    expect(refusal(validateStatement, { ...statement, authors: [...authors].reverse() })).toMatch(/authors\.1: entries are not in ascending order/);
    expect(refusal(validateStatement, { ...statement, authors: [group.id, group.id] })).toMatch(/authors\.1: duplicate entry/);
    expect(refusal(validateStatement, { ...statement, authors: [] })).toMatch(/authors: /);
    // The builder sorts and removes duplicates.
    const built = makeStatement({ authors: [authors[1] as string, authors[0] as string, authors[1] as string], title: 't', lang: 'en', date: 'd', body: '' });
    expect(built.authors).toEqual(authors);
  });

  it('relations must be sorted by (type, id) and unique', () => {
    const r1 = { type: 'introduces', id: hex('2') };
    const r2 = { type: 'translation-of', id: hex('1') };
    const r3 = { type: 'translation-of', id: hex('3') };
    expect(refusal(validateStatement, { ...statement, relations: [r1, r2, r3] })).toBe('valid');
    expect(refusal(validateStatement, { ...statement, relations: [r2, r1] })).toMatch(/relations\.1: entries are not in ascending order/);
    expect(refusal(validateStatement, { ...statement, relations: [r3, r2] })).toMatch(/relations\.1: entries are not in ascending order/);
    expect(refusal(validateStatement, { ...statement, relations: [r2, r2] })).toMatch(/relations\.1: duplicate entry/);
    // The same id under two relation types is allowed.
    expect(refusal(validateStatement, { ...statement, relations: [{ type: 'responds-to', id: hex('1') }, r2] })).toBe('valid');
  });

  it('attachments must be sorted by id and unique', () => {
    const a = { id: hex('1'), name: 'a.pdf', mediaType: 'application/pdf', size: 1 };
    const b = { id: hex('2'), name: 'b.png', mediaType: 'image/png', size: 2 };
    expect(refusal(validateStatement, { ...statement, attachments: [a, b] })).toBe('valid');
    expect(refusal(validateStatement, { ...statement, attachments: [b, a] })).toMatch(/attachments\.1: entries are not in ascending order/);
    expect(refusal(validateStatement, { ...statement, attachments: [a, { ...b, id: a.id }] })).toMatch(/attachments\.1: duplicate entry/);
  });

  it('arrays are bounded', () => {
    const ids = Array.from({ length: LIMITS.authors + 1 }, (_, i) => i.toString(16).padStart(64, '0'));
    expect(refusal(validateStatement, { ...statement, authors: ids })).toMatch(/authors: /);
    expect(refusal(validateStatement, { ...statement, authors: ids.slice(0, LIMITS.authors) })).toBe('valid');
  });
});

describe('thresholds', () => {
  it('a charter may not ask for more signatures than it lists members', () => {
    expect(refusal(validateLink, { ...charter, thresholds: { release: 3, membership: 3 } })).toBe('valid');
    expect(refusal(validateLink, { ...charter, thresholds: { release: 4, membership: 1 } })).toMatch(/thresholds\.release: is 4 but the charter lists 3 member\(s\)/);
    expect(refusal(validateLink, { ...charter, thresholds: { release: 1, membership: 4 } })).toMatch(/thresholds\.membership: is 4 but the charter lists 3 member\(s\)/);
  });

  it('thresholds are whole numbers from 1 to the limit', () => {
    for (const bad of [0, -1, 1.5, LIMITS.maxThreshold + 1]) {
      expect(refusal(validateLink, { ...later.thresholds, thresholds: { release: bad, membership: 1 } }), String(bad)).toMatch(/thresholds\.release: /);
    }
  });
});

describe('attachment names and language tags', () => {
  const withName = (name: string) => ({ ...statement, attachments: [{ ...statement.attachments[0], name }] });

  it.each(['../x', 'a/b', 'C:\\x', 'C:x', '/etc/passwd', 'a\\b', '..', '.'])('attachment name %j is a path, refused', (name) => {
    expect(refusal(validateStatement, withName(name))).toMatch(/attachments\.0\.name: must be a plain name, not a path/);
  });

  it.each(['leaflet.pdf', '..hidden', 'a..b', 'Заява.pdf', '声明 2022.png'])('attachment name %j is a plain name, accepted', (name) => {
    expect(refusal(validateStatement, withName(name))).toBe('valid');
  });

  it('an attachment name obeys the text rules', () => {
    expect(refusal(validateStatement, withName('a\u0000b'))).toMatch(/attachments\.0\.name: contains a control character/);
    expect(refusal(validateStatement, withName(' a'))).toMatch(/attachments\.0\.name: has leading or trailing white space/);
    expect(refusal(validateStatement, withName(''))).toMatch(/attachments\.0\.name: is empty/);
  });

  it.each(['en', 'uk', 'uk-UA', 'zh-Hant-TW', 'ast', 'sr-Latn', 'es-419'])('language tag %j is accepted', (lang) => {
    expect(refusal(validateStatement, { ...statement, lang })).toBe('valid');
  });

  it.each(['', 'e', 'EN', 'english', 'en_US', 'en-', 'en--US', '-en', 'en US', 'en-toolongsubtag', 'x'.repeat(36)])('language tag %j is refused', (lang) => {
    expect(refusal(validateStatement, { ...statement, lang })).toMatch(/: lang: /);
  });
});

describe('decoding', () => {
  it('names what was decoded in the error', () => {
    const s: Statement = { ...statement };
    expect(() => decodeObject(canonicalBytes({ ...s, title: '' }), 'bundle entry 3')).toThrow(/^model: bundle entry 3: title: is empty \(R-TEXT-LENGTH\)$/);
  });

  it('reports how many more problems there were', () => {
    expect(refusal(validateStatement, { ...statement, title: '', lang: 'EN' })).toMatch(/title: is empty \(and 1 more problem\) \(R-TEXT-LENGTH\)$/);
    expect(refusal(validateStatement, { ...statement, title: '', lang: 'EN', date: '' })).toMatch(/\(and 2 more problems\) \(R-TEXT-LENGTH\)$/);
  });
});

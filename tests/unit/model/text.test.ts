// The text rules shared by every object: NFC, no NUL or control characters (newline and tab only in
// the body), CRLF normalised to LF by the builders, bounded lengths counted in code points.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { codePointLength, normaliseText, textProblem } from '../../../src/core/model/text.js';
import { canonicalBytes } from '../../../src/core/model/canonical.js';
import { decodeObject } from '../../../src/core/model/objects.js';
import { makeCharter, makeLaterLink, makeMember } from '../../../src/core/model/build.js';
import { LIMITS } from '../../../src/core/model/limits.js';
import { makePerson, memberOf, statementBy, TestGroup, threeMemberGroup } from '../../helpers/core.js';
import { errorOf } from '../../helpers/errors.js';

const DECOMPOSED_E = 'e\u0301'; // e + COMBINING ACUTE ACCENT
const COMPOSED_E = '\u00e9';

const single = { multiline: false, min: 1, max: 10 };
const multi = { multiline: true, min: 0, max: 10 };

/** The message of the SamizdatError `f` throws. */

describe('normaliseText', () => {
  it('turns CRLF and lone CR into LF', () => {
    expect(normaliseText('a\r\nb\rc\nd\r\n\r\n')).toBe('a\nb\nc\nd\n\n');
  });

  it('normalises to NFC', () => {
    expect(normaliseText(`caf${DECOMPOSED_E}`)).toBe(`caf${COMPOSED_E}`);
    expect(normaliseText('\u1100\u1161')).toBe('\uac00'); // Hangul jamo to syllable
    expect(normaliseText('\u212b')).toBe('\u00c5'); // ANGSTROM SIGN to its canonical equivalent
  });

  it('is idempotent and always yields text that keeps the NFC rule', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 40 }), (s) => {
        const n = normaliseText(s);
        expect(normaliseText(n)).toBe(n);
        expect(n.includes('\r')).toBe(false);
        expect(textProblem(n, { multiline: true, min: 0, max: 1000 })).not.toBe('is not in Unicode NFC form');
      }),
    );
  });
});

describe('codePointLength', () => {
  it('counts as [...s].length does, surrogate pairs as one and lone surrogates as one', () => {
    for (const [text, n] of [['', 0], ['a', 1], ['😀', 1], ['a😀b', 3], ['\ud83d', 1], ['\ude00\ud83d', 2], ['x\ud83d', 2], ['Воркута', 7]] as const) {
      expect(codePointLength(text)).toBe(n);
    }
    const units = fc.array(fc.oneof(fc.integer({ min: 0, max: 0xffff }), fc.integer({ min: 0xd800, max: 0xdfff })), { maxLength: 40 }).map((a) => String.fromCharCode(...a));
    fc.assert(fc.property(fc.oneof(units, fc.string({ unit: 'binary', maxLength: 40 })), (s) => codePointLength(s) === [...s].length), { numRuns: 2000 });
  });
});

describe('textProblem', () => {
  it('accepts ordinary text in any script', () => {
    expect(textProblem('Слава', single)).toBeUndefined();
    expect(textProblem('حرية 😀', single)).toBeUndefined();
    expect(textProblem(`caf${COMPOSED_E}`, single)).toBeUndefined();
  });

  it('rejects text that is not NFC', () => {
    expect(textProblem(`caf${DECOMPOSED_E}`, single)).toBe('is not in Unicode NFC form');
    expect(textProblem('\u212b', single)).toBe('is not in Unicode NFC form');
  });

  it('rejects NUL and every C0 and C1 control character in single-line fields, tab and newline included', () => {
    for (let c = 0; c <= 0x9f; c++) {
      if (c >= 0x20 && c < 0x7f) continue;
      expect(textProblem(`a${String.fromCharCode(c)}b`, single), `U+${c.toString(16)}`).toMatch(/^contains a control character/);
    }
  });

  it('allows newline and tab, and only those, in multi-line fields', () => {
    expect(textProblem('a\nb\tc', multi)).toBeUndefined();
    for (let c = 0; c <= 0x9f; c++) {
      if ((c >= 0x20 && c < 0x7f) || c === 0x0a || c === 0x09) continue;
      expect(textProblem(`a${String.fromCharCode(c)}b`, multi), `U+${c.toString(16)}`).toBe('contains a control character other than newline or tab');
    }
    expect(textProblem('a\r\nb', multi)).toBe('contains a control character other than newline or tab');
  });

  it('allows U+2028 and U+2029 in the body', () => {
    expect(textProblem('a\u2028b\u2029c', multi)).toBeUndefined();
  });

  it('rejects lone surrogates, accepts pairs', () => {
    expect(textProblem('a\ud800b', single)).toBe('contains a lone surrogate, which has no canonical (JCS) form');
    expect(textProblem('a\udc00', single)).toBe('contains a lone surrogate, which has no canonical (JCS) form');
    expect(textProblem('\udc00\ud800', single)).toBe('contains a lone surrogate, which has no canonical (JCS) form');
    expect(textProblem('\ud83d\ude00', single)).toBeUndefined();
  });

  it('counts length in code points, not UTF-16 units', () => {
    expect(textProblem('😀'.repeat(10), single)).toBeUndefined();
    expect(textProblem('😀'.repeat(11), single)).toBe('is longer than 10 characters (11)');
    expect(textProblem('', single)).toBe('is empty');
    expect(textProblem('', multi)).toBeUndefined();
    expect(textProblem('a', { multiline: false, min: 2, max: 5 })).toBe('is shorter than 2 characters');
  });

  it('rejects leading and trailing white space in single-line fields only', () => {
    expect(textProblem(' a', single)).toBe('has leading or trailing white space');
    expect(textProblem('a\u00a0', single)).toBe('has leading or trailing white space');
    expect(textProblem(' a ', multi)).toBeUndefined();
  });
});

describe('the builders apply the text rules', () => {
  it('normalise a decomposed é in a title, a name, a member name and an attachment name', () => {
    const alice = makePerson(`Andr${DECOMPOSED_E}`);
    const member = memberOf(alice);
    expect(member.name).toBe(`Andr${COMPOSED_E}`);
    const charter = makeCharter({ name: ` Caf${DECOMPOSED_E} ` + '\r\n', members: [member], thresholds: { release: 1, membership: 1 } });
    expect(charter.name).toBe(`Caf${COMPOSED_E}`);
    const { statement } = statementBy([TestGroup.create('G', [alice], { release: 1, membership: 1 })], {
      title: `  R${DECOMPOSED_E}sum${DECOMPOSED_E}  `,
      attachments: [{ id: 'a'.repeat(64), name: `fich${DECOMPOSED_E}.pdf`, mediaType: 'application/pdf', size: 10 }],
    });
    expect(statement.title).toBe(`R${COMPOSED_E}sum${COMPOSED_E}`);
    expect(statement.attachments[0]?.name).toBe(`fich${COMPOSED_E}.pdf`);
  });

  it('normalise CRLF to LF in the body and keep tabs, blank lines and leading space', () => {
    const { group } = threeMemberGroup();
    const { statement } = statementBy([group], { body: '  First line\r\n\tindented\r\n\r\nlast\r' });
    expect(statement.body).toBe('  First line\n\tindented\n\nlast\n');
  });

  it('normalise a rename', () => {
    const { group } = threeMemberGroup();
    const link = makeLaterLink(group.id, group.head, { op: 'rename', name: `Caf${DECOMPOSED_E}` });
    expect(link.op === 'rename' && link.name).toBe(`Caf${COMPOSED_E}`);
  });

  it('refuse what normalising cannot fix, naming the field', () => {
    const { group } = threeMemberGroup();
    const build = (over: Parameters<typeof statementBy>[1]) => () => statementBy([group], over);
    expect(errorOf(build({ title: 'a\u0000b' })).message).toMatch(/^model: new statement: title: contains a control character/);
    expect(errorOf(build({ title: 'a\tb' })).message).toMatch(/title: contains a control character/);
    expect(errorOf(build({ title: '   ' })).message).toMatch(/title: is empty/);
    expect(errorOf(build({ body: 'a\u0000b' })).message).toMatch(/body: contains a control character other than newline or tab/);
    expect(errorOf(build({ body: 'a\u001bb' })).message).toMatch(/body: contains a control character/);
    expect(errorOf(build({ date: 'x\ny' })).message).toMatch(/date: contains a control character/);
    const bell = makeMember('a\u0007', new Uint8Array(32).fill(1), new Uint8Array(32).fill(2));
    expect(errorOf(() => makeCharter({ name: 'G', members: [bell], thresholds: { release: 1, membership: 1 } })).message).toMatch(
      /^model: new group charter: members\.0\.name: contains a control character/,
    );
  });

  it('enforce the length limits, in code points', () => {
    const { group } = threeMemberGroup();
    expect(statementBy([group], { title: 'é'.repeat(LIMITS.titleChars) }).statement.title).toHaveLength(LIMITS.titleChars);
    expect(errorOf(() => statementBy([group], { title: 'é'.repeat(LIMITS.titleChars + 1) })).message).toMatch(
      new RegExp(`title: is longer than ${LIMITS.titleChars} characters \\(${LIMITS.titleChars + 1}\\)`),
    );
    expect(statementBy([group], { title: '😀'.repeat(LIMITS.titleChars) }).statement.title).toHaveLength(2 * LIMITS.titleChars);
    expect(statementBy([group], { body: 'a'.repeat(LIMITS.bodyChars) }).statement.body).toHaveLength(LIMITS.bodyChars);
    expect(errorOf(() => statementBy([group], { body: 'a'.repeat(LIMITS.bodyChars + 1) })).message).toMatch(/body: is longer than 1000000 characters/);
    expect(errorOf(() => statementBy([group], { date: '1'.repeat(LIMITS.dateChars + 1) })).message).toMatch(/date: is longer than 64/);
    expect(statementBy([group], { body: '' }).statement.body).toBe('');
    const long = makeMember('n'.repeat(LIMITS.nameChars + 1), new Uint8Array(32).fill(1), new Uint8Array(32).fill(2));
    expect(errorOf(() => makeCharter({ name: 'G', members: [long], thresholds: { release: 1, membership: 1 } })).message).toMatch(
      /members\.0\.name: is longer than 100 characters/,
    );
    expect(errorOf(() => makeCharter({ name: 'n'.repeat(101), members: [memberOf(makePerson('A'))], thresholds: { release: 1, membership: 1 } })).message).toMatch(
      /^model: new group charter: name: is longer than 100/,
    );
  });
});

describe('decoding applies the text rules to what others wrote', () => {
  const { group } = threeMemberGroup();
  const { statement } = statementBy([group]);
  const decode = (over: Record<string, unknown>) => () => decodeObject(canonicalBytes({ ...statement, ...over }), 'imported statement');

  it('accepts the statement as built', () => {
    expect(decodeObject(canonicalBytes(statement))).toEqual(statement);
  });

  it('rejects text that is not NFC, rather than normalising it (that would change the signed bytes)', () => {
    const err = errorOf(decode({ title: `Caf${DECOMPOSED_E}` }));
    expect(err.code).toBe('model.invalid');
    expect(err.kind).toBe('input');
    expect(err.message).toBe('model: imported statement: title: is not in Unicode NFC form (R-TEXT-NFC)');
    expect(err.rule).toBe('R-TEXT-NFC');
    expect(errorOf(decode({ body: `caf${DECOMPOSED_E}` })).message).toMatch(/body: is not in Unicode NFC form/);
  });

  it('rejects CR, NUL and other control characters, allows newline and tab in the body', () => {
    expect(errorOf(decode({ body: 'a\r\nb' })).message).toMatch(/body: contains a control character other than newline or tab/);
    expect(errorOf(decode({ title: 'a\u0000' })).message).toMatch(/title: contains a control character/);
    expect(errorOf(decode({ title: 'a\u0085b' })).message).toMatch(/title: contains a control character/);
    expect(decodeObject(canonicalBytes({ ...statement, body: 'a\n\tb' }))).toMatchObject({ body: 'a\n\tb' });
  });

  it('rejects over-long text', () => {
    expect(errorOf(decode({ title: 'x'.repeat(301) })).message).toMatch(/title: is longer than 300 characters/);
  });
});

// statement.txt: exact bytes, the grammar's edge cases, invertibility (the statement and its id can
// be rebuilt from the text), and the no-0x00 rule.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { SamizdatError } from '../../../src/core/errors.js';
import { RELATION_KEYS, assertNoZeroByte, parseStatementText, renderStatementText, statementTextBytes, type StatementTextInput } from '../../../src/core/interop/text.js';
import { objectId } from '../../../src/core/model/objects.js';
import type { AttachmentRef, Relation, RelationType, Statement } from '../../../src/core/model/types.js';
import { GROUPS, GROUP_1, STATEMENT, STATEMENT_ID, STATEMENT_TXT } from './vectors.js';

const input = (statement: Statement = STATEMENT, id = objectId(statement)): StatementTextInput => ({ id, statement, groups: GROUPS });

/** What a reader without Samizdat can do: rebuild the statement object from the text alone. */
function rebuild(text: string): { id: string; statement: Statement } {
  const { title, body, footer } = parseStatementText(text);
  const value = (key: string) => footer.filter(([k]) => k === key).map(([, v]) => v);
  const typeOf = new Map(Object.entries(RELATION_KEYS).map(([type, key]) => [key, type as RelationType]));
  const relations: Relation[] = footer.filter(([k]) => typeOf.has(k)).map(([k, v]) => ({ type: typeOf.get(k) as RelationType, id: v }));
  const attachments: AttachmentRef[] = value('Attachment').map((v) => {
    const [id = '', size = '', mediaType = '', ...name] = v.split(' ');
    return { id, name: name.join(' '), mediaType, size: Number(size) };
  });
  const statement: Statement = {
    type: 'statement',
    v: 1,
    authors: value('Group').map((v) => v.slice(-64)),
    title,
    lang: value('Language')[0] as string,
    date: value('Date')[0] as string,
    body,
    relations,
    attachments,
  };
  return { id: value('Statement')[0] as string, statement };
}

describe('statement.txt', () => {
  it('is the known answer, byte for byte', () => {
    expect(objectId(STATEMENT)).toBe(STATEMENT_ID);
    expect(renderStatementText(input())).toBe(STATEMENT_TXT);
    expect(Buffer.from(statementTextBytes(input())).toString('utf8')).toBe(STATEMENT_TXT);
  });

  it('ends with exactly one LF, has no CR and no 0x00, and is the same bytes every time', () => {
    const bytes = statementTextBytes(input());
    expect(bytes[bytes.length - 1]).toBe(0x0a);
    expect(bytes[bytes.length - 2]).not.toBe(0x0a);
    expect(bytes.includes(0x0d)).toBe(false);
    expect(bytes.includes(0)).toBe(false);
    expect(Buffer.from(statementTextBytes(input())).equals(Buffer.from(bytes))).toBe(true);
  });

  it('writes the groups in the order of the statement, whatever order they are given in', () => {
    expect(renderStatementText({ ...input(), groups: [...GROUPS].reverse() })).toBe(STATEMENT_TXT);
  });

  it('refuses to render without the name and fingerprint of every author group', () => {
    expect(() => renderStatementText({ ...input(), groups: [GROUPS[1] as (typeof GROUPS)[number]] })).toThrow(/author group 111111111111/);
  });

  it('an empty body, a body without a final LF and one with it give three different texts', () => {
    const texts = ['', 'One line', 'One line\n'].map((body) => renderStatementText(input({ ...STATEMENT, body })));
    expect(texts[0]?.startsWith('Against the war\n\n\n\nStatement: ')).toBe(true);
    expect(texts[1]?.startsWith('Against the war\n\nOne line\n\nStatement: ')).toBe(true);
    expect(texts[2]?.startsWith('Against the war\n\nOne line\n\n\nStatement: ')).toBe(true);
  });

  it('has one footer key per relation type, and none without relations or attachments', () => {
    const relations = (Object.keys(RELATION_KEYS) as RelationType[]).map((type, i) => ({ type, id: String(i).repeat(64) }));
    const text = renderStatementText(input({ ...STATEMENT, relations, attachments: [] }));
    expect(text).toContain(`Translation-of: ${'0'.repeat(64)}\nIntroduces: ${'1'.repeat(64)}\nRevises: ${'2'.repeat(64)}\nResponds-to: ${'3'.repeat(64)}\nRetracts: ${'4'.repeat(64)}\n`);
    const bare = renderStatementText(input({ ...STATEMENT, authors: [GROUP_1], relations: [], attachments: [] }));
    expect(bare.slice(bare.lastIndexOf('\n\n') + 2)).toBe(`Statement: ${objectId({ ...STATEMENT, authors: [GROUP_1], relations: [], attachments: [] })}\nDate: 24 February 2026\nLanguage: en\nGroup: KRAS-IWA ${GROUP_1}\nFingerprint: ${GROUPS[0]?.fingerprint}\n`);
  });

  it('can be turned back into the statement, whose id is the one in the footer', () => {
    const { id, statement } = rebuild(STATEMENT_TXT);
    expect(statement).toEqual(STATEMENT);
    expect(objectId(statement)).toBe(id);
  });

  it('round-trips any body: blank lines, footer-like lines and tabs in the body cannot confuse a reader', () => {
    const char = fc.constantFrom('a', 'я', ' ', '\t', '\n', ':', 'S', '€', '😀');
    const body = fc.array(fc.oneof(char, fc.constant('\nStatement: x\n'), fc.constant('\n\n')), { maxLength: 40 }).map((parts) => parts.join('').normalize('NFC'));
    fc.assert(
      fc.property(body, (b) => {
        const statement = { ...STATEMENT, body: b };
        const { id, statement: back } = rebuild(renderStatementText(input(statement)));
        expect(back).toEqual(statement);
        expect(id).toBe(objectId(statement));
      }),
      { numRuns: 300 },
    );
  });

  it('never signs a text holding 0x00: a statement carrying U+0000 (which no valid one does) is refused', () => {
    for (const statement of [{ ...STATEMENT, body: 'a\u0000b' }, { ...STATEMENT, date: 'x\u0000' }]) {
      let error: unknown;
      try {
        statementTextBytes(input(statement, STATEMENT_ID));
      } catch (e) {
        error = e;
      }
      expect(error).toBeInstanceOf(SamizdatError);
      expect((error as SamizdatError).code).toBe('interop.zero-byte');
    }
    expect(() => assertNoZeroByte(new Uint8Array([0x61, 0x00]), 'this text')).toThrow(/^interop: this text contains the byte 0x00/);
    expect(() => assertNoZeroByte(new Uint8Array([0x61, 0x0a]), 'this text')).not.toThrow();
  });

  it('refuses a multi-line title or group name rather than write an ambiguous text', () => {
    expect(() => renderStatementText(input({ ...STATEMENT, title: 'Two\nlines' }))).toThrow(/title/);
    expect(() => renderStatementText({ ...input(), groups: [{ ...(GROUPS[0] as (typeof GROUPS)[number]), name: 'A\nB' }, GROUPS[1] as (typeof GROUPS)[number]] })).toThrow(/group name/);
    expect(() => renderStatementText(input({ ...STATEMENT, body: 'a\r\nb' }))).toThrow(/carriage return/);
  });

  it('parseStatementText refuses what is not a statement.txt', () => {
    expect(() => parseStatementText('no newline')).toThrow(/line feed/);
    expect(() => parseStatementText('Title\nno blank line\n')).toThrow(/blank line/);
    expect(() => parseStatementText('Title\n\nbody\n\nnot a footer line\n')).toThrow(/Key: value/);
  });
});

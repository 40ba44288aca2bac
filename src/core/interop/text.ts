// statement.txt: a statement as plain text for readers without Samizdat (docs/FORMAT.md, "Exported
// text for readers without Samizdat"). The text holds every field of the statement, so a reader can
// rebuild the statement object from it and check its id; it never holds the byte 0x00, so no
// signature over it can be a Samizdat signature (docs/FORMAT.md, "Signatures and domain separation").
import { utf8 } from '../crypto/bytes.js';
import { SamizdatError } from '../errors.js';
import type { RelationType, Statement } from '../model/types.js';

/** An author group as the footer names it: its current name, its id and its safety number. */
export interface TextGroup {
  id: string;
  name: string;
  fingerprint: string;
}

export interface StatementTextInput {
  /** The statement id (hex SHA-256 of its canonical bytes). */
  id: string;
  statement: Statement;
  /** One entry per author group; looked up by id, written in the order of `statement.authors`. */
  groups: readonly TextGroup[];
}

/** The footer key of each relation type. */
export const RELATION_KEYS: Readonly<Record<RelationType, string>> = {
  'translation-of': 'Translation-of',
  introduces: 'Introduces',
  revises: 'Revises',
  'responds-to': 'Responds-to',
  retracts: 'Retracts',
};

function internal(message: string): SamizdatError {
  return new SamizdatError('interop', 'input', 'interop.bad-text', message);
}

/** A footer value or the title: one line, so the grammar stays unambiguous. */
function oneLine(value: string, what: string): string {
  if (value.length === 0 || /[\n\r]/.test(value)) throw internal(`${what} must be one non-empty line of text`);
  return value;
}

/** Throws unless `bytes` is free of 0x00 (checked before anything is signed). */
export function assertNoZeroByte(bytes: Uint8Array, what: string): void {
  if (bytes.includes(0)) {
    throw new SamizdatError('interop', 'input', 'interop.zero-byte', `${what} contains the byte 0x00 (U+0000); it must never be signed, as it could then pass for a Samizdat signing message`);
  }
}

/** The footer lines, without line ends. */
export function footerLines(input: StatementTextInput): string[] {
  const { id, statement } = input;
  const lines = [`Statement: ${id}`, `Date: ${oneLine(statement.date, 'the date')}`, `Language: ${oneLine(statement.lang, 'the language')}`];
  for (const author of statement.authors) {
    const group = input.groups.find((g) => g.id === author);
    if (!group) throw internal(`no name and fingerprint given for author group ${author.slice(0, 12)}`);
    lines.push(`Group: ${oneLine(group.name, 'a group name')} ${author}`, `Fingerprint: ${oneLine(group.fingerprint, 'a fingerprint')}`);
  }
  for (const r of statement.relations) lines.push(`${RELATION_KEYS[r.type]}: ${r.id}`);
  for (const a of statement.attachments) lines.push(`Attachment: ${a.id} ${a.size} ${a.mediaType} ${oneLine(a.name, 'an attachment name')}`);
  return lines;
}

/**
 * statement.txt as a string: title LF, LF, body, LF, LF, then the footer, one `Key: value` line
 * each, every line ending with LF. The body is written exactly as in the statement.
 */
export function renderStatementText(input: StatementTextInput): string {
  const { statement } = input;
  if (statement.body.includes('\r')) throw internal('the body holds a carriage return, which no valid statement has');
  return `${oneLine(statement.title, 'the title')}\n\n${statement.body}\n\n${footerLines(input).map((l) => `${l}\n`).join('')}`;
}

/** statement.txt as the bytes to write and sign: UTF-8, checked free of 0x00. */
export function statementTextBytes(input: StatementTextInput): Uint8Array {
  const bytes = utf8(renderStatementText(input));
  assertNoZeroByte(bytes, 'statement.txt');
  return bytes;
}

export interface ParsedStatementText {
  title: string;
  body: string;
  /** The footer as `[key, value]` pairs, in order. */
  footer: Array<[string, string]>;
}

/**
 * Split a statement.txt into title, body and footer (the inverse of renderStatementText). The
 * footer starts after the last blank line: footer lines are never empty.
 */
export function parseStatementText(text: string): ParsedStatementText {
  const bad = (why: string) => new SamizdatError('interop', 'input', 'interop.bad-text', `not a Samizdat statement.txt: ${why}`);
  if (!text.endsWith('\n')) throw bad('it does not end with a line feed');
  const titleEnd = text.indexOf('\n');
  if (titleEnd < 1 || text[titleEnd + 1] !== '\n') throw bad('no title line followed by a blank line');
  const footerStart = text.lastIndexOf('\n\n') + 2;
  if (footerStart < titleEnd + 4) throw bad('no footer after a blank line');
  const footer = text
    .slice(footerStart, -1)
    .split('\n')
    .map((line): [string, string] => {
      const colon = line.indexOf(': ');
      if (colon < 1) throw bad(`footer line without "Key: value": ${JSON.stringify(line.slice(0, 40))}`);
      return [line.slice(0, colon), line.slice(colon + 2)];
    });
  return { title: text.slice(0, titleEnd), body: text.slice(titleEnd + 2, footerStart - 2), footer };
}

// What the Write place decides without a browser (tests/unit/renderer/write.test.ts): where a
// statement starts from (the route's relation), what it proposes (today's date, a language, the
// title of a revision), what stops it from being saved (in the words of format's limits, before
// anything is sent), and the name of the bundle that carries the draft to the members.

import type { RelationKind, StatementView } from '../../../shared/view-models.js';
import { LANGUAGES } from '../../i18n/languages.js';
import { folderNameOf, joinPath } from '../statements/paths.js';

/** The draft page's route parameter saying it was saved just now. */
export const SAVED_PARAM = 'saved';

export const RELATIONS: readonly RelationKind[] = ['translation-of', 'introduces', 'revises', 'responds-to', 'retracts'];

export interface StartingPoint {
  kind: RelationKind;
  target: string;
}

const STATEMENT_ID = /^[0-9a-f]{64}$/;

/** The route's { relation, target } (set by the Statements place), when both are well formed. */
export function startingPoint(params: Readonly<Record<string, string>> | undefined): StartingPoint | null {
  const kind = params?.['relation'];
  const target = params?.['target'];
  if (!kind || !target || !(RELATIONS as readonly string[]).includes(kind) || !STATEMENT_ID.test(target)) return null;
  return { kind: kind as RelationKind, target };
}

/** Today in the person's own time zone, as YYYY-MM-DD. */
export function today(now: Date = new Date()): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}

/** docs/FORMAT.md, statement `lang` (R-LANG). */
export const LANG_PATTERN = /^[a-z]{2,3}(-[A-Za-z0-9]{1,8})*$/;
export const LANG_MAX = 35;

/**
 * A language tag as typed ("PT-br", " uk "), in the form a statement carries ("pt-BR", "uk"); null
 * when it is not a tag a statement may carry.
 */
export function languageTag(typed: string): string | null {
  const trimmed = typed.trim();
  if (trimmed === '') return null;
  let tag: string;
  try {
    tag = Intl.getCanonicalLocales(trimmed)[0] ?? trimmed;
  } catch {
    return null; // not BCP 47 at all
  }
  return LANG_PATTERN.test(tag) && tag.length <= LANG_MAX ? tag : null;
}

/**
 * The language a new statement starts in: a translation another language than its original's (the
 * person's own if it differs, else the first of ours that does); a revision the original's; else
 * the person's.
 */
export function proposedLanguage(kind: RelationKind | null, targetLang: string | null, uiLang: string): string {
  if (kind === 'revises' && targetLang) return targetLang;
  if (kind === 'translation-of' && targetLang) {
    const base = (tag: string) => tag.toLowerCase().split('-')[0];
    if (base(uiLang) !== base(targetLang)) return uiLang;
    return LANGUAGES.find((l) => l !== base(targetLang)) ?? uiLang;
  }
  return uiLang;
}

/** The languages to choose from: ours first, then those of the statements held, then the one chosen. */
export function languageChoices(held: readonly string[], current: string): string[] {
  const out: string[] = [...LANGUAGES];
  for (const tag of [...held, current]) if (tag && !out.includes(tag)) out.push(tag);
  return out;
}

export interface AttachmentChoice {
  path: string;
  name: string;
  /** Null until the app has looked at the file. */
  bytes: number | null;
}

export interface DraftFields {
  title: string;
  /** The tag chosen or typed (see languageTag). */
  lang: string;
  date: string;
  authors: readonly string[];
  body: string;
  attachments: readonly AttachmentChoice[];
}

/** docs/FORMAT.md, Limits. Lengths in code points. */
export const LIMITS = { title: 300, date: 64, body: 1_000_000, authors: 16, attachments: 64, attachmentBytes: 1_073_741_824 } as const;

export type Field = 'title' | 'lang' | 'date' | 'authors' | 'body' | 'attachments';

/** What stops a field, as a key of the `write` namespace (`problem.<field>.<what>`), with its values. */
export interface Problem {
  field: Field;
  key: string;
  values?: Record<string, string | number>;
}

const codePoints = (s: string): number => [...s].length;
const multiLine = (s: string): boolean => /[\r\n\u2028\u2029]/.test(s);

/** Everything that stops the draft from being saved, in the order of the form. */
export function problemsOf(d: DraftFields): Problem[] {
  const out: Problem[] = [];
  const title = d.title.trim();
  if (title === '') out.push({ field: 'title', key: 'problem.title.empty' });
  else if (multiLine(title)) out.push({ field: 'title', key: 'problem.title.lines' });
  else if (codePoints(title) > LIMITS.title) out.push({ field: 'title', key: 'problem.title.long', values: { max: LIMITS.title, count: codePoints(title) } });
  if (languageTag(d.lang) === null) out.push({ field: 'lang', key: d.lang.trim() === '' ? 'problem.lang.empty' : 'problem.lang.invalid' });
  const date = d.date.trim();
  if (date === '') out.push({ field: 'date', key: 'problem.date.empty' });
  else if (multiLine(date)) out.push({ field: 'date', key: 'problem.date.lines' });
  else if (codePoints(date) > LIMITS.date) out.push({ field: 'date', key: 'problem.date.long', values: { max: LIMITS.date } });
  if (d.authors.length === 0) out.push({ field: 'authors', key: 'problem.authors.none' });
  else if (d.authors.length > LIMITS.authors) out.push({ field: 'authors', key: 'problem.authors.many', values: { max: LIMITS.authors } });
  if (d.body.trim() === '') out.push({ field: 'body', key: 'problem.body.empty' });
  else if (codePoints(d.body) > LIMITS.body) out.push({ field: 'body', key: 'problem.body.long' });
  if (d.attachments.length > LIMITS.attachments) out.push({ field: 'attachments', key: 'problem.attachments.many', values: { max: LIMITS.attachments } });
  const large = d.attachments.find((a) => a.bytes !== null && a.bytes > LIMITS.attachmentBytes);
  if (large) out.push({ field: 'attachments', key: 'problem.attachments.large', values: { name: large.name } });
  return out;
}

/** Files chosen again are attached once (by where they are). */
export function withAttachments(current: readonly AttachmentChoice[], added: readonly AttachmentChoice[]): AttachmentChoice[] {
  const seen = new Set(current.map((a) => a.path));
  const out = [...current];
  for (const a of added) {
    if (seen.has(a.path)) continue;
    seen.add(a.path);
    out.push(a);
  }
  return out;
}

export const baseName = (p: string): string => p.split(/[\\/]/).filter(Boolean).pop() ?? p;

/** What the form starts with, from the statement it relates to (null: a new statement). */
export function initialFields(kind: RelationKind | null, target: Pick<StatementView, 'title' | 'lang' | 'body' | 'authors'> | null, myGroups: readonly string[], uiLang: string): DraftFields {
  const mineAuthors = target ? target.authors.map((a) => a.groupId).filter((g) => myGroups.includes(g)) : [];
  // Its own groups write a revision or a retraction, and most likely translate or introduce their own statement.
  const authors = mineAuthors.length > 0 ? mineAuthors : myGroups.length === 1 ? [...myGroups] : [];
  return {
    // A revision is the same statement, newer: its title and text to change; anything else starts empty.
    title: kind === 'revises' && target ? target.title : '',
    lang: proposedLanguage(kind, target?.lang ?? null, uiLang),
    date: today(),
    authors,
    body: kind === 'revises' && target ? target.body : '',
    attachments: [],
  };
}

/** The bundle's file name (no folder) for a statement: its title, cleaned, with `.samizdat`. */
export function bundleFileName(title: string, fallback: string): string {
  const name = folderNameOf(title.replace(/\.samizdat$/i, '')) || folderNameOf(fallback) || 'samizdat';
  return `${name}.samizdat`;
}

/** A name the person typed for the file, cleaned, always ending in `.samizdat`; null when nothing is left. */
export function typedFileName(typed: string): string | null {
  const name = folderNameOf(typed.trim().replace(/\.samizdat$/i, ''));
  return name === '' ? null : `${name}.samizdat`;
}

/** Where a bundle goes on a drive: the file at the drive's top. */
export const bundleOnDrive = (drivePath: string, fileName: string): string => joinPath(drivePath, fileName);

/** Statements from several pages (a joint draft is in each of its groups'), once each, newest first as the list orders them. */
export function newestFirst<T extends { id: string; date: string }>(items: readonly T[]): T[] {
  const once = new Map<string, T>();
  for (const s of items) if (!once.has(s.id)) once.set(s.id, s);
  return [...once.values()].sort((a, b) => (a.date !== b.date ? (a.date < b.date ? 1 : -1) : a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

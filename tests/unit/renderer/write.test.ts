// The Write place's decisions, without a browser (src/renderer/screens/write/compose.ts,
// progress.ts): the route's starting point, today's date, language tags and the language proposed,
// what stops a draft from being saved (format's limits, in code points), the form's first values
// for each relation, the drafts merged from several groups, the bundle's file name, and the
// export's progress in words from its step; every key it names exists in the three catalogues.

import { describe, expect, it } from 'vitest';
import { CATALOGUES } from '../../../src/renderer/i18n/catalogues.js';
import { LANGUAGES } from '../../../src/renderer/i18n/languages.js';
import {
  bundleFileName,
  bundleOnDrive,
  initialFields,
  languageChoices,
  languageTag,
  newestFirst,
  problemsOf,
  proposedLanguage,
  startingPoint,
  today,
  typedFileName,
  withAttachments,
  type DraftFields,
} from '../../../src/renderer/screens/write/compose.js';
import { exportProgress } from '../../../src/renderer/screens/write/progress.js';
import type { JobStep } from '../../../src/shared/view-models.js';

const ID = 'ab'.repeat(32);
const MINE = 'cd'.repeat(32);
const OTHER = 'ef'.repeat(32);

const good: DraftFields = { title: 'Страйк у депо', lang: 'uk', date: '2026-05-01', authors: [MINE], body: '**Солідарність**', attachments: [] };
const keysOf = (d: Partial<DraftFields>) => problemsOf({ ...good, ...d }).map((p) => p.key);

/** A key of the `write` namespace exists in every language (as itself or with plural suffixes). */
function inCatalogues(key: string): boolean {
  return LANGUAGES.every((lng) => Object.keys(CATALOGUES.write[lng]).some((k) => k === key || k.startsWith(`${key}_`)));
}

describe('where a statement starts from', () => {
  it('takes a well-formed relation and target from the route, and nothing else', () => {
    expect(startingPoint({ relation: 'translation-of', target: ID })).toEqual({ kind: 'translation-of', target: ID });
    for (const kind of ['introduces', 'revises', 'responds-to', 'retracts']) expect(startingPoint({ relation: kind, target: ID })?.kind).toBe(kind);
    expect(startingPoint(undefined)).toBeNull();
    expect(startingPoint({ relation: 'endorses', target: ID })).toBeNull();
    expect(startingPoint({ relation: 'translation-of', target: 'AB'.repeat(32) })).toBeNull();
    expect(startingPoint({ relation: 'translation-of', target: ID.slice(2) })).toBeNull();
    expect(startingPoint({ relation: 'translation-of' })).toBeNull();
  });

  it('proposes today in the person’s own time, as YYYY-MM-DD', () => {
    expect(today(new Date(2026, 0, 5, 23, 59))).toBe('2026-01-05');
    expect(today(new Date(2025, 11, 31, 0, 0))).toBe('2025-12-31');
    expect(today()).toMatch(/^\d{4}-\d{2}-\d{2}$/);
  });
});

describe('languages', () => {
  it('reads a typed tag in the form a statement carries, and refuses what is not one', () => {
    expect(languageTag(' uk ')).toBe('uk');
    expect(languageTag('PT-br')).toBe('pt-BR');
    expect(languageTag('EN')).toBe('en');
    expect(languageTag('sr-Latn-RS')).toBe('sr-Latn-RS');
    for (const bad of ['', '  ', 'english', 'e', 'en_US', 'en-', '12', 'x-private', 'ru uk', `en-${'a'.repeat(40)}`]) expect(languageTag(bad), bad).toBeNull();
  });

  it('proposes another language for a translation, the original’s for a revision, hers otherwise', () => {
    expect(proposedLanguage('translation-of', 'ru', 'en')).toBe('en');
    expect(proposedLanguage('translation-of', 'en', 'en')).toBe('ru');
    expect(proposedLanguage('translation-of', 'ru-RU', 'ru')).toBe('en');
    expect(proposedLanguage('translation-of', 'uk', 'uk')).toBe('en');
    expect(proposedLanguage('revises', 'be', 'uk')).toBe('be');
    expect(proposedLanguage('responds-to', 'ru', 'uk')).toBe('uk');
    expect(proposedLanguage(null, null, 'ru')).toBe('ru');
  });

  it('lists ours first, then those held, then the one chosen, each once', () => {
    expect(languageChoices(['ru', 'de', 'en', 'be'], 'pt-BR')).toEqual(['en', 'ru', 'uk', 'de', 'be', 'pt-BR']);
    expect(languageChoices([], '')).toEqual(['en', 'ru', 'uk']);
  });
});

describe('what stops a draft from being saved', () => {
  it('lets a complete draft through', () => {
    expect(problemsOf(good)).toEqual([]);
  });

  it('names each field wrong, in the order of the form', () => {
    expect(problemsOf({ title: ' ', lang: '', date: '', authors: [], body: '\n', attachments: [] }).map((p) => [p.field, p.key])).toEqual([
      ['title', 'problem.title.empty'],
      ['lang', 'problem.lang.empty'],
      ['date', 'problem.date.empty'],
      ['authors', 'problem.authors.none'],
      ['body', 'problem.body.empty'],
    ]);
  });

  it('holds to format’s limits, counted in code points', () => {
    expect(keysOf({ title: 'a'.repeat(300) })).toEqual([]);
    expect(keysOf({ title: '😀'.repeat(300) })).toEqual([]); // 600 UTF-16 units, 300 code points
    expect(problemsOf({ ...good, title: 'a'.repeat(301) })).toEqual([{ field: 'title', key: 'problem.title.long', values: { max: 300, count: 301 } }]);
    expect(keysOf({ title: 'one\ntwo' })).toEqual(['problem.title.lines']);
    expect(keysOf({ lang: 'Ukrainian' })).toEqual(['problem.lang.invalid']);
    expect(keysOf({ date: 'д'.repeat(64) })).toEqual([]);
    expect(keysOf({ date: 'д'.repeat(65) })).toEqual(['problem.date.long']);
    expect(keysOf({ date: '1\r2' })).toEqual(['problem.date.lines']);
    expect(keysOf({ authors: Array.from({ length: 17 }, (_, i) => String(i)) })).toEqual(['problem.authors.many']);
    expect(keysOf({ body: 'я'.repeat(1_000_001) })).toEqual(['problem.body.long']);
    const files = (n: number, bytes: number | null = 1) => Array.from({ length: n }, (_, i) => ({ path: `/f/${i}`, name: `${i}.pdf`, bytes }));
    expect(keysOf({ attachments: files(64) })).toEqual([]);
    expect(keysOf({ attachments: files(65) })).toEqual(['problem.attachments.many']);
    expect(problemsOf({ ...good, attachments: [{ path: '/f/big.iso', name: 'big.iso', bytes: 2 ** 30 + 1 }] })).toEqual([
      { field: 'attachments', key: 'problem.attachments.large', values: { name: 'big.iso' } },
    ]);
    expect(keysOf({ attachments: files(1, null) })).toEqual([]); // size unknown: the app says so when saving, in its words
  });

  it('attaches a file chosen twice once', () => {
    const a = { path: '/s/a.pdf', name: 'a.pdf', bytes: 1 };
    const b = { path: '/s/b.pdf', name: 'b.pdf', bytes: 2 };
    expect(withAttachments([a], [b, a, b])).toEqual([a, b]);
  });
});

describe('what the form starts with', () => {
  const target = { title: 'Нет войне', lang: 'ru', body: 'Текст **оригинала**.', authors: [{ groupId: MINE, name: 'KRAS', trust: { state: 'mine' as const } }] };

  it('a new statement: empty, her language, today, her only group', () => {
    expect(initialFields(null, null, [MINE], 'uk')).toEqual({ title: '', lang: 'uk', date: today(), authors: [MINE], body: '', attachments: [] });
    expect(initialFields(null, null, [MINE, OTHER], 'uk').authors).toEqual([]); // several: she chooses
  });

  it('a revision: the original’s title, text and language, for its groups that are hers', () => {
    expect(initialFields('revises', target, [OTHER, MINE], 'en')).toMatchObject({ title: 'Нет войне', body: 'Текст **оригинала**.', lang: 'ru', authors: [MINE] });
  });

  it('a translation: nothing of the original’s words, another language, its group when it is hers', () => {
    expect(initialFields('translation-of', target, [OTHER, MINE], 'en')).toMatchObject({ title: '', body: '', lang: 'en', authors: [MINE] });
    const theirs = { ...target, authors: [{ groupId: ID, name: 'KRAS', trust: { state: 'verified' as const } }] };
    expect(initialFields('introduces', theirs, [OTHER, MINE], 'uk').authors).toEqual([]);
    expect(initialFields('introduces', theirs, [OTHER], 'uk').authors).toEqual([OTHER]);
  });
});

describe('drafts of several groups', () => {
  it('lists a joint draft once, newest first', () => {
    const s = (id: string, date: string) => ({ id, date });
    expect(newestFirst([s('b', '2026-05-01'), s('a', '2026-05-02'), s('b', '2026-05-01'), s('c', '2026-05-01')]).map((x) => x.id)).toEqual(['a', 'b', 'c']);
  });
});

describe('the bundle’s file name', () => {
  it('is the title, cleaned as a file system needs it, with .samizdat', () => {
    expect(bundleFileName('Страйк у депо', 'x')).toBe('Страйк у депо.samizdat');
    expect(bundleFileName('a/b: "c"?', 'x')).toBe('a b c.samizdat');
    expect(bundleFileName('...', 'draft')).toBe('draft.samizdat');
    expect(typedFileName('  my.samizdat ')).toBe('my.samizdat');
    expect(typedFileName('my')).toBe('my.samizdat');
    expect(typedFileName(' / ')).toBeNull();
    expect(bundleOnDrive('/media/olga/STICK', 'a.samizdat')).toBe('/media/olga/STICK/a.samizdat');
    expect(bundleOnDrive('E:\\', 'a.samizdat')).toBe('E:\\a.samizdat');
  });
});

describe('the export’s progress in words', () => {
  it('from its step, naming the file, each key in the three catalogues', () => {
    expect(exportProgress({ step: 'collecting', file: null })).toEqual({ key: 'progress.collecting', values: {} });
    expect(exportProgress({ step: 'writing', file: 'a.samizdat' })).toEqual({ key: 'progress.writing', values: { file: 'a.samizdat' } });
    expect(exportProgress({ step: 'encrypting', file: 'a.samizdat' })).toEqual({ key: 'progress.encrypting', values: { file: 'a.samizdat' } });
    expect(exportProgress({ step: 'encrypting', file: null }).key).toBe('progress.encrypting.any');
    const steps: JobStep[] = ['starting', 'finding', 'folder', 'reading', 'collecting', 'writing', 'encrypting'];
    for (const step of steps) for (const file of [null, 'f.samizdat']) expect(inCatalogues(exportProgress({ step, file }).key), step).toBe(true);
  });

  it('every problem the form can name has words in every language', () => {
    const all = [
      ...problemsOf({ title: '', lang: '', date: '', authors: [], body: '', attachments: [] }),
      ...problemsOf({ title: 'a\nb', lang: 'xx_YY', date: 'a\nb', authors: Array.from({ length: 17 }, String), body: 'я'.repeat(1_000_001), attachments: Array.from({ length: 65 }, (_, i) => ({ path: `/${i}`, name: `${i}`, bytes: 2 ** 31 })) }),
      ...problemsOf({ ...good, title: 'a'.repeat(301), date: 'a'.repeat(65) }),
    ];
    expect(new Set(all.map((p) => p.key)).size).toBe(14);
    for (const p of all) expect(inCatalogues(p.key), p.key).toBe(true);
    for (const field of ['title', 'lang', 'date', 'authors', 'body', 'attachments']) expect(inCatalogues(`check.${field}`)).toBe(true);
  });
});

// Full-text search: Cyrillic, diacritics, ranking, and user text never read as FTS5 syntax.
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Vault, toFtsQuery } from '../../../src/core/store/index.js';
import { PASS, statement, tempRoot, thrown } from './helpers.js';

let vault: Vault;
let cleanup: () => void;
const s = {
  ru: statement('ru', { title: 'Заявление против войны', body: 'Мы, члены профсоюза, требуем немедленно прекратить войну. Ещё раз: нет войне!', lang: 'ru' }),
  fr: statement('fr', { title: 'Déclaration', body: 'Nous exigeons la paix. Café et crème pour les grévistes.', lang: 'fr' }),
  titleHit: statement('title-hit', { title: 'Strike strike strike', body: 'A general assembly.' }),
  bodyHit: statement('body-hit', { title: 'Minutes', body: 'Long minutes of a long meeting where, at the end, a strike was mentioned once among many other words.' }),
  syntax: statement('syntax', { title: 'Title with near and or', body: 'The words near, or, and not appear here, and "quoted" text: title:x.' }),
};

beforeAll(async () => {
  const t = tempRoot();
  cleanup = t.cleanup;
  vault = await Vault.create(path.join(t.root, 'v'), PASS, 'interactive');
  vault.transaction(() => Object.values(s).forEach((x) => vault.putStatement(x)));
});
afterAll(() => {
  vault.close();
  cleanup();
});

const ids = (query: string): string[] => vault.search(query).map((h) => h.id);

describe('search', () => {
  it('finds a Cyrillic word, in any case, with a snippet marking it', () => {
    const hits = vault.search('ВОЙНУ');
    expect(hits.map((h) => h.id)).toEqual([s.ru.id]);
    expect(hits[0]?.title).toBe(s.ru.title);
    expect(hits[0]?.snippet).toContain('[войну]');
  });

  it('folds ё and е both ways, as Russian readers write either', () => {
    expect(ids('еще')).toEqual([s.ru.id]);
    expect(ids('ещё')).toEqual([s.ru.id]);
    expect(vault.search('еще')[0]?.snippet).toContain('[Ещё]');
  });

  it('finds a word with diacritics searched without them, and with them', () => {
    expect(ids('declaration')).toEqual([s.fr.id]);
    expect(ids('cafe creme')).toEqual([s.fr.id]);
    expect(ids('Café')).toEqual([s.fr.id]);
    // A decomposed (NFD) query is normalised first.
    expect(ids('Cafe\u0301')).toEqual([s.fr.id]);
  });

  it('needs every word to match', () => {
    expect(ids('войну профсоюза')).toEqual([s.ru.id]);
    expect(ids('войну café')).toEqual([]);
  });

  it('ranks by bm25, a title match above a passing mention', () => {
    expect(ids('strike')).toEqual([s.titleHit.id, s.bodyHit.id]);
  });

  it('honours the limit and custom snippet markers', () => {
    expect(vault.search('strike', { limit: 1 }).map((h) => h.id)).toEqual([s.titleHit.id]);
    expect(vault.search('paix', { open: '<<', close: '>>' })[0]?.snippet).toContain('<<paix>>');
    expect(thrown(() => vault.search('strike', { limit: 0 })).code).toBe('vault.bad-argument');
  });

  it('treats FTS5 syntax in the query as plain words, never throwing', () => {
    for (const q of ['"unbalanced', 'title:x OR', 'NEAR(', 'near(words', 'AND', '*', 'body:strike', '^strike', '(', '")', 'a"b', '-not', '{title body}: x']) {
      expect(() => vault.search(q), q).not.toThrow();
    }
    // Words are matched as words: "OR" is the word or, not an operator.
    expect(ids('title:x OR')).toEqual([s.syntax.id]);
    expect(ids('NEAR(')).toEqual([s.syntax.id]);
    expect(ids('"quoted')).toEqual([s.syntax.id]);
    // A column filter in the user's text is not one: "body:strike" is the two words body and strike.
    expect(ids('body:strike')).toEqual([]);
    // Punctuation alone matches nothing, without error.
    expect(ids('(')).toEqual([]);
  });

  it('quotes each word as an FTS5 string with inner quotes doubled', () => {
    expect(toFtsQuery('  a "b  c:d ')).toBe('"a" """b" "c:d"');
  });

  it('an empty query is a usage error', () => {
    for (const q of ['', '   ', '\n\t']) {
      const e = thrown(() => vault.search(q));
      expect([e.kind, e.code, e.exitCode]).toEqual(['usage', 'vault.empty-query', 2]);
    }
    expect(thrown(() => vault.search('x'.repeat(5000))).code).toBe('vault.query-too-long');
  });
});

// Full-text search: Cyrillic, diacritics, ranking, each hit's own snippet, a capped ranking that
// says so, and user text never read as FTS5 syntax.
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SEARCH_RANK_CAP, Vault, toFtsQuery, type StatementRecord } from '../../../src/core/store/index.js';
import { SEARCH_NEWEST_HITS_SQL, SEARCH_NEWEST_SQL } from '../../../src/core/store/queries.js';
import { PASS, rawDb, statement, tempRoot, thrown } from './helpers.js';

let vault: Vault;
let dir: string;
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
  dir = path.join(t.root, 'v');
  vault = await Vault.create(dir, PASS, 'interactive');
  vault.transaction(() => Object.values(s).forEach((x) => vault.putStatement(x)));
});
afterAll(() => {
  vault.close();
  cleanup();
});

const ids = (query: string): string[] => vault.search(query).hits.map((h) => h.id);

describe('search', () => {
  it('finds a Cyrillic word, in any case, with a snippet marking it', () => {
    const { hits } = vault.search('ВОЙНУ');
    expect(hits.map((h) => h.id)).toEqual([s.ru.id]);
    expect(hits[0]?.title).toBe(s.ru.title);
    expect(hits[0]?.snippet).toContain('[войну]');
  });

  it('folds ё and е both ways, as Russian readers write either', () => {
    expect(ids('еще')).toEqual([s.ru.id]);
    expect(ids('ещё')).toEqual([s.ru.id]);
    expect(vault.search('еще').hits[0]?.snippet).toContain('[Ещё]');
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
    expect(vault.search('strike', { limit: 1 }).hits.map((h) => h.id)).toEqual([s.titleHit.id]);
    expect(vault.search('paix', { open: '<<', close: '>>' }).hits[0]?.snippet).toContain('<<paix>>');
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

describe('each hit shows its own snippet', () => {
  // Three statements mention Vorkuta, one in Russian; two Russian ones spell шахтёры with ё and
  // without; two French ones write grève with its accent. Each hit's snippet must be its own text.
  const v = {
    en1: statement('vorkuta-en-1', { title: 'Strike in the north', body: 'Workers of Vorkuta went on strike today.' }),
    ru1: statement('vorkuta-ru-1', { title: 'Забастовка на севере', body: 'Шахтёры Воркуты (Vorkuta) бастуют третий день.', lang: 'ru' }),
    en2: statement('vorkuta-en-2', { title: 'Solidarity', body: 'We send greetings to the miners of Vorkuta and their families.' }),
    ru2: statement('vorkuta-ru-2', { title: 'Письмо', body: 'Шахтеры Воркуты благодарят за поддержку.', lang: 'ru' }),
    fr1: statement('greve-1', { title: 'Appel', body: 'La grève des mineurs continue.', lang: 'fr' }),
    fr2: statement('greve-2', { title: 'Communiqué', body: 'Grève générale demain.', lang: 'fr' }),
  };
  let scratch: Vault;
  beforeAll(() => {
    scratch = Vault.scratch();
    scratch.transaction(() => Object.values(v).forEach((x) => scratch.putStatement(x)));
  });
  afterAll(() => scratch.close());

  /** Each hit's snippet by statement id. */
  const snippets = (query: string): Record<string, string> => Object.fromEntries(scratch.search(query).hits.map((h) => [h.id, h.snippet]));
  /** The snippet a short body gives: all of it, with the matched word marked. */
  const marked = (x: StatementRecord, word: string): string => x.body.replace(word, `[${word}]`);

  it('three hits for Vorkuta, one Russian: three snippets, each from its own body', () => {
    expect(snippets('Vorkuta')).toEqual({
      [v.en1.id]: marked(v.en1, 'Vorkuta'),
      [v.ru1.id]: marked(v.ru1, 'Vorkuta'),
      [v.en2.id]: marked(v.en2, 'Vorkuta'),
    });
    const hits = scratch.search('Vorkuta').hits;
    expect(new Set(hits.map((h) => h.snippet)).size).toBe(3);
    // The Russian statement's hit is in Russian, under its own title.
    const ru = hits.find((h) => h.id === v.ru1.id);
    expect(ru?.title).toBe(v.ru1.title);
    expect(ru?.snippet).toMatch(/^Шахтёры Воркуты/);
  });

  it('a Cyrillic word in two Russian statements, with and without ё: each snippet keeps its own spelling', () => {
    for (const query of ['шахтёры', 'ШАХТЕРЫ']) {
      expect(snippets(query), query).toEqual({
        [v.ru1.id]: marked(v.ru1, 'Шахтёры'),
        [v.ru2.id]: marked(v.ru2, 'Шахтеры'),
      });
    }
    expect(snippets('Воркуты')).toEqual({ [v.ru1.id]: marked(v.ru1, 'Воркуты'), [v.ru2.id]: marked(v.ru2, 'Воркуты') });
  });

  it('a word searched without its accent: each snippet shows its own accented text', () => {
    for (const query of ['greve', 'GRÈVE']) {
      expect(snippets(query), query).toEqual({ [v.fr1.id]: marked(v.fr1, 'grève'), [v.fr2.id]: marked(v.fr2, 'Grève') });
    }
  });

  it('a long body gives an extract around its own match, not the start of another statement', () => {
    const long = statement('long', { body: `${'Words before the news. '.repeat(20)}Then Vorkuta answered, and ${'words after it. '.repeat(20)}` });
    const other = Vault.scratch();
    try {
      other.transaction(() => [v.en1, long, v.en2].forEach((x) => other.putStatement(x)));
      const hit = other.search('Vorkuta').hits.find((h) => h.id === long.id);
      expect(hit?.snippet).toMatch(/^….*Then \[Vorkuta\] answered.*…$/);
      expect(hit?.snippet).not.toContain('Workers');
    } finally {
      other.close();
    }
  });
});

describe('more matches than can be ranked: the newest, and the result says so', () => {
  // SEARCH_RANK_CAP + 100 statements, stored in order: "common" is in all of them, "exactly" in
  // the first SEARCH_RANK_CAP, "oneover" in one more than that, "rare" in three.
  const total = SEARCH_RANK_CAP + 100;
  const all: StatementRecord[] = [];
  let scratch: Vault;
  beforeAll(() => {
    for (let i = 0; i < total; i++) {
      const words = ['common', i < SEARCH_RANK_CAP ? 'exactly' : '', i <= SEARCH_RANK_CAP ? 'oneover' : '', [0, 500, total - 1].includes(i) ? 'rare' : ''];
      // Statement 0 and statement 500 hold their words in the title too (a title counts five times).
      const title = i === 0 ? 'Exactly common and rare' : i === 500 ? 'Rare' : `Statement ${i}`;
      all.push(statement(`cap-${i}`, { title, body: `Number ${i}: ${words.filter(Boolean).join(' ')} cause.` }));
    }
    scratch = Vault.scratch();
    scratch.transaction(() => all.forEach((x) => scratch.putStatement(x)));
  });
  afterAll(() => scratch.close());

  const newestFirst = (): StatementRecord[] => [...all].reverse();

  it('a word in more statements than SEARCH_RANK_CAP: the newest matches, newest first, capped, with their own snippets', () => {
    const result = scratch.search('common', { limit: 1000 });
    expect(result).toMatchObject({ capped: true, order: 'newest', matches: null });
    expect(result.hits.map((h) => h.id)).toEqual(newestFirst().slice(0, 1000).map((x) => x.id));
    // Not ranked: the title hit (statement 0, the oldest) is not first, nor there at all.
    expect(result.hits.some((h) => h.id === all[0]?.id)).toBe(false);
    const byId = new Map(all.map((x) => [x.id, x]));
    for (const h of result.hits) {
      const x = byId.get(h.id) as StatementRecord;
      expect(h.snippet).toBe(x.body.replace('common', '[common]'));
      expect(h.title).toBe(x.title);
    }
    const five = scratch.search('common', { limit: 5 });
    expect(five).toMatchObject({ capped: true, order: 'newest', matches: null });
    expect(five.hits.map((h) => h.id)).toEqual(result.hits.slice(0, 5).map((h) => h.id));
  });

  it('exactly SEARCH_RANK_CAP matches are ranked, the title hit first; one more is capped', () => {
    const exactly = scratch.search('exactly', { limit: 1000 });
    expect(exactly).toMatchObject({ capped: false, order: 'best', matches: SEARCH_RANK_CAP });
    expect(exactly.hits).toHaveLength(SEARCH_RANK_CAP);
    expect(exactly.hits[0]?.id).toBe(all[0]?.id);
    expect(exactly.hits[0]?.snippet).toBe('[Exactly] common and rare');
    expect(scratch.search('oneover', { limit: 1 })).toMatchObject({ capped: true, order: 'newest', matches: null });
    // Two words, one of them in every statement: few matches, so ranked.
    expect(scratch.search('common exactly', { limit: 3 })).toMatchObject({ capped: false, matches: SEARCH_RANK_CAP });
  });

  it('a rare word is ranked in full, old and new matches alike, a title hit first', () => {
    const rare = scratch.search('rare');
    expect(rare).toMatchObject({ capped: false, order: 'best', matches: 3 });
    // Statement 500 has it in a title of one word; statement 0 in a longer title; the newest in its body only.
    expect(rare.hits.map((h) => h.id)).toEqual([all[500], all[0], all[total - 1]].map((x) => x?.id));
    expect(rare.hits.map((h) => h.snippet)).toEqual(['[Rare]', 'Exactly common and [rare]', `Number ${total - 1}: common [rare] cause.`]);
    expect(scratch.search('rare', { limit: 1 })).toMatchObject({ matches: 3, hits: [{ id: all[500]?.id }] });
    expect(scratch.search('absent')).toEqual({ hits: [], order: 'best', capped: false, matches: 0 });
  });

  it('counting the matches, and the newest hits, come from the index in its own order, with no sort', async () => {
    const db = await rawDb(dir);
    try {
      const plan = (sql: string, ...args: unknown[]): string =>
        (db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(...args) as { detail: string }[]).map((r) => r.detail).join('\n');
      for (const p of [plan(SEARCH_NEWEST_SQL, '"strike"', SEARCH_RANK_CAP + 1), plan(SEARCH_NEWEST_HITS_SQL, '[', ']', '"strike"', 20)]) {
        expect(p).toMatch(/^SCAN statements_fts VIRTUAL TABLE/);
        expect(p).not.toContain('TEMP B-TREE');
      }
    } finally {
      db.close();
    }
  });
});

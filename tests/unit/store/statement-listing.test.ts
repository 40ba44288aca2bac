// The filtered statements list (migration 0008): every combination of group, language, status and
// words walks, page by page, exactly the statements a plain filter over everything keeps, in list
// order, with the list's cursors; each is one range of an index (the query plans say so); and the
// stored status is cleared by the store whenever what it was computed from changes.
import { readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3-multiple-ciphers';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fromHex, toHex } from '../../../src/core/crypto/bytes.js';
import { deriveKey } from '../../../src/core/crypto/kdf.js';
import { SCHEMA_VERSION, Vault, parseHeader, type PageRequest, type StatementSummary } from '../../../src/core/store/index.js';
import { MIGRATIONS } from '../../../src/core/store/migrations/index.js';
import { COUNT_DIRECTLY, listingSql, searchListingSql, type ListingFilter, type ListingStatus } from '../../../src/core/store/statement-listing.js';
import { PASS, id, rawDb, statement, tempRoot, thrown } from './helpers.js';

const N = 600;
const GROUPS = [id('group-a'), id('group-b'), id('group-c')];
const LANGS = ['en', 'ru', 'uk', 'eo'];
const STATUSES: ListingStatus[] = ['released', 'waiting', 'problem'];

interface Made {
  id: string;
  date: string;
  lang: string;
  authors: string[];
  words: string;
  status: ListingStatus;
}

let vault: Vault;
let dir: string;
let cleanup: () => void;
const made: Made[] = [];

beforeAll(async () => {
  const t = tempRoot();
  cleanup = t.cleanup;
  dir = path.join(t.root, 'v');
  vault = await Vault.create(dir, PASS, 'interactive');
  vault.transaction(() => {
    for (let i = 0; i < N; i++) {
      // 40 dates, 15 statements on each (ties broken by id); some joint, one language rare.
      const date = `2024-${String(1 + (i % 40)).padStart(3, '0')}`;
      const authors = i % 7 === 0 ? [GROUPS[0] as string, GROUPS[2] as string] : [GROUPS[i % 3] as string];
      const lang = i % 50 === 0 ? 'eo' : (LANGS[i % 3] as string);
      const words = `${i % 2 === 0 ? 'strike' : 'peace'} ${i % 5 === 0 ? 'solidarity' : ''}`;
      const s = statement(`l${i}`, { date, lang, authors, body: `Body ${i}: ${words}.` });
      vault.putStatement(s);
      made.push({ id: s.id, date, lang, authors, words, status: STATUSES[(i * 7) % 11 === 0 ? 1 : i % 13 === 0 ? 2 : 0] as ListingStatus });
    }
    for (const m of made) vault.statementListing().putStatus(m.id, { status: m.status, have: m.status === 'waiting' ? 1 : null, need: m.status === 'waiting' ? 2 : null });
  });
});
afterAll(() => {
  vault.close();
  cleanup();
});

const before = (a: { date: string; id: string }, b: { date: string; id: string }): boolean => a.date > b.date || (a.date === b.date && a.id < b.id);

function expected(filter: ListingFilter): Made[] {
  return made
    .filter((m) => filter.group === undefined || m.authors.includes(filter.group))
    .filter((m) => filter.lang === undefined || m.lang === filter.lang)
    .filter((m) => filter.status === undefined || m.status === filter.status)
    .filter((m) => filter.query === undefined || filter.query.split(' ').every((w) => m.words.includes(w)))
    .sort((a, b) => (before(a, b) ? -1 : 1));
}

function walk(filter: ListingFilter, limit: number): { items: StatementSummary[]; totals: number[]; pages: number } {
  const items: StatementSummary[] = [];
  const totals: number[] = [];
  let after: string | undefined;
  let pages = 0;
  for (;;) {
    const page = vault.statementListing().page({ after, limit } satisfies PageRequest, filter);
    pages++;
    items.push(...page.items);
    totals.push(page.total);
    expect(page.items.length).toBeLessThanOrEqual(limit);
    if (page.next === null) break;
    expect(page.items).toHaveLength(limit);
    after = page.next;
    if (pages > N) throw new Error('the walk does not end');
  }
  return { items, totals, pages };
}

const FILTERS: ListingFilter[] = [];
for (const group of [undefined, ...GROUPS]) for (const lang of [undefined, 'ru', 'eo']) for (const status of [undefined, ...STATUSES]) FILTERS.push({ group, lang, status });

describe('statement listing', () => {
  it('every combination of group, language and status walks exactly what a filter over everything keeps, in list order, with a true total', () => {
    for (const filter of FILTERS) {
      const want = expected(filter);
      const { items, totals } = walk(filter, 17);
      expect(items.map((s) => s.id), JSON.stringify(filter)).toEqual(want.map((m) => m.id));
      for (const t of totals) expect(t).toBe(want.length);
      for (const s of items) {
        const m = made.find((x) => x.id === s.id) as Made;
        expect(s).toEqual({ id: m.id, title: `Title l${made.indexOf(m)}`, lang: m.lang, date: m.date, authors: m.authors });
      }
    }
  });

  it('words: the matches, filtered, in list order, each with its own title; paged with the same cursors', () => {
    for (const filter of [{ query: 'strike' }, { query: 'strike solidarity' }, { query: 'peace', lang: 'uk' }, { query: 'strike', group: GROUPS[2], status: 'released' as const }, { query: 'solidarity', status: 'waiting' as const }]) {
      const want = expected(filter);
      const { items, totals } = walk(filter, 13);
      expect(items.map((s) => s.id), JSON.stringify(filter)).toEqual(want.map((m) => m.id));
      for (const s of items) expect(s.title).toBe(`Title l${made.findIndex((m) => m.id === s.id)}`);
      for (const t of totals) expect(t).toBe(want.length);
    }
    // A cursor of the plain list continues a filtered walk at the same place (same order, same cursors).
    const plain = vault.listStatements({ limit: 100 });
    const cut = plain.items[99] as StatementSummary;
    const rest = vault.statementListing().page({ after: plain.next as string, limit: 1000 }, { lang: 'ru' });
    expect(rest.items.map((s) => s.id)).toEqual(expected({ lang: 'ru' }).filter((m) => before(cut, m)).map((m) => m.id));
  });

  it('words: only the newest 1,000 stored matches are listed, and total counts that capped set', async () => {
    const t = tempRoot();
    const v = await Vault.create(path.join(t.root, 'cap'), PASS, 'interactive');
    try {
      v.transaction(() => {
        for (let i = 0; i < 1005; i++) v.putStatement(statement(`c${i}`, { date: `2024-${String(1 + (i % 9)).padStart(3, '0')}`, body: `strike ${i}` }));
      });
      const first = v.statementListing().page({ limit: 1000 }, { query: 'strike' });
      expect(first.total).toBe(1000);
      const next = v.statementListing().page({ after: first.next ?? undefined, limit: 1000 }, { query: 'strike' });
      const seen = new Set([...first.items, ...next.items].map((s) => s.id));
      expect(seen.size).toBe(1000);
      // The five stored first are the ones left out.
      for (let i = 0; i < 5; i++) expect(seen.has(id(`statement/c${i}`))).toBe(false);
    } finally {
      v.close();
      t.cleanup();
    }
  });

  it('refuses what it cannot read: a bad cursor, a bad filter, an empty query', () => {
    const listing = vault.statementListing();
    expect(thrown(() => listing.page({ after: 'nonsense', limit: 5 }, { lang: 'ru' })).code).toBe('vault.bad-cursor');
    expect(thrown(() => listing.page({ limit: 5 }, { group: 'ABC' })).code).toBe('vault.bad-argument');
    expect(thrown(() => listing.page({ limit: 5 }, { status: 'fine' as ListingStatus })).code).toBe('vault.bad-argument');
    expect(thrown(() => listing.page({ limit: 0 }, { lang: 'ru' })).code).toBe('vault.bad-argument');
    expect(thrown(() => listing.page({ limit: 5 }, { query: '   ' })).code).toBe('vault.empty-query');
  });

  it('a large status range is counted by its complement, to the same total', async () => {
    const v = Vault.scratch();
    try {
      const n = COUNT_DIRECTLY + 130;
      const ids: string[] = [];
      v.transaction(() => {
        for (let i = 0; i < n; i++) {
          const s = statement(`big${i}`, { date: `2024-${String(1 + (i % 90)).padStart(3, '0')}` });
          v.putStatement(s);
          ids.push(s.id);
        }
        // Most released, 20 waiting, 7 problems, 3 never computed.
        ids.forEach((sid, i) => i >= 3 && v.statementListing().putStatus(sid, { status: i < 23 ? 'waiting' : i < 30 ? 'problem' : 'released', have: null, need: null }));
      });
      const total = (status: ListingStatus) => v.statementListing().page({ limit: 1 }, { status }).total;
      expect([total('released'), total('waiting'), total('problem')]).toEqual([n - 30, 20, 7]);
      expect(v.statementListing().toCompute(10)).toHaveLength(3);
    } finally {
      v.close();
    }
  });

  it('languages: most used first, each with its count', () => {
    const counts = new Map<string, number>();
    for (const m of made) counts.set(m.lang, (counts.get(m.lang) ?? 0) + 1);
    const want = [...counts].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1)).map(([lang, count]) => ({ lang, count }));
    expect(vault.statementListing().languages()).toEqual(want);
    expect(want.at(-1)?.lang).toBe('eo');
  });

  it('each filter is one range of one index, never a sort of the table nor a scan of it (query plans)', async () => {
    vault.close();
    const db = await rawDb(dir);
    try {
      const plan = (sql: string, ...args: unknown[]): string =>
        (db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(...args) as { detail: string }[]).map((r) => r.detail).join('\n');
      const g = Buffer.from(GROUPS[0] as string, 'hex');
      const d = '2024-010';
      const cases: Array<[{ lang: boolean; status: boolean }, unknown[], string]> = [
        [{ lang: false, status: false }, [g], 'PRIMARY KEY \\(scope=\\?'],
        [{ lang: true, status: false }, [Buffer.alloc(0), 'ru'], 'COVERING INDEX statement_listing_by_lang \\(scope=\\? AND lang=\\?'],
        [{ lang: false, status: true }, [g, 'waiting'], 'COVERING INDEX statement_listing_by_status \\(scope=\\? AND status=\\?'],
        [{ lang: true, status: true }, [g, 'ru', 'waiting'], 'COVERING INDEX statement_listing_by_status_lang \\(scope=\\? AND status=\\? AND lang=\\?'],
      ];
      for (const [shape, args, index] of cases) {
        const sql = listingSql(shape);
        const plans = [plan(sql.first, ...args, 51), plan(sql.sameDate, ...args, d, Buffer.alloc(32), 51), plan(sql.older, ...args, d, 51)];
        expect(plans[0], JSON.stringify(shape)).toMatch(new RegExp(`SEARCH l USING ${index}\\)`));
        expect(plans[1], JSON.stringify(shape)).toMatch(new RegExp(`SEARCH l USING ${index} AND date=\\? AND id>\\?\\)`));
        expect(plans[2], JSON.stringify(shape)).toMatch(new RegExp(`SEARCH l USING ${index} AND date<\\?\\)`));
        for (const p of plans) {
          expect(p, JSON.stringify(shape)).toMatch(/SEARCH s USING INDEX sqlite_autoindex_statements_1 \(id=\?\)/);
          expect(p, JSON.stringify(shape)).not.toMatch(/TEMP B-TREE|SCAN/);
        }
        // Counting reads one range too (whichever index of the scope is smallest for it).
        expect(plan(sql.count, ...args)).toMatch(/^SEARCH l USING (COVERING INDEX statement_listing_by_\w+|PRIMARY KEY) \(scope=\?/);
      }
      // A search reads the capped matches from the full-text index, then each statement by key; it sorts at most the cap.
      for (const shape of [{ scoped: false, lang: true, status: false }, { scoped: true, lang: false, status: true }]) {
        const sql = searchListingSql(shape);
        const args = ['"strike"', 1000, ...(shape.scoped ? [g] : []), ...(shape.lang ? ['ru'] : []), ...(shape.status ? ['waiting'] : [])];
        const p = plan(sql.after, ...args, d, d, id('x'), 51);
        expect(p).toMatch(/SCAN statements_fts VIRTUAL TABLE/);
        expect(p).toMatch(/SEARCH s USING INTEGER PRIMARY KEY \(rowid=\?\)/);
        if (shape.scoped) expect(p).toMatch(/SEARCH l USING (PRIMARY KEY|COVERING INDEX statement_listing_by_\w+) \(scope=\? (AND \w+=\? )?AND date=\? AND id=\?\)/);
        expect(p).not.toMatch(/SCAN (s|l|statements|statement_listing)\b/);
      }
      // What the store does to keep a stored status from going stale finds its rows by key.
      expect(plan(`SELECT 1 FROM statement_listing WHERE scope = x'' AND status IS NULL LIMIT 5`)).toMatch(/SEARCH .*statement_listing_by_status(_lang)? \(scope=\? AND status=\?\)/);
      expect(plan('SELECT DISTINCT r.statement_id FROM groups AS g CROSS JOIN release_states AS r ON r.group_id = g.id AND r.chain_version < g.chain_version LIMIT 5')).toMatch(
        /SEARCH r USING (COVERING )?INDEX release_states_by_version \(group_id=\? AND chain_version<\?\)/,
      );
      expect(plan(`UPDATE statement_listing SET status = NULL WHERE scope = x'' AND date = (SELECT date FROM statements WHERE id = ?) AND id = unhex(?)`, id('x'), id('x'))).toMatch(
        /SEARCH statement_listing USING PRIMARY KEY \(scope=\? AND date=\? AND id=\?\)/,
      );
      expect(
        plan(`UPDATE statement_listing SET status = 'waiting' WHERE scope IN (SELECT unhex(group_id) FROM statement_authors WHERE statement_id = ?) AND date = ? AND id = ?`, id('x'), '2024-001', Buffer.alloc(32)),
      ).toMatch(/SEARCH statement_listing USING PRIMARY KEY \(scope=\? AND date=\? AND id=\?\)/);
      expect(
        plan(`UPDATE statement_listing SET status = NULL WHERE scope = x'' AND (date, id) IN (SELECT date, id FROM statement_listing WHERE scope = ?) AND status IS NOT NULL`, g),
      ).toMatch(/SEARCH statement_listing USING PRIMARY KEY \(scope=\? AND date=\? AND id=\?\)/);
    } finally {
      db.close();
      vault = await Vault.open(dir, PASS);
    }
  });
});

describe('stored statuses kept from going stale by the store', () => {
  it('a status is stored on every row of its statement; a write to the release states clears it; a group stored for the first time clears those of its statements; stale states are found', async () => {
    const t = tempRoot();
    const v = await Vault.create(path.join(t.root, 's'), PASS, 'interactive');
    try {
      const [a, b] = [id('sa'), id('sb')];
      const s = statement('st', { authors: [a, b] });
      const other = statement('other', { authors: [b] });
      v.putStatement(s);
      v.putStatement(other);
      const listing = v.statementListing();
      expect(listing.status(s.id)).toBeUndefined();
      expect(new Set(listing.toCompute(10))).toEqual(new Set([s.id, other.id]));
      const waiting = { status: 'waiting' as const, have: 1, need: 2 };
      expect(listing.putStatus(s.id, waiting)).toBe(true);
      expect(listing.putStatus(other.id, { status: 'problem', have: null, need: null })).toBe(true);
      expect(listing.putStatus(id('not held'), waiting)).toBe(false);
      expect(listing.status(s.id)).toEqual(waiting);
      expect(listing.toCompute(10)).toEqual([]);
      // The author rows carry it: a's waiting statements are s.
      expect(listing.page({ limit: 10 }, { group: a, status: 'waiting' }).items.map((x) => x.id)).toEqual([s.id]);
      expect(listing.page({ limit: 10 }, { group: b, status: 'problem' }).items.map((x) => x.id)).toEqual([other.id]);

      // Group a is stored for the first time: its statements' statuses are to be computed again; b's other is not.
      v.upsertGroup({ id: a, name: 'A', origin: 'imported' });
      expect(listing.status(s.id)).toBeUndefined();
      expect(listing.status(other.id)).toEqual({ status: 'problem', have: null, need: null });
      expect(listing.toCompute(10)).toEqual([s.id]);
      // Stored again, on every row of the statement: a's and b's filters follow.
      listing.putStatus(s.id, { status: 'released', have: null, need: null });
      expect(listing.page({ limit: 10 }, { group: a, status: 'waiting' }).items).toEqual([]);
      expect(listing.page({ limit: 10 }, { group: b, status: 'released' }).items.map((x) => x.id)).toEqual([s.id]);
      expect(listing.page({ limit: 10 }, { status: 'released' }).items.map((x) => x.id)).toEqual([s.id]);

      // A release state written (a read that computes it) clears the status; so does one dropped (a new signature).
      listing.putStatus(s.id, waiting);
      v.putReleaseState(s.id, { group: a, released: false, signers: 1 });
      expect(listing.status(s.id)).toBeUndefined();
      listing.putStatus(s.id, waiting);
      v.putReleaseState(s.id, { group: a, released: true, signers: 2 });
      expect(listing.status(s.id)).toBeUndefined();
      listing.putStatus(s.id, waiting);
      v.putSignature({ id: id('sig'), statement: s.id, group: a, link: id('link'), role: 'release', key: id('key'), sig: 'ab'.repeat(64), canonical: new Uint8Array([1]) });
      expect(listing.status(s.id)).toBeUndefined();
      expect(v.getReleaseStates(s.id)).toEqual([]);

      // A chain change leaves the stored states older than the chain: to be computed again.
      v.putReleaseState(s.id, { group: a, released: true, signers: 2 });
      listing.putStatus(s.id, waiting);
      expect(listing.toCompute(10)).toEqual([]);
      v.putLink({ id: id('link/a'), group: a, seq: 0, prev: null, op: 'charter', body: new Uint8Array([1]), signatures: [] });
      expect(listing.toCompute(10)).toEqual([s.id]);
      expect(listing.status(s.id)).toEqual(waiting); // stored, but the service does not trust it while its state is stale
    } finally {
      v.close();
      t.cleanup();
    }
  });

  it('a vault made before the listing is carried over: every statement listed under each of its authors, statuses to be computed', async () => {
    const t = tempRoot();
    const where = path.join(t.root, 'old');
    (await Vault.create(where, PASS, 'interactive')).close();
    // The same vault as migrations 1 to 7 made it, holding one joint statement.
    const header = parseHeader(readFileSync(path.join(where, 'vault.json'), 'utf8'), 'vault.json');
    const key = await deriveKey(PASS, fromHex(header.salt), header.kdf);
    rmSync(path.join(where, 'vault.db'));
    const db = new Database(path.join(where, 'vault.db'));
    const s = statement('old', { authors: [id('o1'), id('o2')], lang: 'uk' });
    try {
      db.pragma("cipher = 'chacha20'");
      db.pragma(`key = "x'${toHex(key)}'"`);
      db.pragma('journal_mode = WAL');
      const listing = MIGRATIONS.findIndex((m) => m.name === 'statement-listing');
      for (const m of MIGRATIONS.slice(0, listing)) db.exec(m.sql);
      db.pragma(`user_version = ${listing}`);
      db.prepare('INSERT INTO statements (id, title, lang, date, body, canonical) VALUES (?, ?, ?, ?, ?, ?)').run(s.id, s.title, s.lang, s.date, s.body, Buffer.from(s.canonical));
      s.authors.forEach((g, i) => db.prepare('INSERT INTO statement_authors (statement_id, position, group_id) VALUES (?, ?, ?)').run(s.id, i, g));
      db.pragma('wal_checkpoint(TRUNCATE)');
    } finally {
      db.close();
    }
    const again = await Vault.open(where, PASS);
    try {
      expect(again.schemaVersion).toBe(SCHEMA_VERSION);
      const listing = again.statementListing();
      expect(listing.page({ limit: 5 }, { lang: 'uk' }).items.map((x) => x.id)).toEqual([s.id]);
      expect(listing.page({ limit: 5 }, { group: id('o2') }).items.map((x) => x.id)).toEqual([s.id]);
      expect(listing.toCompute(5)).toEqual([s.id]);
    } finally {
      again.close();
      t.cleanup();
    }
  });
});

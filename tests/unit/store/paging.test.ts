// The statements list: newest first, a keyset walk through the date index (never OFFSET), with
// opaque cursors that stay good while statements are added; and the walks over every statement.
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { MAX_PAGE_SIZE, Vault, type PageRequest, type Slice, type StatementSummary } from '../../../src/core/store/index.js';
import { LIST_STATEMENT_IDS_SQL, LIST_STATEMENTS_SQL } from '../../../src/core/store/queries.js';
import { allStatementIds } from '../../../src/core/exchange/export.js';
import { PASS, id, rawDb, statement, tempRoot, thrown } from './helpers.js';

const N = 1000;
let vault: Vault;
let dir: string;
let cleanup: () => void;

beforeAll(async () => {
  const t = tempRoot();
  cleanup = t.cleanup;
  dir = path.join(t.root, 'v');
  vault = await Vault.create(dir, PASS, 'interactive');
  vault.transaction(() => {
    for (let i = 0; i < N; i++) {
      // 100 distinct dates, ten statements on each: ties are broken by id.
      const day = String(1 + (i % 100)).padStart(3, '0');
      vault.putStatement(statement(`p${i}`, { date: `2024-${day}`, authors: [id(`g${i % 3}`)] }));
    }
  });
});
afterAll(() => {
  vault.close();
  cleanup();
});

/** Every page of a walk from the start (or from `after`), following `next` until it is null. */
function walk<T>(list: (page: PageRequest) => Slice<T>, limit: number, between?: (pages: number) => void): { items: T[]; pages: Slice<T>[] } {
  const pages: Slice<T>[] = [];
  let after: string | undefined;
  for (;;) {
    const page = list({ after, limit });
    pages.push(page);
    if (page.next === null) break;
    if (pages.length > 100_000) throw new Error('the walk does not end');
    after = page.next;
    between?.(pages.length);
  }
  return { items: pages.flatMap((p) => p.items), pages };
}

/** Date descending, then id ascending: the list's order. */
const before = (a: { date: string; id: string }, b: { date: string; id: string }): boolean => a.date > b.date || (a.date === b.date && a.id < b.id);

function expectListOrder(rows: { date: string; id: string }[]): void {
  for (let i = 1; i < rows.length; i++) expect(before(rows[i - 1]!, rows[i]!), `rows ${i - 1} and ${i}`).toBe(true);
}

describe('listStatements', () => {
  it('pages of 50 are disjoint, cover everything, are ordered by date descending then id, and the last says it is last', () => {
    const { items, pages } = walk((p) => vault.listStatements(p), 50);
    expect(pages).toHaveLength(N / 50);
    for (const page of pages) expect(page.items).toHaveLength(50);
    for (const page of pages) expect((page as ReturnType<Vault['listStatements']>).total).toBe(N);
    expect(new Set(items.map((x) => x.id)).size).toBe(N);
    expectListOrder(items);
    const seen: StatementSummary[] = items;
    expect(seen[0]?.date).toBe('2024-100');
    expect(seen[0]?.authors).toHaveLength(1);
    expect(seen[0]).not.toHaveProperty('body');
  });

  it('a page size that does not divide the total: the last page is short and has no next', () => {
    const { items, pages } = walk((p) => vault.listStatements(p), 7);
    expect(pages).toHaveLength(Math.ceil(N / 7));
    expect(pages.at(-1)?.items).toHaveLength(N % 7);
    expect(items.map((x) => x.id)).toEqual(walk((p) => vault.listStatements(p), 1000).items.map((x) => x.id));
  });

  it('listStatementIds walks the same order with the same cursors', () => {
    const summaries = walk((p) => vault.listStatements(p), 33).items.map((x) => x.id);
    expect(walk((p) => vault.listStatementIds(p), 33).items).toEqual(summaries);
    // A cursor from one walk continues the other.
    const first = vault.listStatements({ limit: 100 });
    expect(vault.listStatementIds({ after: first.next as string, limit: 5 }).items).toEqual(summaries.slice(100, 105));
  });

  it('pages through the date index, each query a range of it, with no sort of the whole table', async () => {
    const db = await rawDb(dir);
    try {
      const plan = (sql: string, ...args: unknown[]): string =>
        (db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(...args) as { detail: string }[]).map((r) => r.detail).join('\n');
      for (const sql of [LIST_STATEMENTS_SQL, LIST_STATEMENT_IDS_SQL]) {
        const plans = [plan(sql.first, 51), plan(sql.sameDate, '2024-050', id('x'), 51), plan(sql.older, '2024-050', 51)];
        for (const p of plans) {
          expect(p).toContain('statements_by_date');
          expect(p).not.toContain('TEMP B-TREE');
          expect(p).not.toMatch(/OFFSET/i);
        }
        // A range, not a scan from the top: the cursor's key bounds the search.
        expect(plans[1]).toMatch(/SEARCH .*statements_by_date \(date=\? AND id>\?\)/);
        expect(plans[2]).toMatch(/SEARCH .*statements_by_date \(date<\?\)/);
      }
      // The id walk reads the index alone.
      expect(plan(LIST_STATEMENT_IDS_SQL.older, '2024-050', 51)).toContain('COVERING INDEX');
    } finally {
      db.close();
    }
  });

  it('refuses a bad limit (usage errors)', () => {
    for (const limit of [0, -1, MAX_PAGE_SIZE + 1, 1.5, Number.NaN]) {
      for (const list of [(p: PageRequest) => vault.listStatements(p), (p: PageRequest) => vault.listStatementIds(p)]) {
        const e = thrown(() => list({ limit }));
        expect([e.kind, e.code]).toEqual(['usage', 'vault.bad-argument']);
      }
    }
  });

  it('refuses anything but a cursor it gave out, with a usage error that says to start again', () => {
    const good = vault.listStatements({ limit: 10 }).next as string;
    const idBytes = Buffer.from(id('x'), 'hex');
    const bad = [
      '',
      'not a cursor',
      `${good}=`,
      `${good}!`,
      'A'.repeat(2000),
      Buffer.from('short').toString('base64url'),
      // A whole id, then a date that is not UTF-8.
      Buffer.concat([idBytes, Buffer.from([0xff, 0xfe])]).toString('base64url'),
      // The same bytes spelled with padding.
      `${Buffer.concat([idBytes, Buffer.from('2024')]).toString('base64url')}==`,
    ];
    for (const after of bad) {
      const e = thrown(() => vault.listStatements({ after, limit: 10 }));
      expect([e.kind, e.code], after).toEqual(['usage', 'vault.bad-cursor']);
      expect(e.message).toMatch(/^vault: the page cursor .* is not one this vault gave out; start again from the first page$/);
    }
    for (const after of [5, null, {}] as unknown as string[]) {
      expect(thrown(() => vault.listStatementIds({ after, limit: 10 })).code).toBe('vault.bad-cursor');
    }
  });
});

describe('a keyset walk while statements are added', () => {
  it('sees every statement held from start to end exactly once, in order; one added meanwhile exactly when it sorts after where the walk was', () => {
    const v = Vault.scratch();
    try {
      // Five dates, 40 statements each: pages of 9 end inside a date.
      const dates = ['2024-01', '2024-02', '2024-03', '2024-04', '2024-05'];
      v.transaction(() => {
        for (let i = 0; i < 200; i++) v.putStatement(statement(`w${i}`, { date: dates[i % 5] as string }));
      });
      const initial = walk((p) => v.listStatementIds(p), 1000).items;
      const added: { id: string; date: string; after: boolean; kind: string }[] = [];
      let position: { id: string; date: string } | undefined;
      const { items } = walk(
        (p) => {
          const page = v.listStatements(p);
          position = page.items.at(-1) ?? position;
          return page;
        },
        9,
        (pages) => {
          // Between pages: one statement newer than everything, one on the date the walk is at
          // (its id falls before or after the cursor's), one older than everything, and one on a
          // date between the first two, which the walk has passed.
          const at = position as { id: string; date: string };
          v.transaction(() => {
            for (const [kind, date] of [
              ['newest', '2025-01'],
              ['same-date', at.date],
              ['oldest', '2023-01'],
              ['between', '2024-055'],
            ] as const) {
              const s = statement(`added-${pages}-${kind}`, { date });
              v.putStatement(s);
              added.push({ id: s.id, date, kind, after: before(at, s) });
            }
          });
        },
      );
      const ids = items.map((x) => x.id);
      // Never twice (an OFFSET walk shows a row again when one is added before it).
      expect(new Set(ids).size).toBe(ids.length);
      expectListOrder(items);
      // Everything held from the start, in list order.
      const initialSet = new Set(initial);
      expect(ids.filter((x) => initialSet.has(x))).toEqual(initial);
      // Each one added is seen exactly when it sorted after the walk's position as it was added.
      const seen = new Set(ids);
      for (const a of added) expect(seen.has(a.id), `${a.kind} ${a.date}`).toBe(a.after);
      expect(ids).toHaveLength(initial.length + added.filter((a) => a.after).length);
      // Both sides of the cursor's own date were exercised, and the obvious cases came out so.
      const sameDate = added.filter((a) => a.kind === 'same-date');
      expect(sameDate.some((a) => a.after) && sameDate.some((a) => !a.after)).toBe(true);
      expect(added.filter((a) => a.kind === 'newest').some((a) => seen.has(a.id))).toBe(false);
      expect(added.filter((a) => a.kind === 'oldest').filter((a) => seen.has(a.id)).length).toBeGreaterThan(0);
    } finally {
      v.close();
    }
  });

  it('a date shared by more statements than a page: pages end inside it and carry on from the right id', () => {
    const v = Vault.scratch();
    try {
      v.transaction(() => {
        for (let i = 0; i < 2500; i++) v.putStatement(statement(`same${i}`, { date: i < 2400 ? '2024-02-24' : '2024-02-23' }));
      });
      const { items, pages } = walk((p) => v.listStatementIds(p), 1000);
      expect(pages.map((p) => p.items.length)).toEqual([1000, 1000, 500]);
      expect(new Set(items).size).toBe(2500);
      const dated = items.map((x) => ({ id: x, date: v.getStatement(x)!.date }));
      expectListOrder(dated);
    } finally {
      v.close();
    }
  });

  it('cursors hold any date text: Cyrillic, a leading byte-order mark, an empty date', () => {
    const v = Vault.scratch();
    try {
      const dates = ['24 февраля 2022', '\uFEFF2022', '', '2022-02-24', '😀', 'Ё'];
      v.transaction(() => dates.forEach((date, i) => v.putStatement(statement(`d${i}`, { date }))));
      const { items } = walk((p) => v.listStatements(p), 1);
      // SQLite compares text as UTF-8 bytes (BINARY), newest first.
      expect(items.map((x) => x.date)).toEqual([...dates].sort((a, b) => Buffer.compare(Buffer.from(b), Buffer.from(a))));
    } finally {
      v.close();
    }
  });
});

describe('allStatementIds (export --all, sync)', () => {
  it('is every statement once, in list order, from keyset pages of the id walk: never OFFSET, never the full list', () => {
    const v = Vault.scratch();
    try {
      v.transaction(() => {
        for (let i = 0; i < 2345; i++) v.putStatement(statement(`all${i}`, { date: `2024-${String(i % 7).padStart(2, '0')}` }));
      });
      const expected = walk((p) => v.listStatements(p), 500).items.map((x) => x.id);
      const idWalk = vi.spyOn(v, 'listStatementIds');
      const list = vi.spyOn(v, 'listStatements');
      const count = vi.spyOn(v, 'countStatements');
      const ids = allStatementIds(v);
      expect(ids).toEqual(expected);
      expect(new Set(ids).size).toBe(2345);
      // ceil(2345 / 1000) pages, each after the cursor the one before gave.
      expect(idWalk.mock.calls.map(([p]) => p.limit)).toEqual([MAX_PAGE_SIZE, MAX_PAGE_SIZE, MAX_PAGE_SIZE]);
      expect(idWalk.mock.calls[0]?.[0].after).toBeUndefined();
      expect(idWalk.mock.calls[1]?.[0].after).toBe(idWalk.mock.results[0]?.value.next);
      expect(list).not.toHaveBeenCalled();
      expect(count).not.toHaveBeenCalled();
    } finally {
      v.close();
    }
  });

  it('an empty vault has no statements', () => {
    const v = Vault.scratch();
    try {
      expect(allStatementIds(v)).toEqual([]);
      expect(v.listStatements({ limit: 10 })).toEqual({ total: 0, items: [], next: null });
    } finally {
      v.close();
    }
  });
});

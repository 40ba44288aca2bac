// The statements list: newest first, paged through an index.
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Vault, type StatementSummary } from '../../../src/core/store/index.js';
import { LIST_STATEMENTS_SQL } from '../../../src/core/store/queries.js';
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

describe('listStatements', () => {
  it('pages of 50 are disjoint, cover everything, and are ordered by date descending then id', () => {
    const seen: StatementSummary[] = [];
    for (let offset = 0; offset < N; offset += 50) {
      const page = vault.listStatements({ offset, limit: 50 });
      expect(page.total).toBe(N);
      expect(page.items).toHaveLength(50);
      seen.push(...page.items);
    }
    expect(new Set(seen.map((x) => x.id)).size).toBe(N);
    for (let i = 1; i < seen.length; i++) {
      const a = seen[i - 1]!;
      const b = seen[i]!;
      expect(a.date > b.date || (a.date === b.date && a.id < b.id), `${i}`).toBe(true);
    }
    expect(seen[0]?.date).toBe('2024-100');
    expect(seen[0]?.authors).toHaveLength(1);
    expect(seen[0]).not.toHaveProperty('body');
  });

  it('the last page is short, past the end is empty, the total stays right', () => {
    expect(vault.listStatements({ offset: 980, limit: 50 }).items).toHaveLength(20);
    expect(vault.listStatements({ offset: N, limit: 50 })).toEqual({ total: N, items: [] });
    expect(vault.countStatements()).toBe(N);
  });

  it('the query pages through the date index, with no sort of the whole table', async () => {
    const db = await rawDb(dir);
    try {
      const plan = (db.prepare(`EXPLAIN QUERY PLAN ${LIST_STATEMENTS_SQL}`).all(50, 500) as { detail: string }[]).map((r) => r.detail).join('\n');
      expect(plan).toContain('statements_by_date');
      expect(plan).not.toContain('TEMP B-TREE');
    } finally {
      db.close();
    }
  });

  it('refuses a bad offset or limit (usage errors)', () => {
    for (const page of [
      { offset: -1, limit: 10 },
      { offset: 0, limit: 0 },
      { offset: 0, limit: 100_000 },
      { offset: 1.5, limit: 10 },
    ]) {
      const e = thrown(() => vault.listStatements(page));
      expect([e.kind, e.code]).toEqual(['usage', 'vault.bad-argument']);
    }
  });
});

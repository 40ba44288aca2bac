// The search index of an import, filled in bulk before it commits (migration 10): what it stored
// is found once it commits, each hit with its own snippet; the index equals its content table
// (FTS5's integrity-check against the statements); a rolled-back import leaves no backlog and no
// search row; outside an import the trigger indexes a statement at once; the guarded delete and
// update triggers never take from the index a row not yet written to it.
import path from 'node:path';
import { setImmediate as nextTurn } from 'node:timers/promises';
import Database from 'better-sqlite3-multiple-ciphers';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { migrate } from '../../../src/core/store/migrate.js';
import { CLOSE_BACKLOG_SQL, FILL_BACKLOG_SQL, OPEN_BACKLOG_SQL } from '../../../src/core/store/migrations/0010-search-backlog.js';
import { nativeBinding } from '../../../src/core/store/native.js';
import { Vault } from '../../../src/core/store/index.js';
import { PASS, rawDb, statement, tempRoot } from './helpers.js';

/** FTS5's own check that the index holds exactly the rows and words of its content table (throws when not). */
const integrityCheck = (db: Database.Database): void => void db.prepare("INSERT INTO statements_fts (statements_fts, rank) VALUES ('integrity-check', 1)").run();
const backlogRows = (db: Database.Database): number => (db.prepare('SELECT count(*) AS n FROM search_backlog').get() as { n: number }).n;
const indexedRows = (db: Database.Database): number => (db.prepare('SELECT count(*) AS n FROM statements_fts_docsize').get() as { n: number }).n;

// No ё here: the index holds ё folded to е, which integrity-check (comparing with the unfolded
// content) would see as a difference; the folding has its own tests in search.test.ts.
const held = statement('held', { title: 'Held before', body: 'The miners of Vorkuta wrote this first.' });
const en = statement('en', { title: 'Strike today', body: 'Workers of Vorkuta went on strike today.' });
const ru = statement('ru', { title: 'Забастовка в Воркуте', body: 'Шахтеры Воркуты бастуют сегодня. Vorkuta', lang: 'ru' });

describe('an import fills the search index in bulk before it commits', () => {
  let root: string;
  let cleanup: () => void;
  let dir: string;
  let vault: Vault;
  beforeEach(async () => {
    ({ root, cleanup } = tempRoot());
    dir = path.join(root, 'v');
    vault = await Vault.create(dir, PASS, 'interactive');
    vault.transaction(() => vault.putStatement(held));
  });
  afterEach(() => {
    vault.close();
    cleanup();
  });
  /** Closed and read as a file: no backlog left, `rows` search rows, the index equal to its content. */
  const expectIndexOnDisk = async (rows: number): Promise<void> => {
    vault.close();
    const db = await rawDb(dir);
    try {
      expect(backlogRows(db)).toBe(0);
      expect(indexedRows(db)).toBe(rows);
      integrityCheck(db);
    } finally {
      db.close();
    }
    vault = await Vault.open(dir, PASS);
  };

  it('finds what it stored once it commits, each hit with its own snippet in its own language, the index equal to its content', async () => {
    await vault.transactionAsync(async () => {
      vault.putStatement(en);
      await nextTurn();
      vault.putStatement(ru);
      vault.putStatement(held); // held already: stored once, indexed once
    });
    const hits = vault.search('Vorkuta').hits;
    expect(new Set(hits.map((h) => h.id))).toEqual(new Set([held.id, en.id, ru.id]));
    const snippet = (id: string) => hits.find((h) => h.id === id)?.snippet ?? '';
    expect(snippet(en.id)).toContain('Workers of [Vorkuta]');
    expect(snippet(held.id)).toContain('miners of [Vorkuta]');
    expect(snippet(ru.id)).toContain('Шахтеры Воркуты бастуют сегодня. [Vorkuta]');
    expect(vault.search('бастуют').hits.map((h) => h.id)).toEqual([ru.id]);
    await expectIndexOnDisk(3);
  });

  it('takes everything back when the import fails, the backlog with it; a statement stored after is indexed at once', async () => {
    await expect(
      vault.transactionAsync(async () => {
        vault.putStatement(en);
        await nextTurn();
        throw new Error('the bundle is cut short');
      }),
    ).rejects.toThrow('cut short');
    expect(vault.search('Workers').hits).toEqual([]);
    // The trigger indexes at once again: no backlog row was left to silence it.
    vault.transaction(() => vault.putStatement(ru));
    expect(vault.search('бастуют').hits.map((h) => h.id)).toEqual([ru.id]);
    await expectIndexOnDisk(2);
  });
});

describe('the search triggers while a backlog is open (migration 10, in SQL)', () => {
  const fresh = (): Database.Database => {
    const db = new Database(':memory:', { nativeBinding: nativeBinding() });
    migrate(db, ':memory:');
    return db;
  };
  const insert = (db: Database.Database, s: typeof en, n?: number): void =>
    void db.prepare('INSERT INTO statements (n, id, title, lang, date, body, canonical) VALUES (?, ?, ?, ?, ?, ?, ?)').run(n ?? null, s.id, s.title, s.lang, s.date, s.body, s.canonical);
  const matches = (db: Database.Database, q: string): number[] =>
    (db.prepare('SELECT rowid AS n FROM statements_fts WHERE statements_fts MATCH ? ORDER BY rowid').all(q) as Array<{ n: number }>).map((r) => r.n);

  it('writes no row a statement while open, every row at the fill; deletes and updates of rows not yet written touch nothing', () => {
    const db = fresh();
    db.transaction(() => insert(db, held))();
    db.transaction(() => {
      db.prepare(OPEN_BACKLOG_SQL).run();
      db.prepare(OPEN_BACKLOG_SQL).run(); // opened once: the first number stands
      insert(db, en);
      insert(db, ru);
      expect(indexedRows(db)).toBe(1);
      // Rows waiting in the backlog: a delete and an update must not remove them from the index.
      db.prepare('DELETE FROM statements WHERE id = ?').run(en.id);
      db.prepare("UPDATE statements SET title = 'Strike called off' WHERE id = ?").run(ru.id);
      // A row written before the backlog: its update moves its words at once.
      db.prepare("UPDATE statements SET title = 'Held since March' WHERE id = ?").run(held.id);
      expect(matches(db, 'March')).toEqual([1]);
      db.prepare(FILL_BACKLOG_SQL).run();
      db.prepare(CLOSE_BACKLOG_SQL).run();
    })();
    expect(backlogRows(db)).toBe(0);
    expect(indexedRows(db)).toBe(2);
    expect(matches(db, 'Workers')).toEqual([]);
    expect(matches(db, 'called')).toEqual([3]);
    integrityCheck(db);
    // Closed: the trigger indexes at once, and deletes and updates go through as before.
    const later = statement('later', { title: 'Later', body: 'Dockers joined.' });
    db.transaction(() => insert(db, later))();
    expect(matches(db, 'Dockers')).toEqual([4]);
    db.prepare('DELETE FROM statements WHERE n = 4').run();
    db.prepare("UPDATE statements SET body = 'Mines closed' WHERE n = 3").run();
    expect(matches(db, 'Dockers')).toEqual([]);
    expect(matches(db, 'Mines')).toEqual([3]);
    integrityCheck(db);
    db.close();
  });

  it('indexes at once when no backlog is open, and a fill without one writes nothing', () => {
    const db = fresh();
    db.transaction(() => {
      insert(db, en);
      db.prepare(FILL_BACKLOG_SQL).run();
    })();
    expect(indexedRows(db)).toBe(1);
    expect(matches(db, 'Workers')).toEqual([1]);
    integrityCheck(db);
    db.close();
  });
});

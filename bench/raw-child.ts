// The raw side of the benchmark's comparisons, each alone in a process of its own (the parent adds
// the cost of starting Node, `node -e 0`, measured in the same round):
//
//   verify SIGS            node:crypto verifying every signature of SIGS on all cores
//   kdf                    the vault's KDF (scrypt, interactive preset) once, and nothing else
//   import SOURCE SIGS DIR the physical limit of an import: into a fresh vault made in DIR by the
//                          real code (Vault.create: the vault's own migrations), derive its key,
//                          open it keyed the same way with the same pragmas, verify SIGS on all
//                          cores, insert the very rows that `samizdat import` stored in the vault
//                          SOURCE (every table, read back from it) with prepared statements in one
//                          transaction, the search index filled in bulk before the commit as the
//                          import fills it (migration 10), checkpoint and close.
//
// Prints one line of JSON with the time of each phase, in seconds. What is not timed (reading the
// inputs, starting the worker threads) is what a raw program could have ready before it starts.
import { scrypt } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3-multiple-ciphers';
import { KDF_PRESETS, deriveKey } from '../src/core/crypto/kdf.js';
import { headerSalt, parseHeader } from '../src/core/store/header.js';
import { CLOSE_BACKLOG_SQL, FILL_BACKLOG_SQL, OPEN_BACKLOG_SQL } from '../src/core/store/migrations/0010-search-backlog.js';
import { nativeBinding } from '../src/core/store/native.js';
import { DB_FILE, HEADER_FILE, Vault, type VaultSettings } from '../src/core/store/vault.js';
import { readSignatures } from './generate.js';
import { PASSPHRASE, seconds } from './lib.js';
import { RawVerifiers } from './raw-verify.js';

const [mode, ...args] = process.argv.slice(2);

function print(result: object): void {
  process.stdout.write(`${JSON.stringify(result)}\n`);
}

async function verifyMode(sigsFile: string): Promise<void> {
  const items = readSignatures(sigsFile);
  const pool = new RawVerifiers();
  await pool.started();
  const shares = pool.prepare(items);
  const start = process.hrtime.bigint();
  await pool.verify(shares);
  const verify = seconds(start);
  await pool.close();
  print({ verify, signatures: items.length, threads: pool.threads });
}

function scryptInteractive(salt: Uint8Array): Promise<Buffer> {
  const { logN, r, p } = KDF_PRESETS.interactive;
  const N = 2 ** logN;
  return new Promise((resolve, reject) =>
    scrypt(PASSPHRASE.normalize('NFC'), salt, 32, { N, r, p, maxmem: 2 * 128 * r * N + 128 * r * (p + 2) }, (err, key) => (err ? reject(err) : resolve(key))),
  );
}

async function kdfMode(): Promise<void> {
  const start = process.hrtime.bigint();
  await scryptInteractive(new Uint8Array(16).fill(9));
  print({ kdf: seconds(start) });
}

/** The connection pragmas of a vault handle, as src/core/store/vault.ts sets them (checked below against the vault's own). */
function configure(db: Database.Database): void {
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = FULL');
  db.pragma('foreign_keys = ON');
  db.pragma('secure_delete = ON');
  db.pragma('temp_store = MEMORY');
  db.pragma('cache_size = -32768');
  db.pragma('journal_size_limit = 67108864');
}

function settingsOf(db: Database.Database): Omit<VaultSettings, 'kdf' | 'schemaVersion'> {
  const get = (p: string): unknown => db.pragma(p, { simple: true });
  return {
    cipher: String(get('cipher')),
    journalMode: String(get('journal_mode')),
    synchronous: Number(get('synchronous')),
    foreignKeys: Number(get('foreign_keys')) === 1,
    secureDelete: Number(get('secure_delete')) === 1,
    tempStore: Number(get('temp_store')),
  };
}

function keyed(path: string, key: Uint8Array, readonly = false): Database.Database {
  const db = new Database(path, { fileMustExist: true, readonly, nativeBinding: nativeBinding() });
  db.pragma("cipher = 'chacha20'");
  db.pragma(`key = "x'${Buffer.from(key).toString('hex')}'"`);
  db.prepare('SELECT count(*) FROM sqlite_schema').get();
  return db;
}

async function keyOf(vaultDir: string): Promise<Uint8Array> {
  const header = parseHeader(readFileSync(join(vaultDir, HEADER_FILE), 'utf8'), vaultDir);
  return deriveKey(PASSPHRASE, headerSalt(header), header.kdf);
}

interface TableRows {
  name: string;
  columns: string[];
  rows: unknown[][];
}

/** Every row of every ordinary table (not SQLite's own, not a virtual table's shadow tables). */
function readTables(db: Database.Database): { tables: TableRows[]; fts: string[] } {
  const list = db.prepare('PRAGMA table_list').all() as Array<{ schema: string; name: string; type: string }>;
  const tables: TableRows[] = [];
  const fts: string[] = [];
  for (const t of list) {
    if (t.schema !== 'main' || t.name.startsWith('sqlite_')) continue;
    if (t.type === 'virtual') fts.push(t.name);
    if (t.type !== 'table') continue;
    const columns = (db.prepare(`PRAGMA table_xinfo("${t.name}")`).all() as Array<{ name: string; hidden: number }>).filter((c) => c.hidden === 0).map((c) => c.name);
    const rows = db.prepare(`SELECT ${columns.map((c) => `"${c}"`).join(', ')} FROM "${t.name}"`).raw().all() as unknown[][];
    tables.push({ name: t.name, columns, rows });
  }
  return { tables, fts };
}

/** The SQL of every trigger of the database. */
function triggersOf(db: Database.Database): string[] {
  return (db.prepare("SELECT sql FROM sqlite_schema WHERE type = 'trigger'").all() as Array<{ sql: string }>).map((r) => r.sql);
}

/** Tables that triggers insert rows into (a full-text index aside, which is checked apart). */
function derivedTables(triggers: readonly string[]): Set<string> {
  const out = new Set<string>();
  for (const sql of triggers) for (const m of sql.matchAll(/INSERT\s+(?:OR\s+\w+\s+)?INTO\s+"?(\w+)"?/gi)) out.add(m[1] as string);
  return out;
}

const docCount = (db: Database.Database, fts: string): number => (db.prepare(`SELECT count(*) AS n FROM "${fts}_docsize"`).get() as { n: number }).n;

async function importMode(source: string, sigsFile: string, dir: string): Promise<void> {
  // Inputs: the rows the real import stored, and the signatures.
  const sourceDb = keyed(join(source, DB_FILE), await keyOf(source), true);
  const { tables, fts } = readTables(sourceDb);
  const ftsDocs = new Map(fts.map((f) => [f, docCount(sourceDb, f)]));
  sourceDb.close();
  const items = readSignatures(sigsFile);
  const pool = new RawVerifiers();
  // A fresh vault, made by the real code as `samizdat init` makes it.
  const target = join(dir, 'raw-vault');
  const made = await Vault.create(target, PASSPHRASE, 'interactive');
  const expected = made.settings();
  made.close();
  // Rows the migrations themselves put in a new vault (a singleton's row) are there already: those
  // the import left as they were are not inserted again, those it changed are replaced.
  const initialDb = keyed(join(target, DB_FILE), await keyOf(target), true);
  const initial = new Map(readTables(initialDb).tables.map((tb) => [tb.name, new Set(tb.rows.map((r) => JSON.stringify(r)))]));
  const triggers = triggersOf(initialDb);
  initialDb.close();
  // Rows the schema's own triggers write when rows of another table are inserted (a derived
  // table, such as the statements list's rows) are written by those triggers here too, as in the
  // import: such a table comes after the others, and only rows the triggers did not write are
  // inserted (OR IGNORE).
  const derived = derivedTables(triggers);
  const work = tables
    .map((tb) => {
      const there = initial.get(tb.name) ?? new Set<string>();
      return { ...tb, replace: there.size > 0, derived: derived.has(tb.name), rows: there.size > 0 ? tb.rows.filter((r) => !there.has(JSON.stringify(r))) : tb.rows, total: tb.rows.length };
    })
    .sort((a, b) => Number(a.derived) - Number(b.derived));
  await pool.started();
  const shares = pool.prepare(items);

  let t = process.hrtime.bigint();
  const lap = (): number => {
    const s = seconds(t);
    t = process.hrtime.bigint();
    return s;
  };
  const key = await keyOf(target);
  const kdf = lap();
  const db = keyed(join(target, DB_FILE), key);
  configure(db);
  const open = lap();
  await pool.verify(shares);
  const verify = lap();
  let rebuilt = false;
  db.transaction(() => {
    db.pragma('defer_foreign_keys = ON');
    // The search index in bulk before the commit, as Vault.transactionAsync has an import fill it.
    db.prepare(OPEN_BACKLOG_SQL).run();
    for (const table of work) {
      if (table.rows.length === 0) continue;
      const insert = db.prepare(`INSERT${table.replace ? ' OR REPLACE' : table.derived ? ' OR IGNORE' : ''} INTO "${table.name}" (${table.columns.map((c) => `"${c}"`).join(', ')}) VALUES (${table.columns.map(() => '?').join(', ')})`);
      for (const row of table.rows) insert.run(row);
    }
    db.prepare(FILL_BACKLOG_SQL).run();
    db.prepare(CLOSE_BACKLOG_SQL).run();
    // Should the index ever be filled otherwise, the raw side fills it too (in bulk), so that both
    // sides end with the same index.
    for (const f of fts) {
      if (docCount(db, f) !== ftsDocs.get(f)) {
        db.prepare(`INSERT INTO "${f}" ("${f}") VALUES ('rebuild')`).run();
        rebuilt = true;
      }
    }
  })();
  const insert = lap();
  db.pragma('wal_checkpoint(TRUNCATE)');
  const actual = settingsOf(db);
  const rows = Object.fromEntries(tables.map((tb) => [tb.name, (db.prepare(`SELECT count(*) AS n FROM "${tb.name}"`).get() as { n: number }).n]));
  const docs = fts.map((f) => [f, docCount(db, f)] as const);
  db.close();
  const close = lap();
  await pool.close();

  for (const [k, v] of Object.entries(actual)) {
    if (expected[k as keyof typeof actual] !== v) throw new Error(`bench: the raw database's ${k} is ${String(v)}, the vault's ${String(expected[k as keyof typeof actual])}`);
  }
  for (const tb of work) if (rows[tb.name] !== tb.total) throw new Error(`bench: the raw import holds ${rows[tb.name]} rows of ${tb.name}, the vault ${tb.total}`);
  for (const [f, n] of docs) if (n !== ftsDocs.get(f)) throw new Error(`bench: the raw import's full-text index ${f} holds ${n} documents, the vault's ${ftsDocs.get(f)}`);
  print({ kdf, open, verify, insert, close, signatures: items.length, rows, ftsRebuilt: rebuilt });
}

if (mode === 'verify' && args[0]) await verifyMode(args[0]);
else if (mode === 'kdf') await kdfMode();
else if (mode === 'import' && args.length === 3) await importMode(args[0] as string, args[1] as string, args[2] as string);
else throw new Error('usage: raw-child.js verify SIGS | kdf | import SOURCE_VAULT SIGS DIR');

// The encrypted vault: one directory holding `vault.json` (the non-secret KDF header) and
// `vault.db` (SQLite3MultipleCiphers, whole-file encryption with a raw key from the KDF).
//
// Open: read and check the header, derive the key, give it to SQLite as a raw hex key, prove it by
// reading the schema, refuse a schema from the future, set the pragmas, migrate. Change of
// passphrase: write `vault.json.next`, rekey, rename it over `vault.json`; `open` finishes or
// discards a change interrupted between those steps.
import { promises as fsp } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import Database from 'better-sqlite3-multiple-ciphers';
import { SamizdatError, quote } from '../errors.js';
import { toHex, wipe } from '../crypto/bytes.js';
import { SAFETY_NUMBERS_KEPT, groupSafetyNumber, rememberSafetyNumber } from '../crypto/fingerprint.js';
import { KDF_PRESETS, KDF_SALT_LENGTH, deriveKey, type KdfParams, type KdfPreset } from '../crypto/kdf.js';
import { randomBytes } from '../crypto/random.js';
import type { Hex32 } from '../model/types.js';
import { errnoCode, fsyncDir, fsyncFile, ioError, pathExists, writeNewFileDurably } from './fsutil.js';
import { nativeBinding } from './native.js';
import { HEADER_FILE, MAX_HEADER_SIZE, headerSalt, makeHeader, parseHeader, serializeHeader, vaultExists, type VaultHeader } from './header.js';
import { assertKnownSchema, migrate, schemaVersion } from './migrate.js';
import { VaultQueries } from './queries.js';
import { mapSqliteError, sqliteCode } from './sqlerrors.js';
import { SyncIndex } from './sync-index.js';
import { dropEarlyKey, earlyKeyFits, type EarlyKey } from './early-key.js';
import { GroupSightings } from './sightings.js';
import { StatementListing } from './statement-listing.js';
import type {
  AttachmentInfo,
  AttachmentRecord,
  AttachmentWriter,
  GroupInput,
  GroupRecord,
  GroupTrust,
  IdentityRecord,
  LinkRecord,
  Page,
  PageRequest,
  PutLinkResult,
  PutResult,
  RelationEdge,
  SearchOptions,
  SearchResult,
  ReleaseState,
  SignatureRecord,
  Slice,
  StatementRecord,
  StatementSummary,
  StreamingVaultWriter,
} from './types.js';

export interface VaultSettings {
  cipher: string;
  journalMode: string;
  /** 2 is FULL. */
  synchronous: number;
  foreignKeys: boolean;
  secureDelete: boolean;
  /** 2 is MEMORY. */
  tempStore: number;
  schemaVersion: number;
  kdf: KdfParams;
}

export { HEADER_FILE };
export const NEXT_HEADER_FILE = 'vault.json.next';
export const DB_FILE = 'vault.db';

const RAW_KEY_HEX = /^[0-9a-f]{64}$/;


/** `PRAGMA key`/`rekey` argument for a raw 32-byte key, after checking its hex form. */
function rawKeyLiteral(key: Uint8Array): string {
  const hex = key instanceof Uint8Array && key.length === 32 ? toHex(key) : '';
  if (!RAW_KEY_HEX.test(hex)) {
    throw new SamizdatError('vault', 'vault', 'vault.bad-key', 'the derived key is not 32 bytes; refusing to give it to SQLite');
  }
  return `"x'${hex}'"`;
}

function usage(code: string, message: string): SamizdatError {
  return new SamizdatError('vault', 'usage', code, message);
}

function checkPassphrase(passphrase: unknown): asserts passphrase is string {
  if (typeof passphrase !== 'string') throw usage('vault.bad-passphrase', `the passphrase must be a string, got ${typeof passphrase}`);
  if (passphrase.length === 0) throw usage('vault.empty-passphrase', 'the passphrase is empty; choose one');
}

function presetParams(preset: KdfPreset): KdfParams {
  if (typeof preset !== 'string' || !Object.hasOwn(KDF_PRESETS, preset)) {
    throw usage(
      'vault.bad-kdf-preset',
      `unknown KDF preset ${quote(String(preset), 40)}; expected one of ${Object.keys(KDF_PRESETS).join(', ')}`,
    );
  }
  return { ...KDF_PRESETS[preset] };
}

function wrongPassphrase(dir: string): SamizdatError {
  return new SamizdatError('vault', 'vault', 'vault.wrong-passphrase', `wrong passphrase for the vault at ${quote(dir, 200)}; nothing was changed`);
}

function lockedError(dir: string): SamizdatError {
  return new SamizdatError('vault', 'vault', 'vault.locked', `the vault at ${quote(dir, 200)} is locked (closed); open it again`);
}

async function readHeader(path: string): Promise<VaultHeader> {
  let text: string;
  try {
    const st = await fsp.stat(path);
    if (!st.isFile()) {
      throw new SamizdatError('vault', 'vault', 'vault.bad-header', `the vault header ${quote(path, 200)} is not a regular file`);
    }
    if (st.size > MAX_HEADER_SIZE) {
      throw new SamizdatError(
        'vault',
        'vault',
        'vault.bad-header',
        `the vault header ${quote(path, 200)} is not valid: it holds ${st.size} bytes, more than the ${MAX_HEADER_SIZE} allowed`,
      );
    }
    text = await fsp.readFile(path, 'utf8');
  } catch (e) {
    throw ioError(e, 'read the vault header', path);
  }
  return parseHeader(text, path);
}

/**
 * Checks the few bytes of the database file that SQLite3MultipleCiphers leaves in clear (bytes
 * 16-23 of page 1: page size, file format, reserved bytes, fixed payload fractions) and that the
 * file is whole pages. A file failing this is not a vault database, or is truncated: "damaged",
 * not "wrong passphrase". (Damage inside the encrypted part of page 1 cannot be told from a wrong
 * key: the page's authentication fails either way.)
 */
async function checkDbShape(dbPath: string): Promise<void> {
  let size: number;
  const head = new Uint8Array(24);
  let got: number;
  let handle: fsp.FileHandle | undefined;
  try {
    handle = await fsp.open(dbPath, 'r');
    const st = await handle.stat();
    if (!st.isFile()) throw new SamizdatError('vault', 'vault', 'vault.corrupt', `the vault database ${quote(dbPath, 200)} is not a regular file`);
    size = st.size;
    got = (await handle.read(head, 0, head.length, 0)).bytesRead;
  } catch (e) {
    throw ioError(e, 'read', dbPath);
  } finally {
    await handle?.close();
  }
  const pageSize = got === 24 ? (head[16]! << 8) | head[17]! : 0;
  const realPageSize = pageSize === 1 ? 65536 : pageSize;
  const fine =
    got === 24 &&
    realPageSize >= 512 &&
    (realPageSize & (realPageSize - 1)) === 0 &&
    (head[18] === 1 || head[18] === 2) &&
    (head[19] === 1 || head[19] === 2) &&
    head[21] === 64 &&
    head[22] === 32 &&
    head[23] === 32 &&
    size % realPageSize === 0;
  if (!fine) {
    throw new SamizdatError(
      'vault',
      'vault',
      'vault.corrupt',
      `the vault database ${quote(dbPath, 200)} is damaged or is not a Samizdat vault database (${size} bytes); restore the vault directory from a backup`,
    );
  }
}

/**
 * Opens `dbPath` with `key` and proves the key by reading the schema. Returns undefined when the
 * key does not decrypt the file (wrong key, or page 1 damaged: the two look the same). Writes nothing.
 */
function openKeyed(dbPath: string, key: Uint8Array): Database.Database | undefined {
  const literal = rawKeyLiteral(key);
  let db: Database.Database;
  try {
    db = new Database(dbPath, { fileMustExist: true, nativeBinding: nativeBinding() });
  } catch (e) {
    throw mapSqliteError(e, dbPath);
  }
  try {
    // Pin the cipher rather than rely on the library's default staying what it is today.
    db.pragma("cipher = 'chacha20'");
    db.pragma(`key = ${literal}`);
    db.prepare('SELECT count(*) FROM sqlite_schema').get();
    return db;
  } catch (e) {
    db.close();
    if (sqliteCode(e) === 'SQLITE_NOTADB') return undefined;
    throw mapSqliteError(e, dbPath);
  }
}

/** The connection pragmas of every vault handle (Signal Desktop's, plus no plaintext temp files). */
function configure(db: Database.Database, dbPath: string): void {
  const mode = db.pragma('journal_mode = WAL', { simple: true });
  if (mode !== 'wal') {
    throw new SamizdatError('vault', 'vault', 'vault.busy', `could not put the vault database ${quote(dbPath, 200)} in WAL mode (got ${String(mode)})`);
  }
  db.pragma('synchronous = FULL');
  db.pragma('foreign_keys = ON');
  db.pragma('secure_delete = ON');
  db.pragma('temp_store = MEMORY');
  // 32 MiB of page cache (SQLite's default is 2 MiB): the statements list and search walk indexes
  // of 100,000 entries, and every page read from the file is decrypted again.
  db.pragma('cache_size = -32768');
  // After a checkpoint, cut the WAL back to 64 MiB rather than keep the size of the largest import.
  db.pragma('journal_size_limit = 67108864');
}

export class Vault implements StreamingVaultWriter {
  /** The vault directory, absolute. */
  readonly dir: string;
  #header: VaultHeader;
  #db: Database.Database | undefined;
  #q: VaultQueries | undefined;

  private constructor(dir: string, header: VaultHeader, db: Database.Database) {
    this.dir = dir;
    this.#header = header;
    this.#db = db;
    this.#q = new VaultQueries(db);
  }

  get dbPath(): string {
    return join(this.dir, DB_FILE);
  }

  /** The KDF parameters of the current header (not secret). */
  get kdf(): KdfParams {
    return { ...this.#header.kdf };
  }

  get isOpen(): boolean {
    return this.#db !== undefined;
  }

  /** The schema version of the open database. */
  get schemaVersion(): number {
    return this.#run(() => schemaVersion(this.#requireDb()));
  }

  /** The connection's settings, for diagnostics and tests (none of them secret). */
  settings(): VaultSettings {
    return this.#run(() => {
      const db = this.#requireDb();
      const get = (p: string): unknown => db.pragma(p, { simple: true });
      return {
        cipher: String(get('cipher')),
        journalMode: String(get('journal_mode')),
        synchronous: Number(get('synchronous')),
        foreignKeys: Number(get('foreign_keys')) === 1,
        secureDelete: Number(get('secure_delete')) === 1,
        tempStore: Number(get('temp_store')),
        schemaVersion: schemaVersion(db),
        kdf: { ...this.#header.kdf },
      };
    });
  }

  /** Whether `dir` holds a vault (its header file). */
  static exists(dir: string): boolean {
    return vaultExists(dir);
  }

  /**
   * A vault in memory only, with no identity and no file: for a vault needed for a moment (the
   * demo's simulated members' devices, tests). Nothing of it touches the disk; it is gone when closed.
   */
  static scratch(): Vault {
    const db = new Database(':memory:', { nativeBinding: nativeBinding() });
    db.pragma('foreign_keys = ON');
    migrate(db, ':memory:');
    return new Vault(':memory:', makeHeader(KDF_PRESETS.interactive, new Uint8Array(KDF_SALT_LENGTH)), db);
  }

  /**
   * Creates a vault in `dir`, which must not exist or be an empty directory. Everything is built in
   * a temporary sibling directory and renamed into place, so a crash never leaves a half-made
   * vault under the final name. Returns the vault, open.
   */
  static async create(dir: string, passphrase: string, preset: KdfPreset): Promise<Vault> {
    checkPassphrase(passphrase);
    const kdf = presetParams(preset);
    let target = resolve(dir);

    let targetIsEmptyDir = false;
    try {
      const st = await fsp.stat(target);
      if (!st.isDirectory()) {
        throw new SamizdatError('vault', 'vault', 'vault.exists', `cannot create a vault at ${quote(target, 200)}: it exists and is not a directory`);
      }
      if (Vault.exists(target)) {
        throw new SamizdatError('vault', 'vault', 'vault.exists', `a vault already exists at ${quote(target, 200)}; it was left as it is`);
      }
      if ((await fsp.readdir(target)).length > 0) {
        throw new SamizdatError(
          'vault',
          'vault',
          'vault.exists',
          `cannot create a vault at ${quote(target, 200)}: the directory is not empty; choose a new or empty directory`,
        );
      }
      target = await fsp.realpath(target);
      targetIsEmptyDir = true;
    } catch (e) {
      if (errnoCode(e) !== 'ENOENT') throw ioError(e, 'look at', target);
    }

    const parent = dirname(target);
    try {
      await fsp.mkdir(parent, { recursive: true, mode: 0o700 });
    } catch (e) {
      throw ioError(e, 'create the directory', parent);
    }
    const salt = randomBytes(KDF_SALT_LENGTH);
    const header = makeHeader(kdf, salt);
    const key = await deriveKey(passphrase, salt, kdf);
    const tmp = join(parent, `.${basename(target)}.creating-${toHex(randomBytes(6))}`);
    try {
      await fsp.mkdir(tmp, { mode: 0o700 });
    } catch (e) {
      wipe(key);
      throw ioError(e, 'create the directory', tmp);
    }

    try {
      await writeNewFileDurably(join(tmp, HEADER_FILE), serializeHeader(header));
      const tmpDb = join(tmp, DB_FILE);
      let db: Database.Database;
      try {
        db = new Database(tmpDb, { nativeBinding: nativeBinding() });
      } catch (e) {
        throw mapSqliteError(e, tmpDb);
      }
      try {
        db.pragma("cipher = 'chacha20'");
        db.pragma(`key = ${rawKeyLiteral(key)}`);
        configure(db, tmpDb);
        migrate(db, tmp);
        db.pragma('wal_checkpoint(TRUNCATE)');
      } catch (e) {
        throw mapSqliteError(e, tmpDb);
      } finally {
        db.close();
      }
      await fsp.chmod(tmpDb, 0o600).catch((e: unknown) => {
        throw ioError(e, 'set the permissions of', tmpDb);
      });
      await fsyncFile(tmpDb);
      await fsyncDir(tmp);
      await renameIntoPlace(tmp, target, targetIsEmptyDir);
      await fsyncDir(parent);
    } catch (e) {
      wipe(key);
      await fsp.rm(tmp, { recursive: true, force: true }).catch(() => undefined);
      throw e;
    }

    try {
      const db = openKeyed(join(target, DB_FILE), key);
      if (db === undefined) {
        throw new SamizdatError('vault', 'vault', 'vault.corrupt', `the new vault at ${quote(target, 200)} could not be read back`);
      }
      return Vault.#finishOpen(target, header, db);
    } finally {
      wipe(key);
    }
  }

  /**
   * Opens the vault in `dir` with `passphrase`. Wrong passphrase: SamizdatError
   * `vault.wrong-passphrase`, and no file of the vault is changed. `early`, a key derived ahead
   * (early-key.ts), is used in place of deriving one when it was derived from this passphrase and
   * the header's salt and parameters; it is wiped either way.
   */
  static async open(dir: string, passphrase: string, early?: Promise<EarlyKey | undefined>): Promise<Vault> {
    const ahead = await early;
    try {
      return await Vault.#open(dir, passphrase, ahead);
    } finally {
      dropEarlyKey(ahead);
    }
  }

  static async #open(dir: string, passphrase: string, early: EarlyKey | undefined): Promise<Vault> {
    if (typeof passphrase !== 'string') throw usage('vault.bad-passphrase', `the passphrase must be a string, got ${typeof passphrase}`);
    const root = resolve(dir);
    const headerPath = join(root, HEADER_FILE);
    const nextPath = join(root, NEXT_HEADER_FILE);
    const dbPath = join(root, DB_FILE);

    if (!(await pathExists(headerPath))) {
      if (await pathExists(dbPath)) {
        throw new SamizdatError(
          'vault',
          'vault',
          'vault.bad-header',
          `the vault at ${quote(root, 200)} has a database but no header (${HEADER_FILE}); restore the vault directory from a backup`,
        );
      }
      throw new SamizdatError('vault', 'vault', 'vault.missing', `no vault at ${quote(root, 200)}; run \`samizdat init\` to create one`);
    }
    if (!(await pathExists(dbPath))) {
      throw new SamizdatError(
        'vault',
        'vault',
        'vault.corrupt',
        `the vault at ${quote(root, 200)} has a header but no database (${DB_FILE}); restore the vault directory from a backup`,
      );
    }

    let header = await readHeader(headerPath);
    await checkDbShape(dbPath);
    let db = await Vault.#tryHeader(dbPath, header, passphrase, early?.dir === root ? early : undefined);
    const hasNext = await pathExists(nextPath);
    if (db === undefined && hasNext) {
      // A change of passphrase was interrupted after the rekey, before the new header took the
      // old one's place: with the new passphrase, the new header opens the database.
      let next: VaultHeader | undefined;
      try {
        next = await readHeader(nextPath);
      } catch {
        next = undefined; // a half-written next header: the change never reached the rekey
      }
      if (next !== undefined) {
        db = await Vault.#tryHeader(dbPath, next, passphrase);
        if (db !== undefined) {
          try {
            await fsp.rename(nextPath, headerPath);
            await fsyncDir(root);
          } catch (e) {
            db.close();
            throw ioError(e, 'finish the interrupted change of passphrase by renaming', nextPath);
          }
          header = next;
        }
      }
    } else if (db !== undefined && hasNext) {
      // The change was interrupted before the rekey: the old header still holds; drop the new one.
      try {
        await fsp.rm(nextPath, { force: true });
        await fsyncDir(root);
      } catch (e) {
        db.close();
        throw ioError(e, 'remove the unused', nextPath);
      }
    }
    if (db === undefined) throw wrongPassphrase(root);
    return Vault.#finishOpen(root, header, db);
  }

  static async #tryHeader(dbPath: string, header: VaultHeader, passphrase: string, early?: EarlyKey): Promise<Database.Database | undefined> {
    const salt = headerSalt(header);
    // A copy: the early key is wiped by open, this one here.
    const key = early && earlyKeyFits(early, passphrase, salt, header.kdf) ? Uint8Array.from(early.key) : await deriveKey(passphrase, salt, header.kdf);
    try {
      return openKeyed(dbPath, key);
    } finally {
      wipe(key);
    }
  }

  static #finishOpen(root: string, header: VaultHeader, db: Database.Database): Vault {
    const dbPath = join(root, DB_FILE);
    try {
      assertKnownSchema(db, root);
      configure(db, dbPath);
      migrate(db, root);
    } catch (e) {
      db.close();
      throw mapSqliteError(e, dbPath);
    }
    const vault = new Vault(root, header, db);
    try {
      vault.#storeMissingSafetyNumbers();
      vault.#recallSafetyNumbers();
    } catch (e) {
      vault.close();
      throw e;
    }
    return vault;
  }

  /**
   * Groups held without a stored safety number (a vault older than migration 9, or a group stored
   * by a path that did not store it) get it now: worked out once, stored for every later process.
   */
  #storeMissingSafetyNumbers(): void {
    const missing = this.#run((q) => q.groupsWithoutSafetyNumber());
    if (missing.length === 0) return;
    const numbers = missing.map((id) => [id, groupSafetyNumber(id)] as const);
    try {
      this.transaction(() => {
        for (const [id, n] of numbers) this.putSafetyNumber(id, n);
      });
    } catch (e) {
      // A vault that cannot be written to now (a full disk, another process writing) still opens:
      // the numbers are at hand for this process, and stored by a later open.
      if (!(e instanceof SamizdatError && (e.kind === 'io' || e.code === 'vault.busy'))) throw e;
    }
  }

  /** The stored safety numbers, at hand for this process (crypto/fingerprint.ts's memo), as many as it keeps. */
  #recallSafetyNumbers(): void {
    for (const { group, safetyNumber } of this.safetyNumbers().slice(0, SAFETY_NUMBERS_KEPT)) rememberSafetyNumber(group, safetyNumber);
  }

  /** Checkpoints the WAL into the database file and closes it. Idempotent; the vault is locked after. */
  close(): void {
    const db = this.#db;
    if (db === undefined) return;
    this.#db = undefined;
    this.#q = undefined;
    try {
      db.pragma('wal_checkpoint(TRUNCATE)');
    } catch {
      // Closing still checkpoints what it can; a failure here must not keep the vault open.
    }
    try {
      db.close();
    } catch (e) {
      throw mapSqliteError(e, this.dbPath);
    }
  }

  /**
   * Re-encrypts the vault under a key from `newPassphrase` (a new salt; `preset`, or the current
   * KDF parameters). Crash-safe: see `open`.
   */
  async changePassphrase(newPassphrase: string, preset?: KdfPreset): Promise<void> {
    checkPassphrase(newPassphrase);
    const kdf = preset === undefined ? { ...this.#header.kdf } : presetParams(preset);
    this.#requireDb();
    const salt = randomBytes(KDF_SALT_LENGTH);
    const key = await deriveKey(newPassphrase, salt, kdf);
    try {
      const db = this.#requireDb(); // it may have been closed while the key was derived
      if (db.inTransaction) throw usage('vault.in-transaction', 'cannot change the passphrase inside a transaction');
      const literal = rawKeyLiteral(key);
      const next = makeHeader(kdf, salt);
      const headerPath = join(this.dir, HEADER_FILE);
      const nextPath = join(this.dir, NEXT_HEADER_FILE);

      try {
        await fsp.rm(nextPath, { force: true });
      } catch (e) {
        throw ioError(e, 'remove the stale', nextPath);
      }
      await writeNewFileDurably(nextPath, serializeHeader(next));
      await fsyncDir(this.dir);

      try {
        db.pragma('wal_checkpoint(TRUNCATE)');
        const mode = db.pragma('journal_mode = DELETE', { simple: true });
        if (mode !== 'delete') {
          throw new SamizdatError('vault', 'vault', 'vault.busy', 'the vault is in use by another process; close it there and try again');
        }
        db.pragma(`rekey = ${literal}`);
      } catch (e) {
        // The rekey did not happen (it is one transaction): the old header still holds.
        try {
          db.pragma('journal_mode = WAL');
        } catch {
          // reported below through the original error
        }
        await fsp.rm(nextPath, { force: true }).catch(() => undefined);
        throw mapSqliteError(e, this.dbPath);
      }
      try {
        configure(db, this.dbPath);
      } catch (e) {
        throw mapSqliteError(e, this.dbPath);
      }

      // Read the rekeyed file back through a second connection before the new header replaces the old.
      const check = openKeyed(this.dbPath, key);
      if (check === undefined) {
        throw new SamizdatError(
          'vault',
          'vault',
          'vault.corrupt',
          `the vault at ${quote(this.dir, 200)} could not be read back with the new key; both headers were kept (${HEADER_FILE}, ${NEXT_HEADER_FILE})`,
        );
      }
      check.close();

      try {
        await fsp.rename(nextPath, headerPath);
      } catch (e) {
        throw ioError(e, 'replace the vault header with', nextPath);
      }
      await fsyncDir(this.dir);
      this.#header = next;
    } finally {
      wipe(key);
    }
  }

  // ---- queries: each checks that the vault is open and maps SQLite's errors ------------------

  #requireDb(): Database.Database {
    if (this.#db === undefined) throw lockedError(this.dir);
    return this.#db;
  }

  #run<T>(fn: (q: VaultQueries) => T): T {
    const q = this.#q;
    if (q === undefined) throw lockedError(this.dir);
    try {
      return fn(q);
    } catch (e) {
      throw mapSqliteError(e, this.dbPath);
    }
  }

  /**
   * Runs `fn` in one transaction (nested calls become savepoints). `fn` must be synchronous: the
   * transaction commits when it returns.
   */
  transaction<T>(fn: () => T): T {
    return this.#run((q) => q.transaction(fn));
  }

  /**
   * Runs the asynchronous `fn` in one transaction: for work that streams (an import reads a
   * bundle while it stores). Nothing else may use this vault until it settles.
   */
  async transactionAsync<T>(fn: () => Promise<T>): Promise<T> {
    const db = this.#requireDb();
    if (db.inTransaction) throw usage('vault.in-transaction', 'another change to the vault is still running');
    this.#run(() => db.exec('BEGIN IMMEDIATE'));
    try {
      // An import: its statements' search rows are written together before it commits.
      this.#run((q) => q.deferSearchIndex());
      const result = await fn();
      this.#run((q) => q.fillSearchIndex());
      this.#run(() => db.exec('COMMIT'));
      return result;
    } catch (err) {
      if (this.#db?.inTransaction) this.#db.exec('ROLLBACK');
      throw err;
    }
  }

  getIdentity(): IdentityRecord | undefined {
    return this.#run((q) => q.getIdentity());
  }
  hasIdentity(): boolean {
    return this.#run((q) => q.hasIdentity());
  }
  setIdentity(identity: IdentityRecord): void {
    this.#run((q) => q.setIdentity(identity));
  }
  getRetiredKeys(): IdentityRecord[] {
    return this.#run((q) => q.getRetiredKeys());
  }
  rotateIdentityKeys(keys: Omit<IdentityRecord, 'name'>): void {
    this.#run((q) => q.rotateIdentityKeys(keys));
  }
  /** A preference of the app (migration 0006), undefined when never set. */
  getSetting(key: string): string | undefined {
    return this.#run((q) => q.getSetting(key));
  }
  setSetting(key: string, value: string): void {
    this.#run((q) => q.setSetting(key, value));
  }
  findStatementsByPrefix(prefix: string, limit: number): Hex32[] {
    return this.#run((q) => q.findStatementsByPrefix(prefix, limit));
  }

  getGroup(id: Hex32): GroupRecord | undefined {
    return this.#run((q) => q.getGroup(id));
  }
  hasGroup(id: Hex32): boolean {
    return this.#run((q) => q.hasGroup(id));
  }
  listGroups(): GroupRecord[] {
    return this.#run((q) => q.listGroups());
  }
  upsertGroup(group: GroupInput): PutResult {
    return this.#run((q) => q.upsertGroup(group));
  }
  setTrust(groupId: Hex32, trust: GroupTrust): void {
    this.#run((q) => q.setTrust(groupId, trust));
  }
  safetyNumbers(): Array<{ group: Hex32; safetyNumber: string }> {
    return this.#run((q) => q.safetyNumbers());
  }
  putSafetyNumber(groupId: Hex32, safetyNumber: string): void {
    this.#run((q) => q.putSafetyNumber(groupId, safetyNumber));
  }

  getLink(id: Hex32): LinkRecord | undefined {
    return this.#run((q) => q.getLink(id));
  }
  hasLink(id: Hex32): boolean {
    return this.#run((q) => q.hasLink(id));
  }
  getLinks(groupId: Hex32): LinkRecord[] {
    return this.#run((q) => q.getLinks(groupId));
  }
  putLink(link: LinkRecord): PutLinkResult {
    return this.#run((q) => q.putLink(link));
  }

  getStatement(id: Hex32): StatementRecord | undefined {
    return this.#run((q) => q.getStatement(id));
  }
  hasStatement(id: Hex32): boolean {
    return this.#run((q) => q.hasStatement(id));
  }
  getStatementAuthors(id: Hex32): Hex32[] | undefined {
    return this.#run((q) => q.getStatementAuthors(id));
  }
  countStatements(): number {
    return this.#run((q) => q.countStatements());
  }
  listStatements(page: PageRequest): Page<StatementSummary> {
    return this.#run((q) => q.listStatements(page));
  }
  listStatementIds(page: PageRequest): Slice<Hex32> {
    return this.#run((q) => q.listStatementIds(page));
  }
  putStatement(statement: StatementRecord): PutResult {
    return this.#run((q) => q.putStatement(statement));
  }

  getSignature(id: Hex32): SignatureRecord | undefined {
    return this.#run((q) => q.getSignature(id));
  }
  hasSignature(id: Hex32): boolean {
    return this.#run((q) => q.hasSignature(id));
  }
  getSignatures(statementId: Hex32): SignatureRecord[] {
    return this.#run((q) => q.getSignatures(statementId));
  }
  putSignature(signature: SignatureRecord): PutResult {
    return this.#run((q) => q.putSignature(signature));
  }
  deleteSignature(id: Hex32): boolean {
    return this.#run((q) => q.deleteSignature(id));
  }
  getGroupSignatures(groupId: Hex32): SignatureRecord[] {
    return this.#run((q) => q.getGroupSignatures(groupId));
  }

  deleteLinkSignature(linkId: Hex32, key: Hex32): boolean {
    return this.#run((q) => q.deleteLinkSignature(linkId, key));
  }

  getReleaseStates(statementId: Hex32): ReleaseState[] {
    return this.#run((q) => q.getReleaseStates(statementId));
  }

  putReleaseState(statementId: Hex32, state: ReleaseState): void {
    this.#run((q) => q.putReleaseState(statementId, state));
  }


  getRelationsTo(id: Hex32): RelationEdge[] {
    return this.#run((q) => q.getRelationsTo(id));
  }
  getRelationsFrom(id: Hex32): RelationEdge[] {
    return this.#run((q) => q.getRelationsFrom(id));
  }

  getAttachment(id: Hex32): AttachmentRecord | undefined {
    return this.#run((q) => q.getAttachment(id));
  }
  getAttachmentInfo(id: Hex32): AttachmentInfo | undefined {
    return this.#run((q) => q.getAttachmentInfo(id));
  }
  hasAttachment(id: Hex32): boolean {
    return this.#run((q) => q.hasAttachment(id));
  }
  putAttachment(attachment: AttachmentRecord): PutResult {
    return this.#run((q) => q.putAttachment(attachment));
  }
  readAttachmentChunks(id: Hex32): Iterable<Uint8Array> {
    return this.#guarded(this.#run((q) => q.readAttachmentChunks(id))[Symbol.iterator]());
  }
  /** Each chunk read as a query of its own: a vault closed meanwhile is `vault.locked`. */
  *#guarded(chunks: Iterator<Uint8Array>): Generator<Uint8Array> {
    for (;;) {
      const next = this.#run(() => chunks.next());
      if (next.done === true) return;
      yield next.value;
    }
  }
  beginAttachment(info: AttachmentInfo): AttachmentWriter {
    const writer = this.#run((q) => q.beginAttachment(info));
    return {
      write: (bytes) => this.#run(() => writer.write(bytes)),
      finish: () => this.#run(() => writer.finish()),
      abort: () => {
        if (this.#q !== undefined) this.#run(() => writer.abort());
      },
    };
  }

  search(query: string, options?: SearchOptions): SearchResult {
    return this.#run((q) => q.search(query, options));
  }

  /** What sync remembers of the drop folders it syncs with (migration 0005, sync-index.ts). */
  syncIndex(): SyncIndex {
    return new SyncIndex((fn) => this.#run(() => fn(this.#requireDb())));
  }

  /** Where and when each imported group was first seen (migration 0007, sightings.ts). */
  groupSightings(): GroupSightings {
    return (this.#sightings ??= new GroupSightings((fn) => this.#run(() => fn(this.#requireDb()))));
  }
  #sightings: GroupSightings | undefined;

  /** The statements list filtered by group, language, status and words (migration 0008, statement-listing.ts). */
  statementListing(): StatementListing {
    return (this.#listing ??= new StatementListing((fn) => this.#run(() => fn(this.#requireDb()))));
  }
  #listing: StatementListing | undefined;

  /**
   * A full consistency check of the database file (`PRAGMA quick_check`): reads every page, so it
   * takes time in proportion to the vault's size. Throws `vault.corrupt` when damage is found.
   */
  checkIntegrity(): void {
    this.#run(() => {
      const rows = this.#requireDb().pragma('quick_check') as { quick_check: string }[];
      const problems = rows.map((r) => r.quick_check).filter((m) => m !== 'ok');
      if (problems.length > 0) {
        throw new SamizdatError(
          'vault',
          'vault',
          'vault.corrupt',
          `the vault database ${quote(this.dbPath, 200)} is damaged (${problems.slice(0, 3).join('; ')}); restore the vault directory from a backup`,
        );
      }
    });
  }
}

/** Renames the finished temporary directory to its final name (over an empty directory if one is there). */
async function renameIntoPlace(tmp: string, target: string, targetIsEmptyDir: boolean): Promise<void> {
  try {
    await fsp.rename(tmp, target);
    return;
  } catch (e) {
    const code = errnoCode(e);
    if (code === 'ENOTEMPTY' || code === 'EEXIST') {
      throw new SamizdatError('vault', 'vault', 'vault.exists', `cannot create a vault at ${quote(target, 200)}: something was created there meanwhile`, {
        cause: e,
      });
    }
    if (!(targetIsEmptyDir && (code === 'EPERM' || code === 'EACCES' || code === 'EISDIR'))) throw ioError(e, 'move the new vault to', target);
  }
  // Some systems (Windows) do not rename over an empty directory: remove it first.
  try {
    await fsp.rmdir(target);
    await fsp.rename(tmp, target);
  } catch (e) {
    throw ioError(e, 'move the new vault to', target);
  }
}

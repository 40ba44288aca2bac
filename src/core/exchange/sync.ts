// Two-way sync with a drop folder (a stick, a Samba share, a Syncthing folder): import every
// bundle there that this vault can read, then write what the folder lacks as new bundles named by
// their content hash. Nothing is ever deleted but the temporary files that its own earlier runs,
// killed mid-write, left behind. Drafts go encrypted to their author groups (and to this vault's
// own key, so that it can read back what it wrote); everything else goes in clear.
//
// In time proportional to what is new (DESIGN.md, "Budgets"). The vault remembers, in its sync
// index (migration 0005, store/sync-index.ts):
// - each bundle file of each folder by name, size, mtime and ctime, with the SHA-256 of its bytes
//   (computed as the import reads them) and what reading it gave: the objects it carries (one key
//   each, see contentKey), or that it is somebody else's, or why it was refused. A file whose name,
//   size and times match is not read again. One whose size or times changed is read; when its
//   size is that of a content read before, it is hashed first, and bytes read before (a file
//   renamed or copied, or only touched) are not imported again. A file gone from the folder no
//   longer carries anything: what it carried is compared with the vault again.
// - per folder, a watermark in the vault's journal (triggers record every object the vault stores,
//   whoever stores it: an import from a stick, a signature, the UI). What the folder lacks is
//   computed from the objects stored since the watermark and those the folder stopped carrying,
//   plus the statements whose release these can change (the statements of a group whose chain
//   changed, of a new signature, of a new attachment), never by walking the whole vault; the first
//   sync of a folder, `rescan`, or a folder so far behind that the journal no longer reaches back to
//   it, compares the whole vault as before.
// A sync of a folder where nothing changed reads no file and writes nothing, to the folder or the
// vault.
//
// Why name, size and times are enough. Someone able to write the folder could replace a file's
// bytes and set its size and times back as they were (on a stick, by writing the raw device), and
// the sync would not read the new bytes. That can only withhold: the new bytes' objects are not
// imported, and the old bytes' objects are taken as still carried (so not written again). Whoever
// can write the folder can withhold anyway, by deleting files. It can never inject: everything
// that is read is verified by the import, whatever the index says, and the index itself is inside
// the encrypted vault. Reading every file again to be sure would cost what this index saves;
// `rescan` (`samizdat sync --rescan`) does it on demand. On a local file system a rewrite also
// changes the ctime, which no user can set back.
//
// A file whose import rejected an object for a reason that the vault's holdings decide (a signature
// on a statement not held yet, a link after one not held yet) is read again once the vault has
// stored something since; within one sync this repeats until nothing new arrives, so bundles are
// merged whatever the order of their names. A file encrypted to other keys is read again when this
// vault's decryption keys change.
import { realpathSync, readdirSync, statSync, type BigIntStats } from 'node:fs';
import { basename, join } from 'node:path';
import { createHash, type Hash } from 'node:crypto';
import { SamizdatError, type ErrorKind, type ErrorLayer } from '../errors.js';
import { errnoCode, ioError } from '../io.js';
import type { Openers, Seal } from '../bundle/envelope.js';
import type { StreamingVaultWriter } from '../store/types.js';
import type { ContentOutcome, ContentRecord, FileStat, StoredError, SyncIndex } from '../store/sync-index.js';
import { removeStalePartials, writeStreamNamedByHash, type WrittenFile } from './atomic.js';
import type { Closure } from './export.js';
import { BUNDLE_EXTENSION, isBundleName, openBundleFile, type FileSource } from './files.js';
import type { ImportReport } from './import.js';

/** The comparing, importing and writing code, loaded on first need (sync-compare.ts). */
let compareModule: Promise<typeof import('./sync-compare.js')> | undefined;
const heavy = () => (compareModule ??= import('./sync-compare.js'));

export interface SyncProgress {
  file(path: string, size: number): void;
  bytes(read: number): void;
  writing(records: number): void;
  record(written: number): void;
  done(): void;
}

export interface SyncReport {
  folder: string;
  /** The bundles read and imported by this sync (each once, what it added over all its reads). */
  imported: Array<{ path: string; report: ImportReport }>;
  /** Bundle files not imported because the vault had read their bytes before (unchanged, renamed or copied). */
  unchanged: number;
  /** Bundles encrypted to keys this vault does not have: somebody else's. */
  notForUs: string[];
  failed: Array<{ path: string; error: SamizdatError }>;
  written: Array<WrittenFile & { envelope: 'clear' | 'members'; records: number }>;
  /** Temporary files that an earlier run on this machine, killed mid-write, left in the folder: removed. */
  removedPartials: string[];
}

export interface SyncOptions {
  /** Read every file again and compare the whole vault with the folder, as on a first sync. */
  rescan?: boolean;
  /** Opens a bundle file for reading (default openBundleFile); every read of a file goes through it. */
  openFile?: (path: string, onBytes?: (read: number) => void) => FileSource;
}

/** A vault with a sync index. */
export type SyncVault = StreamingVaultWriter & { syncIndex(): SyncIndex };

/**
 * The import rules files were read under. Bump it when a change to import can make a bundle that
 * was refused, or an object that was rejected, acceptable: every file is then read again.
 */
export const SYNC_RULES = 1;
/** Journal entries kept for folders that are behind; one further behind compares the whole vault. */
export const JOURNAL_KEEP = 200_000;
/** A refused file is hashed to the end (to know it again under another name) only up to this size. */
const HASH_REFUSED_UP_TO = 64 * 1024 * 1024;
/** Index writes held before they are committed together (each commit is an fsync). */
const INDEX_BATCH = 500;

const NOT_FOR_US = new Set(['bundle.not-for-this-vault', 'bundle.needs-passphrase']);

// ---- the folder's files -----------------------------------------------------------------------

interface Listed {
  name: string;
  path: string;
  stat: FileStat;
}

const statOf = (st: BigIntStats): FileStat => ({ size: Number(st.size), mtime: st.mtimeNs.toString(), ctime: st.ctimeNs.toString() });
const sameStat = (a: FileStat, b: FileStat): boolean => a.size === b.size && a.mtime === b.mtime && a.ctime === b.ctime;

/** The bundle files of the folder (`*.samizdat`, not hidden), by name, with what stat says of each. */
function listFolder(dir: string): Listed[] {
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch (err) {
    throw ioError('exchange', err, 'list', dir);
  }
  const listed: Listed[] = [];
  for (const name of names.filter(isBundleName).sort()) {
    const path = join(dir, name);
    let st: BigIntStats;
    try {
      st = statSync(path, { bigint: true });
    } catch (err) {
      if (errnoCode(err) === 'ENOENT') continue; // gone since the listing
      throw ioError('exchange', err, 'read', path);
    }
    if (st.isFile()) listed.push({ name, path, stat: statOf(st) });
  }
  return listed;
}

function storedError(err: SamizdatError): StoredError {
  let message = err.message.startsWith(`${err.layer}: `) ? err.message.slice(err.layer.length + 2) : err.message;
  if (err.rule !== undefined && message.endsWith(` (${err.rule})`)) message = message.slice(0, -(err.rule.length + 3));
  return { layer: err.layer, kind: err.kind, code: err.code, message, ...(err.rule === undefined ? {} : { rule: err.rule }) };
}

const errorOf = (e: StoredError): SamizdatError => new SamizdatError(e.layer as ErrorLayer, e.kind as ErrorKind, e.code, e.message, e.rule === undefined ? undefined : { rule: e.rule });

/** A content as this sync knows it: from the index (with its id) or read now (id once stored). */
type Known = Omit<ContentRecord, 'id'> & { id?: number };
/** A file imported before, unchanged, with nothing to read again: its content is not even looked up. */
const SETTLED = 'settled';

/** One read of a file, as the import saw it. */
interface Read {
  content: Known;
  /** What it carries, as index keys (sync-compare.ts's keyBytes). */
  keys: Uint8Array[];
  report?: ImportReport;
  error?: SamizdatError;
}

/** Sums what several reads of one file added (a file read again once the vault held more). */
function merged(a: ImportReport, b: ImportReport): ImportReport {
  const added = { ...b.added };
  for (const k of Object.keys(added) as Array<keyof typeof added>) added[k] += a.added[k];
  return { ...b, added, newGroups: [...a.newGroups, ...b.newGroups] };
}

export async function syncFolder(vault: SyncVault, folder: string, openers: Openers, progress?: SyncProgress, options: SyncOptions = {}): Promise<SyncReport> {
  const listed = listFolder(folder);
  const report: SyncReport = { folder, imported: [], unchanged: 0, notForUs: [], failed: [], written: [], removedPartials: removeStalePartials(folder) };
  const openFile = options.openFile ?? openBundleFile;
  const rescan = options.rescan === true;
  const index = vault.syncIndex();
  let where: string;
  try {
    where = realpathSync(folder);
  } catch (err) {
    throw ioError('exchange', err, 'list', folder);
  }
  // From the first sync of any folder on, the journal records every object the vault stores.
  const folderRecord = index.folder(where) ?? index.addFolder(where);
  const folderId = folderRecord.id;
  if (rescan) index.forget(folderId);
  let indexChanged = rescan || folderRecord.watermark === null;

  let stamp: string | undefined;
  /**
   * Names the decryption keys tried on bundles: a one-way hash of them, kept inside the encrypted
   * vault that holds the keys themselves (so it tells nothing to anyone who could read it).
   */
  const keysStamp = (): string => {
    if (stamp === undefined) {
      const hash = createHash('sha256').update('samizdat/sync-keys\0');
      for (const k of openers.boxSecrets.map((s) => Buffer.from(s).toString('hex')).sort()) hash.update(k);
      stamp = hash.digest('hex');
    }
    return stamp;
  };
  const needsReading = (c: Known): boolean =>
    c.rules !== SYNC_RULES || (c.retrySeq !== null && index.gainedSince(c.retrySeq)) || (c.outcome === 'not-for-us' && c.keysStamp !== keysStamp());

  // Index writes are held and committed together; what is held is also looked up here.
  const heldBySha = new Map<string, Read>();
  let held: Array<() => void> = [];
  const flush = () => {
    if (held.length === 0) return;
    const ops = held;
    held = [];
    index.transaction(() => {
      for (const op of ops) op();
    });
    heldBySha.clear();
    indexChanged = true;
  };
  const later = (op: () => void) => {
    held.push(op);
    if (held.length >= INDEX_BATCH) flush();
  };
  const store = (read: Read, mode: 'replace' | 'merge'): void => {
    if (read.content.sha256 !== null) heldBySha.set(read.content.sha256, read);
    later(() => {
      read.content.id = index.putContent(read.content, read.keys, mode);
    });
  };
  // A content read now has its id once the op before (store) has run: ops run in order.
  const setFile = (name: string, stat: FileStat, content: Known) => later(() => index.setFile(folderId, name, stat, content.id as number));

  // What each listed file holds after this sync, and the contents the folder stopped carrying.
  const files = index.files(folderId);
  /** Contents known before this sync (ids only grow): the candidates for a file renamed or copied. */
  const knownBefore = index.lastContentId();
  /** The contents of the folder's files that are not just imported (most are: those are not even looked up). */
  const unsettled = index.unsettled(folderId, SYNC_RULES);
  /** What each file holds after this sync: its content, or SETTLED for one imported before and unchanged. */
  const now = new Map<string, Known | typeof SETTLED>();
  const lost = new Set<number>();
  /** Files read again: the content they held before, lost unless they still hold the same bytes. */
  const before = new Map<string, number>();
  const listedNames = new Set(listed.map((f) => f.name));
  for (const [name, file] of files) {
    if (listedNames.has(name)) continue;
    lost.add(file.content);
    later(() => index.removeFile(folderId, name));
  }

  const hashFile = async (f: Listed): Promise<string> => {
    const source = openFile(f.path, (n) => progress?.bytes(n));
    progress?.file(f.path, source.size);
    try {
      const hash = createHash('sha256');
      for await (const chunk of source.chunks) hash.update(chunk);
      return hash.digest('hex');
    } finally {
      progress?.done();
    }
  };

  const importFile = async (f: Listed): Promise<Read> => {
    const { importBundle, keyBytes, FINAL_REJECTIONS } = await heavy();
    const base = { size: f.stat.size, error: undefined, retrySeq: null, keysStamp: null, rules: SYNC_RULES };
    let source: FileSource;
    try {
      source = openFile(f.path, (n) => progress?.bytes(n));
    } catch (err) {
      if (!(err instanceof SamizdatError) || err.layer === 'vault') throw err;
      return { content: { ...base, sha256: null, outcome: 'failed' }, keys: [], error: err }; // gone, or no longer a file
    }
    progress?.file(f.path, source.size);
    const hash = createHash('sha256');
    const it = source.chunks[Symbol.asyncIterator]();
    // Every chunk the import takes is hashed; when it stops early, the rest is hashed after.
    const hashed: AsyncIterable<Uint8Array> = {
      [Symbol.asyncIterator]: () => ({
        next: async () => {
          const r = await it.next();
          if (r.done !== true) hash.update(r.value);
          return r;
        },
        return: async () => ({ done: true as const, value: undefined }),
      }),
    };
    const rest = async (h: Hash) => {
      for (let r = await it.next(); r.done !== true; r = await it.next()) h.update(r.value);
      return h.digest('hex');
    };
    const keys = new Set<string>();
    try {
      const imported = await importBundle(vault, hashed, { ...openers, passphrase: undefined }, { seen: keys });
      const sha256 = await rest(hash);
      const retry = imported.rejected.some((r) => !FINAL_REJECTIONS.has(r.reason));
      return { content: { ...base, sha256, outcome: imported.envelope === 'clear' ? 'clear' : 'sealed', retrySeq: retry ? index.journalSeq() : null }, keys: [...keys].map(keyBytes), report: imported };
    } catch (err) {
      if (!(err instanceof SamizdatError) || err.layer === 'vault') throw err;
      const notForUs = NOT_FOR_US.has(err.code);
      // A refusal of the bytes themselves is kept; anything else (a read that failed) is tried again next time.
      if (!notForUs && err.kind !== 'input') return { content: { ...base, sha256: null, outcome: 'failed' }, keys: [], error: err };
      let sha256: string | null = null;
      if (f.stat.size <= HASH_REFUSED_UP_TO) sha256 = await rest(hash).catch(() => null);
      const outcome: ContentOutcome = notForUs ? 'not-for-us' : 'failed';
      return { content: { ...base, sha256, outcome, error: notForUs ? undefined : storedError(err), keysStamp: notForUs ? keysStamp() : null }, keys: [], error: err };
    } finally {
      await it.return?.();
      progress?.done();
    }
  };

  const reads = new Map<string, ImportReport>();
  const failedNow = new Map<string, SamizdatError>();
  /** Reads a file and keeps what it gave (nothing, when the read itself failed). */
  const readAndKeep = async (f: Listed): Promise<void> => {
    const was = files.get(f.name);
    if (was && !before.has(f.name)) before.set(f.name, was.content);
    const read = await importFile(f);
    if (read.report) {
      const earlier = reads.get(f.path);
      reads.set(f.path, earlier ? merged(earlier, read.report) : read.report);
    }
    const kept = read.content.outcome !== 'failed' || read.content.error !== undefined;
    if (!kept) {
      // Unreadable now (an I/O error): it carries nothing this sync knows of, and is read again next time.
      failedNow.set(f.path, read.error as SamizdatError);
      if (files.has(f.name)) later(() => index.removeFile(folderId, f.name));
      now.delete(f.name);
      return;
    }
    failedNow.delete(f.path);
    store(read, 'replace');
    setFile(f.name, f.stat, read.content);
    now.set(f.name, read.content);
  };

  for (const f of listed) {
    const was = files.get(f.name);
    if (!rescan && was && sameStat(was, f.stat)) {
      const content = unsettled.get(was.content);
      if (content === undefined || !needsReading(content)) {
        now.set(f.name, content ?? SETTLED);
        report.unchanged++;
        continue;
      }
    }
    if (was) before.set(f.name, was.content);
    if (!rescan && index.hasContentOfSize(f.stat.size, knownBefore)) {
      // Perhaps bytes read before (by an earlier sync) under another name, or only touched: hash
      // before importing. Sizes of files read by this sync are not asked about: a first sync of a
      // folder of bundles of one size would read each file twice to find copies that are rare.
      let sha: string | undefined;
      try {
        sha = await hashFile(f);
      } catch (err) {
        if (!(err instanceof SamizdatError) || err.layer === 'vault') throw err;
      }
      const known: Known | undefined = sha === undefined ? undefined : (heldBySha.get(sha)?.content ?? index.contentBySha(sha));
      if (known && !needsReading(known)) {
        setFile(f.name, f.stat, known);
        now.set(f.name, known);
        report.unchanged++;
        continue;
      }
    }
    await readAndKeep(f);
  }

  // Files whose import rejected what a later holding can accept: again, while the vault gains objects.
  for (;;) {
    const again = listed.filter((f) => {
      const c = now.get(f.name);
      return c !== undefined && c !== SETTLED && needsReading(c);
    });
    if (again.length === 0) break;
    for (const f of again) await readAndKeep(f);
  }
  flush();
  for (const [name, id] of before) {
    const was = index.content(id);
    const is = now.get(name);
    if (was && (was.sha256 === null || is === undefined || is === SETTLED || is.sha256 !== was.sha256)) lost.add(id);
  }

  for (const f of listed) {
    const n = now.get(f.name);
    const c = n === SETTLED ? undefined : n;
    const imported = reads.get(f.path);
    if (imported) report.imported.push({ path: f.path, report: imported });
    const failed = failedNow.get(f.path);
    if (failed) report.failed.push({ path: f.path, error: failed });
    else if (c?.outcome === 'not-for-us') report.notForUs.push(f.path);
    else if (c?.outcome === 'failed' && c.error) report.failed.push({ path: f.path, error: errorOf(c.error) });
  }

  // What the folder lacks: everything stored up to `upTo`, compared.
  const upTo = index.journalSeq();
  const watermark = rescan ? null : folderRecord.watermark;
  const full = watermark === null || watermark < index.journalFloor();
  // Nothing stored since the last sync and no file gone: nothing to compare, nothing to load.
  if (full || watermark !== upTo || lost.size > 0) await write(await heavy(), full ? null : watermark);

  async function write(code: typeof import('./sync-compare.js'), since: number | null): Promise<void> {
    const { clear, drafts } = code.lackingIn(vault, index, folderId, since, upTo, lost);
    const me = vault.getIdentity()?.boxPublic;
    const outputs: Array<{ closure: Closure; seal?: Seal; envelope: 'clear' | 'members' }> = [];
    if (code.recordCount(clear) > 0) outputs.push({ closure: clear, envelope: 'clear' });
    for (const [authors, closure] of drafts) {
      if (code.recordCount(closure) === 0) continue;
      const to = code.membersOf(vault, authors.split(','));
      if (me && !to.some((k) => Buffer.from(k).equals(me))) to.push(me);
      outputs.push({ closure, seal: { to }, envelope: 'members' });
    }
    for (const out of outputs) {
      const records = code.recordCount(out.closure);
      const keys = code.keysOfClosure(vault, out.closure);
      progress?.writing(records);
      try {
        const written = await writeStreamNamedByHash(folder, (sha) => `${sha || 'pending'}${BUNDLE_EXTENSION}`, code.bundleChunks(vault, out.closure, out.seal, (n) => progress?.record(n)));
        report.written.push({ ...written, envelope: out.envelope, records });
        // This vault's own file: what it carries is known without reading it back.
        let st: BigIntStats | undefined;
        try {
          st = statSync(written.path, { bigint: true });
        } catch {
          st = undefined; // gone already (someone else's sync moved it): nothing to remember
        }
        if (st) {
          const stat = statOf(st);
          const content: Known = { sha256: written.sha256, size: written.bytes, outcome: out.envelope === 'clear' ? 'clear' : 'sealed', error: undefined, retrySeq: null, keysStamp: null, rules: SYNC_RULES };
          later(() => {
            content.id = index.putContent(content, keys, 'merge');
            index.setFile(folderId, basename(written.path), stat, content.id);
          });
        }
      } finally {
        progress?.done();
      }
    }
  }
  flush();

  if (watermark !== upTo) {
    index.setWatermark(folderId, upTo);
    indexChanged = true;
  }
  if (indexChanged || lost.size > 0) index.collect(JOURNAL_KEEP);
  return report;
}

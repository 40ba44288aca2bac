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
import { boxKeyPairFromSecretKey } from '../crypto/box.js';
import type { Openers, Seal } from '../bundle/envelope.js';
import type { LinkRecord, StreamingVaultWriter } from '../store/types.js';
import { JOURNAL_KIND, type ContentOutcome, type ContentRecord, type FileStat, type StoredError, type SyncIndex } from '../store/sync-index.js';
import { Verifier, isReleased, statementOfRecord } from '../service/statements.js';
import { removeStalePartials, writeStreamNamedByHash, type WrittenFile } from './atomic.js';
import { allStatementIds, bundleChunks, membersOf, recordCount, type Closure } from './export.js';
import { BUNDLE_EXTENSION, isBundleName, openBundleFile, type FileSource } from './files.js';
import { contentKey, importBundle, type ImportReport, type Rejection } from './import.js';

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
/** Above this many objects to compare, the folder's keys are read into memory at once. */
const COMPARE_IN_MEMORY = 2_000;
/** A refused file is hashed to the end (to know it again under another name) only up to this size. */
const HASH_REFUSED_UP_TO = 64 * 1024 * 1024;
/** Index writes held before they are committed together (each commit is an fsync). */
const INDEX_BATCH = 500;
/** Rejections that no later holding of the vault can undo: a file with only these is not read again. */
const FINAL_REJECTIONS: ReadonlySet<Rejection['reason']> = new Set(['bad-signature', 'wrong-role', 'bad-charter', 'unknown-signer', 'no-signer']);

const NOT_FOR_US = new Set(['bundle.not-for-this-vault', 'bundle.needs-passphrase']);

const emptyClosure = (): Closure => ({ links: [], statements: [], signatures: [], attachments: [] });

// ---- keys: what a bundle carries, as stored in the index --------------------------------------

const KIND_NAMES = Object.fromEntries(Object.entries(JOURNAL_KIND).map(([k, v]) => [v, k])) as Record<number, keyof typeof JOURNAL_KIND>;
const HEX64 = /^[0-9a-f]{64}$/;

/** A contentKey as index bytes: its kind (JOURNAL_KIND), the id, and a link signature entry's key. */
function keyBytes(key: string): Uint8Array {
  const [kind, id, signer] = key.split(':');
  const byte = JOURNAL_KIND[kind as keyof typeof JOURNAL_KIND];
  if (byte === undefined || !HEX64.test(id ?? '') || (signer !== undefined && !HEX64.test(signer)) || (kind === 'link-signature') !== (signer !== undefined)) {
    throw new Error(`sync: not a content key: ${key.slice(0, 40)}`);
  }
  return Buffer.concat([Buffer.of(byte), Buffer.from(id as string, 'hex'), signer === undefined ? Buffer.alloc(0) : Buffer.from(signer, 'hex')]);
}

function keyString(bytes: Uint8Array): string {
  const b = Buffer.from(bytes);
  const kind = KIND_NAMES[b[0] as number];
  const id = b.subarray(1, 33).toString('hex');
  switch (kind) {
    case 'link':
      return contentKey.link(id);
    case 'link-signature':
      return contentKey.linkSignature(id, b.subarray(33, 65).toString('hex'));
    case 'statement':
      return contentKey.statement(id);
    case 'signature':
      return contentKey.signature(id);
    case 'attachment':
      return contentKey.attachment(id);
    default:
      throw new Error(`sync: unknown key kind ${String(b[0])} in the sync index`);
  }
}

/** What a folder carries: `has(key, true)` for a clear bundle, `has(key, false)` for any bundle. */
interface Carried {
  has(key: string, clear: boolean): boolean;
}

function carriedFromIndex(index: SyncIndex, folder: number): Carried {
  return { has: (key, clear) => index.carries(folder, keyBytes(key), clear) };
}

function carriedInMemory(index: SyncIndex, folder: number): Carried {
  const clearKeys = new Set<string>();
  const anyKeys = new Set<string>();
  for (const { key, clear } of index.carriedKeys(folder)) {
    const k = keyString(key);
    anyKeys.add(k);
    if (clear) clearKeys.add(k);
  }
  return { has: (key, clear) => (clear ? clearKeys : anyKeys).has(key) };
}

/** The keys of what a bundle written for `closure` carries (all held entries of its links: those it leaves out never count). */
function keysOfClosure(vault: SyncVault, c: Closure): Uint8Array[] {
  const keys: string[] = [];
  for (const id of c.links) {
    keys.push(contentKey.link(id));
    for (const s of vault.getLink(id)?.signatures ?? []) keys.push(contentKey.linkSignature(id, s.key));
  }
  for (const id of c.statements) keys.push(contentKey.statement(id));
  for (const id of c.signatures) keys.push(contentKey.signature(id));
  for (const id of c.attachments) keys.push(contentKey.attachment(id));
  return keys.map(keyBytes);
}

// ---- what the folder lacks --------------------------------------------------------------------

/**
 * What this vault holds that the folder lacks, among the objects it is asked about, split into clear
 * and per-author-set drafts. What goes in clear is compared with the clear bundles only: a released
 * statement that the folder carries only inside an encrypted draft bundle must still reach readers
 * outside the group. A reader keeps nothing whose chain or statement it does not hold yet
 * (V-IGNORE), and reads the folder's bundles in any order: so a link travels with its group's whole
 * chain, and a signature with its statement and its group's whole chain, even when the folder
 * carries them.
 */
class Lacking {
  readonly clear = emptyClosure();
  readonly drafts = new Map<string, Closure>();
  private readonly verifier: Verifier;

  constructor(
    private readonly vault: SyncVault,
    private readonly carried: Carried,
  ) {
    this.verifier = new Verifier(vault);
  }

  private readonly chains = new Map<string, LinkRecord[]>();
  private chainOf(group: string): LinkRecord[] {
    let links = this.chains.get(group);
    if (links === undefined) {
      links = this.vault.getLinks(group);
      this.chains.set(group, links);
    }
    return links;
  }

  /** A group's chain, whole, when the folder lacks any link or entry of it. */
  group(id: string): void {
    const { carried } = this;
    const links = this.chainOf(id);
    if (links.some((link) => !carried.has(contentKey.link(link.id), true) || link.signatures.some((s) => !carried.has(contentKey.linkSignature(link.id, s.key), true)))) {
      this.clear.links.push(...links.map((l) => l.id));
    }
  }

  statement(id: string): void {
    const { vault, carried } = this;
    const record = vault.getStatement(id);
    if (!record) return;
    const statement = statementOfRecord(record);
    const signatures = vault.getSignatures(id);
    const attachments = statement.attachments.filter((a) => vault.hasAttachment(a.id));
    // All of it in a clear bundle already: nothing to write, released or not.
    if (carried.has(contentKey.statement(id), true) && signatures.every((s) => carried.has(contentKey.signature(s.id), true)) && attachments.every((a) => carried.has(contentKey.attachment(a.id), true))) return;
    const released = isReleased(vault, id, statement.authors, this.verifier);
    const authors = statement.authors.join(',');
    const target = released ? this.clear : this.drafts.get(authors) ?? emptyClosure();
    if (!released) this.drafts.set(authors, target);
    const missingSignatures = signatures.filter((s) => !carried.has(contentKey.signature(s.id), released));
    const missingAttachments = attachments.filter((a) => !carried.has(contentKey.attachment(a.id), released));
    // An attachment travels with a statement that references it (B-UNREFERENCED).
    if (!carried.has(contentKey.statement(id), released) || missingAttachments.length > 0 || missingSignatures.length > 0) target.statements.push(id);
    target.signatures.push(...missingSignatures.map((s) => s.id));
    for (const g of new Set(missingSignatures.map((s) => s.group))) target.links.push(...this.chainOf(g).map((l) => l.id));
    target.attachments.push(...missingAttachments.map((a) => a.id));
  }

  result(): { clear: Closure; drafts: Map<string, Closure> } {
    for (const c of [this.clear, ...this.drafts.values()]) for (const k of Object.keys(c) as Array<keyof Closure>) c[k] = [...new Set(c[k])].sort();
    return { clear: this.clear, drafts: this.drafts };
  }
}

/** Every object of the vault compared with the folder: a first sync, or a folder too far behind. */
function lackingInFull(vault: SyncVault, carried: Carried): Lacking {
  const lacking = new Lacking(vault, carried);
  for (const g of vault.listGroups()) lacking.group(g.id);
  for (const id of allStatementIds(vault)) lacking.statement(id);
  return lacking;
}

/**
 * Only the objects stored since the watermark and those the folder stopped carrying, with the
 * statements whose release or envelope they can change.
 */
function lackingSince(vault: SyncVault, index: SyncIndex, folder: number, watermark: number, upTo: number, lost: Iterable<string>): Lacking {
  const links = new Set<string>();
  const changedChains = new Set<string>();
  const statements = new Set<string>();
  const attachments = new Set<string>();
  const signature = (id: string) => {
    const sig = vault.getSignature(id);
    if (sig) statements.add(sig.statement);
  };
  for (const e of index.journalSince(watermark, upTo)) {
    if (e.kind === JOURNAL_KIND.link || e.kind === JOURNAL_KIND['link-signature']) {
      links.add(e.id);
      changedChains.add(e.id);
    } else if (e.kind === JOURNAL_KIND.statement) statements.add(e.id);
    else if (e.kind === JOURNAL_KIND.signature) signature(e.id);
    else if (e.kind === JOURNAL_KIND.attachment) attachments.add(e.id);
  }
  for (const key of lost) {
    const [kind, id] = key.split(':') as [string, string];
    if (kind === 'link' || kind === 'link-signature') links.add(id);
    else if (kind === 'statement') statements.add(id);
    else if (kind === 'signature') signature(id);
    else if (kind === 'attachment') attachments.add(id);
  }
  const groups = new Set<string>();
  const changedGroups = new Set<string>();
  for (const id of links) {
    const link = vault.getLink(id);
    if (!link) continue;
    groups.add(link.group);
    // A chain change can release (or stop releasing) any statement of the group.
    if (changedChains.has(id)) changedGroups.add(link.group);
  }
  for (const g of changedGroups) for (const id of index.statementsByGroup(g)) statements.add(id);
  for (const a of attachments) for (const id of index.statementsByAttachment(a)) statements.add(id);
  const carried = groups.size + statements.size > COMPARE_IN_MEMORY ? carriedInMemory(index, folder) : carriedFromIndex(index, folder);
  const lacking = new Lacking(vault, carried);
  for (const g of groups) lacking.group(g);
  for (const id of statements) lacking.statement(id);
  return lacking;
}

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

/** One read of a file, as the import saw it. */
interface Read {
  content: Known;
  keys: Set<string>;
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
  /** Names the decryption keys tried on bundles: public keys only. */
  const keysStamp = (): string => {
    if (stamp === undefined) {
      const publics = openers.boxSecrets.map((s) => Buffer.from(boxKeyPairFromSecretKey(s).publicKey).toString('hex')).sort();
      stamp = createHash('sha256').update(`samizdat/sync-keys\0${publics.join(',')}`).digest('hex');
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
    const keys = [...read.keys].map(keyBytes);
    later(() => {
      read.content.id = index.putContent(read.content, keys, mode);
    });
  };
  // A content read now has its id once the op before (store) has run: ops run in order.
  const setFile = (name: string, stat: FileStat, content: Known) => later(() => index.setFile(folderId, name, stat, content.id as number));

  // What each listed file holds after this sync, and the contents the folder stopped carrying.
  const files = index.files(folderId);
  const now = new Map<string, Known>();
  const lost = new Set<number>();
  /** Files read again: what they held before, lost unless they still hold the same bytes. */
  const before = new Map<string, ContentRecord>();
  const listedNames = new Set(listed.map((f) => f.name));
  for (const [name, file] of files) {
    if (listedNames.has(name)) continue;
    lost.add(file.content.id);
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
    const source = openFile(f.path, (n) => progress?.bytes(n));
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
    const base = { size: f.stat.size, error: undefined, retrySeq: null, keysStamp: null, rules: SYNC_RULES };
    try {
      const imported = await importBundle(vault, hashed, { ...openers, passphrase: undefined }, { seen: keys });
      const sha256 = await rest(hash);
      const retry = imported.rejected.some((r) => !FINAL_REJECTIONS.has(r.reason));
      return { content: { ...base, sha256, outcome: imported.envelope === 'clear' ? 'clear' : 'sealed', retrySeq: retry ? index.journalSeq() : null }, keys, report: imported };
    } catch (err) {
      if (!(err instanceof SamizdatError) || err.layer === 'vault') throw err;
      const notForUs = NOT_FOR_US.has(err.code);
      // A refusal of the bytes themselves is kept; anything else (a read that failed) is tried again next time.
      if (!notForUs && err.kind !== 'input') return { content: { ...base, sha256: null, outcome: 'failed' }, keys: new Set(), error: err };
      let sha256: string | null = null;
      if (f.stat.size <= HASH_REFUSED_UP_TO) sha256 = await rest(hash).catch(() => null);
      const outcome: ContentOutcome = notForUs ? 'not-for-us' : 'failed';
      return { content: { ...base, sha256, outcome, error: notForUs ? undefined : storedError(err), keysStamp: notForUs ? keysStamp() : null }, keys: new Set(), error: err };
    } finally {
      await it.return?.();
      progress?.done();
    }
  };

  const reads = new Map<string, ImportReport>();
  const failedNow = new Map<string, SamizdatError>();
  /** Reads a file and keeps what it gave (nothing, when the read itself failed). */
  const readAndKeep = async (f: Listed): Promise<void> => {
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
    if (!rescan && was && sameStat(was, f.stat) && !needsReading(was.content)) {
      now.set(f.name, was.content);
      report.unchanged++;
      continue;
    }
    if (was) before.set(f.name, was.content);
    if (!rescan && index.hasContentOfSize(f.stat.size)) {
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
      return c !== undefined && needsReading(c);
    });
    if (again.length === 0) break;
    for (const f of again) await readAndKeep(f);
  }
  flush();
  for (const [name, was] of before) if (was.sha256 === null || now.get(name)?.sha256 !== was.sha256) lost.add(was.id);

  for (const f of listed) {
    const c = now.get(f.name);
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
  const lostKeys = new Set<string>();
  if (!full) for (const id of lost) for (const k of index.contentKeys(id)) lostKeys.add(keyString(k));
  const lacking = full
    ? lackingInFull(vault, carriedInMemory(index, folderId))
    : watermark === upTo && lostKeys.size === 0
      ? new Lacking(vault, carriedFromIndex(index, folderId))
      : lackingSince(vault, index, folderId, watermark, upTo, lostKeys);
  const { clear, drafts } = lacking.result();

  const me = vault.getIdentity()?.boxPublic;
  const outputs: Array<{ closure: Closure; seal?: Seal; envelope: 'clear' | 'members' }> = [];
  if (recordCount(clear) > 0) outputs.push({ closure: clear, envelope: 'clear' });
  for (const [authors, closure] of drafts) {
    if (recordCount(closure) === 0) continue;
    const to = membersOf(vault, authors.split(','));
    if (me && !to.some((k) => Buffer.from(k).equals(me))) to.push(me);
    outputs.push({ closure, seal: { to }, envelope: 'members' });
  }
  for (const out of outputs) {
    const records = recordCount(out.closure);
    const keys = keysOfClosure(vault, out.closure);
    progress?.writing(records);
    try {
      const written = await writeStreamNamedByHash(folder, (sha) => `${sha || 'pending'}${BUNDLE_EXTENSION}`, bundleChunks(vault, out.closure, out.seal, (n) => progress?.record(n)));
      report.written.push({ ...written, envelope: out.envelope, records });
      // This vault's own file: what it carries is known without reading it back.
      let st: BigIntStats | undefined;
      try {
        st = statSync(written.path, { bigint: true });
      } catch {
        st = undefined; // gone already (someone else's sync moved it): nothing to remember
      }
      if (st) {
        const content: Known = { sha256: written.sha256, size: written.bytes, outcome: out.envelope === 'clear' ? 'clear' : 'sealed', error: undefined, retrySeq: null, keysStamp: null, rules: SYNC_RULES };
        later(() => {
          content.id = index.putContent(content, keys, 'merge');
          index.setFile(folderId, basename(written.path), statOf(st), content.id);
        });
      }
    } finally {
      progress?.done();
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

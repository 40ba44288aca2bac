// The part of sync that compares the vault with a folder, imports and writes bundles (sync.ts
// orchestrates): loaded only when a sync has something to read, compare or write, so that a sync of
// an unchanged folder loads none of the bundle, chain and verification code.
import type { LinkRecord } from '../store/types.js';
import { JOURNAL_KIND, type SyncIndex } from '../store/sync-index.js';
import { Verifier, isReleased, statementOfRecord } from '../service/statements.js';
import { allStatementIds, type Closure } from './export.js';
import { contentKey, type Rejection } from './import.js';
import type { SyncVault } from './sync.js';

export { bundleChunks, membersOf, recordCount } from './export.js';
export { importBundle } from './import.js';

/** Above this many objects to compare, the folder's keys are read into memory at once. */
const COMPARE_IN_MEMORY = 2_000;
/** Rejections that no later holding of the vault can undo: a file with only these is not read again. */
export const FINAL_REJECTIONS: ReadonlySet<Rejection['reason']> = new Set(['bad-signature', 'wrong-role', 'bad-charter', 'unknown-signer', 'no-signer']);

const emptyClosure = (): Closure => ({ links: [], statements: [], signatures: [], attachments: [] });

// ---- keys: what a bundle carries, as stored in the index --------------------------------------

const KIND_NAMES = Object.fromEntries(Object.entries(JOURNAL_KIND).map(([k, v]) => [v, k])) as Record<number, keyof typeof JOURNAL_KIND>;
const HEX64 = /^[0-9a-f]{64}$/;

/** A contentKey as index bytes: its kind (JOURNAL_KIND), the id, and a link signature entry's key. */
export function keyBytes(key: string): Uint8Array {
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
export function keysOfClosure(vault: SyncVault, c: Closure): Uint8Array[] {
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

/**
 * What the folder lacks: the whole vault compared (`watermark` null: a first sync, a rescan, a folder
 * the journal no longer reaches back to), or only what was stored after `watermark` up to `upTo`
 * and what the `lost` contents (no file of the folder holds them any more) carried.
 */
export function lackingIn(vault: SyncVault, index: SyncIndex, folder: number, watermark: number | null, upTo: number, lost: Iterable<number>): { clear: Closure; drafts: Map<string, Closure> } {
  if (watermark === null) return lackingInFull(vault, carriedInMemory(index, folder)).result();
  const lostKeys = new Set<string>();
  for (const id of lost) for (const k of index.contentKeys(id)) lostKeys.add(keyString(k));
  return lackingSince(vault, index, folder, watermark, upTo, lostKeys).result();
}

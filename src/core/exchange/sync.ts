// Two-way sync with a drop folder (a stick, a Samba share, a Syncthing folder): import every
// bundle there that this vault can read, then write what the folder lacks as new bundles named by
// their content hash. Nothing is ever deleted but the temporary files that its own earlier runs,
// killed mid-write, left behind. Drafts go encrypted to their author groups (and to this vault's
// own key, so that it can read back what it wrote); everything else goes in clear.
import { SamizdatError } from '../errors.js';
import type { Openers, Seal } from '../bundle/envelope.js';
import type { StreamingVaultWriter, VaultReader, VaultWriter } from '../store/types.js';
import { Verifier, isReleased, statementOfRecord } from '../service/statements.js';
import { removeStalePartials, writeStreamNamedByHash, type WrittenFile } from './atomic.js';
import { allStatementIds, bundleChunks, membersOf, recordCount, type Closure } from './export.js';
import { BUNDLE_EXTENSION, bundlesInFolder, openBundleFile } from './files.js';
import { contentKey, importBundle, type ImportReport } from './import.js';

export interface SyncProgress {
  file(path: string, size: number): void;
  bytes(read: number): void;
  writing(records: number): void;
  record(written: number): void;
  done(): void;
}

export interface SyncReport {
  folder: string;
  imported: Array<{ path: string; report: ImportReport }>;
  /** Bundles encrypted to keys this vault does not have: somebody else's. */
  notForUs: string[];
  failed: Array<{ path: string; error: SamizdatError }>;
  written: Array<WrittenFile & { envelope: 'clear' | 'members'; records: number }>;
  /** Temporary files that an earlier run on this machine, killed mid-write, left in the folder: removed. */
  removedPartials: string[];
}

const emptyClosure = (): Closure => ({ links: [], statements: [], signatures: [], attachments: [] });

/**
 * What this vault holds that the folder lacks, split into clear and per-author-set drafts. What
 * goes in clear is compared with the clear bundles only: a released statement that the folder
 * carries only inside an encrypted draft bundle must still reach readers outside the group.
 */
function missing(vault: VaultWriter, seenClear: ReadonlySet<string>, seenAny: ReadonlySet<string>): { clear: Closure; drafts: Map<string, Closure> } {
  const clear = emptyClosure();
  const drafts = new Map<string, Closure>();
  // A reader keeps nothing whose chain or statement it does not hold yet (V-IGNORE), and reads the
  // folder's bundles in any order: so a link travels with its group's whole chain, and a
  // signature with its statement and its group's whole chain, even when the folder carries them.
  const chainOf = (g: string): string[] => vault.getLinks(g).map((l) => l.id);
  for (const g of vault.listGroups()) {
    const links = vault.getLinks(g.id);
    if (links.some((link) => !seenClear.has(contentKey.link(link.id)) || link.signatures.some((s) => !seenClear.has(contentKey.linkSignature(link.id, s.key))))) clear.links.push(...links.map((l) => l.id));
  }
  const verifier = new Verifier(vault);
  for (const id of allStatementIds(vault)) {
    const statement = statementOfRecord(vault.getStatement(id) as NonNullable<ReturnType<VaultReader['getStatement']>>);
    const released = isReleased(vault, id, statement.authors, verifier);
    const authors = statement.authors.join(',');
    const target = released ? clear : drafts.get(authors) ?? emptyClosure();
    const seen = released ? seenClear : seenAny;
    if (!released) drafts.set(authors, target);
    const signatures = vault.getSignatures(id).filter((s) => !seen.has(contentKey.signature(s.id)));
    const attachments = statement.attachments.filter((a) => vault.hasAttachment(a.id) && !seen.has(contentKey.attachment(a.id)));
    // An attachment travels with a statement that references it (B-UNREFERENCED).
    if (!seen.has(contentKey.statement(id)) || attachments.length > 0 || signatures.length > 0) target.statements.push(id);
    target.signatures.push(...signatures.map((s) => s.id));
    for (const g of new Set(signatures.map((s) => s.group))) target.links.push(...chainOf(g));
    target.attachments.push(...attachments.map((a) => a.id));
  }
  for (const c of [clear, ...drafts.values()]) for (const k of Object.keys(c) as Array<keyof Closure>) c[k] = [...new Set(c[k])].sort();
  return { clear, drafts };
}

export async function syncFolder(vault: StreamingVaultWriter, folder: string, openers: Openers, progress?: SyncProgress): Promise<SyncReport> {
  const report: SyncReport = { folder, imported: [], notForUs: [], failed: [], written: [], removedPartials: removeStalePartials(folder) };
  const seenClear = new Set<string>();
  const seenAny = new Set<string>();
  for (const path of bundlesInFolder(folder)) {
    const carried = new Set<string>();
    try {
      const source = openBundleFile(path, (n) => progress?.bytes(n));
      progress?.file(path, source.size);
      const imported = await importBundle(vault, source.chunks, { ...openers, passphrase: undefined }, { seen: carried });
      report.imported.push({ path, report: imported });
      for (const k of carried) {
        seenAny.add(k);
        if (imported.envelope === 'clear') seenClear.add(k);
      }
    } catch (err) {
      if (!(err instanceof SamizdatError) || err.layer === 'vault') throw err;
      if (err.code === 'bundle.not-for-this-vault' || err.code === 'bundle.needs-passphrase') report.notForUs.push(path);
      else report.failed.push({ path, error: err });
    } finally {
      progress?.done();
    }
  }

  const { clear, drafts } = missing(vault, seenClear, seenAny);
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
    progress?.writing(records);
    try {
      const written = await writeStreamNamedByHash(folder, (sha) => `${sha || 'pending'}${BUNDLE_EXTENSION}`, bundleChunks(vault, out.closure, out.seal, (n) => progress?.record(n)));
      report.written.push({ ...written, envelope: out.envelope, records });
    } finally {
      progress?.done();
    }
  }
  return report;
}

// The real core behind the handler table: one vault folder, opened on unlock and closed on lock.
// Everything returned is a view model; secrets and raw bytes stay here.
//
// Every call that touches the vault runs through one mutex (mutex.ts), in arrival order: an import
// or a sync holds a SQLite transaction open across awaits and an export reads the vault while it
// writes, so nothing else may use the connection meanwhile. `lock` queues like any other call: it
// waits for a running job rather than refusing, so that the idle lock, the OS's screen lock and
// quitting never fail (their callers cannot ask the user to retry) and never close the database
// under an open transaction. Core offers no way to cancel an import half-way, so the lock comes
// when the job has committed or rolled back.
import { existsSync } from 'node:fs';
import { basename } from 'node:path';
import { SamizdatError, quote } from '../core/errors.js';
import { Vault } from '../core/store/vault.js';
import { wipeVault } from '../core/store/wipe.js';
import { recordFirstSightings, recordSyncSightings } from '../core/service/groups.js';
import { Verifier } from '../core/service/statements.js';
import { listStatementPage } from '../core/service/statement-list.js';
import { statementDetail } from '../core/service/statement-detail.js';
import { writeStreamAtomic } from '../core/exchange/atomic.js';
import { listRemovableDrives } from '../core/exchange/drives.js';
import { bundleChunks, closureOf, recordCount } from '../core/exchange/export.js';
import { expandPaths, openBundleFile } from '../core/exchange/files.js';
import { importBundle, type Counts, type ImportReport } from '../core/exchange/import.js';
import { chooseSeal, openersFor, type SealChoice } from '../core/exchange/seal.js';
import { syncFolder, type SyncReport } from '../core/exchange/sync.js';
import type { ExportArgs } from '../shared/contract.js';
import type {
  AuthorRef,
  BundleImport,
  GroupVerification,
  ImportResult,
  JobProgress,
  ObjectCounts,
  Problem,
  StatementSummary,
  SyncResult,
  VerificationReport,
} from '../shared/view-models.js';
import type { VerificationReport as CoreReport, GroupReport } from '../core/verify/statement.js';
import type { Problem as CoreProblem } from '../core/verify/problems.js';
import { toWireError } from './errors.js';
import { Mutex } from './mutex.js';
import type { AppCore, ReportProgress } from './ports.js';
import { authorRefs, groupSummaries } from './trust.js';
import { MAX_LISTED, MAX_REJECTIONS, drive as driveView } from './project.js';

const problemView = (p: CoreProblem): Problem => ({ code: p.code, severity: p.severity, message: p.message, subject: p.subject ?? null });

function groupVerification(g: GroupReport): GroupVerification {
  return {
    groupId: g.groupId,
    name: g.name,
    fingerprint: g.fingerprint,
    trust: g.trust,
    threshold: g.threshold,
    members: g.chain?.members ?? null,
    fork: g.chain?.fork ?? false,
    signers: g.signers.map((s) => ({ memberId: s.memberId, name: s.name, key: s.key })),
    released: g.released,
    problems: g.problems.map(problemView),
  };
}

export function reportView(r: CoreReport): VerificationReport {
  return {
    statementId: r.statement.id,
    released: r.released,
    ok: r.ok,
    groups: r.groups.map(groupVerification),
    endorsements: r.endorsements.map(groupVerification),
    problems: r.problems.map(problemView),
  };
}

const objectCounts = (c: Counts): ObjectCounts => ({
  links: c.link,
  linkSignatures: c['link-signature'],
  statements: c.statement,
  signatures: c.signature,
  attachments: c.attachment,
});

export function bundleImportView(path: string, r: ImportReport): BundleImport {
  return {
    path,
    envelope: r.envelope,
    added: objectCounts(r.added),
    held: objectCounts(r.held),
    rejected: r.rejected.slice(0, MAX_REJECTIONS).map((x) => ({ kind: x.kind, id: x.id, reason: x.reason, message: x.message })),
    rejectedCount: r.rejected.length,
    newGroups: r.newGroups.slice(0, MAX_LISTED).map((g) => ({
      groupId: g.id,
      name: g.name,
      fingerprint: g.fingerprint,
      lookalikes: g.lookalikes.map((l) => ({ groupId: l.id, name: l.name, kind: l.kind })),
    })),
    statements: r.statements.length,
  };
}

const brought = (b: BundleImport): boolean =>
  Object.values(b.added).some((n) => n > 0) || b.rejectedCount > 0 || b.newGroups.length > 0;

export function syncView(r: SyncReport): SyncResult {
  return {
    folder: r.folder,
    bundlesRead: r.imported.length,
    imported: r.imported.map((i) => bundleImportView(i.path, i.report)).filter(brought).slice(0, MAX_LISTED),
    notForUs: r.notForUs.slice(0, MAX_LISTED),
    failed: r.failed.slice(0, MAX_LISTED).map((f) => ({ path: f.path, error: toWireError(inAppTerms(f.error)) })),
    written: r.written.map((w) => ({ path: w.path, bytes: w.bytes, sha256: w.sha256, envelope: w.envelope, records: w.records })),
  };
}


/**
 * Core's errors about one bundle file, as the app passes them on. Core asks for a sealed bundle's
 * passphrase in the CLI's terms; the app has a field for it. And core quotes the first line of a
 * file that is not a bundle: harmless in a terminal, but here the renderer names the file, so any
 * file this user can read would have its first line handed to the page. That quote is withheld.
 */
export function inAppTerms(err: SamizdatError): SamizdatError {
  if (err.code === 'bundle.needs-passphrase') {
    return new SamizdatError('bundle', 'usage', err.code, "this bundle is sealed with a passphrase: give the bundle's passphrase with the import and try again", { cause: err });
  }
  if (err.rule === 'B-MAGIC') {
    return new SamizdatError('bundle', err.kind, err.code, 'this is not a Samizdat bundle (it does not begin with "samizdat-bundle/v1")', { cause: err, rule: err.rule });
  }
  return err;
}

function sealChoice(request: ExportArgs): SealChoice {
  switch (request.mode) {
    case 'members':
      return { mode: 'members', groups: request.to };
    case 'passphrase':
      return { mode: 'passphrase', passphrase: request.passphrase };
    default:
      return { mode: request.mode };
  }
}

export function createVaultCore(vaultDir: string): AppCore {
  let vault: Vault | undefined;
  const mutex = new Mutex();
  /** The vault, inside the mutex only. */
  const open = (): Vault => {
    if (!vault) throw new SamizdatError('vault', 'vault', 'vault.locked', 'the vault is locked: unlock it with its passphrase');
    return vault;
  };
  const withVault = <T>(fn: (v: Vault) => T | Promise<T>): Promise<T> => mutex.run(() => fn(open()));
  // Each author group with its trust state (trust.ts: first sightings, lookalikes, forks), read once per change of the vault.
  const authorsOf = (v: Vault, ids: string[]): AuthorRef[] => authorRefs(v, ids);

  return {
    isUnlocked: () => vault !== undefined,
    exists: () => Vault.exists(vaultDir),
    create: (passphrase, kdf) =>
      mutex.run(async () => {
        if (vault || Vault.exists(vaultDir)) {
          throw new SamizdatError('vault', 'usage', 'vault.exists', `there is already a vault at ${quote(vaultDir, 200)}: unlock it instead`);
        }
        vault = await Vault.create(vaultDir, passphrase, kdf);
      }),
    changePassphrase: (current, next, kdf) =>
      withVault(async (v) => {
        // Proves the person knows the current passphrase: an unlocked, unattended laptop is not consent.
        (await Vault.open(vaultDir, current)).close();
        await v.changePassphrase(next, kdf);
      }),
    wipe: () =>
      mutex.run(async () => {
        const v = vault;
        vault = undefined;
        v?.close();
        await wipeVault(vaultDir);
      }),
    withVault,
    unlock: (passphrase) =>
      mutex.run(async () => {
        // Already open (another window unlocked it): the passphrase must still be the right one,
        // or a wrong one would look accepted.
        if (vault) return (await Vault.open(vaultDir, passphrase)).close();
        if (!Vault.exists(vaultDir)) {
          throw new SamizdatError('vault', 'vault', 'vault.missing', `no vault at "${vaultDir}": create one with \`samizdat init\``);
        }
        vault = await Vault.open(vaultDir, passphrase);
      }),
    lock: () =>
      mutex.run(() => {
        const v = vault;
        vault = undefined;
        v?.close();
      }),
    listStatements: (after, limit, filter) =>
      withVault((v) => {
        const page = listStatementPage(v, { after: after ?? undefined, limit, filter });
        const items: StatementSummary[] = page.items.map((s) => ({ id: s.id, title: s.title, lang: s.lang, date: s.date, authors: authorsOf(v, s.authors), released: s.released, status: s.status, signatures: s.signatures }));
        return { total: page.total, items, next: page.next };
      }),
    getStatement: (id) =>
      withVault((v) => {
        const d = statementDetail(v, id);
        if (!d) return null;
        const s = d.statement;
        return {
          id,
          title: s.title,
          lang: s.lang,
          date: s.date,
          authors: authorsOf(v, s.authors),
          released: d.report.released,
          status: d.status.status,
          signatures: d.status.signatures,
          body: s.body,
          relations: s.relations.map((r) => ({ kind: r.type, target: r.id })),
          outgoing: d.outgoing,
          incoming: d.incoming,
          attachments: d.attachments.map((a) => ({ name: a.name, mediaType: a.mediaType, bytes: a.size, sha256: a.sha256 })),
          canSign: d.canSign,
          canEndorse: d.canEndorse,
        };
      }),
    verifyStatement: (id) => withVault((v) => (v.hasStatement(id) ? reportView(new Verifier(v).verify(id)) : null)),
    listGroups: () => withVault((v) => groupSummaries(v)),

    importBundles: (paths, passphrase, report: ReportProgress) =>
      withVault(async (v) => {
        report({ phase: 'looking for bundles', step: 'finding', file: null, fileIndex: null, files: null, done: 0, total: null });
        const files = expandPaths(paths);
        if (files.length === 0) {
          throw new SamizdatError('exchange', 'usage', 'exchange.no-bundles', `no *.samizdat files in ${paths.map((p) => quote(p, 200)).join(', ')}`);
        }
        const openers = openersFor(v, passphrase);
        const result: ImportResult = { files: [], failed: [] };
        const errors: SamizdatError[] = [];
        for (const [i, path] of files.entries()) {
          const phase = `reading ${basename(path)}${files.length > 1 ? ` (file ${i + 1} of ${files.length})` : ''}`;
          const step = { phase, step: 'reading', file: basename(path), fileIndex: i + 1, files: files.length } as const;
          try {
            let size: number | null = null;
            const source = openBundleFile(path, (n) => report({ ...step, done: n, total: size }));
            size = source.size;
            report({ ...step, done: 0, total: size });
            const imported = await importBundle(v, source.chunks, openers);
            recordFirstSightings(v, imported.newGroups, path);
            result.files.push(bundleImportView(path, imported));
          } catch (err) {
            // As in `samizdat import`: a bad file is reported and the others go on; a vault error stops everything.
            if (!(err instanceof SamizdatError) || err.layer === 'vault') throw err;
            const error = inAppTerms(err);
            errors.push(error);
            result.failed.push({ path, error: toWireError(error) });
          }
        }
        if (result.files.length === 0) {
          const first = errors[0] as SamizdatError;
          if (errors.length === 1) throw first;
          throw new SamizdatError(first.layer, first.kind, first.code, `none of the ${errors.length} files was imported; the first: ${first.message}`, { cause: first });
        }
        return result;
      }),

    exportBundle: (request, report) =>
      withVault(async (v) => {
        const { out } = request;
        if (existsSync(out)) throw new SamizdatError('exchange', 'usage', 'exchange.out-exists', `${quote(out, 200)} exists; nothing was written (choose another name)`);
        const file = { file: basename(out), fileIndex: null, files: null };
        report({ phase: 'collecting what the bundle carries', step: 'collecting', ...file, done: 0, total: null });
        const closure = closureOf(v, { statements: request.ids });
        const decision = chooseSeal(v, closure, sealChoice(request));
        const total = recordCount(closure);
        const step = decision.envelope === 'clear' ? ({ phase: 'writing records', step: 'writing', ...file } as const) : ({ phase: 'writing and encrypting records', step: 'encrypting', ...file } as const);
        report({ ...step, done: 0, total });
        const written = await writeStreamAtomic(out, bundleChunks(v, closure, decision.seal, (n) => report({ ...step, done: n, total })));
        return {
          out,
          bytes: written.bytes,
          sha256: written.sha256,
          envelope: decision.envelope,
          encryptedTo: decision.to,
          recipients: decision.seal && 'to' in decision.seal ? decision.seal.to.length : 0,
          reason: decision.reason,
          drafts: decision.drafts,
          counts: { links: closure.links.length, statements: closure.statements.length, signatures: closure.signatures.length, attachments: closure.attachments.length },
        };
      }),

    syncFolder: (dir, report) =>
      withVault(async (v) => {
        let step: Omit<JobProgress, 'done' | 'total'> = { phase: 'reading the folder', step: 'folder', file: null, fileIndex: null, files: null };
        let total: number | null = null;
        let read = 0;
        report({ ...step, done: 0, total });
        const r = await syncFolder(v, dir, openersFor(v), {
          file: (path, size) => {
            step = { phase: `reading ${basename(path)}`, step: 'reading', file: basename(path), fileIndex: ++read, files: null };
            total = size;
            report({ ...step, done: 0, total });
          },
          bytes: (n) => report({ ...step, done: n, total }),
          writing: (records) => {
            step = { phase: 'writing a bundle', step: 'writing', file: null, fileIndex: null, files: null };
            total = records;
            report({ ...step, done: 0, total });
          },
          record: (n) => report({ ...step, done: n, total }),
          done: () => undefined,
        });
        recordSyncSightings(v, r);
        return syncView(r);
      }),

    // Reads no vault: it does not wait for a running job.
    listDrives: async () => listRemovableDrives().map(driveView),
  };
}

// What the handler table needs from the core, and nothing more. The adapter from the real core
// (vault, store, verify, exchange) to this interface is vault-core.ts; tests use a fake.
//
// Methods return the shared view-model shapes, but handlers still copy them field by field
// (project.ts): a structurally typed adapter may hand over objects carrying more than they declare.

import type { Vault } from '../core/store/vault.js';
import type { ExportArgs } from '../shared/contract.js';
import type {
  ExportResult,
  KdfPreset,
  GroupSummary,
  ImportResult,
  JobProgress,
  RemovableDrive,
  StatementFilter,
  StatementSummary,
  StatementView,
  SyncResult,
  VerificationReport,
} from '../shared/view-models.js';

/** How a long operation tells its job what it is doing. */
export type ReportProgress = (progress: JobProgress) => void;

export interface AppCore {
  /** Whether the vault is open (its key is in memory). */
  isUnlocked(): boolean;
  /** Whether a vault exists in the app's folder (false: first run, or after a wipe). */
  exists(): boolean;
  /** First run: creates the vault and leaves it open. Throws `vault.exists` if there is one. */
  create(passphrase: string, kdf: KdfPreset): Promise<void>;
  /** Re-encrypts the open vault under `next`, after checking `current` opens it (`vault.wrong-passphrase`). */
  changePassphrase(current: string, next: string, kdf?: KdfPreset): Promise<void>;
  /** Panic wipe, as `samizdat wipe --yes`: closes the vault (waiting for a running job) and destroys it. */
  wipe(): Promise<void>;
  /**
   * Runs `fn` with the open vault, after every call queued before it (one mutex serves all calls:
   * see vault-core.ts). Throws `vault.locked` when it is not open. Handlers of the domains that
   * need no adapter of their own (identity, groups, statements) go through here to the core services.
   */
  withVault<T>(fn: (vault: Vault) => T | Promise<T>): Promise<T>;
  /** Opens the vault. Throws a SamizdatError (`vault.wrong-passphrase`, `vault.missing`, ...) on failure. */
  unlock(passphrase: string): Promise<void>;
  /** Closes the vault and forgets its key. Idempotent. Waits for a running import, export or sync. */
  lock(): Promise<void>;
  /**
   * One page of statements, in the store's display order, after the cursor `after` (null: the
   * first page); `total` counts all of them (that `filter` keeps), `next` is the cursor of the page
   * after (null: none).
   */
  listStatements(after: string | null, limit: number, filter?: StatementFilter): Promise<{ total: number; items: StatementSummary[]; next: string | null }>;
  /** Null when no statement has this id. */
  getStatement(id: string): Promise<StatementView | null>;
  /** Null when no statement has this id. */
  verifyStatement(id: string): Promise<VerificationReport | null>;
  listGroups(): Promise<GroupSummary[]>;
  /**
   * Imports bundle files (folders: their *.samizdat files), each in its own transaction. A file that
   * cannot be imported is reported in `failed`; when none can, this throws the (first) reason.
   * Progress: bytes read of the current file.
   */
  importBundles(paths: string[], passphrase: string | undefined, report: ReportProgress): Promise<ImportResult>;
  /** Writes one bundle to a new file. Progress: records written. */
  exportBundle(request: ExportArgs, report: ReportProgress): Promise<ExportResult>;
  /** Two-way sync with a drop folder. Progress: each phase (reading a file, writing a bundle). */
  syncFolder(dir: string, report: ReportProgress): Promise<SyncResult>;
  /** The removable drives mounted now; needs no open vault. */
  listDrives(): Promise<RemovableDrive[]>;
}

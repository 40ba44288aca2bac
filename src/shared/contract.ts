// The IPC contract, written once: every channel (`domain:verb`) with its argument and result.
// Main (Electron IPC) and server (loopback HTTP) carry it; preload and the browser bridge expose it
// to the renderer as `window.samizdat`. Adding a channel here makes every implementation that misses
// it fail to compile (handlers in src/app, schemas in schemas.ts, the channel list in channels.ts).

import type { Json } from './json.js';
import type {
  Fingerprint,
  FolderListing,
  GroupChange,
  GroupDetail,
  GroupId,
  GroupSummary,
  IdentityView,
  JobId,
  JobView,
  KdfPreset,
  LinkOutcome,
  NewStatement,
  Page,
  RemovableDrive,
  Settings,
  SignOutcome,
  StatementFilter,
  StatementId,
  StatementSummary,
  StatementView,
  TextExportResult,
  VaultStatus,
  VerificationReport,
  WireError,
} from './view-models.js';

/** Channels with no argument take an empty object, so every call has the same shape on every transport. */
export type NoArgs = Record<string, never>;

export interface Contract {
  // The vault itself. Needs no open vault: status, create, unlock, lock, wipe.
  'vault:status': { args: NoArgs; result: VaultStatus };
  /** First run: creates the vault (refused if one exists) and leaves it unlocked. */
  'vault:create': { args: { passphrase: string; kdf: KdfPreset }; result: VaultStatus };
  'vault:unlock': { args: { passphrase: string }; result: VaultStatus };
  'vault:lock': { args: NoArgs; result: VaultStatus };
  /** Re-encrypts the vault under a new passphrase; the current one is asked again (an unlocked laptop is not consent). */
  'vault:passwd': { args: { current: string; next: string; kdf?: KdfPreset }; result: VaultStatus };
  /** Panic wipe, as `samizdat wipe`: `confirm` must be the word `wipe`. Needs no passphrase. */
  'vault:wipe': { args: { confirm: 'wipe' }; result: VaultStatus };
  'settings:get': { args: NoArgs; result: Settings };
  'settings:set': { args: Settings; result: Settings };
  /**
   * Browser mode: every open page calls this every few seconds; when none has for a while, the
   * server locks the vault (the last tab was closed). A no-op under Electron.
   */
  'session:ping': { args: NoArgs; result: { ok: true } };

  // My identity.
  'identity:show': { args: NoArgs; result: IdentityView | null };
  'identity:create': { args: { name: string }; result: IdentityView };
  /** Writes my self-signed member card (public keys) to a new file `out` (`*.member`). */
  'identity:card': { args: { out: string }; result: { out: string; name: string } };

  // Groups and trust.
  /** Every group held, mine and others', each with its trust state. */
  'groups:list': { args: NoArgs; result: GroupSummary[] };
  'groups:show': { args: { groupId: GroupId }; result: GroupDetail };
  /** Founds a group from members' card files (absolute paths); I am always a member. */
  'groups:create': { args: { name: string; cards: string[]; release: number; membership?: number }; result: LinkOutcome & { groupId: GroupId } };
  /** Proposes (and signs) a change; it applies once enough members sign. `branch`: at a fork, the branch to build on. */
  'groups:change': { args: { groupId: GroupId; change: GroupChange; branch?: string }; result: LinkOutcome };
  /** Adds my signature to a pending change. */
  'groups:approve': { args: { linkId: string }; result: LinkOutcome };
  'groups:fingerprint': { args: { groupId: GroupId }; result: Fingerprint };
  /** Marks a group verified after comparing: `fingerprint` is the 60 digits compared (spaces allowed). */
  'groups:trust': { args: { groupId: GroupId; fingerprint: string }; result: GroupSummary };

  // Statements.
  /**
   * A page of statements, newest first: `after` is null for the first page, else the `next` of the
   * page before (an opaque cursor: pages are a keyset walk, so statements imported meanwhile never
   * shift one, and the vault never reads past what it shows). A `filter.query` search lists its
   * matches newest first, capped (then `total` counts the capped set).
   */
  'statements:list': { args: { after: string | null; limit: number; filter?: StatementFilter }; result: Page<StatementSummary> };
  /** The languages of the statements held (for the filter), most used first. */
  'statements:languages': { args: NoArgs; result: string[] };
  'statements:show': { args: { id: StatementId }; result: StatementView };
  'statements:verify': { args: { id: StatementId }; result: VerificationReport };
  /** Writes a new statement (a draft until its groups' members sign it). */
  'statements:create': { args: NewStatement; result: { id: StatementId } };
  /** Signs for an author group I am a member of (`groupId` when several), or endorses (`endorse`). */
  'statements:sign': { args: { id: StatementId; endorse: boolean; groupId?: GroupId }; result: SignOutcome };
  /** A released statement as plain text signed for signify and minisign, into the folder `dir`. */
  'text:export': { args: { id: StatementId; dir: string; force?: boolean }; result: TextExportResult };

  // Exchange.
  /**
   * Starts a long operation; its progress and outcome are read with jobs:poll. Bundle files or
   * folders (their *.samizdat files), absolute paths; `passphrase` opens bundles sealed with one.
   */
  'bundles:import': { args: { paths: string[]; passphrase?: string }; result: { jobId: JobId } };
  /** Writes the statements, their signatures and their groups' chains to a new file `out` (a job). */
  'bundles:export': { args: ExportArgs; result: { jobId: JobId } };
  /** Two-way sync with a drop folder (a stick, a shared folder): imports what is new, writes what it lacks (a job). */
  'bundles:sync': { args: { dir: string }; result: { jobId: JobId } };
  /** The removable drives mounted now. Needs no open vault. */
  'drives:list': { args: NoArgs; result: RemovableDrive[] };
  /** Browser mode's folder picker (Electron shows its own dialog): the sub-folders of `dir` (null: home). */
  'files:folders': { args: { dir: string | null }; result: FolderListing };
  /**
   * Files chosen to attach (paths from window.samizdatFiles.open): each one's name and size, looked
   * at, not read, so the Write place can show them before saving. `bytes` is null when the path is
   * not a file that can be opened (moved, a folder).
   */
  'files:about': { args: { paths: string[] }; result: { path: string; name: string; bytes: number | null }[] };
  'jobs:poll': { args: { jobId: JobId }; result: JobView };
  /** Jobs started by the user or by the OS (a .samizdat file opened with the app), newest first. */
  'jobs:list': { args: NoArgs; result: JobView[] };
}

/**
 * bundles:export. `auto` (the CLI's default): drafts encrypted to the members of their author groups,
 * released statements in clear. `members`: encrypted to the current members of the groups `to`.
 * `passphrase`: sealed with one (at least 8 characters). `out` is an absolute path ending in
 * .samizdat; an existing file there is refused, never replaced.
 */
export type ExportArgs = { ids: StatementId[]; out: string } & (
  | { mode: 'auto' | 'clear' }
  | { mode: 'members'; to: GroupId[] }
  | { mode: 'passphrase'; passphrase: string }
);

export type Channel = keyof Contract;
export type Args<C extends Channel> = Contract[C]['args'];
export type Result<C extends Channel> = Contract[C]['result'];

/**
 * What a call returns on every transport. Errors travel as values, not exceptions, because Electron
 * reduces a thrown error to a message string and HTTP has no exceptions at all.
 */
export type Outcome<T> = { ok: true; value: T } | { ok: false; error: WireError };

/** `window.samizdat`: one function per channel, nothing else. */
export type SamizdatApi = { readonly [C in Channel]: (args: Args<C>) => Promise<Outcome<Result<C>>> };

/** Largest page the renderer may ask for: it asks for pages, never for everything. */
export const MAX_PAGE = 500;

/** Longest page cursor accepted (the core's are far shorter; see Page.next). */
export const MAX_CURSOR = 1024;

// Compile-time proof that every result is JSON, so both transports carry it identically.
type AssertJson<T extends Json> = T;
export type _ResultsAreJson = { [C in Channel]: AssertJson<Result<C>> };

// The IPC contract, written once: every channel (`domain:verb`) with its argument and result.
// Main (Electron IPC) and server (loopback HTTP) carry it; preload and the browser bridge expose it
// to the renderer as `window.samizdat`. Adding a channel here makes every implementation that misses
// it fail to compile (handlers in src/app, schemas in schemas.ts, the channel list in channels.ts).

import type { Json } from './json.js';
import type {
  GroupId,
  GroupSummary,
  JobId,
  JobView,
  Page,
  RemovableDrive,
  StatementId,
  StatementSummary,
  StatementView,
  VaultStatus,
  VerificationReport,
  WireError,
} from './view-models.js';

/** Channels with no argument take an empty object, so every call has the same shape on every transport. */
export type NoArgs = Record<string, never>;

export interface Contract {
  'vault:status': { args: NoArgs; result: VaultStatus };
  'vault:unlock': { args: { passphrase: string }; result: VaultStatus };
  'vault:lock': { args: NoArgs; result: VaultStatus };
  /**
   * A page of statements, newest first: `after` is null for the first page, else the `next` of the
   * page before (an opaque cursor: pages are a keyset walk, so statements imported meanwhile never
   * shift one, and the vault never reads past what it shows).
   */
  'statements:list': { args: { after: string | null; limit: number }; result: Page<StatementSummary> };
  'statements:show': { args: { id: StatementId }; result: StatementView };
  'statements:verify': { args: { id: StatementId }; result: VerificationReport };
  'groups:list': { args: NoArgs; result: GroupSummary[] };
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

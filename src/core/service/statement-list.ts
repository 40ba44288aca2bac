// The statements list as a reader sees it: each statement with its status in one word, filtered by
// words, author group, language and status, a keyset page at a time; and the languages held.
//
// Status (a badge and a filter; the whole story is the verification report):
// - 'released': released by every author group (each threshold met by current members, on a sound
//   chain), exactly `Verifier.verify(id).released`.
// - 'problem': not released, and some author group can release nothing as this vault stands: its
//   chain is not held, or has an error (a fork, no valid charter). Verification finds an error
//   there other than "threshold not met", and no signature can cure it; the members must act (or
//   the chain must be imported). Everything else verification can find wrong is either a warning
//   (unverified, lookalike, newer revision: local facts shown in the report, never in the status)
//   or cannot exist in the vault: signatures that do not count are dropped at import and play no
//   part (V-NO-VETO), so a stranger cannot turn a statement into a 'problem'. This is cheap: it
//   is a fact about the author groups' chains, known from one replay per group, not per statement.
// - 'waiting': every author group's chain is sound and some group is below its threshold;
//   `signatures` are the counting signatures and the threshold of the one furthest from it.
//
// Verify once (docs/SECURITY.md): a status is computed from the stored release states (and the
// chains' verdicts), stored (migration 0008), and read while it is current; a row is verified again
// only when its release states are missing or stale. A filter by status first brings every stored
// status up to date (`refreshStatuses`), so that the filter is one range of an index.
import type { Vault } from '../store/vault.js';
import type { ListingStatus, StoredStatus } from '../store/statement-listing.js';
import type { Page, PageRequest, ReleaseState, StatementSummary } from '../store/types.js';
import type { GroupReport, VerificationReport } from '../verify/statement.js';
import { Verifier } from './statements.js';

export type StatementStatus = ListingStatus;

export interface StatusView {
  status: StatementStatus;
  /** While waiting: the signatures that count, and the threshold, of the author group furthest from it. */
  signatures: { have: number; need: number } | null;
}

/** One author group's part in a statement's status. */
export interface GroupStanding {
  released: boolean;
  /** Distinct current members whose signatures count. */
  signers: number;
  /** The group's release threshold (0 when its chain has no state). */
  threshold: number;
  /** Its chain is not held, or has an error: it can release nothing. */
  broken: boolean;
}

const PROBLEM: StatusView = { status: 'problem', signatures: null };

/** The status of a statement from its author groups' standings. */
export function statusOf(groups: readonly GroupStanding[]): StatusView {
  if (groups.every((g) => g.released)) return { status: 'released', signatures: null };
  if (groups.some((g) => g.broken)) return PROBLEM;
  let furthest: GroupStanding | undefined;
  for (const g of groups) if (!g.released && (furthest === undefined || g.threshold - g.signers > furthest.threshold - furthest.signers)) furthest = g;
  const f = furthest as GroupStanding;
  return { status: 'waiting', signatures: { have: f.signers, need: f.threshold } };
}

/** A group's standing as a verification report gives it. */
export const reportStanding = (g: GroupReport): GroupStanding => ({
  released: g.released,
  signers: g.signers.length,
  threshold: g.threshold,
  broken: g.problems.some((p) => p.severity === 'error' && p.code !== 'threshold-not-met'),
});

/** The status a full verification report gives: what the stored status always equals. */
export const reportStatus = (report: VerificationReport): StatusView => statusOf(report.groups.map(reportStanding));

const toStored = (v: StatusView): StoredStatus => ({ status: v.status, have: v.signatures?.have ?? null, need: v.signatures?.need ?? null });
const fromStored = (s: StoredStatus): StatusView => ({
  status: s.status,
  signatures: s.status === 'waiting' && s.have !== null && s.need !== null ? { have: s.have, need: s.need } : null,
});

/**
 * Statuses of the statements of one vault, as it stands: one replay per group (the Verifier's), the
 * stored status where it is current, else computed from the stored release states, else verified
 * (and the release states stored, as `isReleased` does). Writes; use it inside a transaction when
 * reading many.
 */
export class StatementStatuses {
  readonly #vault: Vault;
  readonly #verifier: Verifier;
  readonly #held: Set<string>;

  constructor(vault: Vault, verifier: Verifier = new Verifier(vault)) {
    this.#vault = vault;
    this.#verifier = verifier;
    this.#held = new Set(vault.listGroups().map((g) => g.id));
  }

  /** A group's standing from its stored release state, current against its chain as it stands. */
  #standing(groupId: string, state: ReleaseState): GroupStanding {
    const chain = this.#verifier.chain(groupId);
    const head = chain?.head;
    return {
      released: state.released,
      signers: state.signers,
      threshold: head?.thresholds.release ?? 0,
      broken: head === undefined || (chain?.problems ?? []).some((p) => p.severity === 'error'),
    };
  }

  /** The status of a held statement (its id, date and authors, as its summary gives them). */
  of(statement: Pick<StatementSummary, 'id' | 'date' | 'authors'>): StatusView {
    const { id, authors } = statement;
    const listing = this.#vault.statementListing();
    const states = new Map(this.#vault.getReleaseStates(id).map((s) => [s.group, s]));
    const held = authors.filter((g) => this.#held.has(g));
    // Every held author's state is current: what the stored status was computed from (any write to
    // the states since would have cleared it), or enough to compute it without verifying.
    const current = held.every((g) => states.has(g));
    const stored = listing.status(id);
    if (stored !== undefined && current) return fromStored(stored);
    let view: StatusView;
    if (!current) {
      const report = this.#verifier.verify(id, { detail: false });
      for (const g of report.groups) if (this.#held.has(g.groupId)) this.#vault.putReleaseState(id, { group: g.groupId, released: g.released, signers: g.signers.length });
      view = reportStatus(report);
    } else if (held.length < authors.length) {
      view = PROBLEM; // an author's chain is not held (unknown-group); its arrival clears this (migration 0008)
    } else {
      view = statusOf(authors.map((g) => this.#standing(g, states.get(g) as ReleaseState)));
    }
    listing.putStatus(id, toStored(view), statement);
    return view;
  }
}

/** Statuses computed per transaction while bringing them all up to date. */
const REFRESH_BATCH = 500;

/**
 * Brings every stored status up to date: those never computed, cleared by a change, or resting on
 * a release state older than its group's chain. Time in proportion to what changed since the last
 * refresh (nothing: two index probes and one per group). Returns how many were computed. With
 * `max`, stops once it has computed at least that many (a batch of background work): then a return
 * below `max` means none is left.
 */
export function refreshStatuses(vault: Vault, options: { max?: number } = {}): number {
  const listing = vault.statementListing();
  let statuses: StatementStatuses | undefined;
  const done = new Set<string>();
  for (;;) {
    if (options.max !== undefined && done.size >= options.max) return done.size;
    const ids = listing.toCompute(Math.min(REFRESH_BATCH, options.max ?? REFRESH_BATCH));
    if (ids.length === 0) return done.size;
    statuses ??= new StatementStatuses(vault);
    // Each computation leaves its statement current, so a batch of only those seen means a bug.
    if (ids.every((id) => done.has(id))) throw new Error(`statement statuses do not settle (${ids[0] as string} again)`);
    vault.transaction(() => {
      for (const id of ids) {
        const summary = listing.summary(id);
        if (summary) (statuses as StatementStatuses).of(summary);
        done.add(id);
      }
    });
  }
}

export interface StatementFilter {
  /** Words, as `samizdat search` reads them (every word must match). */
  query?: string | undefined;
  /** Statements this group wrote (alone or jointly). */
  groupId?: string | undefined;
  lang?: string | undefined;
  status?: StatementStatus | undefined;
}

export interface ListedStatement extends StatementSummary, StatusView {
  /** Released by every author group: `status === 'released'`. */
  released: boolean;
}

const isFiltered = (f: StatementFilter): boolean => f.query !== undefined || f.groupId !== undefined || f.lang !== undefined || f.status !== undefined;

/**
 * A page of statements, newest first (date descending, then id), with their statuses; keyset pages
 * with opaque cursors (`next`), never OFFSET. With `filter.query`, the matches are the newest
 * SEARCH_RANK_CAP (as search's, by storage order), then the other filters, in the list's order,
 * and `total` counts that capped set.
 */
export function listStatementPage(vault: Vault, request: PageRequest & { filter?: StatementFilter | undefined }): Page<ListedStatement> {
  const filter = request.filter ?? {};
  const page: PageRequest = { after: request.after, limit: request.limit };
  if (filter.status !== undefined) refreshStatuses(vault);
  const found = isFiltered(filter)
    ? vault.statementListing().page(page, { group: filter.groupId, lang: filter.lang, status: filter.status, query: filter.query })
    : vault.listStatements(page);
  const statuses = new StatementStatuses(vault);
  const items = vault.transaction(() =>
    found.items.map((s): ListedStatement => {
      const view = statuses.of(s);
      return { ...s, released: view.status === 'released', status: view.status, signatures: view.signatures };
    }),
  );
  return { total: found.total, items, next: found.next };
}

/** The languages of the statements held, most used first. */
export function statementLanguages(vault: Vault): string[] {
  return vault
    .statementListing()
    .languages()
    .map((l) => l.lang);
}

// The exchange's history: the jobs this page started (or saw running), each with what it was
// started on and, once over, its outcome. It lives in the page, not on the server, and it is
// bounded: the newest HISTORY_LIMIT entries are kept, a running job before any finished one.
// Pure, so that the bound is tested without a browser (tests/unit/renderer/exchange.test.ts);
// jobs.ts keeps it in the page's query cache, which the lock clears.

import type { JobId, JobKind, JobView } from '../../../shared/view-models.js';
import type { SaveTarget } from '../../../shared/files.js';

/** At most this many entries, running and finished. */
export const HISTORY_LIMIT = 20;

/** What a job was started on, as the person chose it (never a staging path of browser mode). */
export type Source =
  | { kind: 'drive'; label: string; path: string }
  | { kind: 'files'; names: string[] }
  | { kind: 'dropped'; names: string[] }
  | { kind: 'folder'; path: string }
  | { kind: 'file'; name: string }
  /** A job the page did not start (a .samizdat file opened with the app). */
  | { kind: 'elsewhere' };

export type Entry = {
  jobId: JobId;
  kind: JobKind;
  source: Source;
  /** An import's paths, to open again with a passphrase. */
  paths: string[];
  /** When the page started (or first saw) it: epoch milliseconds. */
  startedAt: number;
  /** The job as last polled; null before the first answer. */
  view: JobView | null;
  /** The job is no longer known to the app (it was restarted). */
  lost: boolean;
  /** An export to a file in browser mode: the download to hand over once it is written. */
  download: SaveTarget | null;
  /** An import that failed for want of its passphrase, opened again with one: the job that did. */
  retriedAs: JobId | null;
  /** The download's state: not needed, waiting for the job, handed to the browser, or failed (its error code). */
  delivery: 'none' | 'pending' | 'delivering' | 'delivered' | { failed: string };
};

export const isRunning = (e: Entry): boolean => !e.lost && (e.view === null || e.view.state === 'running');

/** Newest first, at most `limit`: finished entries go first when there are too many. */
export function bounded(entries: readonly Entry[], limit = HISTORY_LIMIT): Entry[] {
  const sorted = [...entries].sort((a, b) => b.startedAt - a.startedAt);
  if (sorted.length <= limit) return sorted;
  const running = sorted.filter(isRunning);
  const keepRunning = new Set(running.slice(0, limit).map((e) => e.jobId));
  const room = limit - keepRunning.size;
  const keepFinished = new Set(
    sorted
      .filter((e) => !isRunning(e))
      .slice(0, room)
      .map((e) => e.jobId),
  );
  return sorted.filter((e) => keepRunning.has(e.jobId) || keepFinished.has(e.jobId));
}

/** Adds an entry (a job id seen again replaces its entry), keeping the bound. */
export function added(entries: readonly Entry[], entry: Entry, limit = HISTORY_LIMIT): Entry[] {
  return bounded([entry, ...entries.filter((e) => e.jobId !== entry.jobId)], limit);
}

/** Changes one entry, if it is still there. */
export function patched(entries: readonly Entry[], jobId: JobId, patch: Partial<Entry>): Entry[] {
  return entries.map((e) => (e.jobId === jobId ? { ...e, ...patch } : e));
}

/** The person cleared the reports: running jobs stay. */
export const withoutFinished = (entries: readonly Entry[]): Entry[] => entries.filter(isRunning);

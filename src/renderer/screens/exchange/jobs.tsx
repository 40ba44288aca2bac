// The exchange's jobs in the page: started here (import, export, sync), polled while they run, and
// kept with their outcome in a bounded history (history.ts). The history is held in the page's
// query cache under its own key, never fetched: so the lock's forgetVaultData(), which clears that
// cache, drops it with everything else read from the vault. Jobs keep running on the app's side
// while the person is elsewhere; back here, each one still running is polled again, and jobs the
// page did not start (a .samizdat file opened with the app) are picked up from jobs:list.

import { createContext, useCallback, useContext, useEffect, useMemo, useRef, useState, useSyncExternalStore, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useQueryClient, type QueryClient } from '@tanstack/react-query';
import type { Args } from '../../../shared/contract.js';
import type { JobId, JobKind } from '../../../shared/view-models.js';
import type { SaveTarget } from '../../../shared/files.js';
import { filesApi } from '../../bridge-files-dom.js';
import { ApiError } from '../../data/api.js';
import { useJob } from '../../data/job.js';
import { useAction, useChannel } from '../../data/query.js';
import { added, patched, withoutFinished, type Entry, type Source } from './history.js';

const HISTORY_KEY = ['exchange', 'history'] as const;
const NONE: Entry[] = [];
/** jobs:list, for jobs the page did not start. */
const ADOPT_EVERY_MS = 2_000;

/** What a finished job changes in what the other places show. */
const CHANGED_BY_JOBS = ['statements:list', 'statements:show', 'statements:verify', 'statements:languages', 'groups:list', 'groups:show'] as const;

function readHistory(client: QueryClient): Entry[] {
  return client.getQueryData<Entry[]>(HISTORY_KEY) ?? NONE;
}

function updateHistory(client: QueryClient, change: (entries: Entry[]) => Entry[]): void {
  // Never collected while the page is open (no component observes it as a query); cleared on lock.
  client.setQueryDefaults(HISTORY_KEY, { gcTime: Infinity, staleTime: Infinity });
  client.setQueryData<Entry[]>(HISTORY_KEY, (old) => change(old ?? NONE));
}

export function useHistory() {
  const client = useQueryClient();
  const subscribe = useCallback((onChange: () => void) => client.getQueryCache().subscribe(onChange), [client]);
  const get = useCallback(() => readHistory(client), [client]);
  const entries = useSyncExternalStore(subscribe, get, get);
  const clearReports = useCallback(() => updateHistory(client, withoutFinished), [client]);
  return { entries, clearReports };
}

// --- Announcements: one polite live region for the place (sticks, jobs started and ended).

type Announce = (text: string) => void;
const AnnounceContext = createContext<{ announce: Announce; text: string }>({ announce: () => undefined, text: '' });
export const useAnnounce = (): Announce => useContext(AnnounceContext).announce;

/** Provides `useAnnounce()` below it; `<Announcement />` shows what was last announced. */
export function Announcer({ children }: { children: ReactNode }) {
  const [text, setText] = useState('');
  const announce = useCallback((next: string) => {
    // The same words again (a second stick of the same name) must still be read out.
    setText((prev) => (prev === next ? `${next}\u00a0` : next));
  }, []);
  const value = useMemo(() => ({ announce, text }), [announce, text]);
  return <AnnounceContext.Provider value={value}>{children}</AnnounceContext.Provider>;
}

/** The place's one polite live region: sticks plugged in and pulled out, jobs started and ended. */
export function Announcement() {
  const { text } = useContext(AnnounceContext);
  return (
    <p className="exchange-announce" role="status" aria-live="polite">
      {text}
    </p>
  );
}

// --- Starting a job.

type JobChannel = 'bundles:import' | 'bundles:export' | 'bundles:sync';
const KIND: Record<JobChannel, JobKind> = { 'bundles:import': 'import', 'bundles:export': 'export', 'bundles:sync': 'sync' };

export interface StartMeta {
  source: Source;
  /** A failed import this one opens again with a passphrase. */
  retryOf?: JobId;
  /** An export to a file in browser mode: downloaded once written. */
  download?: SaveTarget | null;
}

/** Starts a job and records it; `action` carries the starting call's state and error for the panel to show. */
export function useStartJob<C extends JobChannel>(channel: C) {
  const client = useQueryClient();
  const { t } = useTranslation('exchange');
  const announce = useAnnounce();
  const action = useAction(channel);
  const start = useCallback(
    async (args: Args<C>, meta: StartMeta): Promise<JobId | null> => {
      let jobId: JobId;
      try {
        ({ jobId } = await action.mutateAsync(args));
      } catch {
        return null; // in action.error, worded by the panel
      }
      const kind: JobKind = KIND[channel];
      const paths = channel === 'bundles:import' ? (args as Args<'bundles:import'>).paths : [];
      const download = meta.download && meta.download.download !== null ? meta.download : null;
      updateHistory(client, (h) =>
        added(h, { jobId, kind, source: meta.source, paths, startedAt: Date.now(), view: null, lost: false, download, delivery: download ? 'pending' : 'none', retriedAs: null }),
      );
      if (meta.retryOf) {
        const retryOf = meta.retryOf;
        updateHistory(client, (h) => patched(h, retryOf, { retriedAs: jobId }));
      }
      announce(t(`announce.started.${kind}`));
      return jobId;
    },
    [action, announce, channel, client, t],
  );
  return { start, action };
}

// --- Watching jobs.

/** Downloads being handed over, so that one is never handed over twice. */
const delivering = new Set<JobId>();

/** Polls one job of the history while it runs; hands over its download once written; announces its end. */
export function JobWatcher({ entry }: { entry: Entry }) {
  const client = useQueryClient();
  const { t } = useTranslation('exchange');
  const announce = useAnnounce();
  const running = !entry.lost && (entry.view === null || entry.view.state === 'running');
  const job = useJob(running ? entry.jobId : null);
  const seenRunning = useRef(running);

  useEffect(() => {
    const view = job.data;
    if (!view) return;
    updateHistory(client, (h) => patched(h, entry.jobId, { view }));
    if (view.state !== 'running') {
      for (const channel of CHANGED_BY_JOBS) void client.invalidateQueries({ queryKey: [channel] });
      if (seenRunning.current) announce(t(`announce.${view.state}.${view.kind}`));
      seenRunning.current = false;
    }
  }, [job.data, client, entry.jobId, announce, t]);

  useEffect(() => {
    if (job.error instanceof ApiError && job.error.code === 'ipc.job-not-found') updateHistory(client, (h) => patched(h, entry.jobId, { lost: true }));
  }, [job.error, client, entry.jobId]);

  const { download, delivery, view } = entry;
  useEffect(() => {
    if (view?.state !== 'done' || delivery !== 'pending' || !download || delivering.has(entry.jobId)) return;
    delivering.add(entry.jobId);
    updateHistory(client, (h) => patched(h, entry.jobId, { delivery: 'delivering' }));
    let api;
    try {
      api = filesApi();
    } catch (err) {
      updateHistory(client, (h) => patched(h, entry.jobId, { delivery: { failed: err instanceof ApiError ? err.code : 'internal' } }));
      return;
    }
    api.deliver(download).then(
      () => updateHistory(client, (h) => patched(h, entry.jobId, { delivery: 'delivered' })),
      (err: unknown) => updateHistory(client, (h) => patched(h, entry.jobId, { delivery: { failed: err instanceof ApiError ? err.code : 'internal' } })),
    );
  }, [view?.state, delivery, download, entry.jobId, client]);

  return null;
}

/** Jobs running that this page did not start (a bundle opened with the app): into the history, to be watched. */
export function useAdoptJobs(entries: readonly Entry[]): void {
  const client = useQueryClient();
  const list = useChannel('jobs:list', {}, { refetchInterval: ADOPT_EVERY_MS, staleTime: 0 });
  useEffect(() => {
    const known = new Set(entries.map((e) => e.jobId));
    for (const view of list.data ?? []) {
      if (view.state !== 'running' || known.has(view.jobId)) continue;
      updateHistory(client, (h) => added(h, { jobId: view.jobId, kind: view.kind, source: { kind: 'elsewhere' }, paths: [], startedAt: Date.now(), view, lost: false, download: null, delivery: 'none', retriedAs: null }));
    }
  }, [list.data, entries, client]);
}

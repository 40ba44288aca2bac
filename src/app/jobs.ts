// Long operations (import, export, sync) run as jobs: a call starts one and returns its id at once;
// the renderer polls jobs:poll. Polling works identically over Electron IPC and over HTTP, which
// push events would not (HTTP would need a second, long-lived channel to guard).

import { randomUUID } from 'node:crypto';
import type { JobDetails, JobId, JobKind, JobView } from '../shared/view-models.js';
import { toWireError } from './errors.js';
import type { ReportProgress } from './ports.js';

export type { ReportProgress };
export type JobWork = (report: ReportProgress) => Promise<{ summary: string; details?: JobDetails }>;

/** Finished jobs kept for polling; older ones are forgotten so the registry cannot grow without bound. */
const KEEP_FINISHED = 50;

export class JobRegistry {
  readonly #jobs = new Map<JobId, JobView>();

  start(kind: JobKind, work: JobWork): JobId {
    const jobId = randomUUID();
    this.#jobs.set(jobId, {
      jobId,
      kind,
      state: 'running',
      progress: { phase: 'starting', step: 'starting', file: null, fileIndex: null, files: null, done: 0, total: null },
      result: null,
      error: null,
    });
    const update = (patch: Partial<JobView>): void => {
      const job = this.#jobs.get(jobId);
      if (job && job.state === 'running') this.#jobs.set(jobId, { ...job, ...patch });
    };
    // Deferred so the caller always receives the id before the job can finish.
    queueMicrotask(() => {
      work((progress) => update({ progress: { ...progress } }))
        .then((result) => update({ state: 'done', result: { summary: result.summary, details: result.details ?? null } }))
        .catch((err: unknown) => update({ state: 'failed', error: toWireError(err) }))
        .finally(() => this.#prune());
    });
    return jobId;
  }

  get(jobId: JobId): JobView | undefined {
    return this.#jobs.get(jobId);
  }

  /** Newest first. */
  list(): JobView[] {
    return [...this.#jobs.values()].reverse();
  }

  /** Resolves once no job is running (for orderly shutdown and for tests). */
  async settled(): Promise<void> {
    while ([...this.#jobs.values()].some((j) => j.state === 'running')) {
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
  }

  #prune(): void {
    const finished = [...this.#jobs.values()].filter((j) => j.state !== 'running');
    for (const job of finished.slice(0, Math.max(0, finished.length - KEEP_FINISHED))) this.#jobs.delete(job.jobId);
  }
}

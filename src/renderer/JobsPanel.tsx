// Long operations (imports, exports and syncs started from the UI, imports of .samizdat files
// opened through the OS) and their progress, then what they did. Shown only when there is a job.
// Summaries quote bundles (group names, rejection messages): they are React text, never HTML.

import { useEffect, useRef, useState } from 'react';
import type { JobView } from '../shared/view-models.js';
import { call } from './api.js';
import { usePolling } from './usePolling.js';

const JOBS_EVERY_MS = 1_500;

const KIND_NAMES: Record<JobView['kind'], string> = { import: 'Import', export: 'Export', sync: 'Sync' };

function progressText(p: JobView['progress']): string {
  return `${p.phase}: ${p.done}${p.total === null ? '' : ` of ${p.total}`}`;
}

export function JobsPanel({ kick, onJobEnded }: { kick: number; onJobEnded: () => void }) {
  const [jobs, setJobs] = useState<JobView[]>([]);
  /** Each job's state at the last poll; null before the first one (jobs already over then are old news). */
  const known = useRef<Map<string, JobView['state']> | null>(null);

  const poll = () => {
    call('jobs:list', {}).then((list) => {
      const before = known.current;
      known.current = new Map(list.map((j) => [j.jobId, j.state]));
      if (before !== null && list.some((j) => j.state !== 'running' && before.get(j.jobId) !== j.state)) onJobEnded();
      setJobs(list);
    }, () => undefined);
  };
  usePolling(poll, JOBS_EVERY_MS);
  const latest = useRef(poll);
  latest.current = poll;
  useEffect(() => {
    if (kick > 0) latest.current();
  }, [kick]);

  if (jobs.length === 0) return null;
  return (
    <section className="jobs" aria-label="Jobs">
      <ul>
        {jobs.map((job) => (
          <li key={job.jobId} className={`job ${job.state}`} data-testid={`job-${job.state}`}>
            <strong>{KIND_NAMES[job.kind]}</strong>{' '}
            {job.state === 'running' && progressText(job.progress)}
            {job.state === 'done' && <span className="summary">{job.result?.summary}</span>}
            {job.state === 'failed' && <span role="alert">{job.error?.message}</span>}
          </li>
        ))}
      </ul>
    </section>
  );
}

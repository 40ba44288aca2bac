// Long operations (imports started from the UI or by opening a .samizdat file) and their progress.
// Shown only when there is a job to show.

import { useState } from 'react';
import type { JobView } from '../shared/view-models.js';
import { call } from './api.js';
import { usePolling } from './usePolling.js';

const JOBS_EVERY_MS = 1_500;

export function JobsPanel() {
  const [jobs, setJobs] = useState<JobView[]>([]);
  usePolling(() => {
    call('jobs:list', {}).then(setJobs, () => undefined);
  }, JOBS_EVERY_MS);

  if (jobs.length === 0) return null;
  return (
    <section className="jobs" aria-label="Jobs">
      <ul>
        {jobs.map((job) => (
          <li key={job.jobId} className={`job ${job.state}`}>
            <strong>{job.kind}</strong>{' '}
            {job.state === 'running' &&
              `${job.progress.phase}: ${job.progress.done}${job.progress.total === null ? '' : ` of ${job.progress.total}`}`}
            {job.state === 'done' && job.result?.summary}
            {job.state === 'failed' && <span role="alert">{job.error?.message}</span>}
          </li>
        ))}
      </ul>
    </section>
  );
}

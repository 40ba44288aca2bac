// A long job (import, export, sync): polled while it runs, then left alone.

import type { JobId } from '../../shared/view-models.js';
import { useChannel } from './query.js';

const POLL_MS = 400;

export function useJob(jobId: JobId | null) {
  return useChannel('jobs:poll', { jobId: jobId ?? '' }, {
    enabled: jobId !== null,
    refetchInterval: (query) => (query.state.data?.state === 'running' || query.state.data === undefined ? POLL_MS : false),
    staleTime: 0,
  });
}

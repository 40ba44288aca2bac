// The export's progress in words, from its machine-readable step (JobProgress.step), never from
// core's English `phase`: which key of the `write` namespace, with which values. Pure
// (tests/unit/renderer/write.test.ts).

import type { JobProgress } from '../../../shared/view-models.js';

export interface ProgressKey {
  key: string;
  values: Record<string, string | number>;
}

export function exportProgress(p: Pick<JobProgress, 'step' | 'file'>): ProgressKey {
  const file = p.file ?? '';
  switch (p.step) {
    case 'collecting':
      return { key: 'progress.collecting', values: {} };
    case 'writing':
      return file ? { key: 'progress.writing', values: { file } } : { key: 'progress.writing.any', values: {} };
    case 'encrypting':
      return file ? { key: 'progress.encrypting', values: { file } } : { key: 'progress.encrypting.any', values: {} };
    // An export neither finds nor reads files; were it to say so, it is still starting for the person.
    case 'starting':
    case 'finding':
    case 'folder':
    case 'reading':
      return { key: 'progress.starting', values: {} };
  }
}

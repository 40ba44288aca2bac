// A running job's progress in words: from its machine-readable step (JobProgress.step), never from
// core's English `phase`. Which words (keys of the `exchange` namespace) and which values, decided
// here without React (tests/unit/renderer/exchange.test.ts).

import type { JobKind, JobProgress } from '../../../shared/view-models.js';

export type Values = Record<string, string | number>;

export interface Words {
  key: string;
  values?: Values;
}

export interface ProgressWords {
  /** What it is doing: "Reading kras.samizdat (file 2 of 5)". */
  label: Words;
  /** How far, when it can be told: bytes of a file read, records of a bundle written. */
  amount: { unit: 'bytes' | 'records'; done: number; total: number } | null;
}

export function progressWords(kind: JobKind, p: JobProgress): ProgressWords {
  const amount = (unit: 'bytes' | 'records') => (p.total !== null && p.total > 0 ? { unit, done: Math.min(p.done, p.total), total: p.total } : null);
  switch (p.step) {
    case 'starting':
      return { label: { key: `progress.starting.${kind}` }, amount: null };
    case 'finding':
      return { label: { key: 'progress.finding' }, amount: null };
    case 'folder':
      return { label: { key: 'progress.folder' }, amount: null };
    case 'reading': {
      const file = p.file ?? '';
      if (p.fileIndex !== null && p.files !== null && p.files > 1) return { label: { key: 'progress.reading.of', values: { file, index: p.fileIndex, files: p.files } }, amount: amount('bytes') };
      if (p.fileIndex !== null && p.files === null && p.fileIndex > 1) return { label: { key: 'progress.reading.nth', values: { file, index: p.fileIndex } }, amount: amount('bytes') };
      return { label: { key: 'progress.reading', values: { file } }, amount: amount('bytes') };
    }
    case 'collecting':
      return { label: { key: 'progress.collecting' }, amount: null };
    case 'writing':
    case 'encrypting':
      // A sync names no file while it writes: it writes into the folder.
      return { label: p.file ? { key: `progress.${p.step}`, values: { file: p.file } } : { key: `progress.${p.step}.folder` }, amount: amount('records') };
  }
}

// The file name proposed for my member card: my name, kept to letters, digits and dashes (the
// shell sanitises it again), ending with the card's extension.

import { PURPOSE_EXTENSIONS } from '../../../shared/files.js';

const EXTENSION = PURPOSE_EXTENSIONS.card ?? '.member';

export function cardFileName(name: string): string {
  const stem = name
    .normalize('NFC')
    .replace(/[^\p{L}\p{N}_-]+/gu, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 60);
  return `${stem === '' ? 'member' : stem}${EXTENSION}`;
}

/** The last part of a path, for saying which file was written. */
export const fileNameOf = (p: string): string => p.split(/[\\/]/).filter(Boolean).pop() ?? p;

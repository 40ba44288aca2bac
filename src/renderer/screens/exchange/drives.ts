// Sticks plugged in and pulled out between two looks at drives:list, by where they are mounted.
// Pure (tests/unit/renderer/exchange.test.ts); Drives.tsx polls and announces.

import type { RemovableDrive } from '../../../shared/view-models.js';
import { folderNameOf, joinPath } from '../statements/paths.js';

/** How often drives:list is asked while the Exchange place is open. */
export const DRIVES_EVERY_MS = 3_000;

export function driveChanges(before: readonly RemovableDrive[] | undefined, after: readonly RemovableDrive[]): { added: RemovableDrive[]; removed: RemovableDrive[] } {
  // The first look is not news: the drives were there before the place opened.
  if (before === undefined) return { added: [], removed: [] };
  const had = new Set(before.map((d) => d.path));
  const has = new Set(after.map((d) => d.path));
  return { added: after.filter((d) => !had.has(d.path)), removed: before.filter((d) => !has.has(d.path)) };
}

/** The file a drive export writes: `<dir>/<name>.samizdat`, the name cleaned as a file system needs it. */
export function bundlePathIn(dir: string, typed: string): string {
  return joinPath(dir, `${bundleName(typed)}.samizdat`);
}

/** A name the person typed, without `.samizdat` (it is added back) and without what no file system takes. */
export const bundleName = (typed: string): string => folderNameOf(folderNameOf(typed).replace(/\.samizdat$/i, ''));

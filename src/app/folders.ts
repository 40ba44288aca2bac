// files:folders: the sub-folders of one folder, for browser mode's folder picker (a drop folder to
// sync, a folder for a plain-text export). Folders only, never a file's name; hidden ones (a leading
// dot) left out; sorted as people sort; bounded however large the folder is.

import type { Dir } from 'node:fs';
import { opendir, stat } from 'node:fs/promises';
import { homedir } from 'node:os';
import path from 'node:path';
import { ioError } from '../core/io.js';
import type { FolderListing } from '../shared/view-models.js';

/** At most this many entries of one folder are looked at, and at most MAX_FOLDERS of them listed. */
export const MAX_ENTRIES_READ = 20_000;
export const MAX_FOLDERS = 1_000;

const collator = new Intl.Collator(undefined, { numeric: true, sensitivity: 'base' });

/** `dir` null: the home folder. */
export async function listFolders(dir: string | null): Promise<FolderListing> {
  const target = path.resolve(dir ?? homedir());
  let handle: Dir;
  try {
    handle = await opendir(target, { bufferSize: 256 });
  } catch (err) {
    throw ioError('exchange', err, 'list the folders in', target);
  }
  const folders: { name: string; path: string }[] = [];
  let read = 0;
  try {
    for await (const entry of handle) {
      if (++read > MAX_ENTRIES_READ) break;
      if (entry.name.startsWith('.')) continue;
      const full = path.join(target, entry.name);
      if (entry.isDirectory() || (entry.isSymbolicLink() && (await isFolder(full)))) folders.push({ name: entry.name, path: full });
    }
  } catch (err) {
    throw ioError('exchange', err, 'list the folders in', target);
  } finally {
    // A `for await` left by `break` or by an error has closed the handle already.
    await handle.close().catch(() => undefined);
  }
  folders.sort((a, b) => collator.compare(a.name, b.name) || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  const parent = path.dirname(target);
  return { dir: target, parent: parent === target ? null : parent, folders: folders.slice(0, MAX_FOLDERS) };
}

async function isFolder(p: string): Promise<boolean> {
  try {
    return (await stat(p)).isDirectory();
  } catch {
    return false; // a dangling link is no folder
  }
}

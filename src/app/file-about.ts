// files:about: a file chosen to attach to a statement, as the Write place shows it before saving:
// its name (as the statement will name the attachment: the base name, see
// core/service/attachment-files.ts) and its size. Looked at, never read: the bytes are hashed and
// stored by statements:create. A path that is not a file that can be opened has no size.
import { stat } from 'node:fs/promises';
import { basename } from 'node:path';

export interface FileAbout {
  path: string;
  name: string;
  bytes: number | null;
}

export async function aboutFile(path: string): Promise<FileAbout> {
  let bytes: number | null;
  try {
    const st = await stat(path);
    bytes = st.isFile() ? st.size : null;
  } catch {
    bytes = null; // gone, or not ours to look at: said as "size unknown", refused when saving
  }
  return { path, name: basename(path), bytes };
}

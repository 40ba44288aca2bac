// Folder names and paths for the plain-text export, decided without a browser (tests/unit/renderer).

/** Characters no file system takes in a folder name, and the ends they must not have. */
export function folderNameOf(title: string): string {
  const cleaned = title
    .normalize('NFC')
    .replace(/[\\/:*?"<>|\p{Cc}]/gu, ' ')
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/^\.+|\.+$/g, '');
  return [...cleaned].slice(0, 60).join('').trim();
}

/** `name` inside `dir`, with the separator `dir` itself uses. */
export function joinPath(dir: string, name: string): string {
  if (name === '') return dir;
  const sep = dir.includes('\\') && !dir.includes('/') ? '\\' : '/';
  return dir.endsWith(sep) ? `${dir}${name}` : `${dir}${sep}${name}`;
}

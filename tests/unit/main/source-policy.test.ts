// Policies that are about what the code does not do, checked on the sources themselves.

import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const root = path.resolve(import.meta.dirname, '../../..');

async function sources(dir: string): Promise<{ file: string; text: string }[]> {
  const out: { file: string; text: string }[] = [];
  for (const entry of await readdir(path.join(root, dir), { withFileTypes: true, recursive: true })) {
    if (entry.isFile() && /\.(ts|tsx|html)$/.test(entry.name)) {
      const file = path.join(entry.parentPath, entry.name);
      out.push({ file: path.relative(root, file), text: await readFile(file, 'utf8') });
    }
  }
  return out;
}

describe('source policies', () => {
  it('never calls shell.openExternal (nothing from a bundle is handed to the OS to open)', async () => {
    for (const { file, text } of await sources('src')) expect(text, file).not.toMatch(/openExternal|openPath\(|showItemInFolder/);
  });

  it('renders no HTML from data: no dangerouslySetInnerHTML, innerHTML, outerHTML or eval in the renderer', async () => {
    for (const { file, text } of await sources('src/renderer')) {
      expect(text, file).not.toMatch(/dangerouslySetInnerHTML|\.innerHTML|\.outerHTML|insertAdjacentHTML|document\.write|\beval\(|new Function\(/);
    }
  });

  it('exposes no raw ipcRenderer to the page (preload passes only bound functions)', async () => {
    const preload = await sources('src/preload');
    const exposed = preload.flatMap(({ text }) => [...text.matchAll(/exposeInMainWorld\(\s*'([^']+)'/g)].map((m) => m[1]));
    expect(exposed).toEqual(['samizdat', 'samizdatFiles']);
    for (const { file, text } of preload) expect(text, file).not.toMatch(/exposeInMainWorld\([^)]*ipcRenderer\s*[,)]/);
  });

  it('has no inline script or style in the renderer’s HTML', async () => {
    const html = await readFile(path.join(root, 'src/renderer/index.html'), 'utf8');
    expect(html).not.toMatch(/<script(?![^>]*\bsrc=)[^>]*>/);
    expect(html).not.toMatch(/<style|\sstyle=|\son[a-z]+=/i);
  });
});

// Maps a URL path to a file of the built renderer, for both transports (Electron's app:// protocol
// and browser mode's static server). Refuses anything that could leave the renderer directory:
// `..` segments (also percent-encoded), backslashes, NUL, dotfiles, symlinks pointing outside,
// and file types the renderer does not ship.

import { realpath, stat } from 'node:fs/promises';
import path from 'node:path';

const CONTENT_TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.txt': 'text/plain; charset=utf-8',
};

export interface RendererFile {
  file: string;
  contentType: string;
}

/** `urlPath` is a URL's pathname, still percent-encoded. Null means "not found" (404), whatever the reason. */
export async function resolveRendererFile(rendererDir: string, urlPath: string): Promise<RendererFile | null> {
  let decoded: string;
  try {
    decoded = decodeURIComponent(urlPath);
  } catch {
    return null;
  }
  if (!decoded.startsWith('/') || decoded.includes('\0') || decoded.includes('\\')) return null;
  if (decoded.endsWith('/')) decoded += 'index.html';
  const segments = decoded.split('/').slice(1);
  if (segments.some((s) => s === '' || s.startsWith('.'))) return null; // `..`, `.`, `//`, dotfiles

  const contentType = CONTENT_TYPES[path.extname(decoded).toLowerCase()];
  if (!contentType) return null;

  try {
    const root = await realpath(rendererDir);
    const file = await realpath(path.join(root, ...segments));
    const relative = path.relative(root, file);
    if (relative === '' || relative.startsWith('..') || path.isAbsolute(relative)) return null;
    if (!(await stat(file)).isFile()) return null;
    return { file, contentType };
  } catch {
    return null;
  }
}

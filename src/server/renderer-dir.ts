// Where the built renderer is, for `samizdat ui`: out/renderer of the project (or installed
// package) this code belongs to. Found by walking up from this file to the nearest package.json,
// so it works from the compiled CLI (out/node/src/server/) and from the sources (src/server/) alike.

import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export function builtRendererDir(fromFile: string = fileURLToPath(import.meta.url)): string {
  let dir = path.dirname(fromFile);
  for (;;) {
    if (existsSync(path.join(dir, 'package.json'))) return path.join(dir, 'out', 'renderer');
    const parent = path.dirname(dir);
    if (parent === dir) throw new Error(`server: no package.json above ${fromFile}; pass rendererDir explicitly`);
    dir = parent;
  }
}

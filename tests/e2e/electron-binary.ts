// Where the Electron executable is, if it is installed; null otherwise. Looked for on disk, as
// scripts/start.mjs does: require('electron') would try to download it when it is missing.

import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { projectRoot } from './build.js';

export function electronBinary(): string | null {
  const pkg = path.join(projectRoot, 'node_modules', 'electron');
  let relative: string | null = null;
  try {
    relative = readFileSync(path.join(pkg, 'path.txt'), 'utf8').trim();
  } catch {
    // electron's install script did not run, or could not download the binary.
  }
  const override = process.env['ELECTRON_OVERRIDE_DIST_PATH'];
  const candidate = override ? path.join(override, relative || 'electron') : relative ? path.join(pkg, 'dist', relative) : null;
  return candidate && existsSync(candidate) ? candidate : null;
}

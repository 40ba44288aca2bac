// Builds the app (main, preload, renderer) into a directory of its own under out/, so that e2e
// test files running in parallel never write over each other's build or over out/ itself.

import { spawnSync } from 'node:child_process';
import { rmSync } from 'node:fs';
import path from 'node:path';

export const projectRoot = path.resolve(import.meta.dirname, '../..');

export function buildInto(name: string): string {
  const outDir = path.join(projectRoot, 'out', name);
  rmSync(outDir, { recursive: true, force: true });
  const cli = path.join(projectRoot, 'node_modules', 'electron-vite', 'bin', 'electron-vite.js');
  const result = spawnSync(process.execPath, [cli, 'build', '--outDir', outDir, '--logLevel', 'error'], {
    cwd: projectRoot,
    encoding: 'utf8',
  });
  if (result.status !== 0) throw new Error(`electron-vite build failed:\n${result.stdout}\n${result.stderr}`);
  return outDir;
}

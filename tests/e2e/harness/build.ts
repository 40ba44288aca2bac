// What the UI tests and `npm run screenshots` need built, built only when needed: the CLI
// (out/node, which `samizdat ui` runs) when it is missing, and the renderer (out/renderer, which it
// serves) when it is missing or older than its sources. One build at a time across test files
// running in parallel: a lock folder beside out/.

import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, rmSync, statSync } from 'node:fs';
import path from 'node:path';
import { stripVTControlCharacters } from 'node:util';
import { REPO_ROOT } from '../../helpers/cli.js';

const OUT = path.join(REPO_ROOT, 'out');
/** What `samizdat ui` serves. */
export const RENDERER_DIR = path.join(OUT, 'renderer');
const RENDERER_INDEX = path.join(RENDERER_DIR, 'index.html');
const CLI_ENTRY = path.join(OUT, 'node', 'src', 'cli', 'main.js');
const LOCK = path.join(OUT, '.e2e-build.lock');
/** A lock older than this was left by a process that died while building. */
const STALE_LOCK_MS = 5 * 60_000;

/** The newest modification time of any file under these paths. */
function newest(paths: string[]): number {
  let latest = 0;
  const visit = (p: string) => {
    const st = statSync(p, { throwIfNoEntry: false });
    if (!st) return;
    if (st.isDirectory()) for (const name of readdirSync(p)) visit(path.join(p, name));
    else latest = Math.max(latest, st.mtimeMs);
  };
  for (const p of paths) visit(p);
  return latest;
}

/** Why the renderer needs building, or null when out/renderer is newer than everything it is built from. */
export function rendererStale(): string | null {
  const built = statSync(RENDERER_INDEX, { throwIfNoEntry: false });
  if (!built) return 'out/renderer is missing';
  const sources = newest(['src/renderer', 'src/shared', 'electron.vite.config.ts'].map((p) => path.join(REPO_ROOT, p)));
  return sources > built.mtimeMs ? 'a renderer source is newer than out/renderer' : null;
}

function run(what: string, args: string[]): void {
  const result = spawnSync(process.execPath, args, { cwd: REPO_ROOT, encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`${what} failed:\n${result.stdout}\n${result.stderr}`);
}

async function withLock<T>(fn: () => T): Promise<T> {
  mkdirSync(OUT, { recursive: true });
  for (const started = Date.now(); ; ) {
    try {
      mkdirSync(LOCK);
      break;
    } catch {
      const held = statSync(LOCK, { throwIfNoEntry: false });
      if (held && Date.now() - held.mtimeMs > STALE_LOCK_MS) rmSync(LOCK, { recursive: true, force: true });
      if (Date.now() - started > 2 * STALE_LOCK_MS) throw new Error(`waited too long for ${LOCK}; remove it if no build is running`);
      await new Promise((r) => setTimeout(r, 250));
    }
  }
  try {
    return fn();
  } finally {
    rmSync(LOCK, { recursive: true, force: true });
  }
}

/** Builds what is missing or stale; returns what it built (for the log). */
export function ensureBuilt(): Promise<string[]> {
  return withLock(() => {
    const built: string[] = [];
    if (!existsSync(CLI_ENTRY)) {
      run('npm run build:node', [path.join(REPO_ROOT, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', 'tsconfig.build.json']);
      built.push('out/node (the CLI was missing)');
    }
    const stale = rendererStale();
    if (stale) {
      try {
        run('electron-vite build', [path.join(REPO_ROOT, 'node_modules', 'electron-vite', 'bin', 'electron-vite.js'), 'build', '--logLevel', 'error']);
        built.push(`out/renderer (${stale})`);
      } catch (err) {
        // A checkout shared with people mid-edit: the renderer built last is still the app as it was.
        if (!existsSync(RENDERER_INDEX)) throw err;
        const when = statSync(RENDERER_INDEX).mtime.toISOString();
        const why = stripVTControlCharacters((err as Error).message).split('\n').find((l) => /error|Could not/i.test(l) && !/failed:$/.test(l));
        console.warn(`WARNING: the renderer does not build now (${why?.trim() ?? 'see electron-vite build'}); using out/renderer as built at ${when}`);
        built.push(`nothing: the renderer build failed, out/renderer of ${when} kept`);
      }
    }
    return built;
  });
}

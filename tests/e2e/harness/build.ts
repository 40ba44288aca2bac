// What the UI tests and `npm run screenshots` need built, built only when needed: the CLI
// (out/node, which `samizdat ui` runs) when it is missing, and the renderer (out/renderer, which it
// serves) when it is missing or older than its sources. Test files run in parallel, each in its
// own process: one build at a time (a lock folder beside out/), and never a rebuild under another
// process that is serving out/renderer (each holds a lease, out/.e2e-leases/<pid>, until it exits):
// that would delete the assets its pages load.

import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { stripVTControlCharacters } from 'node:util';
import { REPO_ROOT } from '../../helpers/cli.js';

const OUT = path.join(REPO_ROOT, 'out');
/** What `samizdat ui` serves. */
export const RENDERER_DIR = path.join(OUT, 'renderer');
const RENDERER_INDEX = path.join(RENDERER_DIR, 'index.html');
const CLI_ENTRY = path.join(OUT, 'node', 'src', 'cli', 'main.js');
const LOCK = path.join(OUT, '.e2e-build.lock');
const LEASES = path.join(OUT, '.e2e-leases');
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

const alive = (pid: number): boolean => {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
};

/** Other live processes serving out/renderer now (the leases of dead ones are removed). */
function otherLeases(): number[] {
  const pids: number[] = [];
  for (const name of existsSync(LEASES) ? readdirSync(LEASES) : []) {
    const pid = Number(name);
    if (pid === process.pid) continue;
    if (Number.isInteger(pid) && alive(pid)) pids.push(pid);
    else rmSync(path.join(LEASES, name), { force: true });
  }
  return pids;
}

const myLease = path.join(LEASES, String(process.pid));

function takeLease(): void {
  mkdirSync(LEASES, { recursive: true });
  if (existsSync(myLease)) return;
  writeFileSync(myLease, '');
  process.once('exit', releaseLease);
}

/** This process no longer serves out/renderer (closeHarness; also when it exits). */
export function releaseLease(): void {
  rmSync(myLease, { force: true });
}

/** Builds what is missing or stale, and holds out/renderer for this process; returns what it built (for the log). */
export function ensureBuilt(): Promise<string[]> {
  return withLock(() => {
    try {
      return buildNeeded();
    } finally {
      takeLease();
    }
  });
}

function buildNeeded(): string[] {
  const built: string[] = [];
  if (!existsSync(CLI_ENTRY)) {
    run('npm run build:node', [path.join(REPO_ROOT, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', 'tsconfig.build.json']);
    built.push('out/node (the CLI was missing)');
  }
  const stale = rendererStale();
  const serving = stale && existsSync(RENDERER_INDEX) ? otherLeases() : [];
  if (stale && serving.length > 0) {
    console.warn(`WARNING: ${stale}, but process ${serving.join(', ')} is serving it: not rebuilt under it`);
    built.push('nothing: out/renderer is in use by another test process');
  } else if (stale) {
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
}

// Which build of the SQLite native module (better-sqlite3-multiple-ciphers) this runtime loads.
//
// Node and Electron need different builds of it (another ABI), and a checkout needs both: the CLI
// and browser mode run on Node, `npm start` runs Electron. Rather than rebuilding the one copy in
// node_modules in place (after which the other runtime cannot load it), each has its own:
//   - Node:     the module's own build in node_modules (made by `npm install`); better-sqlite3
//               finds it itself, so no path is given.
//   - Electron: native/electron-<version>-<platform>-<arch>/better_sqlite3.node in the project
//               whose node_modules holds the module (git ignores native/), made by
//               `npm run rebuild:electron` (scripts/rebuild-electron.mjs) for the Electron in
//               node_modules; `npm start` runs that when it is missing. A packaged app has no
//               such folder: electron-builder has rebuilt node_modules' copy for Electron, so
//               there the default build is the right one.
// The choice is passed to every `new Database(...)` as better-sqlite3's `nativeBinding` option.

import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';

/** The folder, under the project root, that holds builds for Electron. */
export const ELECTRON_BUILDS_DIR = 'native';
export const ADDON_FILE = 'better_sqlite3.node';
export const SQLITE_MODULE = 'better-sqlite3-multiple-ciphers';

/** What of the running process decides the build. */
export interface Runtime {
  versions: { electron?: string | undefined };
  platform: string;
  arch: string;
}

/** Where the build for this Electron version, platform and architecture goes, under `projectRoot`. */
export function electronBuildPath(projectRoot: string, electronVersion: string, platform: string, arch: string): string {
  return path.join(projectRoot, ELECTRON_BUILDS_DIR, `electron-${electronVersion}-${platform}-${arch}`, ADDON_FILE);
}

/**
 * The `nativeBinding` for `new Database(...)`: under Electron, the path of the Electron build when
 * the project has one; otherwise undefined, which makes better-sqlite3 load its default build from
 * node_modules (Node's in a checkout or an npm install, Electron's in a packaged app).
 */
export function nativeBindingFor(runtime: Runtime, projectRoot: string, exists: (file: string) => boolean = existsSync): string | undefined {
  const electron = runtime.versions.electron;
  if (!electron) return undefined;
  const file = electronBuildPath(projectRoot, electron, runtime.platform, runtime.arch);
  return exists(file) ? file : undefined;
}

/**
 * The project whose node_modules holds the SQLite module: where Node's build is, and so where the
 * Electron build sits beside it. Found by resolving the module, so it is the same from the sources,
 * the compiled CLI, Electron's bundle (out/main) or an app folder of its own (the e2e tests').
 */
export function projectRootOf(resolveModule: (request: string) => string): string | undefined {
  try {
    // <root>/node_modules/better-sqlite3-multiple-ciphers/package.json
    return path.resolve(path.dirname(resolveModule(`${SQLITE_MODULE}/package.json`)), '..', '..');
  } catch {
    return undefined;
  }
}

let root: { dir: string | undefined } | undefined;

/** The build for the running process (process.versions, platform, arch), for `new Database(...)`. */
export function nativeBinding(): string | undefined {
  root ??= { dir: projectRootOf(createRequire(import.meta.url).resolve) };
  return root.dir === undefined ? undefined : nativeBindingFor({ versions: { electron: process.versions.electron }, platform: process.platform, arch: process.arch }, root.dir);
}

// `npm run rebuild:electron`: builds the SQLite native module (better-sqlite3-multiple-ciphers)
// for the Electron in node_modules, into native/electron-<version>-<platform>-<arch>/ beside (never
// over) Node's build in node_modules, which the CLI and browser mode keep loading. Under Electron,
// src/core/store/native.ts hands that file to better-sqlite3 as its `nativeBinding`.
//
// The module is copied (without its build/) into a staging folder under native/ and rebuilt there
// with @electron/rebuild (electron-builder's own rebuilder): a prebuilt binary when one can be
// downloaded, else a compile against Electron's headers. Needs the network (GitHub's releases or
// electronjs.org's headers) the first time; `npm start` runs it when the build is missing.
import { copyFileSync, cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const MODULE = 'better-sqlite3-multiple-ciphers';
const ADDON = 'better_sqlite3.node';

/** Where the build for an Electron version goes: the path native.ts's electronBuildPath gives. */
export function electronBuildPath(projectRoot, electronVersion, platform = process.platform, arch = process.arch) {
  return path.join(projectRoot, 'native', `electron-${electronVersion}-${platform}-${arch}`, ADDON);
}

/** The version of the Electron package in node_modules, or null when there is none. */
export function installedElectronVersion(projectRoot = root) {
  try {
    return JSON.parse(readFileSync(path.join(projectRoot, 'node_modules', 'electron', 'package.json'), 'utf8')).version;
  } catch {
    return null;
  }
}

/** Builds the module for `electronVersion` unless that build is there already; returns its path. */
export async function rebuildForElectron(electronVersion, { projectRoot = root, force = false, log = (line) => process.stderr.write(`${line}\n`) } = {}) {
  const target = electronBuildPath(projectRoot, electronVersion);
  if (existsSync(target) && !force) return target;
  const moduleDir = path.join(projectRoot, 'node_modules', MODULE);
  const moduleVersion = JSON.parse(readFileSync(path.join(moduleDir, 'package.json'), 'utf8')).version;
  mkdirSync(path.join(projectRoot, 'native'), { recursive: true });
  const staging = mkdtempSync(path.join(projectRoot, 'native', '.staging-'));
  try {
    const copy = path.join(staging, 'node_modules', MODULE);
    const ownBuild = path.join(moduleDir, 'build');
    cpSync(moduleDir, copy, { recursive: true, filter: (from) => from !== ownBuild && !from.startsWith(ownBuild + path.sep) });
    writeFileSync(path.join(staging, 'package.json'), JSON.stringify({ name: 'samizdat-native-staging', private: true, dependencies: { [MODULE]: moduleVersion } }));
    log(`samizdat: building ${MODULE} ${moduleVersion} for Electron ${electronVersion} into ${path.relative(projectRoot, path.dirname(target))}/ (Node's build in node_modules is left as it is)`);
    const { rebuild } = await import('@electron/rebuild');
    await rebuild({ buildPath: staging, electronVersion, onlyModules: [MODULE], force: true });
    const built = path.join(copy, 'build', 'Release', ADDON);
    if (!existsSync(built)) throw new Error(`the rebuild left no ${path.relative(staging, built)}`);
    mkdirSync(path.dirname(target), { recursive: true });
    copyFileSync(built, `${target}.partial`);
    renameSync(`${target}.partial`, target);
    return target;
  } finally {
    rmSync(staging, { recursive: true, force: true });
  }
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const version = process.argv[2] ?? installedElectronVersion();
  if (!version) {
    process.stderr.write('samizdat: no Electron in node_modules (run `npm install`), and no version given (`npm run rebuild:electron -- 45.5.0`)\n');
    process.exit(2);
  }
  try {
    const target = await rebuildForElectron(version, { force: true });
    process.stdout.write(`${path.relative(root, target)}\n`);
  } catch (err) {
    process.stderr.write(
      `samizdat: could not build ${MODULE} for Electron ${version}: ${err instanceof Error ? err.message : String(err)}\n` +
        "(it needs a prebuilt binary from GitHub, or Electron's headers from electronjs.org and a C++ toolchain)\n",
    );
    process.exit(1);
  }
}

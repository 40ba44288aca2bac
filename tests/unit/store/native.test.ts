// Which build of the SQLite native module a runtime loads (src/core/store/native.ts): Node's own in
// node_modules, or under Electron the separate build that `npm run rebuild:electron` makes in
// native/, never one rebuilt in place. Electron itself cannot run here (no binary can be had), so
// Electron is faked by setting process.versions.electron, and its "build" is a copy of Node's: that
// is enough to prove which file better-sqlite3 was handed and actually loaded.
import { copyFileSync, mkdirSync, readFileSync, rmSync, rmdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { Vault } from '../../../src/core/store/index.js';
import { electronBuildPath, nativeBinding, nativeBindingFor, projectRootOf } from '../../../src/core/store/native.js';
import * as script from '../../../scripts/rebuild-electron.mjs';
import { REPO_ROOT } from '../../helpers/cli.js';
import { PASS, tempRoot } from './helpers.js';

const require = createRequire(import.meta.url);
const root = path.resolve(REPO_ROOT);
const nodeBuild = path.join(root, 'node_modules', 'better-sqlite3-multiple-ciphers', 'build', 'Release', 'better_sqlite3.node');
const loaded = (file: string): boolean => file in require.cache;

describe('nativeBindingFor: the build for a runtime', () => {
  const everywhere = () => true;
  const nowhere = () => false;

  it('under Node: none given (better-sqlite3 loads its own build from node_modules), whatever native/ holds', () => {
    expect(nativeBindingFor({ versions: {}, platform: 'linux', arch: 'x64' }, root, everywhere)).toBeUndefined();
    expect(nativeBindingFor({ versions: { electron: '' }, platform: 'linux', arch: 'x64' }, root, everywhere)).toBeUndefined();
  });

  it('under Electron: native/electron-<version>-<platform>-<arch>/better_sqlite3.node, when it is there', () => {
    const asked: string[] = [];
    const exists = (file: string) => (asked.push(file), true);
    const chosen = nativeBindingFor({ versions: { electron: '45.5.0' }, platform: 'linux', arch: 'x64' }, '/p', exists);
    expect(chosen).toBe('/p/native/electron-45.5.0-linux-x64/better_sqlite3.node');
    expect(asked).toEqual([chosen]);
  });

  it("under Electron with no such build (a packaged app, whose node_modules' copy electron-builder rebuilt): the default", () => {
    expect(nativeBindingFor({ versions: { electron: '45.5.0' }, platform: 'linux', arch: 'x64' }, '/p', nowhere)).toBeUndefined();
  });

  it('never hands one Electron the build of another version or architecture', () => {
    const only = electronBuildPath('/p', '45.5.0', 'linux', 'x64');
    const exists = (file: string) => file === only;
    expect(nativeBindingFor({ versions: { electron: '45.5.0' }, platform: 'linux', arch: 'x64' }, '/p', exists)).toBe(only);
    expect(nativeBindingFor({ versions: { electron: '46.0.0' }, platform: 'linux', arch: 'x64' }, '/p', exists)).toBeUndefined();
    expect(nativeBindingFor({ versions: { electron: '45.5.0' }, platform: 'linux', arch: 'arm64' }, '/p', exists)).toBeUndefined();
    expect(nativeBindingFor({ versions: { electron: '45.5.0' }, platform: 'darwin', arch: 'x64' }, '/p', exists)).toBeUndefined();
  });

  it('finds the project as the folder whose node_modules holds the module; none when it cannot be resolved', () => {
    expect(projectRootOf(require.resolve)).toBe(root);
    expect(projectRootOf(() => '/opt/app/node_modules/better-sqlite3-multiple-ciphers/package.json')).toBe('/opt/app');
    expect(projectRootOf(() => {
      throw new Error('Cannot find module');
    })).toBeUndefined();
  });
});

describe('npm run rebuild:electron fills the folder native.ts reads', () => {
  it('is a script of package.json, and puts the build at the path native.ts looks for', () => {
    const pkg = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8'));
    expect(pkg.scripts['rebuild:electron']).toBe('node scripts/rebuild-electron.mjs');
    for (const [v, p, a] of [['45.5.0', 'linux', 'x64'], ['46.1.2', 'win32', 'arm64']] as const) {
      expect(script.electronBuildPath('/p', v, p, a)).toBe(electronBuildPath('/p', v, p, a));
    }
    expect(script.installedElectronVersion(root)).toBe(JSON.parse(readFileSync(path.join(root, 'node_modules', 'electron', 'package.json'), 'utf8')).version);
    expect(script.installedElectronVersion('/nonexistent')).toBeNull();
  });
});

// One process: the fake Electron runs first, before anything has loaded Node's default build.
describe('the vault under a faked process.versions', () => {
  const fakeElectron = `0.0.0-samizdat-native-test-${process.pid}`; // a version no real Electron has
  const fakeBuild = electronBuildPath(root, fakeElectron, process.platform, process.arch);
  const tmp = tempRoot();
  afterAll(() => {
    delete (process.versions as Record<string, string | undefined>)['electron'];
    rmSync(path.dirname(fakeBuild), { recursive: true, force: true });
    try {
      rmdirSync(path.dirname(path.dirname(fakeBuild))); // native/, if nothing else is in it
    } catch {
      // it holds real Electron builds: leave them
    }
    tmp.cleanup();
  });

  it('under "Electron", every database the vault opens (create, open, scratch) loads the Electron build, never Node\'s', async () => {
    mkdirSync(path.dirname(fakeBuild), { recursive: true });
    copyFileSync(nodeBuild, fakeBuild); // stands in for an Electron build: same code, loadable here
    (process.versions as Record<string, string>)['electron'] = fakeElectron;
    expect(nativeBinding()).toBe(fakeBuild);
    expect(loaded(fakeBuild)).toBe(false);

    const dir = path.join(tmp.root, 'vault');
    (await Vault.create(dir, PASS, 'interactive')).close();
    (await Vault.open(dir, PASS)).close();
    Vault.scratch().close();
    expect(loaded(fakeBuild)).toBe(true);
    expect(loaded(nodeBuild)).toBe(false); // had any `new Database(` gone without nativeBinding, this would be true
  });

  it('under "Electron" with no build in native/: the default, as in a packaged app', () => {
    (process.versions as Record<string, string>)['electron'] = `${fakeElectron}-absent`;
    expect(nativeBinding()).toBeUndefined();
  });

  it('back under Node: the default build from node_modules, which the CLI keeps using', () => {
    delete (process.versions as Record<string, string | undefined>)['electron'];
    expect(nativeBinding()).toBeUndefined();
    Vault.scratch().close();
    expect(loaded(nodeBuild)).toBe(true);
  });
});

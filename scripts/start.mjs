// `npm start`: the Electron app where an Electron binary is installed, otherwise browser mode
// (`samizdat ui`), saying so in one line. Arguments after `npm start --` go to whichever runs.
//
// The binary is looked for on disk rather than with require('electron'): electron's index.js tries
// to download the binary when it is missing, which on our machines fails (and must not be attempted).
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);

/** The Electron executable if it is on disk, else null. Mirrors node_modules/electron/index.js without downloading. */
export function electronBinary(projectRoot = root) {
  const pkg = path.join(projectRoot, 'node_modules', 'electron');
  let relative = null;
  try {
    relative = readFileSync(path.join(pkg, 'path.txt'), 'utf8').trim();
  } catch {
    // path.txt is written by electron's install script, which did not run or did not finish.
  }
  const override = process.env.ELECTRON_OVERRIDE_DIST_PATH;
  const candidate = override ? path.join(override, relative || 'electron') : relative ? path.join(pkg, 'dist', relative) : null;
  return candidate && existsSync(candidate) ? candidate : null;
}

function run(label, command, commandArgs, { quiet = false } = {}) {
  const result = spawnSync(command, commandArgs, { cwd: root, stdio: quiet ? 'pipe' : 'inherit', encoding: 'utf8' });
  if (result.status !== 0) {
    if (quiet) process.stderr.write(`${result.stdout ?? ''}${result.stderr ?? ''}`);
    process.stderr.write(`samizdat: ${label} failed (exit ${result.status ?? result.signal})\n`);
    process.exit(result.status || 1);
  }
}

/** Runs a long-lived child; Ctrl-C reaches it directly (same process group), so we only wait for it. */
function handOver(command, commandArgs) {
  const child = spawn(command, commandArgs, { cwd: root, stdio: 'inherit' });
  for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => undefined);
  child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
}

const electronVite = path.join(root, 'node_modules', 'electron-vite', 'bin', 'electron-vite.js');
const buildRenderer = () => run('building the app (electron-vite build)', process.execPath, [electronVite, 'build', '--logLevel', 'error'], { quiet: true });

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const binary = electronBinary();
  if (binary) {
    buildRenderer();
    // Electron loads its own build of the SQLite module (native/, see src/core/store/native.ts),
    // made once here; Node's build in node_modules, which the CLI uses, is never touched.
    const { installedElectronVersion, rebuildForElectron } = await import('./rebuild-electron.mjs');
    try {
      await rebuildForElectron(installedElectronVersion());
    } catch (err) {
      process.stderr.write(`samizdat: could not build the SQLite module for Electron (${err instanceof Error ? err.message : String(err)}); try \`npm run rebuild:electron\`\n`);
      process.exit(1);
    }
    handOver(binary, ['.', ...args]);
  } else {
    console.log("samizdat: no Electron binary here (electron's dist/ is absent: it could not be downloaded), so Samizdat starts in browser mode instead.");
    buildRenderer();
    // The CLI (out/node) is compiled by `npm install` (prepare); rebuild it so a pull is picked up.
    const tsc = path.join(root, 'node_modules', 'typescript', 'bin', 'tsc');
    spawnSync(process.execPath, [tsc, '-p', 'tsconfig.build.json'], { cwd: root, stdio: 'ignore' });
    handOver(process.execPath, [path.join(root, 'bin', 'samizdat'), 'ui', ...args]);
  }
}

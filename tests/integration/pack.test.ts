// A machine with Node alone can install Samizdat as a package: `npm pack` of the checkout (built by
// `npm test` before vitest runs) yields a tarball that `npm install -g --prefix DIR` installs into a
// fresh prefix, building the SQLite native module there and installing no Electron; then the
// installed `samizdat` runs a short story and `samizdat ui` serves the packaged renderer.
//
// Slow: the install compiles the native module from source where no prebuilt binary can be
// downloaded (about 90 s of CPU; minutes on a busy machine). It needs only the npm registry: node-gyp
// is pointed at the headers of the running Node when they are installed beside it.
import { spawn, spawnSync, type SpawnSyncOptions } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../helpers/cli.js';

const root = path.resolve(REPO_ROOT);
const MODULE = 'better-sqlite3-multiple-ciphers';
const INSTALL_TIMEOUT = 20 * 60_000;

const tmp = mkdtempSync(path.join(tmpdir(), 'samizdat-pack-'));
const packDir = path.join(tmp, 'pack');
const prefix = path.join(tmp, 'prefix');
const installed = path.join(prefix, 'lib', 'node_modules', 'samizdat');
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

/** The environment of a user's shell: no npm_* variables of the `npm test` that runs us, nothing of the checkout on PATH. */
function userEnv(extra: Record<string, string> = {}): Record<string, string> {
  const env: Record<string, string> = {};
  for (const [k, v] of Object.entries(process.env)) if (v !== undefined && !/^npm_/i.test(k) && !k.startsWith('SAMIZDAT_')) env[k] = v;
  env['PATH'] = (process.env['PATH'] ?? '')
    .split(path.delimiter)
    .filter((d) => d !== '' && !path.resolve(d).startsWith(root + path.sep))
    .join(path.delimiter);
  // Offline apart from the registry: node-gyp uses the running Node's own headers where they are.
  const nodePrefix = path.resolve(path.dirname(process.execPath), '..');
  if (existsSync(path.join(nodePrefix, 'include', 'node', 'node.h'))) env['npm_config_nodedir'] = nodePrefix;
  return { ...env, npm_config_update_notifier: 'false', npm_config_fund: 'false', npm_config_audit: 'false', ...extra };
}

function run(command: string, args: string[], options: SpawnSyncOptions & { env: Record<string, string> }) {
  const started = Date.now();
  const r = spawnSync(command, args, { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024, ...options });
  if (r.error) throw r.error;
  return { status: r.status, stdout: String(r.stdout), stderr: String(r.stderr), ms: Date.now() - started };
}

let tarball = '';
let packedFiles: string[] = [];
let install: ReturnType<typeof run>;

beforeAll(() => {
  for (const built of ['out/node/src/cli/main.js', 'out/renderer/index.html']) {
    expect(existsSync(path.join(root, built)), `${built} is missing: run \`npm run build\` first (npm test does)`).toBe(true);
  }
  mkdirSync(packDir);
  // --ignore-scripts: pack what `npm test` built (prepack would rebuild the checkout's out/ under
  // the feet of the other tests running now).
  const pack = run('npm', ['pack', '--ignore-scripts', '--json', '--pack-destination', packDir], { cwd: root, env: userEnv() });
  expect(pack.status, pack.stderr).toBe(0);
  const [info] = JSON.parse(pack.stdout) as { filename: string; files: { path: string }[] }[];
  tarball = path.join(packDir, info!.filename);
  packedFiles = info!.files.map((f) => f.path);

  mkdirSync(prefix);
  install = run('npm', ['install', '-g', '--prefix', prefix, `--allow-scripts=${MODULE}`, tarball], { cwd: tmp, env: userEnv(), timeout: INSTALL_TIMEOUT });
  console.info(`tests/integration/pack.test.ts: npm pack ${pack.ms} ms, npm install -g of the tarball ${install.ms} ms`);
}, INSTALL_TIMEOUT + 60_000);

describe('npm pack', () => {
  it('packs the CLI, the built renderer and the docs it names, and no sources, tests or maps', () => {
    expect(path.basename(tarball)).toMatch(/^samizdat-\d+\.\d+\.\d+\.tgz$/);
    for (const f of ['package.json', 'README.md', 'bin/samizdat', 'bin/package.json', 'out/node/src/cli/main.js', 'out/node/src/server/server.js', 'out/renderer/index.html', 'docs/FORMAT.md']) {
      expect(packedFiles, f).toContain(f);
    }
    expect(packedFiles.some((f) => /^out\/renderer\/assets\/index-[\w-]+\.js$/.test(f))).toBe(true);
    expect(packedFiles.filter((f) => /^(src|tests|scripts|node_modules|native|out\/node\/bench)\/|\.map$|\.ts$/.test(f))).toEqual([]);
  });
});

describe('npm install -g --prefix DIR of the tarball', () => {
  it('succeeds, with the SQLite module approved to build (npm 11 asks, and a global install has no allowScripts)', () => {
    expect(install.status, install.stderr).toBe(0);
    expect(install.stderr).not.toMatch(new RegExp(`not yet covered by allowScripts:[\\s\\S]*${MODULE}@`));
  });

  it('builds the native module inside the prefix, and installs no Electron', () => {
    expect(existsSync(path.join(installed, 'node_modules', MODULE, 'build', 'Release', 'better_sqlite3.node'))).toBe(true);
    expect(existsSync(path.join(installed, 'node_modules', 'electron'))).toBe(false);
    expect(readdirSync(path.join(prefix, 'lib', 'node_modules'))).toEqual(['samizdat']);
    expect(readdirSync(installed).sort()).toEqual(['README.md', 'bin', 'docs', 'node_modules', 'out', 'package.json']);
    expect(realpathSync(path.join(prefix, 'bin', 'samizdat'))).toBe(realpathSync(path.join(installed, 'bin', 'samizdat')));
  });
});

describe('the installed samizdat', () => {
  const home = path.join(tmp, 'home');
  const work = path.join(tmp, 'work');
  const env = () => userEnv({ PATH: `${path.join(prefix, 'bin')}${path.delimiter}${userEnv()['PATH']}`, HOME: home, SAMIZDAT_VAULT: path.join(work, 'vault'), SAMIZDAT_PASSPHRASE: 'passphrase of the packed install' });
  const samizdat = (...args: string[]) => run('samizdat', args, { cwd: work, env: env(), timeout: 60_000 });

  it('is the one on PATH, and runs a story: init, me create, group create, statement new, sign, verify exit 0', () => {
    mkdirSync(home, { recursive: true });
    mkdirSync(work, { recursive: true });
    const which = run('bash', ['-c', 'command -v samizdat'], { cwd: work, env: env() });
    expect(which.stdout.trim()).toBe(path.join(prefix, 'bin', 'samizdat'));
    for (const args of [
      ['init', '--kdf', 'interactive'],
      ['me', 'create', '--name', 'Olga'],
      ['group', 'create', '--name', 'KRAS-IWA', '--threshold', '1'],
    ]) {
      const r = samizdat(...args);
      expect(r.status, `${args.join(' ')}: ${r.stderr}`).toBe(0);
    }
    writeFileSync(path.join(work, 'body.txt'), 'No to war.\n');
    const created = samizdat('--json', 'statement', 'new', '--group', 'KRAS-IWA', '--title', 'Against the war', '--lang', 'en', '--body', 'body.txt');
    expect(created.status, created.stderr).toBe(0);
    const id = (JSON.parse(created.stdout) as { id: string }).id;
    expect(samizdat('verify', id).status).toBe(1); // not yet signed
    expect(samizdat('sign', id).status).toBe(0);
    const verified = samizdat('verify', id);
    expect(verified.stdout).toMatch(/^OK: "Against the war"/m);
    expect(verified.status).toBe(0);
  });

  it('`samizdat ui --no-open --port 0` serves the packaged renderer, and its API opens that vault with the token', async () => {
    const child = spawn('samizdat', ['--json', 'ui', '--no-open', '--port', '0'], { cwd: work, env: env() });
    try {
      const printed = await new Promise<{ url: string; port: number; vault: string }>((resolve, reject) => {
        let out = '';
        let err = '';
        child.stdout.on('data', (chunk: Buffer) => {
          out += chunk.toString();
          try {
            resolve(JSON.parse(out));
          } catch {
            // not the whole object yet
          }
        });
        child.stderr.on('data', (chunk: Buffer) => (err += chunk.toString()));
        child.on('exit', (code) => reject(new Error(`samizdat ui exited with ${code}: ${err}`)));
      });
      expect(printed.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/#token=[0-9a-f]{64}$/);
      expect(printed.vault).toBe(path.join(work, 'vault'));
      const token = new URL(printed.url).hash.slice('#token='.length);

      const page = await fetch(printed.url);
      expect(page.status).toBe(200);
      const html = await page.text();
      expect(html).toBe(readFileSync(path.join(installed, 'out', 'renderer', 'index.html'), 'utf8'));
      expect(html).toContain('<div id="root"></div>');
      const script = /<script type="module" crossorigin src="\.\/(assets\/[\w.-]+\.js)"><\/script>/.exec(html)?.[1];
      expect(script).toBeDefined();
      const js = await fetch(new URL(script!, printed.url));
      expect(js.status).toBe(200);
      expect(await js.text()).toBe(readFileSync(path.join(installed, 'out', 'renderer', script!), 'utf8'));

      const api = async (channel: string, body: unknown, headers: Record<string, string> = { 'x-samizdat-token': token }) => {
        const r = await fetch(new URL(`/api/${channel}`, printed.url), { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) });
        return { status: r.status, body: (await r.json()) as { ok: boolean; value?: unknown } };
      };
      expect((await api('groups:list', {}, {})).status).toBe(401); // no token, no API
      expect((await api('vault:unlock', { passphrase: 'passphrase of the packed install' })).body).toMatchObject({ ok: true });
      const groups = await api('groups:list', {});
      expect(groups.body.ok).toBe(true);
      expect(groups.body.value).toEqual([expect.objectContaining({ name: 'KRAS-IWA' })]);
    } finally {
      const exited = new Promise((resolve) => child.once('exit', (code, signal) => resolve(code ?? signal)));
      child.kill('SIGINT');
      expect(await exited).toBe(0); // Ctrl-C: locks the vault and ends cleanly
    }
  });
});

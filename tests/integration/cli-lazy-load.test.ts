// Each command loads only its own module (src/cli/registry.ts): `samizdat drives` and `--version`
// start without SQLite, the browser-mode server or the other commands' modules; help still lists
// every command. What a run loads is recorded by a module resolution hook (node --import), which
// sees every ES module and package the CLI imports, through the built CLI as a user runs it.
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { Command } from 'commander';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { COMMAND_MODULES, modulesFor } from '../../src/cli/registry.js';
import { REPO_ROOT, SAMIZDAT_BIN, device, runCli, tempDir } from '../helpers/cli.js';

const tmp = tempDir('samizdat-lazy-');
afterAll(() => tmp.remove());

/** Hooks (run on the loader's thread): append every resolved URL to the file given at registration. */
const HOOKS = `
import { appendFileSync } from 'node:fs';
let file;
export function initialize(data) { file = data.file; }
export async function resolve(specifier, context, next) {
  const r = await next(specifier, context);
  appendFileSync(file, r.url + '\\n');
  return r;
}`;
const REGISTER = `
import { register } from 'node:module';
register('data:text/javascript,' + encodeURIComponent(${JSON.stringify(HOOKS)}), { data: { file: process.env.LOADED_FILE } });`;

let runs = 0;
/** Runs the built CLI with the hook; its result and every URL it resolved. */
function traced(args: string[], env: Record<string, string> = {}): { status: number; stdout: string; stderr: string; loaded: string[] } {
  const file = join(tmp.path, `loaded-${++runs}.txt`);
  const r = spawnSync(process.execPath, ['--import', `data:text/javascript,${encodeURIComponent(REGISTER)}`, SAMIZDAT_BIN, ...args], {
    env: { PATH: process.env.PATH, HOME: process.env.HOME, LOADED_FILE: file, ...env },
    encoding: 'utf8',
    timeout: 60_000,
  });
  if (r.error) throw r.error;
  let loaded: string[] = [];
  try {
    loaded = readFileSync(file, 'utf8').split('\n').filter(Boolean);
  } catch {
    // nothing resolved at all: the assertions below say so
  }
  return { status: r.status ?? -1, stdout: r.stdout, stderr: r.stderr, loaded };
}

const CLI_DIR = pathToFileURL(join(REPO_ROOT, 'out', 'node', 'src', 'cli')).href;
const commandModules = (loaded: string[]) => [...new Set(loaded)].filter((u) => u.startsWith(`${CLI_DIR}/commands/`)).map((u) => u.slice(`${CLI_DIR}/commands/`.length)).sort();
const sqlite = (loaded: string[]) => loaded.filter((u) => u.includes('better-sqlite3'));
const ALL_COMMANDS = COMMAND_MODULES.flatMap((m) => m.commands);

describe('the command table', () => {
  it('names, for each module, exactly the top-level commands it registers, in help order', async () => {
    const registered: string[] = [];
    for (const m of COMMAND_MODULES) {
      const program = new Command('samizdat');
      (await m.load())(program, () => async () => undefined);
      const names = program.commands.map((c) => c.name());
      expect(names, m.commands.join(' ')).toEqual(m.commands);
      registered.push(...names);
    }
    expect(new Set(registered).size).toBe(registered.length);
  });

  it('finds the command word after the global options, and falls back to every module when in doubt', () => {
    const sync = COMMAND_MODULES.find((m) => m.commands.includes('sync'));
    expect(modulesFor(['sync', 'dir'])).toBe(sync);
    expect(modulesFor(['--json', '--vault', 'sync', '--passphrase-file=f', 'sync', 'x'])).toBe(sync);
    expect(modulesFor(['--vault=v', 'drives'])).toBe(COMMAND_MODULES.find((m) => m.commands.includes('drives')));
    expect(modulesFor(['--version'])).toBe('none');
    expect(modulesFor(['--json', '-V'])).toBe('none');
    for (const argv of [[], ['--help'], ['-h', 'sync'], ['help', 'sync'], ['syn'], ['--bogus', 'sync'], ['--vault']]) expect(modulesFor(argv), argv.join(' ')).toBe('all');
  });
});

describe('what a command loads', () => {
  const olga = device(tmp.path, 'olga');
  beforeAll(() => {
    const r = runCli(['init', '--kdf', 'interactive'], olga.env);
    expect(r.status, r.stderr).toBe(0);
  });

  it('--help lists every command with its description; loading every module', () => {
    const r = traced(['--help']);
    expect(r.status, r.stderr).toBe(0);
    const listed = r.stdout
      .split('\nCommands:\n')[1]!
      .split('\n')
      .filter((l) => /^ {2}\S/.test(l))
      .map((l) => l.trim().split(/\s+/)[0]);
    expect(listed).toEqual([...ALL_COMMANDS, 'help']);
    expect(r.stdout).toContain('the removable drives mounted now');
    expect(r.stdout).toContain('two-way sync with a drop folder');
    expect(commandModules(r.loaded)).toEqual(['demo.js', 'drives.js', 'exchange.js', 'export-text.js', 'group.js', 'me.js', 'statement.js', 'sync.js', 'ui.js', 'vault.js', 'bundle-report.js'].sort());
  });

  it('a command\'s help shows its own options', () => {
    const r = traced(['sync', '--help']);
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/^Usage: samizdat sync \[options\] <dir>/);
    expect(commandModules(r.loaded)).toEqual(['sync.js']);
  });

  it('--version loads no command module and no SQLite', () => {
    const r = traced(['--version']);
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout.trim()).toBe((JSON.parse(readFileSync(join(REPO_ROOT, 'package.json'), 'utf8')) as { version: string }).version);
    expect(r.loaded.some((u) => u.endsWith('/out/node/src/cli/main.js'))).toBe(true);
    expect(commandModules(r.loaded)).toEqual([]);
    expect(sqlite(r.loaded)).toEqual([]);
  });

  it('drives loads its own module only, and neither SQLite nor the server', () => {
    const r = traced(['--json', 'drives']);
    expect(r.status, r.stderr).toBe(0);
    expect(Array.isArray(r.stdout && JSON.parse(r.stdout).drives)).toBe(true);
    expect(commandModules(r.loaded)).toEqual(['drives.js']);
    expect(sqlite(r.loaded)).toEqual([]);
    expect(r.loaded.filter((u) => u.includes('/src/server/') || u.includes('/src/app/handlers'))).toEqual([]);
  });

  it('a command that opens the vault loads SQLite (the hook sees it), but not the other commands', () => {
    const r = traced(['--json', 'statement', 'list'], olga.env);
    expect(r.status, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ total: 0, items: [] });
    expect(commandModules(r.loaded)).toEqual(['statement.js']);
    expect(sqlite(r.loaded).length).toBeGreaterThan(0);
  });

  it('a sync of an unchanged folder loads none of the bundle, import or export code; the first sync does', () => {
    const folder = join(tmp.path, 'drop');
    mkdirSync(folder);
    const heavy = (loaded: string[]) => loaded.filter((u) => u.includes('age-encryption') || u.endsWith('/exchange/import.js') || u.endsWith('/exchange/export.js') || u.endsWith('/exchange/sync-compare.js'));
    const first = traced(['--json', 'sync', folder], olga.env);
    expect(first.status, first.stderr).toBe(0);
    expect(heavy(first.loaded).length).toBeGreaterThan(0); // compares the whole vault with the new folder
    const second = traced(['--json', 'sync', folder], olga.env);
    expect(second.status, second.stderr).toBe(0);
    expect(JSON.parse(second.stdout)).toMatchObject({ imported: [], written: [], failed: [] });
    expect(heavy(second.loaded)).toEqual([]);
    expect(sqlite(second.loaded).length).toBeGreaterThan(0);
  });

  it('an unknown command still gets commander\'s suggestion from every command', () => {
    const r = traced(['syn']);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain("unknown command 'syn'");
    expect(r.stderr).toContain('Did you mean sync?');
  });
});

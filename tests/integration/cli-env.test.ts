// The vault a run uses: --vault, else SAMIZDAT_VAULT, else the OS data folder. A SAMIZDAT_VAULT
// that is set but empty (`export SAMIZDAT_VAULT=$TYPO`) is a usage error (exit 2) in the CLI, in
// browser mode and in Electron's main process, never the current folder.
import { spawnSync } from 'node:child_process';
import { mkdirSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { vaultDirFor, openCore } from '../../src/main/core.js';
import { SAMIZDAT_BIN, tempDir } from '../helpers/cli.js';

const tmp = tempDir('samizdat-env-');
afterAll(() => tmp.remove());
const PASSPHRASE = 'passphrase of the env test';

/** `samizdat args` run in `cwd`, with exactly the environment given (plus PATH). */
function runIn(cwd: string, args: string[], env: Record<string, string>) {
  const r = spawnSync(process.execPath, [SAMIZDAT_BIN, ...args], { cwd, env: { PATH: process.env.PATH, ...env }, encoding: 'utf8', timeout: 60_000 });
  if (r.error) throw r.error;
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

function emptyFolder(name: string): string {
  const dir = join(tmp.path, name);
  mkdirSync(dir, { recursive: true });
  return dir;
}

const EMPTY_VAULT = /^samizdat: vault: SAMIZDAT_VAULT is set but empty: unset it to use the default vault ".+\/samizdat\/vault", or set it to the folder of your vault\n$/;

describe('an empty SAMIZDAT_VAULT', () => {
  it.each([
    ['init', '--kdf', 'interactive'],
    ['me', 'create', '--name', 'Olga'],
    ['group', 'list'],
    ['statement', 'list'],
    ['ui', '--no-open', '--port', '0'],
  ])('is refused by `samizdat %s ...` with exit 2, and nothing is written in the current folder', (...args) => {
    const cwd = emptyFolder(`cwd-${args[0]}`);
    const home = emptyFolder(`home-${args[0]}`);
    const r = runIn(cwd, args, { SAMIZDAT_VAULT: '', SAMIZDAT_PASSPHRASE: PASSPHRASE, HOME: home, XDG_DATA_HOME: join(home, 'data') });
    expect(r.stderr).toMatch(EMPTY_VAULT);
    expect(r.status).toBe(2);
    expect(r.stdout).toBe('');
    expect(readdirSync(cwd)).toEqual([]);
    expect(readdirSync(home)).toEqual([]); // nor in the default vault's place
  });

  it('is reported in --json as a usage error with its own code', () => {
    const cwd = emptyFolder('cwd-json');
    const r = runIn(cwd, ['--json', 'init', '--kdf', 'interactive'], { SAMIZDAT_VAULT: '', SAMIZDAT_PASSPHRASE: PASSPHRASE, HOME: cwd });
    expect(r.status).toBe(2);
    expect(JSON.parse(r.stderr)).toEqual({ error: { code: 'vault.empty-path', kind: 'usage', message: expect.stringMatching(/^vault: SAMIZDAT_VAULT is set but empty: /) } });
    expect(readdirSync(cwd)).toEqual([]);
  });

  it('does not matter when --vault names the vault, and an empty --vault is refused too', () => {
    const cwd = emptyFolder('cwd-option');
    const vault = join(tmp.path, 'option-vault');
    const env = { SAMIZDAT_VAULT: '', SAMIZDAT_PASSPHRASE: PASSPHRASE, HOME: cwd };
    const made = runIn(cwd, ['--vault', vault, 'init', '--kdf', 'interactive'], env);
    expect(made.status, made.stderr).toBe(0);
    expect(readdirSync(vault).sort()).toContain('vault.db');
    const empty = runIn(cwd, ['--vault', '', 'group', 'list'], { ...env, SAMIZDAT_VAULT: vault });
    expect(empty.stderr).toMatch(/^samizdat: vault: --vault is empty: leave it out to use the default vault ".+", or give the folder of your vault\n$/);
    expect(empty.status).toBe(2);
    expect(readdirSync(cwd)).toEqual([]);
  });

  it('unset, the vault is the OS data folder (XDG_DATA_HOME/samizdat/vault), not the current folder', () => {
    const cwd = emptyFolder('cwd-unset');
    const data = join(tmp.path, 'xdg-data');
    const r = runIn(cwd, ['--json', 'init', '--kdf', 'interactive'], { SAMIZDAT_PASSPHRASE: PASSPHRASE, HOME: cwd, XDG_DATA_HOME: data });
    expect(r.status, r.stderr).toBe(0);
    expect(readdirSync(join(data, 'samizdat', 'vault'))).toContain('vault.db');
    expect(readdirSync(cwd)).toEqual([]);
  });
});

describe("an empty SAMIZDAT_VAULT in Electron's main process", () => {
  it('is the same error, given by the core on first use rather than a crash at start-up', async () => {
    expect(() => vaultDirFor({ SAMIZDAT_VAULT: '' })).toThrow(/^vault: SAMIZDAT_VAULT is set but empty: /);
    const core = openCore({ SAMIZDAT_VAULT: '', HOME: tmp.path });
    expect(core.isUnlocked()).toBe(false);
    await expect(core.unlock(PASSPHRASE)).rejects.toMatchObject({ code: 'vault.empty-path', kind: 'usage', message: expect.stringMatching(/^vault: SAMIZDAT_VAULT is set but empty: /) });
    await expect(core.listGroups()).rejects.toMatchObject({ code: 'vault.empty-path' });
  });
});

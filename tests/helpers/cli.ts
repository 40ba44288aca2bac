// Run the built `samizdat` command as a user would, on temporary vaults.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The checkout: the nearest folder above this file with bin/samizdat (also when bench/ compiles this file into out/node). */
function repoRoot(from: string): string {
  for (let dir = from; ; dir = dirname(dir)) {
    if (existsSync(join(dir, 'bin', 'samizdat'))) return dir;
    if (dirname(dir) === dir) throw new Error(`no bin/samizdat in any folder above ${from}`);
  }
}

export const REPO_ROOT = repoRoot(fileURLToPath(new URL('.', import.meta.url)));
export const SAMIZDAT_BIN = join(REPO_ROOT, 'bin', 'samizdat');

export interface CliResult {
  status: number;
  stdout: string;
  stderr: string;
  json: () => any; // eslint-disable-line @typescript-eslint/no-explicit-any -- tests read whatever the command printed
}

export function runCli(args: string[], env: Record<string, string | undefined> = {}, input?: string | Buffer): CliResult {
  const result = spawnSync(process.execPath, [SAMIZDAT_BIN, ...args], {
    env: { PATH: process.env.PATH, HOME: process.env.HOME, ...env },
    input,
    encoding: 'utf8',
    timeout: 60_000,
  });
  if (result.error) throw result.error;
  return {
    status: result.status ?? -1,
    stdout: result.stdout,
    stderr: result.stderr,
    json: () => JSON.parse(result.stdout),
  };
}

export function tempDir(prefix = 'samizdat-test-'): { path: string; remove: () => void } {
  const path = mkdtempSync(join(tmpdir(), prefix));
  return { path, remove: () => rmSync(path, { recursive: true, force: true }) };
}

/** One member's device: a vault folder and the environment that points the CLI at it. */
export function device(root: string, name: string, passphrase = `passphrase of ${name}`) {
  const vault = join(root, name);
  const env = { SAMIZDAT_VAULT: vault, SAMIZDAT_PASSPHRASE: passphrase };
  return { name, vault, env, run: (args: string[], input?: string) => runCli(args, env, input) };
}

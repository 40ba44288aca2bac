// What every command gets: the global options, output, and the vault opened for one command.
import { readFileSync, statSync } from 'node:fs';
import { SamizdatError, quote } from '../core/errors.js';
// The vault (and SQLite with it) is loaded only by commands that open one.
import type { Vault } from '../core/store/vault.js';
import type { EarlyKey } from '../core/store/early-key.js';
import { ioError } from '../core/io.js';
import { Output } from './output.js';
import { chosenVaultDir } from '../app/vault-dir.js';
import { readPassphrase } from './passphrase.js';
import { progressBar, type Progress } from './progress.js';

export interface GlobalOptions {
  vault?: string;
  passphraseFile?: string;
  json?: boolean;
}

export class CommandContext {
  readonly out: Output;
  readonly vaultDir: string;

  constructor(readonly options: GlobalOptions, readonly env: NodeJS.ProcessEnv = process.env) {
    this.out = new Output(Boolean(options.json));
    this.vaultDir = chosenVaultDir(env, options.vault);
  }

  passphrase(prompt?: string): Promise<string> {
    return readPassphrase({ file: this.options.passphraseFile, env: this.env.SAMIZDAT_PASSPHRASE, envName: 'SAMIZDAT_PASSPHRASE', fileOption: '--passphrase-file' }, prompt);
  }

  progress(): Progress {
    return progressBar(!this.out.json);
  }

  /** Open the vault for the length of `fn`, then lock it again whatever happens. */
  async withVault<T>(fn: (vault: Vault) => T | Promise<T>): Promise<T> {
    const { Vault } = await import('../core/store/vault.js');
    if (!Vault.exists(this.vaultDir)) {
      throw new SamizdatError('vault', 'vault', 'vault.missing', `no vault at ${quote(this.vaultDir, 200)}: create one with \`samizdat init\` (or point --vault / SAMIZDAT_VAULT at yours)`);
    }
    const vault = await Vault.open(this.vaultDir, await this.passphrase(), takeEarlyKey());
    try {
      return await fn(vault);
    } finally {
      vault.close();
    }
  }
}

/** Commands that open the vault with withVault, once: their key can be derived while they load. */
const OPENS_VAULT = new Set(['me', 'group', 'trust', 'statement', 'search', 'sign', 'verify', 'export', 'import', 'export-text', 'sync']);

let earlyKey: Promise<EarlyKey | undefined> | undefined;

/** The key started by startEarlyKey, for withVault to try (once). */
function takeEarlyKey(): Promise<EarlyKey | undefined> | undefined {
  const key = earlyKey;
  earlyKey = undefined;
  return key;
}

/**
 * Starts deriving the vault key before the command's modules load (main.ts), when `argv` names a
 * command that opens the vault and the passphrase needs no prompt: the KDF runs on libuv's
 * threads while the modules load. Only the global options before the command word are read;
 * Vault.open uses the key only when the vault, passphrase, salt and KDF parameters it settles on
 * are those the key came from, so a misreading here costs a KDF and changes nothing else.
 */
export function startEarlyKey(argv: readonly string[], env: NodeJS.ProcessEnv = process.env): void {
  let vault: string | undefined;
  let file: string | undefined;
  let command: string | undefined;
  for (let i = 0; i < argv.length && command === undefined; i++) {
    const arg = argv[i] as string;
    if (arg === '--json') continue;
    if (arg === '--vault' || arg === '--passphrase-file') {
      const value = argv[++i];
      if (value === undefined) return;
      if (arg === '--vault') vault = value;
      else file = value;
    } else if (arg.startsWith('--vault=')) vault = arg.slice('--vault='.length);
    else if (arg.startsWith('--passphrase-file=')) file = arg.slice('--passphrase-file='.length);
    else if (arg.startsWith('-')) return;
    else command = arg;
  }
  if (command === undefined || !OPENS_VAULT.has(command)) return;
  if (file === undefined && (env.SAMIZDAT_PASSPHRASE === undefined || env.SAMIZDAT_PASSPHRASE === '')) return;
  // A passphrase file is read again by the command: only a regular file reads the same twice (not a pipe).
  if (file !== undefined && !isRegularFile(file)) return;
  let dir: string;
  try {
    dir = chosenVaultDir(env, vault);
  } catch {
    return; // withVault says what is wrong with it
  }
  const source = { file, env: env.SAMIZDAT_PASSPHRASE, envName: 'SAMIZDAT_PASSPHRASE', fileOption: '--passphrase-file' };
  const started = readPassphrase(source).then(async (passphrase) => (await import('../core/store/early-key.js')).deriveEarlyKey(dir, passphrase));
  earlyKey = started.catch(() => undefined);
  // A key that no command took is wiped before the process ends.
  void earlyKey.then((k) => k && process.once('exit', () => k.key.fill(0)));
}

function isRegularFile(path: string): boolean {
  try {
    return statSync(path).isFile();
  } catch {
    return false;
  }
}

/** Read a file the user named on the command line; a clear error when it cannot be read. */
export function readInputFile(path: string, option: string): Buffer {
  try {
    return path === '-' ? readFileSync(0) : readFileSync(path);
  } catch (err) {
    throw ioError('cli', err, `read ${option}`, path);
  }
}

/** A whole number option, strictly. */
export function parseCount(value: string, option: string): number {
  if (!/^[0-9]{1,6}$/.test(value)) throw new SamizdatError('cli', 'usage', 'cli.bad-number', `${option} ${quote(value)} is not a whole number`);
  return Number(value);
}

/** A command's action: the context first, then commander's positional arguments and options. */
export type Action = (ctx: CommandContext, ...args: never[]) => Promise<void>;
export type Runner = (fn: Action) => (...args: unknown[]) => Promise<void>;

// What every command gets: the global options, output, and the vault opened for one command.
import { readFileSync } from 'node:fs';
import { SamizdatError, quote } from '../core/errors.js';
// The vault (and SQLite with it) is loaded only by commands that open one.
import type { Vault } from '../core/store/vault.js';
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
    const vault = await Vault.open(this.vaultDir, await this.passphrase());
    try {
      return await fn(vault);
    } finally {
      vault.close();
    }
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

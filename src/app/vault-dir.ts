// Where the vault lives when --vault and SAMIZDAT_VAULT are not given: the OS's data directory.
import { homedir } from 'node:os';
import { join, resolve } from 'node:path';
import { SamizdatError, quote } from '../core/errors.js';

export function defaultVaultDir(env: NodeJS.ProcessEnv = process.env, platform: NodeJS.Platform = process.platform): string {
  if (platform === 'win32') return join(env.APPDATA ?? join(homedir(), 'AppData', 'Roaming'), 'Samizdat', 'vault');
  if (platform === 'darwin') return join(homedir(), 'Library', 'Application Support', 'Samizdat', 'vault');
  return join(env.XDG_DATA_HOME || join(homedir(), '.local', 'share'), 'samizdat', 'vault');
}

/**
 * The vault folder a run uses: `option` (the CLI's --vault) if given, else SAMIZDAT_VAULT, else
 * the OS data folder. A value that is set but empty (an `export SAMIZDAT_VAULT=$UNSET_VAR`, a
 * typo) is refused rather than taken for the current folder.
 */
export function chosenVaultDir(env: NodeJS.ProcessEnv = process.env, option?: string): string {
  const fallback = `the default vault ${quote(defaultVaultDir(env), 200)}`;
  if (option === '') throw new SamizdatError('vault', 'usage', 'vault.empty-path', `--vault is empty: leave it out to use ${fallback}, or give the folder of your vault`);
  if (option !== undefined) return resolve(option);
  const variable = env.SAMIZDAT_VAULT;
  if (variable === '') {
    throw new SamizdatError('vault', 'usage', 'vault.empty-path', `SAMIZDAT_VAULT is set but empty: unset it to use ${fallback}, or set it to the folder of your vault`);
  }
  return resolve(variable ?? defaultVaultDir(env));
}

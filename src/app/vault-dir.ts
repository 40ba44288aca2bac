// Where the vault lives when --vault and SAMIZDAT_VAULT are not given: the OS's data directory.
import { homedir } from 'node:os';
import { join } from 'node:path';

export function defaultVaultDir(env: NodeJS.ProcessEnv = process.env, platform: NodeJS.Platform = process.platform): string {
  if (platform === 'win32') return join(env.APPDATA ?? join(homedir(), 'AppData', 'Roaming'), 'Samizdat', 'vault');
  if (platform === 'darwin') return join(homedir(), 'Library', 'Application Support', 'Samizdat', 'vault');
  return join(env.XDG_DATA_HOME || join(homedir(), '.local', 'share'), 'samizdat', 'vault');
}

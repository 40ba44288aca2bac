// Where main gets its core. The vault opens here, in main, and nowhere else; the native module is
// loaded on first unlock (see app/lazy-core.ts).
import type { AppCore } from '../app/ports.js';
import { lazyCore } from '../app/lazy-core.js';
import { chosenVaultDir } from '../app/vault-dir.js';
import { vaultExists } from '../core/store/header.js';

export function vaultDirFor(env: NodeJS.ProcessEnv = process.env): string {
  return chosenVaultDir(env);
}

/** The core of the vault SAMIZDAT_VAULT names; if that is unusable (set but empty), a core whose every use says so. */
export function openCore(env: NodeJS.ProcessEnv = process.env): AppCore {
  let dir: string;
  try {
    dir = vaultDirFor(env);
  } catch (err) {
    return lazyCore(() => Promise.reject(err), () => false);
  }
  return lazyCore(async () => (await import('../app/vault-core.js')).createVaultCore(dir), () => vaultExists(dir));
}

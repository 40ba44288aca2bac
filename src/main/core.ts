// Where main gets its core. The vault opens here, in main, and nowhere else; the native module is
// loaded on first unlock (see app/lazy-core.ts).
import { resolve } from 'node:path';
import type { AppCore } from '../app/ports.js';
import { lazyCore } from '../app/lazy-core.js';
import { defaultVaultDir } from '../app/vault-dir.js';

export function vaultDirFor(env: NodeJS.ProcessEnv = process.env): string {
  return resolve(env.SAMIZDAT_VAULT || defaultVaultDir(env));
}

export function openCore(env: NodeJS.ProcessEnv = process.env): AppCore {
  const dir = vaultDirFor(env);
  return lazyCore(async () => (await import('../app/vault-core.js')).createVaultCore(dir));
}

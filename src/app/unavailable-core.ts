// The core as the shells see it until the adapter from the real core (vault, store, verify) to
// AppCore is written: every data call fails with a clear, typed error. Nothing pretends to work.

import { SamizdatError } from '../core/errors.js';
import type { AppCore } from './ports.js';

function unavailable(): never {
  throw new SamizdatError(
    'vault',
    'vault',
    'vault.unavailable',
    'the vault is not connected to this shell yet (the core adapter for AppCore is pending)',
  );
}

export function createUnavailableCore(): AppCore {
  return {
    isUnlocked: () => false,
    exists: () => false,
    create: async () => unavailable(),
    changePassphrase: async () => unavailable(),
    wipe: async () => unavailable(),
    withVault: async () => unavailable(),
    unlock: async () => unavailable(),
    lock: async () => undefined,
    listStatements: async () => unavailable(),
    getStatement: async () => unavailable(),
    verifyStatement: async () => unavailable(),
    listGroups: async () => unavailable(),
    importBundles: async () => unavailable(),
    exportBundle: async () => unavailable(),
    syncFolder: async () => unavailable(),
    listDrives: async () => unavailable(),
  };
}

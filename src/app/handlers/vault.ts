// vault:*, settings:*, session:ping: the vault itself, before and after unlocking.

import { notBuilt } from '../errors.js';
import type { DomainHandlers, HandlerContext } from './context.js';
import type { VaultStatus } from '../../shared/view-models.js';

type VaultChannels = 'vault:status' | 'vault:create' | 'vault:unlock' | 'vault:lock' | 'vault:passwd' | 'vault:wipe' | 'settings:get' | 'settings:set' | 'session:ping';

export function vaultHandlers({ core }: HandlerContext): DomainHandlers<VaultChannels> {
  const status = async (): Promise<VaultStatus> => ({ exists: core.exists(), unlocked: core.isUnlocked(), identity: null });
  return {
    'vault:status': status,
    'vault:create': async () => {
      throw notBuilt('vault:create');
    },
    'vault:unlock': async ({ passphrase }) => {
      await core.unlock(passphrase);
      return status();
    },
    'vault:lock': async () => {
      await core.lock();
      return status();
    },
    'vault:passwd': async () => {
      throw notBuilt('vault:passwd');
    },
    'vault:wipe': async () => {
      throw notBuilt('vault:wipe');
    },
    'settings:get': async () => {
      throw notBuilt('settings:get');
    },
    'settings:set': async () => {
      throw notBuilt('settings:set');
    },
    'session:ping': async () => ({ ok: true }),
  };
}

// vault:*, settings:*, session:ping: the vault itself, before and after unlocking.
//
// vault:status is polled by every page; it must answer at once even while an import, an export or
// a sync holds the vault for minutes (every other call waits its turn behind the job: see
// vault-core.ts). So it reads my identity when no job is running, and while one is, gives the
// identity a handler read last (identity.ts remembers it).

import { SamizdatError } from '../../core/errors.js';
import type { Vault } from '../../core/store/vault.js';
import type { Settings, VaultStatus } from '../../shared/view-models.js';
import { DEFAULT_IDLE_LOCK_MINUTES } from '../idle-lock.js';
import { storeIdleLockMinutes, storedIdleLockMinutes, type SessionHooks } from '../session.js';
import type { DomainHandlers, HandlerContext } from './context.js';
import { identityOf, rememberIdentity, rememberedIdentity } from './identity.js';

type VaultChannels = 'vault:status' | 'vault:create' | 'vault:unlock' | 'vault:lock' | 'vault:passwd' | 'vault:wipe' | 'settings:get' | 'settings:set' | 'session:ping';

/**
 * A read that found no vault to read: it was locked meanwhile (by the idle lock, say, between the
 * check and the read), or the core holds no readable vault (`vault.unavailable`). Status then says
 * what is so (locked, no identity known); every other failure is reported.
 */
const noVaultToRead = (err: unknown): boolean => err instanceof SamizdatError && (err.code === 'vault.locked' || err.code === 'vault.unavailable');

export function vaultHandlers({ core, jobs }: HandlerContext, session: SessionHooks = {}): DomainHandlers<VaultChannels> {
  const defaultMinutes = session.defaultIdleLockMinutes ?? DEFAULT_IDLE_LOCK_MINUTES;
  const minutesOf = (v: Vault): number => storedIdleLockMinutes(v) ?? defaultMinutes;

  const jobRunning = (): boolean => jobs.list().some((j) => j.state === 'running');

  const snapshot = (): VaultStatus => {
    const unlocked = core.isUnlocked();
    return { exists: core.exists(), unlocked, identity: unlocked ? rememberedIdentity(core) : null };
  };

  /** After an unlock or a creation: what the vault holds for the session (my identity, the idle lock time). */
  const opened = async (): Promise<VaultStatus> => {
    rememberIdentity(core, null);
    try {
      const found = await core.withVault((v) => ({ identity: identityOf(v), minutes: minutesOf(v) }));
      rememberIdentity(core, found.identity);
      session.onIdleLockMinutes?.(found.minutes);
    } catch (err) {
      if (!noVaultToRead(err)) throw err;
    }
    return snapshot();
  };

  const status = async (): Promise<VaultStatus> => {
    if (core.isUnlocked() && !jobRunning()) {
      try {
        rememberIdentity(core, await core.withVault(identityOf));
      } catch (err) {
        if (!noVaultToRead(err)) throw err;
        rememberIdentity(core, null);
      }
    }
    return snapshot();
  };

  const settings = (v: Vault): Settings => ({ idleLockMinutes: minutesOf(v) });

  return {
    'vault:status': status,
    'vault:create': async ({ passphrase, kdf }) => {
      await core.create(passphrase, kdf);
      return opened();
    },
    'vault:unlock': async ({ passphrase }) => {
      await core.unlock(passphrase);
      return opened();
    },
    'vault:lock': async () => {
      await core.lock();
      rememberIdentity(core, null);
      return snapshot();
    },
    'vault:passwd': async ({ current, next, kdf }) => {
      await core.changePassphrase(current, next, kdf);
      return status();
    },
    'vault:wipe': async () => {
      await core.wipe();
      rememberIdentity(core, null);
      return snapshot();
    },
    'settings:get': () => core.withVault(settings),
    'settings:set': async ({ idleLockMinutes }) => {
      const stored = await core.withVault((v) => {
        storeIdleLockMinutes(v, idleLockMinutes);
        return settings(v);
      });
      session.onIdleLockMinutes?.(stored.idleLockMinutes);
      return stored;
    },
    'session:ping': async () => {
      session.onPing?.();
      return { ok: true };
    },
  };
}

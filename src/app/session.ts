// The session around the open vault, as each shell (Electron's main, `samizdat ui`) wires it: the
// idle lock time, kept inside the vault (settings:get/set), and the pages that say they are open
// (session:ping, browser mode only). The handler table only calls these hooks; the timers are the
// shells' (IdleLock).

import { SamizdatError } from '../core/errors.js';
import type { Vault } from '../core/store/vault.js';

/** The vault setting (migration 0006) that holds the idle lock time, in whole minutes. */
export const IDLE_LOCK_SETTING = 'idle-lock-minutes';
/** The range settings:set accepts (src/shared/schemas.ts says the same to the renderer). */
export const MIN_IDLE_LOCK_MINUTES = 1;
export const MAX_IDLE_LOCK_MINUTES = 240;

export interface SessionHooks {
  /** The idle lock time in force while the vault holds none (the shell's, e.g. from SAMIZDAT_IDLE_LOCK_MINUTES). */
  defaultIdleLockMinutes?: number;
  /**
   * The idle lock time in force changed: called at every unlock and creation of the vault (with its
   * setting, or the default), and by settings:set. The shell gives it to its IdleLock at once.
   */
  onIdleLockMinutes?: (minutes: number) => void;
  /** session:ping: a page says it is still open (browser mode). Absent under Electron: the ping does nothing. */
  onPing?: () => void;
}

const validMinutes = (n: number): boolean => Number.isInteger(n) && n >= MIN_IDLE_LOCK_MINUTES && n <= MAX_IDLE_LOCK_MINUTES;

/** The idle lock time the vault holds; undefined when none was set (or it is not one this build accepts). */
export function storedIdleLockMinutes(vault: Pick<Vault, 'getSetting'>): number | undefined {
  const text = vault.getSetting(IDLE_LOCK_SETTING);
  if (text === undefined || !/^[0-9]{1,4}$/.test(text)) return undefined;
  const minutes = Number(text);
  return validMinutes(minutes) ? minutes : undefined;
}

export function storeIdleLockMinutes(vault: Pick<Vault, 'setSetting'>, minutes: number): void {
  if (!validMinutes(minutes)) {
    throw new SamizdatError(
      'vault',
      'usage',
      'vault.bad-setting',
      `the idle lock time must be a whole number of minutes from ${MIN_IDLE_LOCK_MINUTES} to ${MAX_IDLE_LOCK_MINUTES}, got ${String(minutes)}; nothing was changed`,
    );
  }
  vault.setSetting(IDLE_LOCK_SETTING, String(minutes));
}

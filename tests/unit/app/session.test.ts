// The session around the vault as a shell wires it (main.ts, server/session.ts): the idle lock takes
// the time kept in the vault at every unlock and a new one at once; session:ping is not activity,
// and does nothing where no page watch is given (Electron).

import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { countsAsActivity } from '../../../src/app/activity.js';
import { createHandlers } from '../../../src/app/handlers.js';
import { IdleLock } from '../../../src/app/idle-lock.js';
import { createVaultCore } from '../../../src/app/vault-core.js';
import { tempRoot } from '../store/helpers.js';

const PASS = 'the passphrase of Olga';
const MINUTE = 60_000;

let root: string;
let cleanup: () => void;
beforeEach(() => {
  ({ root, cleanup } = tempRoot());
});
afterEach(() => cleanup());

/** A core and its handler table with an idle lock on a clock of the test's, wired as main.ts wires it. */
function shell(defaultMinutes = 10) {
  let now = 0;
  const core = createVaultCore(join(root, 'vault'));
  const idle = new IdleLock({ timeoutMs: defaultMinutes * MINUTE, now: () => now, isUnlocked: () => core.isUnlocked(), lock: () => core.lock() });
  const handlers = createHandlers(core, {
    session: { defaultIdleLockMinutes: defaultMinutes, onIdleLockMinutes: (m) => idle.setTimeoutMs(m * MINUTE) },
  });
  /** A call as a transport makes it: user activity first, unless the channel is passive. */
  const call = <R>(channel: string, run: () => Promise<R>): Promise<R> => {
    if (countsAsActivity(channel)) idle.touch();
    return run();
  };
  return { core, idle, handlers, call, advance: (ms: number) => (now += ms) };
}

describe('IdleLock.setTimeoutMs', () => {
  it('takes a new timeout at the next check, longer or shorter, and refuses one that is not positive', async () => {
    let now = 0;
    let unlocked = true;
    const lock = new IdleLock({ timeoutMs: 10 * MINUTE, now: () => now, isUnlocked: () => unlocked, lock: async () => void (unlocked = false) });
    now = 2 * MINUTE;
    expect(await lock.check()).toBe(false);
    lock.setTimeoutMs(MINUTE);
    expect(lock.timeoutMs).toBe(MINUTE);
    expect(await lock.check()).toBe(true);
    unlocked = true;
    lock.touch();
    lock.setTimeoutMs(30 * MINUTE);
    now += 29 * MINUTE;
    expect(await lock.check()).toBe(false);
    for (const bad of [0, -1, Number.NaN, Number.POSITIVE_INFINITY]) expect(() => lock.setTimeoutMs(bad)).toThrow(/timeout must be positive/);
    expect(lock.timeoutMs).toBe(30 * MINUTE);
  });

  it('a running timer picks up the new pace: cut from 10 minutes (checked every 30 s) to 2 s, it locks at 2 s', async () => {
    vi.useFakeTimers();
    let unlocked = true;
    const lock = new IdleLock({ timeoutMs: 10 * MINUTE, isUnlocked: () => unlocked, lock: async () => void (unlocked = false) });
    try {
      lock.start();
      await vi.advanceTimersByTimeAsync(1_000);
      lock.setTimeoutMs(2_000);
      await vi.advanceTimersByTimeAsync(999);
      expect(unlocked).toBe(true);
      await vi.advanceTimersByTimeAsync(1_001);
      expect(unlocked).toBe(false);
    } finally {
      lock.stop();
      vi.useRealTimers();
    }
  });
});

describe('the idle lock time, from the vault to the running IdleLock', () => {
  it('a new vault runs on the default; settings:set is in force at once; the next unlock reads the stored time again', async () => {
    const s = shell(10);
    await s.call('vault:create', () => s.handlers['vault:create']({ passphrase: PASS, kdf: 'interactive' }));
    expect(s.idle.timeoutMs).toBe(10 * MINUTE);
    await s.call('settings:set', () => s.handlers['settings:set']({ idleLockMinutes: 2 }));
    expect(s.idle.timeoutMs).toBe(2 * MINUTE);
    s.advance(2 * MINUTE - 1);
    expect(await s.idle.check()).toBe(false);
    s.advance(1);
    expect(await s.idle.check()).toBe(true);
    expect(s.core.isUnlocked()).toBe(false);

    // Something else sets the lock's time meanwhile (say, the default again): unlocking reads the vault's.
    s.idle.setTimeoutMs(10 * MINUTE);
    await s.call('vault:unlock', () => s.handlers['vault:unlock']({ passphrase: PASS }));
    expect(s.idle.timeoutMs).toBe(2 * MINUTE);
    await s.core.lock();
  });

  it('session:ping and status polls are not activity: a page that only polls reaches the idle lock', async () => {
    const s = shell(1);
    await s.call('vault:create', () => s.handlers['vault:create']({ passphrase: PASS, kdf: 'interactive' }));
    for (let i = 0; i < 12; i++) {
      s.advance(5_000);
      expect(await s.call('session:ping', () => s.handlers['session:ping']({}))).toEqual({ ok: true });
      await s.call('vault:status', () => s.handlers['vault:status']({}));
      if (i < 11) expect(await s.idle.check(), `after ${(i + 1) * 5} s`).toBe(false);
    }
    expect(await s.idle.check()).toBe(true);
    expect(countsAsActivity('session:ping')).toBe(false);
    expect(countsAsActivity('settings:set')).toBe(true);
  });

  it('without a page watch (Electron), session:ping does nothing: it answers, locks nothing, needs no vault', async () => {
    const core = createVaultCore(join(root, 'vault'));
    const handlers = createHandlers(core);
    expect(await handlers['session:ping']({})).toEqual({ ok: true });
    await handlers['vault:create']({ passphrase: PASS, kdf: 'interactive' });
    expect(await handlers['session:ping']({})).toEqual({ ok: true });
    expect(core.isUnlocked()).toBe(true);
    await core.lock();
    expect(await handlers['session:ping']({})).toEqual({ ok: true });
  });
});

// The idle lock: locks after the configured time without activity, or when the OS reports the
// user idle that long; passive polling does not count as activity.

import { describe, expect, it } from 'vitest';
import { countsAsActivity } from '../../../src/app/activity.js';
import { IdleLock, idleLockMs } from '../../../src/app/idle-lock.js';

function setup(timeoutMs = 60_000) {
  let now = 0;
  let unlocked = true;
  let systemIdle = 0;
  let locks = 0;
  const lock = new IdleLock({
    timeoutMs,
    now: () => now,
    isUnlocked: () => unlocked,
    lock: async () => {
      locks++;
      unlocked = false;
    },
    systemIdleMs: () => systemIdle,
  });
  return {
    lock,
    advance: (ms: number) => (now += ms),
    setSystemIdle: (ms: number) => (systemIdle = ms),
    unlock: () => (unlocked = true),
    locks: () => locks,
  };
}

describe('IdleLock', () => {
  it('locks once the app has been idle for the timeout, not before', async () => {
    const t = setup();
    t.advance(59_999);
    expect(await t.lock.check()).toBe(false);
    t.advance(1);
    expect(await t.lock.check()).toBe(true);
    expect(t.locks()).toBe(1);
  });

  it('activity restarts the clock', async () => {
    const t = setup();
    t.advance(50_000);
    t.lock.touch();
    t.advance(50_000);
    expect(await t.lock.check()).toBe(false);
  });

  it('locks when the OS says the user has been away long enough', async () => {
    const t = setup();
    t.advance(1_000);
    t.setSystemIdle(60_000);
    expect(await t.lock.check()).toBe(true);
  });

  it('does nothing while locked, and counts from the next unlock', async () => {
    const t = setup();
    t.advance(60_000);
    await t.lock.check();
    t.advance(120_000);
    expect(await t.lock.check()).toBe(false);
    t.unlock();
    t.advance(30_000);
    expect(await t.lock.check()).toBe(false);
    expect(t.locks()).toBe(1);
  });

  it('refuses a non-positive timeout', () => {
    expect(() => new IdleLock({ timeoutMs: 0, isUnlocked: () => true, lock: async () => undefined })).toThrow(/positive/);
  });
});

describe('idleLockMs', () => {
  it('reads minutes, defaulting to 10 for absent or invalid values', () => {
    expect(idleLockMs('5')).toBe(300_000);
    expect(idleLockMs('0.5')).toBe(30_000);
    for (const bad of [undefined, '', 'soon', '0', '-3', '100000', 'Infinity']) expect(idleLockMs(bad)).toBe(600_000);
  });
});

describe('countsAsActivity', () => {
  it('treats the renderer’s timers as passive and everything else as activity', () => {
    expect(countsAsActivity('vault:status')).toBe(false);
    expect(countsAsActivity('jobs:poll')).toBe(false);
    expect(countsAsActivity('jobs:list')).toBe(false);
    expect(countsAsActivity('statements:list')).toBe(true);
    expect(countsAsActivity('vault:unlock')).toBe(true);
  });
});

// Browser mode's session, as `samizdat ui` runs it: the handler table with its hooks, the idle lock
// (the time kept in the vault, settings:set in force at once), and the page watch. A browser tells
// no server that its tab was closed; so every open page calls session:ping every few seconds, and
// when no page has for the grace time (the last tab closed, the browser quit, the machine asleep),
// the vault is locked, waiting for a running import, export or sync as vault:lock does.
// session:ping is not user activity: an open page left alone still reaches the idle lock.

import { createHandlers, type Handlers } from '../app/handlers.js';
import { IdleLock } from '../app/idle-lock.js';
import { JobRegistry } from '../app/jobs.js';
import type { AppCore } from '../app/ports.js';

/** How often a page pings (the renderer's timer should match). */
export { PING_EVERY_MS } from '../shared/session.js';
import { PAGE_GRACE_MS } from '../shared/session.js';
/** No ping for this long: no page is open (see src/shared/session.ts for why over a minute). */
export const DEFAULT_PAGE_GRACE_MS = PAGE_GRACE_MS;

/**
 * Reads SAMIZDAT_PAGE_GRACE_SECONDS (whole or decimal seconds, 1 to 3600: a test of a closed tab
 * need not wait the default); undefined for absent or invalid values, which mean the default.
 */
export function pageGraceMs(seconds: string | undefined): number | undefined {
  const n = seconds === undefined || seconds.trim() === '' ? NaN : Number(seconds);
  return Number.isFinite(n) && n >= 1 && n <= 3600 ? n * 1000 : undefined;
}

export interface BrowserSessionOptions {
  /** The idle lock time while the vault holds none (SAMIZDAT_IDLE_LOCK_MINUTES, or 10). */
  idleLockMinutes: number;
  /** How long without a ping before the vault locks (DEFAULT_PAGE_GRACE_MS; tests use less). */
  pageGraceMs?: number;
  jobs?: JobRegistry;
  /** After each lock this session made, with why (`idle`, `no page open`). */
  onLocked?: (reason: 'idle' | 'no page open') => void;
}

export interface BrowserSession {
  handlers: Handlers;
  /** For startServer's onActivity: an API call that was the user doing something. */
  activity(): void;
  /** Starts the timers; once the server listens. */
  start(): void;
  /** Stops the timers and locks the vault (after a running job): for startServer's onClose. */
  close(): Promise<void>;
  /** The idle lock time in force, in milliseconds. */
  readonly idleLockMs: number;
}

export function browserSession(core: AppCore, options: BrowserSessionOptions): BrowserSession {
  const graceMs = options.pageGraceMs ?? DEFAULT_PAGE_GRACE_MS;
  // One lock at a time: the timers keep checking while a lock waits for a job, and join it.
  let locking: Promise<void> | null = null;
  const lockFor = (reason: 'idle' | 'no page open') => (): Promise<void> => {
    locking ??= core
      .lock()
      .then(() => options.onLocked?.(reason))
      .finally(() => {
        locking = null;
      });
    return locking;
  };
  const idle = new IdleLock({ timeoutMs: options.idleLockMinutes * 60_000, isUnlocked: () => core.isUnlocked(), lock: lockFor('idle') });
  // The same clock as the idle lock's, fed by pings: a tenth of the grace between checks, so the lock is late by little.
  const pages = new IdleLock({
    timeoutMs: graceMs,
    isUnlocked: () => core.isUnlocked(),
    lock: lockFor('no page open'),
    checkEveryMs: Math.max(10, Math.min(1_000, Math.floor(graceMs / 10))),
  });
  const handlers = createHandlers(core, {
    jobs: options.jobs ?? new JobRegistry(),
    session: {
      defaultIdleLockMinutes: options.idleLockMinutes,
      onIdleLockMinutes: (minutes) => idle.setTimeoutMs(minutes * 60_000),
      onPing: () => pages.touch(),
    },
  });
  return {
    handlers,
    activity: () => idle.touch(),
    start: () => {
      idle.start();
      pages.start();
    },
    close: async () => {
      idle.stop();
      pages.stop();
      await core.lock();
    },
    get idleLockMs() {
      return idle.timeoutMs;
    },
  };
}

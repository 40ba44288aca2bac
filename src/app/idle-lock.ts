// Locks the vault after a configurable time without user activity, or when the OS reports the user
// idle for that long. Transport-neutral: main feeds it IPC activity and powerMonitor's idle time;
// browser mode can feed it HTTP activity.

export const DEFAULT_IDLE_LOCK_MINUTES = 10;
const MAX_IDLE_LOCK_MINUTES = 24 * 60;

export interface IdleLockOptions {
  timeoutMs: number;
  isUnlocked: () => boolean;
  lock: () => Promise<void>;
  now?: () => number;
  /** The OS's idle time (no keyboard or mouse anywhere), where it is known. */
  systemIdleMs?: () => number;
  /** How often to check (default: a tenth of the timeout, from 1 to 30 seconds). */
  checkEveryMs?: number;
}

function checkTimeout(ms: number): number {
  if (!(ms > 0) || !Number.isFinite(ms)) throw new RangeError(`idle lock: timeout must be positive, got ${ms}`);
  return ms;
}

export class IdleLock {
  #timeoutMs: number;
  readonly #options: IdleLockOptions;
  readonly #now: () => number;
  #lastActivity: number;
  #timer: ReturnType<typeof setInterval> | undefined;

  constructor(options: IdleLockOptions) {
    this.#timeoutMs = checkTimeout(options.timeoutMs);
    this.#options = options;
    this.#now = options.now ?? Date.now;
    this.#lastActivity = this.#now();
  }

  get timeoutMs(): number {
    return this.#timeoutMs;
  }

  /**
   * A new timeout, in force at once: the next check measures the idle time against it (a running
   * timer is restarted at the pace the new timeout asks for).
   */
  setTimeoutMs(ms: number): void {
    this.#timeoutMs = checkTimeout(ms);
    if (this.#timer !== undefined) this.start();
  }

  /** The user did something. */
  touch(): void {
    this.#lastActivity = this.#now();
  }

  /** Locks if idle long enough. Returns whether it locked. */
  async check(): Promise<boolean> {
    if (!this.#options.isUnlocked()) {
      this.touch(); // the idle clock starts again at the next unlock
      return false;
    }
    const appIdle = this.#now() - this.#lastActivity;
    const systemIdle = this.#options.systemIdleMs?.() ?? 0;
    if (Math.max(appIdle, systemIdle) < this.#timeoutMs) return false;
    await this.#options.lock();
    return true;
  }

  /** Checks periodically; the interval is a fraction of the timeout so the lock is late by little. */
  start(): void {
    this.stop();
    const every = this.#options.checkEveryMs ?? Math.min(30_000, Math.max(1_000, Math.floor(this.#timeoutMs / 10)));
    this.#timer = setInterval(() => void this.check(), every);
    this.#timer.unref?.();
  }

  stop(): void {
    if (this.#timer !== undefined) clearInterval(this.#timer);
    this.#timer = undefined;
  }
}

/** Reads the idle timeout in minutes (e.g. from SAMIZDAT_IDLE_LOCK_MINUTES); falls back to the default. */
export function idleLockMs(minutes: string | undefined): number {
  const parsed = minutes === undefined || minutes.trim() === '' ? NaN : Number(minutes);
  const valid = Number.isFinite(parsed) && parsed > 0 && parsed <= MAX_IDLE_LOCK_MINUTES;
  return (valid ? parsed : DEFAULT_IDLE_LOCK_MINUTES) * 60_000;
}

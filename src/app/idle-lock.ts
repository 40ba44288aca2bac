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
}

export class IdleLock {
  readonly timeoutMs: number;
  readonly #options: IdleLockOptions;
  readonly #now: () => number;
  #lastActivity: number;
  #timer: ReturnType<typeof setInterval> | undefined;

  constructor(options: IdleLockOptions) {
    if (!(options.timeoutMs > 0)) throw new RangeError(`idle lock: timeout must be positive, got ${options.timeoutMs}`);
    this.timeoutMs = options.timeoutMs;
    this.#options = options;
    this.#now = options.now ?? Date.now;
    this.#lastActivity = this.#now();
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
    if (Math.max(appIdle, systemIdle) < this.timeoutMs) return false;
    await this.#options.lock();
    return true;
  }

  /** Checks periodically; the interval is a fraction of the timeout so the lock is late by little. */
  start(): void {
    this.stop();
    const every = Math.min(30_000, Math.max(1_000, Math.floor(this.timeoutMs / 10)));
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

// Files opened through the OS may arrive before the window exists or while the vault is locked.
// They wait here and are handed to the import job once the vault is open, in arrival order, once each.
// The job is the real import (src/app: `bundles:import` over the core); its progress and its report
// (new, held, rejected, groups first seen) reach the renderer's jobs panel like any other job's.

export interface ImportQueueOptions {
  isUnlocked: () => boolean;
  /** Starts the import job (the `bundles:import` handler); rejects when it cannot start (locked, bad path). */
  start: (paths: string[]) => Promise<unknown>;
}

export class ImportQueue {
  readonly #options: ImportQueueOptions;
  #pending: string[] = [];

  constructor(options: ImportQueueOptions) {
    this.#options = options;
  }

  get pending(): readonly string[] {
    return this.#pending;
  }

  add(paths: readonly string[]): void {
    for (const p of paths) if (!this.#pending.includes(p)) this.#pending.push(p);
  }

  /** Starts one import of everything pending, if the vault is open. Returns whether it started one. */
  async flush(): Promise<boolean> {
    if (this.#pending.length === 0 || !this.#options.isUnlocked()) return false;
    const paths = this.#pending;
    this.#pending = [];
    await this.#options.start(paths);
    return true;
  }
}

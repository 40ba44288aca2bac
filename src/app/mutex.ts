// One thing at a time on the vault. Imports and syncs hold one SQLite transaction open across
// awaits (Vault.transactionAsync), and exports read the vault lazily while they write a file: while
// one runs, a read would see uncommitted rows, a write would join the transaction, and a lock would
// close the database under it. So every call that touches the vault runs through this mutex, in
// the order the calls arrived.

export class Mutex {
  #tail: Promise<void> = Promise.resolve();
  #pending = 0;

  /** Runs `fn` once everything queued before it has settled; its failure does not block what follows. */
  run<T>(fn: () => T | Promise<T>): Promise<T> {
    this.#pending++;
    const result = this.#tail.then(fn).finally(() => this.#pending--);
    this.#tail = result.then(
      () => undefined,
      () => undefined,
    );
    return result;
  }

  /** Whether something runs or waits. */
  get busy(): boolean {
    return this.#pending > 0;
  }
}

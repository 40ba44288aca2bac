// Ctrl-C (and SIGTERM) close the server, which runs its onClose hook (locking the vault), then exit.
// A second Ctrl-C while closing exits at once: the user asked twice.

import type { RunningServer } from './server.js';

export interface SignalOptions {
  signals?: NodeJS.Signals[];
  /** Injected for tests; defaults to process.exit. */
  exit?: (code: number) => void;
  /** Told about a failure of onClose (the exit code is then 1). */
  onError?: (err: unknown) => void;
}

/** Installs the handlers; returns a function that removes them. */
export function closeOnSignals(server: RunningServer, options: SignalOptions = {}): () => void {
  const signals = options.signals ?? ['SIGINT', 'SIGTERM'];
  const exit = options.exit ?? ((code: number) => process.exit(code));
  let stopping = false;
  const onSignal = (signal: NodeJS.Signals): void => {
    if (stopping) return exit(signal === 'SIGINT' ? 130 : 143);
    stopping = true;
    server.close().then(
      () => exit(0),
      (err: unknown) => {
        options.onError?.(err);
        exit(1);
      },
    );
  };
  for (const s of signals) process.on(s, onSignal);
  return () => {
    for (const s of signals) process.off(s, onSignal);
  };
}

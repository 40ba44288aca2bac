// The shell of the UI: the lock screen until the vault is open, then the statements.
// Locking (by the user, by idle time in main, by the OS) drops every view model held here.

import { useCallback, useEffect, useState } from 'react';
import { call, isVaultError, messageOf } from './api.js';
import { JobsPanel } from './JobsPanel.js';
import { LockScreen } from './LockScreen.js';
import { StatementList } from './StatementList.js';
import { usePolling } from './usePolling.js';

type State = { kind: 'checking' } | { kind: 'locked' } | { kind: 'unlocked' } | { kind: 'broken'; message: string };

const STATUS_EVERY_MS = 5_000;

export function App() {
  const [state, setState] = useState<State>({ kind: 'checking' });

  const refreshStatus = useCallback(() => {
    call('vault:status', {}).then(
      (status) => setState((s) => (status.unlocked ? (s.kind === 'unlocked' ? s : { kind: 'unlocked' }) : { kind: 'locked' })),
      (err: unknown) => setState({ kind: 'broken', message: messageOf(err) }),
    );
  }, []);

  useEffect(refreshStatus, [refreshStatus]);

  const onVaultError = useCallback((err: unknown) => {
    if (isVaultError(err)) setState({ kind: 'locked' });
  }, []);

  const lock = () => {
    call('vault:lock', {}).finally(() => setState({ kind: 'locked' }));
  };

  return (
    <div className="app">
      <header className="bar">
        <h1>Samizdat</h1>
        {state.kind === 'unlocked' && (
          <button type="button" onClick={lock}>
            Lock
          </button>
        )}
      </header>
      <main>
        {state.kind === 'checking' && <p className="muted">Opening…</p>}
        {state.kind === 'broken' && (
          <p role="alert" className="error">
            {state.message}
          </p>
        )}
        {state.kind === 'locked' && <LockScreen onUnlocked={() => setState({ kind: 'unlocked' })} />}
        {state.kind === 'unlocked' && (
          <>
            <StatusWatch onLocked={() => setState({ kind: 'locked' })} />
            <JobsPanel />
            <StatementList onVaultError={onVaultError} />
          </>
        )}
      </main>
    </div>
  );
}

/** While unlocked, notices a lock that happened elsewhere (idle timer, screen lock, another tab). */
function StatusWatch({ onLocked }: { onLocked: () => void }) {
  usePolling(() => {
    call('vault:status', {}).then(
      (status) => {
        if (!status.unlocked) onLocked();
      },
      () => undefined,
    );
  }, STATUS_EVERY_MS);
  return null;
}

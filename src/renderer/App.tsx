// The shell of the UI: the lock screen until the vault is open, then the statements and the
// exchange panel. Locking (by the user, by idle time in main, by the OS) drops every view model held here.

import { useCallback, useEffect, useState } from 'react';
import { call, isVaultError, messageOf } from './api.js';
import { ExchangePanel } from './ExchangePanel.js';
import { JobsPanel } from './JobsPanel.js';
import { LockScreen } from './LockScreen.js';
import { StatementList } from './StatementList.js';
import { usePolling } from './usePolling.js';

type State = { kind: 'checking' } | { kind: 'locked' } | { kind: 'unlocked' } | { kind: 'broken'; message: string };

const STATUS_EVERY_MS = 5_000;

export function App() {
  const [state, setState] = useState<State>({ kind: 'checking' });
  const [locking, setLocking] = useState(false);
  /** The statement open in the detail view: what "export" exports. */
  const [selected, setSelected] = useState<string | null>(null);
  /** Bumped when an import or sync may have changed what the vault holds: the list reloads. */
  const [dataVersion, setDataVersion] = useState(0);
  /** Bumped when a job was started here: the jobs panel polls at once. */
  const [jobsKick, setJobsKick] = useState(0);

  const refreshStatus = useCallback(() => {
    call('vault:status', {}).then(
      (status) => setState((s) => (status.unlocked ? (s.kind === 'unlocked' ? s : { kind: 'unlocked' }) : { kind: 'locked' })),
      (err: unknown) => setState({ kind: 'broken', message: messageOf(err) }),
    );
  }, []);

  useEffect(refreshStatus, [refreshStatus]);

  const toLocked = useCallback(() => {
    setSelected(null);
    setState({ kind: 'locked' });
  }, []);

  const onVaultError = useCallback(
    (err: unknown) => {
      if (isVaultError(err)) toLocked();
    },
    [toLocked],
  );

  // The lock waits for a running import, export or sync to finish (it never closes the vault under one).
  const lock = () => {
    setLocking(true);
    call('vault:lock', {}).finally(() => {
      setLocking(false);
      toLocked();
    });
  };

  return (
    <div className="app">
      <header className="bar">
        <h1>Samizdat</h1>
        {state.kind === 'unlocked' && (
          <button type="button" onClick={lock} disabled={locking}>
            {locking ? 'Locking when the running job ends…' : 'Lock'}
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
            <StatusWatch onLocked={toLocked} />
            <ExchangePanel selectedId={selected} onVaultError={onVaultError} onJobStarted={() => setJobsKick((n) => n + 1)} />
            <JobsPanel kick={jobsKick} onJobEnded={() => setDataVersion((n) => n + 1)} />
            <StatementList onVaultError={onVaultError} selected={selected} onSelect={setSelected} dataVersion={dataVersion} />
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

// The app's states: checking, first run (no vault, or no identity yet), locked, open. Locking (by
// the person, by idle time, by the OS, by the last browser tab closing) drops everything the page
// read from the vault.

import { useCallback, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useQueryClient } from '@tanstack/react-query';
import { PING_EVERY_MS } from '../../shared/session.js';
import type { VaultStatus } from '../../shared/view-models.js';
import { ErrorText } from '../components/ErrorText.js';
import { call } from '../data/api.js';
import { forgetVaultData, setVaultLockedListener, useChannel } from '../data/query.js';
import { FirstRunScreen } from '../screens/firstrun/FirstRunScreen.js';
import { LockScreen } from '../screens/lock/LockScreen.js';
import { Places } from './Places.js';
import { RouteProvider } from './route.js';
import { Sidebar } from './Sidebar.js';

const STATUS_EVERY_MS = 5_000;

export function App() {
  const { t } = useTranslation('common');
  const client = useQueryClient();
  const status = useChannel('vault:status', {}, { refetchInterval: STATUS_EVERY_MS, staleTime: 0 });
  // Browser mode: the server locks the vault when no page has pinged for a while (the last tab
  // closed). Pings go on in a background tab: switching tabs is not leaving.
  useChannel('session:ping', {}, { refetchInterval: PING_EVERY_MS, refetchIntervalInBackground: true, staleTime: 0 });
  const [locking, setLocking] = useState(false);

  const setStatus = useCallback((s: VaultStatus) => client.setQueryData(['vault:status', {}], s), [client]);

  const { refetch } = status;
  const toLocked = useCallback(() => {
    forgetVaultData();
    void refetch();
  }, [refetch]);

  // The lock waits for a running import, export or sync to finish (it never closes the vault under
  // one). Its answer is the new status: shown at once, not at the next poll.
  const lock = () => {
    setLocking(true);
    call('vault:lock', {})
      .then(
        (locked) => {
          forgetVaultData();
          setStatus(locked);
        },
        () => toLocked(),
      )
      .finally(() => setLocking(false));
  };

  useEffect(() => setVaultLockedListener(toLocked), [toLocked]);

  const s = status.data;
  const unlocked = s?.unlocked === true;
  // Locked elsewhere (idle timer, OS, the last tab of browser mode closing): drop what was read.
  const wasUnlocked = useRef(false);
  useEffect(() => {
    if (wasUnlocked.current && !unlocked) forgetVaultData();
    wasUnlocked.current = unlocked;
  }, [unlocked]);

  // The first run lasts until the person is done with it (after her keys, the offer to save her
  // member card), though vault:status shows her identity as soon as it is made.
  const needsFirstRun = s !== undefined && (!s.exists || (unlocked && s.identity === null));
  const [firstRun, setFirstRun] = useState(false);
  useEffect(() => {
    if (needsFirstRun) setFirstRun(true);
    else if (!unlocked) setFirstRun(false);
  }, [needsFirstRun, unlocked]);

  if (status.error && !s) return <main className="page-alone"><ErrorText error={status.error} /></main>;
  if (!s) return <main className="page-alone"><p className="muted">{t('opening')}</p></main>;
  if (needsFirstRun || (firstRun && unlocked)) return <FirstRunScreen status={s} onStatus={setStatus} onDone={() => setFirstRun(false)} />;
  if (!unlocked) return <LockScreen onStatus={setStatus} />;
  return (
    <RouteProvider>
      <div className="shell">
        <Sidebar onLock={lock} locking={locking} />
        <main className="page">
          <Places />
        </main>
      </div>
    </RouteProvider>
  );
}

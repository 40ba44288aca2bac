// The exchange place: sticks and folders. Import (from a stick, files, or files dropped anywhere
// on the place), export (the statements chosen, route params { ids: 'id,id' }), sync with a drop
// folder, plain text; below, what is running and the reports of what came in and went out. The
// removable drives are asked for every few seconds while the place is open: a stick plugged in or
// pulled out shows and is announced with no button to press.

import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Tab, TabList, TabPanel, Tabs, type Key } from 'react-aria-components';
import { PageHeading } from '../../components/PageHeading.js';
import type { Route } from '../../shell/route.js';
import { Activity } from './Activity.js';
import { useDrives } from './Drives.js';
import { ExportPanel } from './ExportPanel.js';
import { ImportPanel, useImporter } from './ImportPanel.js';
import { Announcement, Announcer } from './jobs.js';
import { SyncPanel } from './SyncPanel.js';
import { TextPanel } from './TextPanel.js';
import '../../components/passphrase.css';
import '../statements/statements.css';
import './exchange.css';

const TABS = ['import', 'export', 'sync', 'text'] as const;
type TabKey = (typeof TABS)[number];
const isTab = (k: unknown): k is TabKey => (TABS as readonly unknown[]).includes(k);

export function ExchangeScreen({ route }: { route: Route }) {
  return (
    <Announcer>
      <ExchangePlace route={route} />
    </Announcer>
  );
}

function ExchangePlace({ route }: { route: Route }) {
  const { t } = useTranslation('exchange');
  const ids = (route.params?.['ids'] ?? '').split(',').filter((id) => id !== '');
  const [tab, setTab] = useState<TabKey>(isTab(route.params?.['tab']) ? route.params['tab'] : ids.length > 0 ? 'export' : 'import');
  const drives = useDrives();
  const importer = useImporter();
  const dragging = useDropOnWindow((files) => {
    setTab('import');
    importer.fromDropped(files);
  });

  return (
    <div className={`exchange-screen${dragging ? ' dragging' : ''}`}>
      <div className="exchange-head">
        <PageHeading>{t('title')}</PageHeading>
        <Announcement />
      </div>
      <Tabs className="exchange-tabs" selectedKey={tab} onSelectionChange={(k: Key) => isTab(k) && setTab(k)}>
        <TabList className="tab-list" aria-label={t('tabs.label')}>
          {TABS.map((k) => (
            <Tab key={k} id={k} className="tab">
              {t(`tab.${k}`)}
            </Tab>
          ))}
        </TabList>
        <TabPanel id="import" className="tab-panel" shouldForceMount>
          <ImportPanel importer={importer} drives={drives.data} drivesError={drives.error} />
        </TabPanel>
        <TabPanel id="export" className="tab-panel" shouldForceMount>
          <ExportPanel initialIds={ids} drives={drives.data} />
        </TabPanel>
        <TabPanel id="sync" className="tab-panel" shouldForceMount>
          <SyncPanel drives={drives.data} />
        </TabPanel>
        <TabPanel id="text" className="tab-panel" shouldForceMount>
          <TextPanel />
        </TabPanel>
      </Tabs>
      <Activity />
      {dragging && (
        <div className="drop-overlay" aria-hidden="true">
          <p>{t('import.dropHere')}</p>
        </div>
      )}
    </div>
  );
}

/** Files dragged over the window while the place is open: shown as a drop target, handed over when dropped. */
function useDropOnWindow(onDrop: (files: File[]) => void): boolean {
  const [dragging, setDragging] = useState(false);
  const latest = useRef(onDrop);
  latest.current = onDrop;
  useEffect(() => {
    let depth = 0;
    const carriesFiles = (e: DragEvent) => e.dataTransfer?.types.includes('Files') ?? false;
    const enter = (e: DragEvent) => {
      if (!carriesFiles(e)) return;
      e.preventDefault();
      depth += 1;
      setDragging(true);
    };
    const over = (e: DragEvent) => {
      if (!carriesFiles(e)) return;
      e.preventDefault(); // without it the browser opens the file instead
      if (e.dataTransfer) e.dataTransfer.dropEffect = 'copy';
    };
    const leave = (e: DragEvent) => {
      if (!carriesFiles(e)) return;
      depth = Math.max(0, depth - 1);
      if (depth === 0) setDragging(false);
    };
    const drop = (e: DragEvent) => {
      if (!carriesFiles(e)) return;
      e.preventDefault();
      depth = 0;
      setDragging(false);
      const files = Array.from(e.dataTransfer?.files ?? []);
      if (files.length > 0) latest.current(files);
    };
    window.addEventListener('dragenter', enter);
    window.addEventListener('dragover', over);
    window.addEventListener('dragleave', leave);
    window.addEventListener('drop', drop);
    return () => {
      window.removeEventListener('dragenter', enter);
      window.removeEventListener('dragover', over);
      window.removeEventListener('dragleave', leave);
      window.removeEventListener('drop', drop);
    };
  }, []);
  return dragging;
}

// Browser mode's walk through the disk's folders (the page cannot see the disk): the folder shown,
// one up, its sub-folders to open, through files:folders. Under Electron the system's own folder
// dialog is used instead (window.samizdatFiles.folder()). The dialogs around it (sync's choice of an
// existing folder, the plain-text export's with a new folder inside) add their own fields.

import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Button } from 'react-aria-components';
import type { FolderListing } from '../../shared/view-models.js';
import { useChannel } from '../data/query.js';
import type { Namespace } from '../i18n/catalogues.js';
import { ErrorText } from './ErrorText.js';

/** Browser mode serves the page over http: from `samizdat ui`; Electron from its own protocol (bridge.ts decides the same way). */
export const inBrowserMode = (): boolean => window.location.protocol === 'http:';

/** The folder being looked at (null: the home folder) and its listing, while `isOpen`. */
export function useFolderListing(isOpen: boolean) {
  const [dir, setDir] = useState<string | null>(null);
  const listing = useChannel('files:folders', { dir }, { enabled: isOpen, staleTime: 0 });
  return { here: listing.data, error: listing.error, open: setDir };
}

export function FolderBrowser({ here, error, open, screen }: { here: FolderListing | undefined; error: unknown; open: (dir: string | null) => void; screen: Namespace }) {
  const { t } = useTranslation('common');
  if (error) return <ErrorText error={error} screen={screen} />;
  if (!here) return <p className="muted">{t('loading')}</p>;
  return (
    <>
      <p className="folder-here">
        <span className="muted">{t('folders.current')} </span>
        <code>{here.dir}</code>
      </p>
      <div className="actions">
        <Button onPress={() => open(here.parent)} isDisabled={here.parent === null}>
          {t('folders.up')}
        </Button>
      </div>
      <nav aria-label={t('folders.list')} className="folder-list">
        {here.folders.length === 0 ? (
          <p className="muted">{t('folders.empty')}</p>
        ) : (
          <ul>
            {here.folders.map((f) => (
              <li key={f.path}>
                <Button className="folder-item" onPress={() => open(f.path)}>
                  <bdi>{f.name}</bdi>
                </Button>
              </li>
            ))}
          </ul>
        )}
      </nav>
    </>
  );
}

// Browser mode's choice of an existing folder (a drop folder to sync with): the page cannot see
// the disk, so this dialog walks it through files:folders, from the home folder down. Under
// Electron the system's own folder dialog is used instead (window.samizdatFiles.folder()). Unlike
// the plain-text export's picker (statements/FolderPicker.tsx), it makes no new folder: a sync
// needs one that exists.

import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Button } from 'react-aria-components';
import { Dialog } from '../../components/Dialog.js';
import { ErrorText } from '../../components/ErrorText.js';
import { filesApi } from '../../bridge-files-dom.js';
import { useChannel } from '../../data/query.js';
import { inBrowserMode } from '../statements/FolderPicker.js';

export function FolderChooser({ isOpen, title, choose, onChoose, onClose }: { isOpen: boolean; title: string; choose: string; onChoose: (dir: string) => void; onClose: () => void }) {
  const { t } = useTranslation('exchange');
  const [dir, setDir] = useState<string | null>(null);
  const listing = useChannel('files:folders', { dir }, { enabled: isOpen, staleTime: 0 });
  const here = listing.data;
  return (
    <Dialog title={title} isOpen={isOpen} onClose={onClose}>
      {listing.error && <ErrorText error={listing.error} screen="exchange" />}
      {here && (
        <>
          <p className="folder-here">
            <span className="muted">{t('folders.current')} </span>
            <code>{here.dir}</code>
          </p>
          <div className="actions">
            <Button onPress={() => setDir(here.parent)} isDisabled={here.parent === null}>
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
                    <Button className="folder-item" onPress={() => setDir(f.path)}>
                      <bdi>{f.name}</bdi>
                    </Button>
                  </li>
                ))}
              </ul>
            )}
          </nav>
        </>
      )}
      {!here && !listing.error && <p className="muted">{t('loading', { ns: 'common' })}</p>}
      <div className="actions">
        <Button onPress={onClose}>{t('cancel', { ns: 'common' })}</Button>
        <Button className="primary" isDisabled={!here} onPress={() => here && onChoose(here.dir)}>
          {choose}
        </Button>
      </div>
    </Dialog>
  );
}

/** A folder chosen the way this shell can: the system's dialog (Electron), else the chooser above (browser mode). */
export function useFolderChoice() {
  const [choosing, setChoosing] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const ask = (onChosen: (dir: string) => void) => {
    setError(null);
    if (inBrowserMode()) {
      setChoosing(true);
      return;
    }
    let asked: Promise<string | null>;
    try {
      asked = filesApi().folder();
    } catch (err) {
      setError(err);
      return;
    }
    asked.then((dir) => dir && onChosen(dir), setError);
  };
  return { choosing, close: () => setChoosing(false), ask, error };
}

// Browser mode's choice of an existing folder (a drop folder to sync with): the page cannot see
// the disk, so this dialog walks it through files:folders, from the home folder down. Under
// Electron the system's own folder dialog is used instead (window.samizdatFiles.folder()). Unlike
// the plain-text export's picker (statements/FolderPicker.tsx; both walk with components/FolderBrowser), it makes no new folder: a sync
// needs one that exists.

import { useState } from 'react';
import { Button } from 'react-aria-components';
import { useTranslation } from 'react-i18next';
import { Dialog } from '../../components/Dialog.js';
import { FolderBrowser, inBrowserMode, useFolderListing } from '../../components/FolderBrowser.js';
import { filesApi } from '../../bridge-files-dom.js';

export function FolderChooser({ isOpen, title, choose, onChoose, onClose }: { isOpen: boolean; title: string; choose: string; onChoose: (dir: string) => void; onClose: () => void }) {
  const { t } = useTranslation('common');
  const folders = useFolderListing(isOpen);
  const { here } = folders;
  return (
    <Dialog title={title} isOpen={isOpen} onClose={onClose}>
      <FolderBrowser {...folders} screen="exchange" />
      <div className="actions">
        <Button onPress={onClose}>{t('cancel')}</Button>
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

// Choosing the folder a plain-text export is written into. Under Electron: the system's own folder
// dialog (window.samizdatFiles.folder()). In browser mode the page cannot see the disk, so this
// dialog walks it through files:folders: the folder shown, its sub-folders to open, one up, and an
// optional new folder to create inside it (the export creates it). No path is ever typed whole.

import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Button, Input, Label, Text, TextField } from 'react-aria-components';
import { Dialog } from '../../components/Dialog.js';
import { FolderBrowser, useFolderListing } from '../../components/FolderBrowser.js';
import { folderNameOf, joinPath } from './paths.js';

export { inBrowserMode } from '../../components/FolderBrowser.js';

export interface FolderPickerProps {
  isOpen: boolean;
  title: string;
  /** A new folder to propose inside the chosen one (the person may clear it). */
  suggestedName: string;
  onChoose: (dir: string) => void;
  onClose: () => void;
}

export function FolderPickerDialog({ isOpen, title, suggestedName, onChoose, onClose }: FolderPickerProps) {
  const { t } = useTranslation('statements');
  const folders = useFolderListing(isOpen);
  const [name, setName] = useState(suggestedName);
  // Each time it opens: where the person was last (kept), the name proposed afresh.
  useEffect(() => {
    if (isOpen) setName(suggestedName);
  }, [isOpen, suggestedName]);
  const { here } = folders;
  const cleanName = folderNameOf(name);
  return (
    <Dialog title={title} isOpen={isOpen} onClose={onClose}>
      <FolderBrowser {...folders} screen="statements" />
      {here && (
        <>
          <TextField className="field" value={name} onChange={setName}>
            <Label>{t('folders.newName')}</Label>
            <Input />
            <Text slot="description">{t('folders.newName.hint')}</Text>
          </TextField>
          <p className="muted">
            {t('folders.target')} <code>{joinPath(here.dir, cleanName)}</code>
          </p>
        </>
      )}
      <div className="actions">
        <Button onPress={onClose}>{t('cancel', { ns: 'common' })}</Button>
        <Button className="primary" isDisabled={!here} onPress={() => here && onChoose(joinPath(here.dir, cleanName))}>
          {t('folders.choose')}
        </Button>
      </div>
    </Dialog>
  );
}

// Choosing the folder a plain-text export is written into. Under Electron: the system's own folder
// dialog (window.samizdatFiles.folder()). In browser mode the page cannot see the disk, so this
// dialog walks it through files:folders: the folder shown, its sub-folders to open, one up, and an
// optional new folder to create inside it (the export creates it). No path is ever typed whole.

import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Button, Input, Label, Text, TextField } from 'react-aria-components';
import { Dialog } from '../../components/Dialog.js';
import { ErrorText } from '../../components/ErrorText.js';
import { useChannel } from '../../data/query.js';
import { folderNameOf, joinPath } from './paths.js';

/** Browser mode serves the page over http: from `samizdat ui`; Electron from its own protocol (bridge.ts decides the same way). */
export const inBrowserMode = (): boolean => window.location.protocol === 'http:';

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
  const [dir, setDir] = useState<string | null>(null);
  const [name, setName] = useState(suggestedName);
  // Each time it opens: where the person was last (kept), the name proposed afresh.
  useEffect(() => {
    if (isOpen) setName(suggestedName);
  }, [isOpen, suggestedName]);
  const listing = useChannel('files:folders', { dir }, { enabled: isOpen, staleTime: 0 });
  const here = listing.data;
  const cleanName = folderNameOf(name);
  return (
    <Dialog title={title} isOpen={isOpen} onClose={onClose}>
      {listing.error && <ErrorText error={listing.error} screen="statements" />}
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
      {!here && !listing.error && <p className="muted">{t('loading', { ns: 'common' })}</p>}
      <div className="actions">
        <Button onPress={onClose}>{t('cancel', { ns: 'common' })}</Button>
        <Button className="primary" isDisabled={!here} onPress={() => here && onChoose(joinPath(here.dir, cleanName))}>
          {t('folders.choose')}
        </Button>
      </div>
    </Dialog>
  );
}

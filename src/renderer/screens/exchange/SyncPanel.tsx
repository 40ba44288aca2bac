// Syncing with a drop folder: a stick, or a folder (a shared one, one that Syncthing carries).
// What sync does, in one honest sentence: it brings in what is new, writes what the folder lacks,
// and deletes nothing of anyone else's (it only tidies away its own unfinished files).

import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Button, Radio, RadioGroup } from 'react-aria-components';
import type { RemovableDrive } from '../../../shared/view-models.js';
import { ErrorText } from '../../components/ErrorText.js';
import { DriveText } from './Drives.js';
import { FolderChooser, useFolderChoice } from './FolderChooser.js';
import { useStartJob } from './jobs.js';

const FOLDER = 'folder';

export function SyncPanel({ drives }: { drives: RemovableDrive[] | undefined }) {
  const { t } = useTranslation('exchange');
  const [choice, setChoice] = useState<string | null>(null);
  const [folder, setFolder] = useState<string | null>(null);
  const { start, action } = useStartJob('bundles:sync');
  const folders = useFolderChoice();
  const chosen = choice ?? (drives && drives.length > 0 ? (drives[0] as RemovableDrive).path : FOLDER);
  const drive = chosen === FOLDER ? null : (drives?.find((d) => d.path === chosen) ?? null);

  const syncWith = (dir: string, label: string | null) => {
    action.reset();
    void start({ dir }, { source: label === null ? { kind: 'folder', path: dir } : { kind: 'drive', label, path: dir } });
  };
  /** Choosing a folder; `andSync` when the person pressed Sync before any folder was chosen. */
  const [syncAfter, setSyncAfter] = useState(false);
  const chosenFolder = (dir: string, andSync: boolean) => {
    setFolder(dir);
    setChoice(FOLDER);
    if (andSync) syncWith(dir, null);
  };
  const askFolder = (andSync: boolean) => {
    setSyncAfter(andSync);
    folders.ask((dir) => chosenFolder(dir, andSync));
  };
  const go = () => {
    if (drive) syncWith(drive.path, drive.label);
    else if (folder) syncWith(folder, null);
    else askFolder(true);
  };

  return (
    <div className="exchange-panel">
      <p className="panel-intro">{t('sync.intro')}</p>
      <section aria-labelledby="sync-with" className="panel-part">
        <h2 id="sync-with" className="part-heading">{t('sync.with')}</h2>
        <RadioGroup className="radio-group" value={chosen} onChange={setChoice} aria-labelledby="sync-with">
          {(drives ?? []).map((d) => (
            <Radio key={d.path} value={d.path} className="radio">
              <span>
                {t('sync.stick')} <DriveText drive={d} />
              </span>
            </Radio>
          ))}
          <Radio value={FOLDER} className="radio">
            {folder ? t('sync.thisFolder', { path: folder }) : t('sync.folder')}
          </Radio>
        </RadioGroup>
        {chosen === FOLDER && folder && (
          <div className="actions">
            <Button onPress={() => askFolder(false)}>{t('sync.otherFolder')}</Button>
          </div>
        )}
      </section>
      <div className="actions">
        <Button className="primary" onPress={go} isDisabled={action.isPending || (chosen !== FOLDER && drive === null)}>
          {chosen === FOLDER && !folder ? t('sync.chooseAndGo') : t('sync.go')}
        </Button>
      </div>
      {action.error && <ErrorText error={action.error} screen="exchange" />}
      {folders.error !== null && <ErrorText error={folders.error} screen="exchange" />}
      <FolderChooser
        isOpen={folders.choosing}
        title={t('sync.chooseTitle')}
        choose={t('sync.chooseHere')}
        onClose={folders.close}
        onChoose={(dir) => {
          folders.close();
          chosenFolder(dir, syncAfter);
        }}
      />
    </div>
  );
}

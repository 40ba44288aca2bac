// Bringing bundles in: every bundle on a stick (the drive's folder, which the import reads for its
// *.samizdat files), files chosen with the system's own picker, or files dropped on the window.
// The job's progress and its report appear under the panels (Activity.tsx).

import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Button } from 'react-aria-components';
import type { RemovableDrive } from '../../../shared/view-models.js';
import { ErrorText } from '../../components/ErrorText.js';
import { filesApi } from '../../bridge-files-dom.js';
import { DriveText, NoDrives } from './Drives.js';
import { useStartJob } from './jobs.js';
import { baseName } from './outcome.js';

const isBundleName = (name: string): boolean => name.toLowerCase().endsWith('.samizdat');

/** The import's ways in, for the panel and for files dropped anywhere on the place. */
export function useImporter() {
  const { start, action } = useStartJob('bundles:import');
  const [handing, setHanding] = useState(false);
  const [problem, setProblem] = useState<unknown>(null);
  const [skipped, setSkipped] = useState<string[]>([]);

  const begin = () => {
    setProblem(null);
    setSkipped([]);
    action.reset();
  };

  const fromDrive = (drive: RemovableDrive) => {
    begin();
    void start({ paths: [drive.path] }, { source: { kind: 'drive', label: drive.label, path: drive.path } });
  };

  /** Opens the picker at once, within the press (a browser shows it only then). */
  const fromFiles = () => {
    begin();
    let picked: Promise<string[] | null>;
    try {
      picked = filesApi().open({ purpose: 'bundle', multiple: true });
    } catch (err) {
      setProblem(err);
      return;
    }
    setHanding(true);
    picked
      .then((paths) => {
        if (paths && paths.length > 0) return start({ paths }, { source: { kind: 'files', names: paths.map(baseName) } });
        return null;
      }, setProblem)
      .finally(() => setHanding(false));
  };

  /** Only .samizdat files are handed over: anything else dropped is named, not uploaded. */
  const fromDropped = (files: File[]) => {
    begin();
    const bundles = files.filter((f) => isBundleName(f.name));
    setSkipped(files.filter((f) => !isBundleName(f.name)).map((f) => f.name));
    if (bundles.length === 0) return;
    setHanding(true);
    let handed: Promise<string[]>;
    try {
      handed = filesApi().dropped(bundles);
    } catch (err) {
      setProblem(err);
      setHanding(false);
      return;
    }
    handed
      .then((paths) => start({ paths }, { source: { kind: 'dropped', names: bundles.map((f) => f.name) } }), setProblem)
      .finally(() => setHanding(false));
  };

  return { fromDrive, fromFiles, fromDropped, handing, starting: action.isPending, error: action.error ?? problem, skipped };
}

export type Importer = ReturnType<typeof useImporter>;

export function ImportPanel({ importer, drives, drivesError }: { importer: Importer; drives: RemovableDrive[] | undefined; drivesError: unknown }) {
  const { t } = useTranslation('exchange');
  const busy = importer.handing || importer.starting;
  return (
    <div className="exchange-panel">
      <p className="panel-intro">{t('import.intro')}</p>
      <section aria-labelledby="import-from-stick" className="panel-part">
        <h2 id="import-from-stick" className="part-heading">{t('import.fromStick')}</h2>
        {drives && drives.length > 0 ? (
          <ul className="drive-list">
            {drives.map((d) => (
              <li key={d.path}>
                <DriveText drive={d} />
                <Button onPress={() => importer.fromDrive(d)} isDisabled={busy} aria-label={t('import.fromDrive.label', { label: d.label })}>
                  {t('import.fromDrive')}
                </Button>
              </li>
            ))}
          </ul>
        ) : (
          <NoDrives error={drivesError} />
        )}
      </section>
      <section aria-labelledby="import-from-files" className="panel-part">
        <h2 id="import-from-files" className="part-heading">{t('import.fromFiles')}</h2>
        <div className="actions">
          <Button className="primary" onPress={importer.fromFiles} isDisabled={busy}>
            {importer.handing ? t('import.handing') : t('import.choose')}
          </Button>
        </div>
        <p className="muted drop-hint">{t('import.dropHint')}</p>
      </section>
      {importer.skipped.length > 0 && <p className="error" role="alert">{t('import.notBundles', { names: importer.skipped.join(', '), count: importer.skipped.length })}</p>}
      {importer.error !== null && <ErrorText error={importer.error} screen="exchange" />}
    </div>
  );
}

// A released statement as plain text, for people without Samizdat: its text with signatures that
// signify and minisign check, and a VERIFY.txt saying how (text:export, into a folder). The same as
// a statement's own "Save as plain text", reachable from here with a statement picked.

import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Button } from 'react-aria-components';
import type { TextExportResult } from '../../../shared/view-models.js';
import { filesApi } from '../../bridge-files-dom.js';
import { ErrorText } from '../../components/ErrorText.js';
import { ApiError } from '../../data/api.js';
import { useAction } from '../../data/query.js';
import { FolderPickerDialog, inBrowserMode } from '../statements/FolderPicker.js';
import { folderNameOf } from '../statements/paths.js';
import { baseName } from './outcome.js';
import { ChosenStatements, StatementPicker, useStatementsShown } from './StatementPicker.js';

export function TextPanel() {
  const { t } = useTranslation('exchange');
  const [id, setId] = useState<string | null>(null);
  const [picking, setPicking] = useState(false);
  const [choosingFolder, setChoosingFolder] = useState(false);
  const [dir, setDir] = useState<string | null>(null);
  const [result, setResult] = useState<TextExportResult | null>(null);
  const [folderError, setFolderError] = useState<unknown>(null);
  const save = useAction('text:export', { onSuccess: (r) => setResult(r) });
  const shown = useStatementsShown(id ? [id] : []);
  const statement = shown[0]?.data;
  const exists = save.error instanceof ApiError && save.error.code === 'interop.files-exist';

  const into = (folder: string) => {
    if (!id) return;
    setDir(folder);
    save.mutate({ id, dir: folder });
  };
  const start = () => {
    setResult(null);
    setFolderError(null);
    save.reset();
    if (inBrowserMode()) {
      setChoosingFolder(true);
      return;
    }
    let asked: Promise<string | null>;
    try {
      asked = filesApi().folder();
    } catch (err) {
      setFolderError(err);
      return;
    }
    asked.then((folder) => folder && into(folder), setFolderError);
  };

  return (
    <div className="exchange-panel">
      <p className="panel-intro">{t('text.intro')}</p>
      <section aria-labelledby="text-what" className="panel-part">
        <h2 id="text-what" className="part-heading">{t('text.what')}</h2>
        {id ? <ChosenStatements ids={[id]} shown={shown} onRemove={() => setId(null)} /> : <p className="muted">{t('text.noneChosen')}</p>}
        <div className="actions">
          <Button onPress={() => setPicking(true)}>{id ? t('text.pickOther') : t('text.pick')}</Button>
        </div>
      </section>
      <div className="actions">
        <Button className="primary" onPress={start} isDisabled={!statement || save.isPending}>
          {save.isPending ? t('text.saving') : t('text.go')}
        </Button>
      </div>
      <div className="text-outcome" role="status">
        {result && t('text.done', { dir: result.dir, files: result.files.map(baseName).join(', ') })}
      </div>
      {save.error && (
        <div className="text-error">
          {/* The plain-text export's own errors are worded where a statement's page words them. */}
          <ErrorText error={save.error} screen="statements" />
          {exists && dir && id && (
            <Button className="danger" onPress={() => save.mutate({ id, dir, force: true })}>
              {t('text.replace')}
            </Button>
          )}
        </div>
      )}
      {folderError !== null && <ErrorText error={folderError} screen="exchange" />}
      <StatementPicker
        isOpen={picking}
        title={t('picker.title.text')}
        multiple={false}
        chosen={id ? [id] : []}
        onClose={() => setPicking(false)}
        onChoose={(ids) => {
          setPicking(false);
          setId(ids[0] ?? null);
          setResult(null);
          save.reset();
        }}
      />
      <FolderPickerDialog
        isOpen={choosingFolder}
        title={t('text.folderTitle')}
        suggestedName={statement ? folderNameOf(statement.title) : ''}
        onClose={() => setChoosingFolder(false)}
        onChoose={(folder) => {
          setChoosingFolder(false);
          into(folder);
        }}
      />
    </div>
  );
}

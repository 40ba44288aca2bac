// Sending statements: the ones chosen (from a statement's Export, or picked here among the
// released), how the bundle travels, and where it goes: a stick (`<stick>/<name>.samizdat`, never
// over an existing file) or a file saved with the system's own dialog (a download in browser
// mode). A draft in clear asks first: anyone who finds the stick could read it.

import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Button, Checkbox, CheckboxGroup, Input, Label, Radio, RadioGroup, Text, TextField } from 'react-aria-components';
import type { ExportArgs } from '../../../shared/contract.js';
import type { ExportMode, GroupId, RemovableDrive } from '../../../shared/view-models.js';
import { filesApi } from '../../bridge-files-dom.js';
import { Dialog } from '../../components/Dialog.js';
import { ErrorText } from '../../components/ErrorText.js';
import { GroupName } from '../../components/GroupName.js';
import { PassphraseField } from '../../components/PassphraseField.js';
import { useChannel } from '../../data/query.js';
import { folderNameOf } from '../statements/paths.js';
import { DriveText } from './Drives.js';
import { bundleName, bundlePathIn } from './drives.js';
import { useStartJob } from './jobs.js';
import { baseName } from './outcome.js';
import { ChosenStatements, StatementPicker, useStatementsShown } from './StatementPicker.js';

const MODES: readonly ExportMode[] = ['auto', 'members', 'passphrase', 'clear'];
/** As the contract asks of a bundle's passphrase. */
const MIN_PASSPHRASE = 8;
const FILE = 'file';

type Problem = 'none-chosen' | 'no-groups' | 'short' | 'mismatch' | 'no-name' | 'no-drive';

const today = (): string => new Date().toISOString().slice(0, 10);

export function ExportPanel({ initialIds, drives }: { initialIds: string[]; drives: RemovableDrive[] | undefined }) {
  const { t } = useTranslation('exchange');
  const [ids, setIds] = useState<string[]>(initialIds);
  const [picking, setPicking] = useState(false);
  const [mode, setMode] = useState<ExportMode>('auto');
  const [to, setTo] = useState<GroupId[]>([]);
  const [passphrase, setPassphrase] = useState('');
  const [confirm, setConfirm] = useState('');
  const [target, setTarget] = useState<string | null>(null);
  const [typedName, setTypedName] = useState<string | null>(null);
  const [problem, setProblem] = useState<Problem | null>(null);
  const [confirmClear, setConfirmClear] = useState(false);
  const [saveError, setSaveError] = useState<unknown>(null);
  const { start, action } = useStartJob('bundles:export');
  const shown = useStatementsShown(ids);
  const groups = useChannel('groups:list', {}, { enabled: mode === 'members' });

  const statements = shown.flatMap((q) => (q.data ? [q.data] : []));
  const loading = shown.some((q) => q.isPending);
  const drafts = statements.filter((s) => !s.released);
  const first = statements[0];
  const proposedName = ids.length === 1 && first ? folderNameOf(first.title) || `samizdat-${today()}` : `samizdat-${today()}`;
  const name = typedName ?? proposedName;
  // A stick until the person chooses otherwise, when one is plugged in.
  const chosenTarget = target ?? (drives && drives.length > 0 ? (drives[0] as RemovableDrive).path : FILE);
  const drive = chosenTarget === FILE ? null : (drives?.find((d) => d.path === chosenTarget) ?? null);
  const drivePulled = chosenTarget !== FILE && drives !== undefined && drive === null;

  const problemOf = (): Problem | null => {
    if (ids.length === 0) return 'none-chosen';
    if (mode === 'members' && to.length === 0) return 'no-groups';
    if (mode === 'passphrase' && [...passphrase].length < MIN_PASSPHRASE) return 'short';
    if (mode === 'passphrase' && passphrase !== confirm) return 'mismatch';
    if (chosenTarget !== FILE && drive === null) return 'no-drive';
    if (chosenTarget !== FILE && bundleName(name) === '') return 'no-name';
    return null;
  };

  const argsFor = (out: string): ExportArgs => {
    switch (mode) {
      case 'members':
        return { ids, out, mode, to };
      case 'passphrase':
        return { ids, out, mode, passphrase };
      default:
        return { ids, out, mode };
    }
  };

  const afterStart = (jobId: string | null) => {
    if (jobId === null) return;
    setPassphrase('');
    setConfirm('');
  };

  const go = (confirmed: boolean) => {
    setSaveError(null);
    action.reset();
    const found = problemOf();
    setProblem(found);
    if (found) return;
    if (mode === 'clear' && drafts.length > 0 && !confirmed) {
      setConfirmClear(true);
      return;
    }
    setConfirmClear(false);
    if (drive) {
      const out = bundlePathIn(drive.path, name);
      void start(argsFor(out), { source: { kind: 'drive', label: drive.label, path: out } }).then(afterStart);
      return;
    }
    // The save dialog opens at once, within the press.
    let saving;
    try {
      saving = filesApi().save({ purpose: 'bundle', suggestedName: bundleName(name) || `samizdat-${today()}` });
    } catch (err) {
      setSaveError(err);
      return;
    }
    saving.then((chosen) => {
      if (!chosen) return;
      void start(argsFor(chosen.path), { source: { kind: 'file', name: baseName(chosen.path) }, download: chosen }).then(afterStart);
    }, setSaveError);
  };

  const problemWords = problem ? t(`export.problem.${problem}`) : null;

  return (
    <div className="exchange-panel">
      <p className="panel-intro">{t('export.intro')}</p>

      <section aria-labelledby="export-what" className="panel-part">
        <h2 id="export-what" className="part-heading">{t('export.what')}</h2>
        {ids.length === 0 ? <p className="muted">{t('export.noneChosen')}</p> : <ChosenStatements ids={ids} shown={shown} onRemove={(id) => setIds(ids.filter((x) => x !== id))} />}
        <div className="actions">
          <Button onPress={() => setPicking(true)}>{ids.length === 0 ? t('export.pick') : t('export.pickMore')}</Button>
        </div>
        {problem === 'none-chosen' && (
          <p className="error" role="alert">
            {problemWords}
          </p>
        )}
      </section>

      <section aria-labelledby="export-how" className="panel-part">
        <h2 id="export-how" className="part-heading">{t('export.how')}</h2>
        <RadioGroup className="radio-group" value={mode} onChange={(v) => setMode(v as ExportMode)} aria-labelledby="export-how">
          {MODES.map((m) => (
            <Radio key={m} value={m} className="radio radio-described">
              <span>
                <span className="radio-title">{t(`mode.${m}`)}</span>
                <span className="radio-about muted">{t(`mode.${m}.about`)}</span>
              </span>
            </Radio>
          ))}
        </RadioGroup>
        {mode === 'members' && (
          <div className="mode-details">
            {groups.error && <ErrorText error={groups.error} screen="exchange" />}
            {groups.data && (
              <CheckboxGroup className="checkbox-group" value={to} onChange={setTo} isInvalid={problem === 'no-groups'}>
                <Label>{t('export.to')}</Label>
                {[...groups.data]
                  .sort((a, b) => Number(b.mine) - Number(a.mine))
                  .map((g) => (
                    <Checkbox key={g.groupId} value={g.groupId} className="checkbox">
                      <span className="checkbox-box" aria-hidden="true" />
                      <span>
                        <GroupName group={{ name: g.name, trust: g.state }} />{' '}
                        <span className="muted">{t('export.members', { count: g.members })}</span>
                      </span>
                    </Checkbox>
                  ))}
              </CheckboxGroup>
            )}
            {problem === 'no-groups' && (
              <p className="error" role="alert">
                {problemWords}
              </p>
            )}
          </div>
        )}
        {mode === 'passphrase' && (
          <div className="mode-details">
            <PassphraseField
              label={t('export.passphrase')}
              value={passphrase}
              onChange={(v) => {
                setPassphrase(v);
                if (problem === 'short') setProblem(null);
              }}
              autoComplete="new-password"
              description={t('export.passphrase.hint')}
              error={problem === 'short' ? problemWords : null}
            />
            <PassphraseField
              label={t('export.passphrase.confirm')}
              value={confirm}
              onChange={(v) => {
                setConfirm(v);
                if (problem === 'mismatch') setProblem(null);
              }}
              autoComplete="new-password"
              error={problem === 'mismatch' ? problemWords : null}
            />
          </div>
        )}
        {mode === 'clear' && drafts.length > 0 && (
          <p className="warning-note" role="note">
            {t('export.clearDrafts', { count: drafts.length })}
          </p>
        )}
      </section>

      <section aria-labelledby="export-where" className="panel-part">
        <h2 id="export-where" className="part-heading">{t('export.where')}</h2>
        <RadioGroup className="radio-group" value={chosenTarget} onChange={setTarget} aria-labelledby="export-where">
          {(drives ?? []).map((d) => (
            <Radio key={d.path} value={d.path} className="radio">
              <span>
                {t('export.toStick')} <DriveText drive={d} />
              </span>
            </Radio>
          ))}
          {drivePulled && (
            <Radio value={chosenTarget} className="radio" isDisabled>
              {t('export.stickGone')}
            </Radio>
          )}
          <Radio value={FILE} className="radio">
            {t('export.toFile')}
          </Radio>
        </RadioGroup>
        <TextField className="field name-field" value={name} onChange={setTypedName} isInvalid={problem === 'no-name'}>
          <Label>{t('export.name')}</Label>
          <Input spellCheck={false} />
          <Text slot="description">{drive ? t('export.name.stick', { path: bundlePathIn(drive.path, name) }) : t('export.name.file')}</Text>
        </TextField>
        {(problem === 'no-name' || problem === 'no-drive') && (
          <p className="error" role="alert">
            {problemWords}
          </p>
        )}
      </section>

      <div className="actions">
        <Button className="primary" onPress={() => go(false)} isDisabled={action.isPending || loading}>
          {action.isPending ? t('export.starting') : t('export.go')}
        </Button>
      </div>
      {action.error && <ErrorText error={action.error} screen="exchange" />}
      {saveError !== null && <ErrorText error={saveError} screen="exchange" />}

      <StatementPicker
        isOpen={picking}
        title={t('picker.title.export')}
        multiple
        chosen={ids}
        onClose={() => setPicking(false)}
        onChoose={(chosen) => {
          setPicking(false);
          // Those chosen before (a draft from its own page) stay first, in their order.
          setIds([...ids.filter((id) => chosen.includes(id)), ...chosen.filter((id) => !ids.includes(id))]);
          if (problem === 'none-chosen') setProblem(null);
        }}
      />
      <Dialog title={t('clear.title')} isOpen={confirmClear} onClose={() => setConfirmClear(false)} alert>
        <p>{t('clear.body', { count: drafts.length })}</p>
        <ul className="clear-drafts">
          {drafts.map((s) => (
            <li key={s.id}>
              <bdi lang={s.lang} className="quoted-title">
                {s.title}
              </bdi>
            </li>
          ))}
        </ul>
        <p>{t('clear.instead')}</p>
        <div className="actions">
          <Button className="primary" autoFocus onPress={() => setConfirmClear(false)}>
            {t('clear.back')}
          </Button>
          <Button className="danger" onPress={() => go(true)}>
            {t('clear.confirm')}
          </Button>
        </div>
      </Dialog>
    </div>
  );
}

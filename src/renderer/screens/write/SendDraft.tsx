// Sending the draft to its groups' members: exported in mode `auto` (a draft is encrypted to the
// current members of its author groups; a released statement goes in clear, and the words say so
// before anything is written), onto a stick (the drives mounted now, asked again every few seconds)
// or into a file chosen with the save dialog (browser mode: downloaded once written). The job's
// progress in words from its step, its outcome from its details, never from its English summary.

import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Button, FieldError, Input, Label, Radio, RadioGroup, Text, TextField } from 'react-aria-components';
import type { SaveTarget } from '../../../shared/files.js';
import type { ExportResult, GroupSummary, JobView, RemovableDrive, StatementView } from '../../../shared/view-models.js';
import { filesApi } from '../../bridge-files-dom.js';
import { ErrorText } from '../../components/ErrorText.js';
import { ProgressBar } from '../../components/ProgressBar.js';
import { ApiError } from '../../data/api.js';
import { useJob } from '../../data/job.js';
import { useAction, useChannel } from '../../data/query.js';
import { useFormat } from '../../i18n/format.js';
import { useIntlWords } from '../statements/words.js';
import { baseName, bundleFileName, bundleOnDrive, typedFileName } from './compose.js';
import { exportProgress } from './progress.js';

/** How often the drives are asked for while this step is shown: a stick plugged in shows within moments. */
const DRIVES_EVERY_MS = 3_000;
const FILE = '*file';

interface Sending {
  jobId: string;
  /** Browser mode's download of a file export; null for a drive, or under Electron. */
  target: SaveTarget | null;
  /** The drive's label, or null for a file. */
  drive: string | null;
}

export function SendDraft({ statement, groups }: { statement: StatementView; groups: GroupSummary[] | undefined }) {
  const { t } = useTranslation('write');
  const words = useIntlWords();
  const drives = useChannel('drives:list', {}, { refetchInterval: DRIVES_EVERY_MS, staleTime: 0 });
  const [where, setWhere] = useState<string | null>(null);
  const [name, setName] = useState(() => bundleFileName(statement.title, statement.id.slice(0, 12)));
  const [nameProblem, setNameProblem] = useState(false);
  const [sending, setSending] = useState<Sending | null>(null);
  const [startError, setStartError] = useState<unknown>(null);
  const exportAction = useAction('bundles:export');
  const list = drives.data ?? [];
  // The choice follows the sticks: the first one plugged in, the file when the chosen one is pulled.
  const chosen = where !== null && (where === FILE || list.some((d) => d.path === where)) ? where : (list[0]?.path ?? FILE);
  const drive = list.find((d) => d.path === chosen) ?? null;
  const released = statement.status === 'released';
  const authors = new Set(statement.authors.map((a) => a.groupId));
  const authorGroups = (groups ?? []).filter((g) => authors.has(g.groupId));
  const members = authorGroups.reduce((n, g) => n + g.members, 0);

  const start = async (out: string, target: SaveTarget | null, label: string | null) => {
    try {
      const { jobId } = await exportAction.mutateAsync({ ids: [statement.id], out, mode: 'auto' });
      setSending({ jobId, target, drive: label });
    } catch {
      // in exportAction.error, worded below
    }
  };

  const send = () => {
    setStartError(null);
    exportAction.reset();
    setSending(null);
    if (drive) {
      const file = typedFileName(name);
      setNameProblem(file === null);
      if (file !== null) void start(bundleOnDrive(drive.path, file), null, drive.label);
      return;
    }
    // The save dialog, within the click.
    let saving: Promise<SaveTarget | null>;
    try {
      saving = filesApi().save({ purpose: 'bundle', suggestedName: typedFileName(name) ?? bundleFileName(statement.title, 'samizdat') });
    } catch (err) {
      setStartError(err);
      return;
    }
    saving.then(
      (target) => target && start(target.path, target.download === null ? null : target, null),
      (err: unknown) => setStartError(err),
    );
  };

  const job = useJob(sending?.jobId ?? null);
  const view = job.data ?? null;
  const running = sending !== null && (view === null || view.state === 'running');

  return (
    <section className="draft-step" aria-labelledby="send-heading">
      <h2 id="send-heading">{t('send.heading')}</h2>
      <p>
        {released
          ? t('send.clear')
          : authorGroups.length > 0
            ? t('send.encrypted', { groups: words.list(authorGroups.map((g) => g.name)), count: members })
            : t('send.encryptedUnknown')}
      </p>
      <RadioGroup className="radio-group send-where" value={chosen} onChange={setWhere} isDisabled={running}>
        <Label>{t('send.where')}</Label>
        {list.map((d) => (
          <Radio key={d.path} value={d.path} className="radio">
            <DriveWords drive={d} />
          </Radio>
        ))}
        <Radio value={FILE} className="radio">
          {t('send.file')}
        </Radio>
        <Text slot="description" className="muted">
          {drives.error ? t('send.drives.unavailable') : list.length === 0 ? t('send.drives.none') : t('send.drives.hint')}
        </Text>
      </RadioGroup>
      <TextField className="field write-file-name" value={name} onChange={setName} isInvalid={nameProblem} validationBehavior="aria" isDisabled={running}>
        <Label>{t('send.name')}</Label>
        <Input spellCheck={false} />
        <Text slot="description">{drive ? t('send.name.drive', { path: bundleOnDrive(drive.path, typedFileName(name) ?? '…') }) : t('send.name.file')}</Text>
        <FieldError className="error">{t('send.name.empty')}</FieldError>
      </TextField>
      <div className="actions">
        <Button className="primary" onPress={send} isDisabled={running || exportAction.isPending}>
          {drive ? t('send.toDrive', { label: drive.label }) : t('send.toFile')}
        </Button>
      </div>
      {startError !== null && <ErrorText error={startError} screen="write" />}
      {exportAction.error && <ErrorText error={exportAction.error} screen="write" />}
      {job.error && <ErrorText error={job.error} screen="write" />}
      {sending && <SendProgress view={view} sending={sending} />}
    </section>
  );
}

function DriveWords({ drive }: { drive: RemovableDrive }) {
  const { t } = useTranslation('write');
  const format = useFormat();
  return (
    <span className="write-drive">
      <bdi className="write-drive-label">{drive.label}</bdi>{' '}
      <span className="muted">
        <bdi>{drive.path}</bdi>
        {drive.freeBytes !== null && <> · {t('send.drive.free', { free: format.bytes(drive.freeBytes) })}</>}
      </span>
    </span>
  );
}

/** The running export in words, then what it wrote (and, in browser mode, the download handed over). */
function SendProgress({ view, sending }: { view: JobView | null; sending: Sending }) {
  const { t } = useTranslation('write');
  const [delivery, setDelivery] = useState<'none' | 'delivering' | 'delivered' | { error: unknown }>('none');
  const handedOver = useRef(false);
  const { target } = sending;
  const done = view?.state === 'done';
  useEffect(() => {
    if (!done || !target || handedOver.current) return;
    handedOver.current = true;
    setDelivery('delivering');
    let files;
    try {
      files = filesApi();
    } catch (err) {
      setDelivery({ error: err });
      return;
    }
    files.deliver(target).then(
      () => setDelivery('delivered'),
      (err: unknown) => setDelivery({ error: err }),
    );
  }, [done, target]);

  if (view === null || view.state === 'running') {
    const p = view ? exportProgress(view.progress) : { key: 'progress.starting', values: {} };
    const amount = view && view.progress.total !== null && view.progress.total > 0 && (view.progress.step === 'writing' || view.progress.step === 'encrypting');
    return <ProgressBar label={t(p.key, p.values)} done={amount ? view.progress.done : 0} total={amount ? view.progress.total : null} />;
  }
  if (view.state === 'failed') {
    const e = view.error ?? { code: 'internal', kind: 'internal' as const, message: '' };
    return <ErrorText error={new ApiError(e.code, e.kind, e.message)} screen="write" />;
  }
  const result = view.result?.details?.kind === 'export' ? view.result.details.export : null;
  return (
    <div className="done-note send-outcome" role="status">
      {result ? <Outcome result={result} drive={sending.drive} /> : <p>{t('sent.done')}</p>}
      {target && delivery === 'delivering' && <p>{t('sent.downloading')}</p>}
      {target && delivery === 'delivered' && <p>{t('sent.downloaded', { file: baseName(result?.out ?? target.path) })}</p>}
      {typeof delivery === 'object' && <ErrorText error={delivery.error} screen="write" />}
    </div>
  );
}

function Outcome({ result, drive }: { result: ExportResult; drive: string | null }) {
  const { t } = useTranslation('write');
  const format = useFormat();
  const file = baseName(result.out);
  const size = format.bytes(result.bytes);
  const written = drive ? t('sent.written.drive', { file, drive, size }) : t('sent.written.file', { file, size });
  const sealed =
    result.envelope === 'members'
      ? t('sent.members', { count: result.recipients })
      : result.envelope === 'clear'
        ? t('sent.clear')
        : t('sent.passphrase');
  return (
    <>
      <p>{written}</p>
      <p>{sealed}</p>
      {result.envelope === 'members' && <p className="muted">{t('sent.next')}</p>}
    </>
  );
}

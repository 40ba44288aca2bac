// What the exchange is doing and what it did: each running job with its progress bar (it goes on
// while the person is elsewhere), then the reports, newest first, from each job's details (never
// its English summary). An import's report: what was new, what was held, what was rejected and
// why, the groups seen for the first time (with their fingerprint, and a lookalike's warning naming
// the group it looks like), and every file that failed, as a failure. Names and file names come
// from bundles and folders, that is from anyone: they are text.

import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Button, Form } from 'react-aria-components';
import type { BundleFailure, BundleImport, Envelope, ExportResult, ImportResult, JobKind, NewGroup, ObjectCounts, Rejection, SyncResult, WireError } from '../../../shared/view-models.js';
import { useErrorWords } from '../../components/ErrorText.js';
import { GroupName } from '../../components/GroupName.js';
import { Icon, type IconName } from '../../components/Icon.js';
import { PassphraseField } from '../../components/PassphraseField.js';
import { ProgressBar } from '../../components/ProgressBar.js';
import { ApiError } from '../../data/api.js';
import { useFormat } from '../../i18n/format.js';
import { digitGroups, mixedLettersNote } from '../statements/report.js';
import { useIntlWords } from '../statements/words.js';
import { HISTORY_LIMIT, isRunning, type Entry, type Source } from './history.js';
import { JobWatcher, useAdoptJobs, useHistory, useStartJob } from './jobs.js';
import { baseName, countParts, firstSeenTrust, isEmpty, jobTone, PASSPHRASE_CODES, reasonKey, sealWords, sum, syncTone, type Tone } from './outcome.js';
import { progressWords } from './progress.js';

/** No icon for a job that went well: a shield would read as "verified", which a bundle's arrival is not. */
const TONE_ICONS: Record<Tone, IconName | null> = { ok: null, warning: 'warning', partial: 'warning', failed: 'crossed' };

const apiError = (e: WireError): ApiError => new ApiError(e.code, e.kind, e.message);
/** A download that could not be handed over: worded by its code (files.*). */
const deliveryError = (code: string): ApiError => new ApiError(code, 'io', code);

export function Activity() {
  const { t } = useTranslation('exchange');
  const { entries, clearReports } = useHistory();
  useAdoptJobs(entries);
  const running = entries.filter(isRunning);
  const finished = entries.filter((e) => !isRunning(e));
  return (
    <section className="activity" aria-labelledby="activity-heading">
      <h2 id="activity-heading">{t('activity.title')}</h2>
      {entries.map((e) => (
        <JobWatcher key={e.jobId} entry={e} />
      ))}
      {running.length > 0 && (
        <div className="running">
          <ul className="running-jobs" aria-label={t('activity.running')}>
            {running.map((e) => (
              <li key={e.jobId}>
                <RunningJob entry={e} />
              </li>
            ))}
          </ul>
          <p className="muted">{t('activity.leave')}</p>
        </div>
      )}
      {entries.length === 0 && <p className="muted">{t('activity.none')}</p>}
      {finished.length > 0 && (
        <>
          <ol className="reports" aria-label={t('activity.reports')}>
            {finished.map((e) => (
              <li key={e.jobId}>
                <Report entry={e} />
              </li>
            ))}
          </ol>
          <div className="actions reports-foot">
            <Button onPress={clearReports}>{t('activity.clear')}</Button>
            <span className="muted">{t('activity.kept', { count: HISTORY_LIMIT })}</span>
          </div>
        </>
      )}
    </section>
  );
}

const SOURCES: Record<JobKind, readonly Source['kind'][]> = {
  import: ['drive', 'files', 'dropped', 'elsewhere'],
  export: ['drive', 'file', 'elsewhere'],
  sync: ['drive', 'folder', 'elsewhere'],
};

function SourceText({ kind, source }: { kind: JobKind; source: Source }) {
  const { t } = useTranslation('exchange');
  const words = useIntlWords();
  const known = SOURCES[kind].includes(source.kind) ? source.kind : 'elsewhere';
  const values: Record<string, string> = {};
  if (source.kind === 'drive') Object.assign(values, { label: source.label, path: source.path });
  if (source.kind === 'files' || source.kind === 'dropped') values['names'] = words.list(source.names);
  if (source.kind === 'folder') values['path'] = source.path;
  if (source.kind === 'file') values['name'] = source.name;
  return <bdi className="job-source">{t(`source.${kind}.${known}`, values)}</bdi>;
}

function RunningJob({ entry }: { entry: Entry }) {
  const { t } = useTranslation('exchange');
  const format = useFormat();
  const words = entry.view ? progressWords(entry.kind, entry.view.progress) : { label: { key: `progress.starting.${entry.kind}` }, amount: null };
  const a = words.amount;
  const valueText = a ? (a.unit === 'bytes' ? t('progress.bytes', { done: format.bytes(a.done), total: format.bytes(a.total) }) : t('progress.records', { done: format.number(a.done), count: a.total })) : undefined;
  return (
    <div className="running-job">
      <p className="job-title">
        <strong>{t(`kind.${entry.kind}`)}</strong>
      </p>
      <p className="report-source">
        <SourceText kind={entry.kind} source={entry.source} />
      </p>
      <ProgressBar label={t(words.label.key, words.label.values ?? {})} done={a?.done ?? 0} total={a?.total ?? null} {...(valueText === undefined ? {} : { valueText })} />
    </div>
  );
}

function Report({ entry }: { entry: Entry }) {
  const { t } = useTranslation('exchange');
  const format = useFormat();
  const errorWords = useErrorWords('exchange');
  const tone = jobTone(entry.view, entry.lost) ?? 'ok';
  const view = entry.view;
  const details = view?.state === 'done' ? view.result?.details : null;
  const error = view?.state === 'failed' ? view.error : null;
  return (
    <article className={`report-card tone-${tone}`} aria-labelledby={`report-${entry.jobId}`} data-tone={tone} data-kind={entry.kind}>
      <h3 id={`report-${entry.jobId}`} className="report-title">
        {t(`kind.${entry.kind}`)} <span className="muted report-time">{format.dateTime(new Date(entry.startedAt).toISOString())}</span>
      </h3>
      <p className={`tone-line tone-${tone}`}>
        {TONE_ICONS[tone] && <Icon name={TONE_ICONS[tone]} size={18} />} <span>{t(`tone.${entry.kind}.${tone}`)}</span>
      </p>
      <p className="report-source">
        <SourceText kind={entry.kind} source={entry.source} />
      </p>
      {entry.lost && <p>{t('report.lost')}</p>}
      {error && (
        <>
          <p className="error" data-code={error.code}>
            {errorWords(apiError(error))}
          </p>
          {entry.kind === 'import' && PASSPHRASE_CODES.includes(error.code) && entry.paths.length > 0 && <PassphraseRetry entry={entry} paths={entry.paths} wrong={error.code === 'bundle.wrong-passphrase'} />}
        </>
      )}
      {details?.kind === 'import' && <ImportDetails result={details.import} entry={entry} />}
      {details?.kind === 'export' && <ExportDetails result={details.export} entry={entry} />}
      {details?.kind === 'sync' && <SyncDetails result={details.sync} />}
    </article>
  );
}

/** "3 statements, 5 signatures and 2 chain links", in the UI language. */
function useCounts() {
  const { t } = useTranslation('exchange');
  const words = useIntlWords();
  return (c: ObjectCounts): string => words.list(countParts(c).map((p) => t(p.key, { count: p.count })));
}

function ImportDetails({ result, entry }: { result: ImportResult; entry: Entry }) {
  const { t } = useTranslation('exchange');
  const several = result.files.length + result.failed.length > 1;
  return (
    <div className="report-body">
      <Totals files={result.files} />
      {result.failed.length > 0 && (
        <p className="failed-count">
          <Icon name="crossed" size={16} /> {t('import.failedCount', { count: result.failed.length, all: result.files.length + result.failed.length })}
        </p>
      )}
      <Failures failed={result.failed} entry={entry} />
      {several ? <FileList files={result.files} /> : result.files[0] && <EnvelopeLine envelope={result.files[0].envelope} />}
      {!several && result.files[0] && <Rejections file={result.files[0]} />}
      <NewGroups files={result.files} />
    </div>
  );
}

/** What came in, over all files: new, already held. */
function Totals({ files }: { files: readonly BundleImport[] }) {
  const { t } = useTranslation('exchange');
  const counts = useCounts();
  const added = sum(files.map((f) => f.added));
  const held = sum(files.map((f) => f.held));
  if (files.length === 0) return null;
  return (
    <>
      <p className="report-new">{isEmpty(added) ? t('import.nothingNew') : t('import.new', { what: counts(added) })}</p>
      {!isEmpty(held) && <p className="report-held">{t('import.held', { what: counts(held) })}</p>}
    </>
  );
}

function EnvelopeLine({ envelope }: { envelope: Envelope }) {
  const { t } = useTranslation('exchange');
  return <p className="muted">{t(`envelope.${envelope}`)}</p>;
}

function FileList({ files }: { files: readonly BundleImport[] }) {
  const { t } = useTranslation('exchange');
  const counts = useCounts();
  if (files.length === 0) return null;
  return (
    <ul className="file-reports" aria-label={t('import.files')}>
      {files.map((f, i) => (
        <li key={`${f.path}#${i}`}>
          <bdi className="file-name">{baseName(f.path)}</bdi> <span className="muted">{t(`envelope.${f.envelope}`)}</span>
          <div className="file-counts">
            {isEmpty(f.added) ? t('import.nothingNew') : t('import.new', { what: counts(f.added) })}
            {!isEmpty(f.held) && <> {t('import.held', { what: counts(f.held) })}</>}
          </div>
          <Rejections file={f} />
        </li>
      ))}
    </ul>
  );
}

function Rejections({ file }: { file: BundleImport }) {
  const { t } = useTranslation('exchange');
  if (file.rejectedCount === 0) return null;
  const more = file.rejectedCount - file.rejected.length;
  return (
    <div className="rejections">
      <p>{t('rejected.count', { count: file.rejectedCount })}</p>
      <ul>
        {file.rejected.map((r, i) => (
          <RejectionLine key={`${r.id}#${i}`} rejection={r} />
        ))}
      </ul>
      {more > 0 && <p className="muted">{t('rejected.more', { count: more })}</p>}
    </div>
  );
}

function RejectionLine({ rejection }: { rejection: Rejection }) {
  const { t } = useTranslation('exchange');
  // The message quotes the bundle (and is core's English): not shown; the reason is worded by its code.
  return (
    <li data-reason={rejection.reason}>
      <span className="rejected-kind">{t(`rejected.kind.${rejection.kind}`)}</span> <code className="short-id">{rejection.id.slice(0, 12)}</code>: {t(reasonKey(rejection.reason))}
    </li>
  );
}

/** The groups first seen, once each: unverified, or a lookalike of a group already held (named). */
function NewGroups({ files }: { files: readonly BundleImport[] }) {
  const { t } = useTranslation('exchange');
  const seen = new Map<string, { group: NewGroup; from: string }>();
  for (const f of files) for (const g of f.newGroups) if (!seen.has(g.groupId)) seen.set(g.groupId, { group: g, from: baseName(f.path) });
  if (seen.size === 0) return null;
  return (
    <div className="new-groups">
      <h4>{t('firstSeen.title', { count: seen.size })}</h4>
      <ul>
        {[...seen.values()].map(({ group, from }) => (
          <li key={group.groupId}>
            <FirstSeen group={group} from={from} />
          </li>
        ))}
      </ul>
    </div>
  );
}

function FirstSeen({ group, from }: { group: NewGroup; from: string }) {
  const { t } = useTranslation('exchange');
  const { t: ts } = useTranslation('statements');
  const words = useIntlWords();
  const lookalike = group.lookalikes.length > 0;
  const mixed = lookalike ? mixedLettersNote(group.name, words) : null;
  return (
    <div className={`first-seen${lookalike ? ' lookalike' : ''}`} data-group={group.groupId}>
      <p className="first-seen-name">
        <GroupName group={{ name: group.name, trust: firstSeenTrust(group, from) }} />
      </p>
      {lookalike ? (
        <p className="lookalike-warning">
          <Icon name="warning" size={18} />{' '}
          <span>
            {group.lookalikes.map((l) => t(`firstSeen.${l.kind}`, { name: l.name })).join(' ')}
            {mixed && <> {ts(mixed.key, { ...mixed.values, script: ts(`script.${String(mixed.values?.['script'])}`), main: ts(`script.${String(mixed.values?.['main'])}`) })}</>} {t('firstSeen.lookalikeNext')}
          </span>
        </p>
      ) : (
        <p>{t('firstSeen.unverified')}</p>
      )}
      <div className="report-fingerprint">
        <span className="label">{t('firstSeen.fingerprint')}</span>
        <span className="digits">
          {digitGroups(group.fingerprint).map((d, i) => (
            <span key={i} className="digit-group">
              {d}{' '}
            </span>
          ))}
        </span>
      </div>
    </div>
  );
}

/** Files of which nothing came in: each a failure, in words, with a passphrase field when one is what it needs. */
function Failures({ failed, entry }: { failed: readonly BundleFailure[]; entry: Entry | null }) {
  const { t } = useTranslation('exchange');
  const errorWords = useErrorWords('exchange');
  if (failed.length === 0) return null;
  const sealed = failed.filter((f) => PASSPHRASE_CODES.includes(f.error.code));
  return (
    <div className="failures">
      <h4>{t('failed.title', { count: failed.length })}</h4>
      <ul>
        {failed.map((f, i) => (
          <li key={`${f.path}#${i}`} className="failure" data-code={f.error.code}>
            <Icon name="crossed" size={16} /> <bdi className="file-name">{baseName(f.path)}</bdi>: {errorWords(apiError(f.error))} <span className="muted">{t('failed.nothing')}</span>
          </li>
        ))}
      </ul>
      {entry && sealed.length > 0 && <PassphraseRetry entry={entry} paths={sealed.map((f) => f.path)} wrong={sealed.every((f) => f.error.code === 'bundle.wrong-passphrase')} />}
    </div>
  );
}

/** The passphrase a sealed bundle needs, asked where its report says so; the import runs again with it. */
function PassphraseRetry({ entry, paths, wrong }: { entry: Entry; paths: string[]; wrong: boolean }) {
  const { t } = useTranslation('exchange');
  const errorWords = useErrorWords('exchange');
  const [value, setValue] = useState('');
  const { start, action } = useStartJob('bundles:import');
  if (entry.retriedAs !== null) return <p className="muted">{t('passphrase.retried')}</p>;
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (value === '') return;
    const passphrase = value;
    setValue('');
    void start({ paths, passphrase }, { source: entry.source, retryOf: entry.jobId });
  };
  return (
    <Form className="passphrase-retry" onSubmit={submit}>
      <PassphraseField
        label={t('passphrase.label', { count: paths.length, names: paths.map(baseName).join(', ') })}
        value={value}
        onChange={setValue}
        autoComplete="current-password"
        description={wrong ? t('passphrase.wrong') : t('passphrase.hint')}
        error={action.error ? errorWords(action.error) : null}
      />
      <div className="actions">
        <Button type="submit" className="primary" isDisabled={value === '' || action.isPending}>
          {t('passphrase.open')}
        </Button>
      </div>
    </Form>
  );
}

function ExportDetails({ result, entry }: { result: ExportResult; entry: Entry }) {
  const { t } = useTranslation('exchange');
  const format = useFormat();
  const errorWords = useErrorWords('exchange');
  const seal = sealWords(result);
  const c = result.counts;
  const counts = useCounts();
  const what = counts({ statements: c.statements, signatures: c.signatures, links: c.links, linkSignatures: 0, attachments: c.attachments });
  const name = entry.source.kind === 'file' ? entry.source.name : baseName(result.out);
  const d = entry.delivery;
  return (
    <div className="report-body">
      <p>{t('exported.wrote', { name, size: format.bytes(result.bytes), what })}</p>
      <p className={result.envelope === 'clear' ? 'seal-clear' : 'seal-sealed'}>{t(seal.key, seal.values ?? {})}</p>
      {entry.source.kind === 'drive' && <p>{t('exported.eject', { path: result.out })}</p>}
      {(d === 'pending' || d === 'delivering') && <p className="muted">{t('exported.delivering')}</p>}
      {d === 'delivered' && <p>{t('exported.delivered', { name })}</p>}
      {typeof d === 'object' && <p className="error">{errorWords(deliveryError(d.failed))}</p>}
      <p className="checksum">
        <span className="muted">{t('exported.checksum')}</span> <code>{result.sha256}</code>
      </p>
    </div>
  );
}

function SyncDetails({ result }: { result: SyncResult }) {
  const { t } = useTranslation('exchange');
  const clear = result.written.filter((w) => w.envelope === 'clear').length;
  const tone = syncTone(result);
  return (
    <div className="report-body" data-sync-tone={tone}>
      <p>{t('synced.read', { count: result.bundlesRead })}</p>
      {result.imported.length > 0 ? <Totals files={result.imported} /> : <p>{t('synced.nothingNew')}</p>}
      {result.imported.length > 1 ? <FileList files={result.imported} /> : result.imported[0] && <Rejections file={result.imported[0]} />}
      <Failures failed={result.failed} entry={null} />
      <NewGroups files={result.imported} />
      <p className="report-written">{result.written.length === 0 ? t('synced.nothingToWrite') : t('synced.wrote', { count: result.written.length, clear, sealed: result.written.length - clear })}</p>
      {result.notForUs.length > 0 && <p className="muted">{t('synced.notForUs', { count: result.notForUs.length })}</p>}
    </div>
  );
}

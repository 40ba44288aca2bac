// One statement: its title (focus lands here), its badge and what the badge means, its author
// groups with their trust, language and date, what can be done with it, its text in its own
// language, the verification report in sentences, its relations and its attached files.

import { useTranslation } from 'react-i18next';
import { Button } from 'react-aria-components';
import type { GroupSummary, GroupTrust, StatementView } from '../../../shared/view-models.js';
import { ErrorText } from '../../components/ErrorText.js';
import { GroupName } from '../../components/GroupName.js';
import { Icon } from '../../components/Icon.js';
import { PageHeading } from '../../components/PageHeading.js';
import { StatementBody } from '../../components/StatementBody.js';
import { StatusBadge } from '../../components/StatusBadge.js';
import { verdictOf } from '../../components/trust.js';
import { useChannel } from '../../data/query.js';
import { useFormat } from '../../i18n/format.js';
import { useRoute } from '../../shell/route.js';
import { Actions } from './Actions.js';
import { Relations } from './Relations.js';
import { Report } from './Report.js';
import { mixedLettersNote, verdictNote, type ReportContext } from './report.js';
import { useIntlWords } from './words.js';

export function StatementDetail({ id }: { id: string }) {
  const { t } = useTranslation('statements');
  const { navigate } = useRoute();
  const shown = useChannel('statements:show', { id });
  const groups = useChannel('groups:list', {});
  const s = shown.data;
  return (
    <article className="statement-detail" aria-labelledby="statement-title">
      <Button className="back-link" onPress={() => navigate({ place: 'statements' })}>
        <span aria-hidden="true">← </span>
        {t('back')}
      </Button>
      <div className="statement-head" id="statement-title">
        <PageHeading>{s ? <bdi lang={s.lang}>{s.title}</bdi> : shown.error ? t('detail.fallback') : t('detail.loading')}</PageHeading>
        {s && <StatusBadge statement={s} />}
      </div>
      {shown.error && <ErrorText error={shown.error} screen="statements" />}
      {s && <Loaded statement={s} groups={groups.data} />}
    </article>
  );
}

function Loaded({ statement: s, groups }: { statement: StatementView; groups: GroupSummary[] | undefined }) {
  const { t } = useTranslation('statements');
  const format = useFormat();
  const words = useIntlWords();
  const verdict = verdictOf(s);
  const note = verdictNote(s, words);
  // The impostor's trick made visible: letters of another alphabet in a lookalike author's name.
  const mixed = verdict === 'lookalike' ? s.authors.filter((a) => a.trust.state === 'lookalike').flatMap((a) => mixedLettersNote(a.name, words) ?? []) : [];
  const context = reportContext(s, groups, words.list);
  return (
    <>
      <p className={`verdict-note verdict-${verdict}`} data-verdict={verdict}>
        {(verdict === 'lookalike' || verdict === 'broken' || verdict === 'problem') && <Icon name={verdict === 'lookalike' ? 'warning' : 'crossed'} size={18} />}
        <span>
          {t(note.key, note.values ?? {})}
          {mixed.map((m, i) => (
            <span key={i} className="mixed-letters">
              {' '}
              {t(m.key, { ...m.values, script: t(`script.${String(m.values?.['script'])}`), main: t(`script.${String(m.values?.['main'])}`) })}
            </span>
          ))}
        </span>
      </p>
      <dl className="statement-meta">
        <div>
          <dt>{t('meta.authors', { count: s.authors.length })}</dt>
          <dd className="authors">
            {s.authors.map((a) => (
              <GroupName key={a.groupId} group={a} />
            ))}
          </dd>
        </div>
        <div>
          <dt>{t('meta.lang')}</dt>
          <dd>{words.language(s.lang)}</dd>
        </div>
        <div>
          <dt>{t('meta.date')}</dt>
          <dd>{format.statementDate(s.date)}</dd>
        </div>
      </dl>
      <Actions statement={s} groups={groups} />
      <section className="statement-text" aria-labelledby="text-heading">
        <h2 id="text-heading" className="visually-hidden">
          {t('body.heading')}
        </h2>
        <StatementBody body={s.body} lang={s.lang} />
      </section>
      <Report statement={s} context={context} />
      <Relations statement={s} />
      {s.attachments.length > 0 && (
        <section className="attachments" aria-labelledby="attachments-heading">
          <h2 id="attachments-heading">{t('attachments.heading')}</h2>
          <ul>
            {s.attachments.map((a) => (
              <li key={a.sha256}>
                <bdi className="name">{a.name}</bdi> <span className="muted">{t('attachments.about', { type: a.mediaType, size: format.bytes(a.bytes) })}</span>
              </li>
            ))}
          </ul>
        </section>
      )}
    </>
  );
}

/** What the report's sentences need to know about groups: their trust as shown everywhere, their names. */
function reportContext(s: StatementView, groups: GroupSummary[] | undefined, list: (names: string[]) => string): ReportContext {
  const trust = new Map<string, GroupTrust>();
  const names = new Map<string, string>();
  for (const g of groups ?? []) {
    trust.set(g.groupId, g.state);
    names.set(g.groupId, g.name);
  }
  // The statement's own view of its authors is the freshest.
  for (const a of s.authors) {
    trust.set(a.groupId, a.trust);
    names.set(a.groupId, a.name);
    if (a.trust.state === 'lookalike') for (const other of a.trust.looksLike) if (!names.has(other.groupId)) names.set(other.groupId, other.name);
  }
  return { trustOf: (id) => trust.get(id), nameOf: (id) => names.get(id), list };
}

// The verification report in plain sentences (report.ts decides the words): for each author group,
// its name with its trust, who signed out of how many members against its threshold, whether that
// releases the statement, its fingerprint to read aloud, and each problem with what to do next.
// Then the endorsements, then the problems of the statement itself.

import { useTranslation } from 'react-i18next';
import { Link } from 'react-aria-components';
import type { StatementView } from '../../../shared/view-models.js';
import { ErrorText } from '../../components/ErrorText.js';
import { GroupName } from '../../components/GroupName.js';
import { Icon } from '../../components/Icon.js';
import { useChannel } from '../../data/query.js';
import { useRoute } from '../../shell/route.js';
import { reportLines, type GroupLines, type ProblemLine, type ReportContext, type Words } from './report.js';

/** How a verdict line looks: counts, waits for signatures, or does not count. */
const VERDICT_CLASS: Record<string, string> = {
  'report.released': 'ok',
  'report.endorsementCounts': 'ok',
  'report.needMore': 'pending',
  'report.endorsementShort': 'pending',
};

export function Report({ statement, context }: { statement: StatementView; context: ReportContext }) {
  const { t } = useTranslation('statements');
  const report = useChannel('statements:verify', { id: statement.id });
  return (
    <section className="report" aria-labelledby="report-heading" aria-busy={report.isPending}>
      <h2 id="report-heading">{t('report.heading')}</h2>
      {report.isPending && <p className="muted">{t('report.loading')}</p>}
      {report.error && <ErrorText error={report.error} screen="statements" />}
      {report.data && <ReportBody lines={reportLines(report.data, context)} />}
    </section>
  );
}

function ReportBody({ lines }: { lines: ReturnType<typeof reportLines> }) {
  const { t } = useTranslation('statements');
  return (
    <>
      {lines.groups.map((g) => (
        <GroupReport key={g.groupId} lines={g} label={t('report.author')} />
      ))}
      {lines.endorsements.length > 0 && (
        <>
          <h3 className="report-sub">{t('report.endorsements')}</h3>
          {lines.endorsements.map((g) => (
            <GroupReport key={g.groupId} lines={g} label={t('report.endorser')} />
          ))}
        </>
      )}
      {lines.problems.length > 0 && (
        <ul className="problems">
          {lines.problems.map((p, i) => (
            <ProblemItem key={`${p.code}-${i}`} problem={p} />
          ))}
        </ul>
      )}
    </>
  );
}

function Say({ words }: { words: Words }) {
  const { t } = useTranslation('statements');
  return <>{t(words.key, words.values ?? {})}</>;
}

function GroupReport({ lines, label }: { lines: GroupLines; label: string }) {
  const { t } = useTranslation('statements');
  return (
    <article className="report-group" aria-label={`${label}: ${lines.name}`} data-group={lines.groupId}>
      <h3 className="report-group-name">
        <span className="muted">{label}: </span>
        <GroupName group={lines} />
      </h3>
      {lines.signed && (
        <p className="report-signed">
          <Say words={lines.signed} />
        </p>
      )}
      <p className={`report-verdict ${VERDICT_CLASS[lines.verdict.key] ?? 'not-ok'}`}>
        <Say words={lines.verdict} />
      </p>
      {lines.fingerprint.length > 0 && (
        <div className="report-fingerprint">
          <span className="label">{t('report.fingerprint')}</span>
          <span className="digits">
            {lines.fingerprint.map((d, i) => (
              <span key={i} className="digit-group">
                {d}{' '}
              </span>
            ))}
          </span>
          <span className="muted hint">{t('report.fingerprint.hint')}</span>
        </div>
      )}
      {lines.problems.length > 0 && (
        <ul className="problems">
          {lines.problems.map((p, i) => (
            <ProblemItem key={`${p.code}-${i}`} problem={p} />
          ))}
        </ul>
      )}
    </article>
  );
}

function ProblemItem({ problem }: { problem: ProblemLine }) {
  const { t } = useTranslation('statements');
  const { navigate } = useRoute();
  return (
    <li className={`problem severity-${problem.severity}`} data-code={problem.code}>
      <Icon name={problem.severity === 'error' ? 'crossed' : 'warning'} size={16} />
      <span>
        <strong>{problem.severity === 'error' ? t('report.problem') : t('report.note')}: </strong>
        <Say words={problem} />
        {problem.statement && (
          <>
            {' '}
            <Link className="inline-link" onPress={() => navigate({ place: 'statements', id: problem.statement })}>
              {t('problem.newer-revision.open')}
            </Link>
          </>
        )}
      </span>
    </li>
  );
}

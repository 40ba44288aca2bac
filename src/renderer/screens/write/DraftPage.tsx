// A statement just saved (or a draft opened from the list): where it stands, then two steps. Sign
// it now for my author groups; then send it to the groups' members, encrypted to them (bundles:export
// in mode `auto`), on a stick or as a file, with the export's progress and its outcome in words.

import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Button } from 'react-aria-components';
import type { GroupSummary, SignOutcome, StatementView, VerificationReport } from '../../../shared/view-models.js';
import { ErrorText } from '../../components/ErrorText.js';
import { GroupName } from '../../components/GroupName.js';
import { PageHeading } from '../../components/PageHeading.js';
import { StatusBadge } from '../../components/StatusBadge.js';
import { useAction, useChannel } from '../../data/query.js';
import { useRoute } from '../../shell/route.js';
import { useIntlWords } from '../statements/words.js';
import { SendDraft } from './SendDraft.js';

/** What signing changes. */
const SIGNED = ['statements:show', 'statements:verify', 'statements:list', 'groups:list'] as const;

export function DraftPage({ id, justSaved }: { id: string; justSaved: boolean }) {
  const { t } = useTranslation('write');
  const { navigate } = useRoute();
  const shown = useChannel('statements:show', { id });
  const report = useChannel('statements:verify', { id });
  const groups = useChannel('groups:list', {});
  const s = shown.data;
  return (
    <div className="draft-page">
      <PageHeading>{s?.status === 'released' ? t('draft.heading.released') : t('draft.heading')}</PageHeading>
      {s && (
        <p className="draft-title">
          <bdi lang={s.lang} className="quoted-title">
            {s.title}
          </bdi>{' '}
          <StatusBadge statement={s} />
        </p>
      )}
      {justSaved && (
        <p className="done-note" role="status">
          {t('draft.saved')}
        </p>
      )}
      {shown.error && <ErrorText error={shown.error} screen="write" />}
      {!s && !shown.error && <p className="muted">{t('loading', { ns: 'common' })}</p>}
      {s && (
        <>
          <SignStep statement={s} report={report.data} groups={groups.data} />
          <SendDraft statement={s} groups={groups.data} />
        </>
      )}
      <div className="actions">
        <Button onPress={() => navigate({ place: 'statements', id })}>{t('draft.open')}</Button>
        <Button onPress={() => navigate({ place: 'write' })}>{t('draft.another')}</Button>
      </div>
    </div>
  );
}

/** My author groups, and for each whether my signature is already there. */
function myPart(statement: StatementView, report: VerificationReport | undefined, groups: GroupSummary[] | undefined, me: string | null) {
  const authors = new Set(statement.authors.map((a) => a.groupId));
  const mine = (groups ?? []).filter((g) => g.mine && authors.has(g.groupId));
  const signed = (groupId: string): boolean =>
    me !== null && (report?.groups.find((g) => g.groupId === groupId)?.signers.some((s) => s.memberId === me || s.key === me) ?? false);
  return mine.map((g) => ({ group: g, signed: signed(g.groupId) }));
}

function SignStep({ statement, report, groups }: { statement: StatementView; report: VerificationReport | undefined; groups: GroupSummary[] | undefined }) {
  const { t } = useTranslation('write');
  const words = useIntlWords();
  const status = useChannel('vault:status', {});
  const me = status.data?.identity?.sign ?? null;
  const sign = useAction('statements:sign', { invalidates: SIGNED });
  const [outcomes, setOutcomes] = useState<SignOutcome[]>([]);
  const [signing, setSigning] = useState(false);
  const part = myPart(statement, report, groups, me);
  const toSign = part.filter((p) => !p.signed && !p.group.fork).map((p) => p.group);
  const forked = part.filter((p) => !p.signed && p.group.fork).map((p) => p.group);
  const signedBefore = part.filter((p) => p.signed && !outcomes.some((o) => o.groupId === p.group.groupId)).map((p) => p.group);
  const nameOf = (groupId: string) => groups?.find((g) => g.groupId === groupId)?.name ?? statement.authors.find((a) => a.groupId === groupId)?.name ?? '';

  const signAll = async () => {
    setSigning(true);
    sign.reset();
    try {
      for (const g of toSign) {
        const outcome = await sign.mutateAsync({ id: statement.id, endorse: false, groupId: g.groupId });
        setOutcomes((o) => [...o, outcome]);
      }
    } catch {
      // in sign.error, worded below
    } finally {
      setSigning(false);
    }
  };

  return (
    <section className="draft-step" aria-labelledby="sign-heading">
      <h2 id="sign-heading">{t('sign.heading')}</h2>
      {groups !== undefined && part.length === 0 && <p>{t('sign.notMember')}</p>}
      {outcomes.length > 0 && (
        <div className="done-note" role="status">
          <ul className="sign-outcomes">
            {outcomes.map((o) => (
              <li key={o.groupId}>{o.released ? t('sign.done.released', { group: nameOf(o.groupId) }) : t('sign.done.waiting', { group: nameOf(o.groupId), have: o.have, count: o.need })}</li>
            ))}
          </ul>
        </div>
      )}
      {signedBefore.length > 0 && <p>{t('sign.already', { groups: words.list(signedBefore.map((g) => g.name)) })}</p>}
      {forked.map((g) => (
        <p key={g.groupId} className="error">
          {t('sign.forked', { group: g.name })}
        </p>
      ))}
      {toSign.length > 0 && (
        <>
          <p>
            {t('sign.explain', { count: toSign.length })}{' '}
            {toSign.map((g) => (
              <span key={g.groupId} className="sign-group">
                <GroupName group={{ name: g.name, trust: g.state }} compact />{' '}
                <span className="muted">{t('authors.threshold', { have: g.releaseThreshold, count: g.members })}</span>
              </span>
            ))}
          </p>
          <div className="actions">
            <Button className="primary" onPress={() => void signAll()} isDisabled={signing || report === undefined || status.data === undefined}>
              {signing ? t('sign.signing') : t('sign.now', { count: toSign.length })}
            </Button>
          </div>
        </>
      )}
      {sign.error && <ErrorText error={sign.error} screen="write" />}
    </section>
  );
}

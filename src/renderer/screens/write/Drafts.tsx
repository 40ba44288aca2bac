// The drafts of my groups still waiting for signatures (statements:list, status `waiting`, one
// query per group of mine, joint statements once), newest first, each with its k of n in words:
// its title opens the statement; "Sign and send" opens it here, to sign and carry to the members.

import { useTranslation } from 'react-i18next';
import { Button, Link } from 'react-aria-components';
import { useQueries } from '@tanstack/react-query';
import type { Args } from '../../../shared/contract.js';
import type { StatementSummary } from '../../../shared/view-models.js';
import { ErrorText } from '../../components/ErrorText.js';
import { GroupName } from '../../components/GroupName.js';
import { StatusBadge } from '../../components/StatusBadge.js';
import { call } from '../../data/api.js';
import { channelKey, useChannel } from '../../data/query.js';
import { useFormat } from '../../i18n/format.js';
import { useRoute } from '../../shell/route.js';
import { useIntlWords } from '../statements/words.js';
import { newestFirst } from './compose.js';

/** Drafts shown per group: the newest; the count says how many there are in all. */
export const DRAFTS_PER_GROUP = 50;

/** My groups' drafts waiting for signatures: one page per group of mine, cached by channel. */
export function useMyDrafts() {
  const groups = useChannel('groups:list', {});
  const mine = (groups.data ?? []).filter((g) => g.mine);
  const pages = useQueries({
    queries: mine.map((g) => {
      const args: Args<'statements:list'> = { after: null, limit: DRAFTS_PER_GROUP, filter: { status: 'waiting', groupId: g.groupId } };
      return { queryKey: channelKey('statements:list', args), queryFn: () => call('statements:list', args) };
    }),
  });
  return {
    mine,
    drafts: newestFirst(pages.flatMap((p) => p.data?.items ?? [])),
    error: pages.find((p) => p.error)?.error ?? groups.error,
    loading: groups.isPending || pages.some((p) => p.isPending),
    more: pages.some((p) => p.data && p.data.total > p.data.items.length),
  };
}

export const DRAFTS_HEADING = 'drafts-heading';

/** Above the form: that drafts are waiting, and a way straight to them (the list is below the form). */
export function DraftsNote() {
  const { t } = useTranslation('write');
  const { drafts, more } = useMyDrafts();
  if (drafts.length === 0) return null;
  return (
    <p className="drafts-note">
      {more ? t('drafts.note.more', { count: drafts.length }) : t('drafts.note', { count: drafts.length })}{' '}
      <Link className="inline-link" onPress={() => document.getElementById(DRAFTS_HEADING)?.focus()}>
        {t('drafts.note.go')}
      </Link>
    </p>
  );
}

export function Drafts() {
  const { t } = useTranslation('write');
  const { mine, drafts, error, loading, more } = useMyDrafts();

  return (
    <section className="write-drafts" aria-labelledby={DRAFTS_HEADING}>
      <h2 id={DRAFTS_HEADING} tabIndex={-1}>
        {t('drafts.heading')}
      </h2>
      {error && <ErrorText error={error} screen="write" />}
      {!error && loading && <p className="muted">{t('loading', { ns: 'common' })}</p>}
      {!error && !loading && drafts.length === 0 && <p className="muted">{mine.length === 0 ? t('drafts.noGroups') : t('drafts.none')}</p>}
      {drafts.length > 0 && (
        <ul className="draft-list" aria-labelledby={DRAFTS_HEADING}>
          {drafts.map((s) => (
            <DraftRow key={s.id} statement={s} />
          ))}
        </ul>
      )}
      {more && <p className="muted">{t('drafts.more', { count: DRAFTS_PER_GROUP })}</p>}
    </section>
  );
}

function DraftRow({ statement: s }: { statement: StatementSummary }) {
  const { t } = useTranslation('write');
  const { navigate } = useRoute();
  const format = useFormat();
  const words = useIntlWords();
  const titleId = `draft-${s.id}`;
  return (
    <li className="draft-row">
      <div className="draft-row-head">
        <Button className="draft-open" id={titleId} onPress={() => navigate({ place: 'statements', id: s.id })}>
          <bdi lang={s.lang}>{s.title}</bdi>
        </Button>
        <StatusBadge statement={s} />
      </div>
      <p className="draft-row-meta">
        {s.authors.map((a) => (
          <GroupName key={a.groupId} group={a} />
        ))}
        <span aria-hidden="true"> · </span>
        {words.language(s.lang)}
        <span aria-hidden="true"> · </span>
        {format.statementDate(s.date)}
      </p>
      <div className="actions">
        <Button className="write-small" aria-describedby={titleId} onPress={() => navigate({ place: 'write', id: s.id })}>
          {t('drafts.send')}
        </Button>
      </div>
    </li>
  );
}

// Every group held that I am not a member of, in the order this vault first saw them: its name
// with its trust in words, what it is (members, rules), where it was first seen, and, for a
// lookalike, the warning naming the group it looks like. Each opens its page.

import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { Button } from 'react-aria-components';
import type { GroupSummary } from '../../../shared/view-models.js';
import { ErrorText } from '../../components/ErrorText.js';
import { PageHeading } from '../../components/PageHeading.js';
import { TrustBadge } from '../../components/TrustBadge.js';
import { useChannel } from '../../data/query.js';
import { useFormat } from '../../i18n/format.js';
import { useRoute } from '../../shell/route.js';
import { LookalikeNote } from './LookalikeNote.js';

export function ContactList() {
  const { t } = useTranslation('contacts');
  const { navigate } = useRoute();
  const groups = useChannel('groups:list', {});
  const others = (groups.data ?? []).filter((g) => !g.mine);
  return (
    <div className="contacts-place">
      <PageHeading>{t('title')}</PageHeading>
      <p className="lead">{t('list.intro')}</p>
      {groups.isPending ? (
        <p className="muted" role="status">
          {t('loading', { ns: 'common' })}
        </p>
      ) : groups.error ? (
        <div className="place-error">
          <ErrorText error={groups.error} screen="contacts" />
          <Button onPress={() => void groups.refetch()}>{t('retry', { ns: 'common' })}</Button>
        </div>
      ) : others.length === 0 ? (
        <div className="empty">
          <p>{t('list.empty')}</p>
          <Button onPress={() => navigate({ place: 'exchange' })}>{t('list.toExchange')}</Button>
        </div>
      ) : (
        <>
          <p className="muted" role="status">
            {t('list.count', { count: others.length })}
          </p>
          <ul className="group-cards" aria-label={t('list.label')}>
            {others.map((g) => (
              <li key={g.groupId}>
                <ContactCard group={g} />
              </li>
            ))}
          </ul>
        </>
      )}
    </div>
  );
}

function ContactCard({ group: g }: { group: GroupSummary }) {
  const { t } = useTranslation('contacts');
  const format = useFormat();
  const { navigate } = useRoute();
  const seen = g.state.state === 'unverified' ? g.state.firstSeen : null;
  const nameId = useId();
  return (
    <article className={`group-card trust-${g.state.state}`} data-group={g.groupId}>
      <h2 className="group-card-name" id={nameId}>
        <Button className="group-open" onPress={() => navigate({ place: 'contacts', id: g.groupId })}>
          <bdi>{g.name}</bdi>
        </Button>
      </h2>
      <TrustBadge trust={g.state} />
      <LookalikeNote name={g.name} trust={g.state} />
      <p className="group-facts">
        {t('facts.members', { count: g.members })}
        {seen?.at && (
          <>
            {' · '}
            {t('facts.seenAt', { at: format.dateTime(seen.at) })}
          </>
        )}
      </p>
      {g.state.state === 'unverified' && (
        <p className="group-next">
          <Button aria-describedby={nameId} onPress={() => navigate({ place: 'contacts', id: g.groupId, params: { compare: '1' } })}>
            {t('action.compare')}
          </Button>
        </p>
      )}
    </article>
  );
}

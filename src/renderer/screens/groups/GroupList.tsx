// The groups I am a member of: each with its trust (a group that lists me but whose fingerprint I
// never compared says so, and offers the comparison), its members and rules, the changes waiting
// for signatures, a fork. Founding a group; saving my member card, which others need to add me.

import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Button } from 'react-aria-components';
import type { GroupSummary } from '../../../shared/view-models.js';
import { ErrorText } from '../../components/ErrorText.js';
import { Icon } from '../../components/Icon.js';
import { PageHeading } from '../../components/PageHeading.js';
import { TrustBadge } from '../../components/TrustBadge.js';
import { useChannel } from '../../data/query.js';
import { useRoute } from '../../shell/route.js';
import { LookalikeNote } from '../contacts/LookalikeNote.js';
import { FoundDialog } from './FoundDialog.js';
import { useSaveMemberCard } from '../../data/member-card.js';

export function GroupList() {
  const { t } = useTranslation('groups');
  const groups = useChannel('groups:list', {});
  const [founding, setFounding] = useState(false);
  const mine = (groups.data ?? []).filter((g) => g.mine);
  return (
    <div className="groups-place">
      <PageHeading>{t('title')}</PageHeading>
      <p className="lead">{t('list.intro')}</p>
      <div className="actions">
        <Button className="primary" onPress={() => setFounding(true)}>
          {t('found.open')}
        </Button>
      </div>
      {groups.isPending ? (
        <p className="muted" role="status">
          {t('loading', { ns: 'common' })}
        </p>
      ) : groups.error ? (
        <div className="place-error">
          <ErrorText error={groups.error} screen="groups" />
          <Button onPress={() => void groups.refetch()}>{t('retry', { ns: 'common' })}</Button>
        </div>
      ) : mine.length === 0 ? (
        <div className="empty">
          <p>{t('list.empty')}</p>
        </div>
      ) : (
        <ul className="group-cards" aria-label={t('list.label')}>
          {mine.map((g) => (
            <li key={g.groupId}>
              <GroupCard group={g} />
            </li>
          ))}
        </ul>
      )}
      <MyCard />
      {founding && <FoundDialog onClose={() => setFounding(false)} />}
    </div>
  );
}

function GroupCard({ group: g }: { group: GroupSummary }) {
  const { t } = useTranslation('groups');
  const { navigate } = useRoute();
  const nameId = useId();
  return (
    <article className={`group-card trust-${g.state.state}`} data-group={g.groupId}>
      <h2 className="group-card-name" id={nameId}>
        <Button className="group-open" onPress={() => navigate({ place: 'groups', id: g.groupId })}>
          <bdi>{g.name}</bdi>
        </Button>
      </h2>
      <TrustBadge trust={g.state} />
      <LookalikeNote name={g.name} trust={g.state} />
      <p className="group-facts">
        {t('facts.members', { count: g.members })} · {t('facts.rules', { release: g.releaseThreshold, membership: g.membershipThreshold })}
      </p>
      {g.fork && (
        <p className="problem-note">
          <Icon name="crossed" size={18} />
          <span>{t('list.fork')}</span>
        </p>
      )}
      {g.pending > 0 && (
        <p className="pending-note">
          <Icon name="clock" size={18} />
          <span>{t('list.pending', { count: g.pending })}</span>
        </p>
      )}
      {g.state.state === 'unverified' && (
        <p className="unverified-note">
          <Icon name="question" size={18} />
          <span>
            {t('list.unverified')}{' '}
            <Button aria-describedby={nameId} onPress={() => navigate({ place: 'contacts', id: g.groupId, params: { compare: '1' } })}>
              {t('action.compare')}
            </Button>
          </span>
        </p>
      )}
    </article>
  );
}

/** My member card, saved to a file for the members of a group that is to add me. */
function MyCard() {
  const { t } = useTranslation('groups');
  const headingId = useId();
  const status = useChannel('vault:status', {});
  const me = status.data?.identity ?? null;
  const { save, saved, failure, saving, available } = useSaveMemberCard(me?.name ?? null);

  return (
    <section className="place-section my-card" aria-labelledby={headingId}>
      <h2 id={headingId}>{t('card.heading')}</h2>
      <p>{t('card.body')}</p>
      <div className="actions">
        <Button onPress={() => void save()} isDisabled={saving || !available}>
          {saving ? t('card.saving') : t('card.save')}
        </Button>
      </div>
      <p role="status" className="saved-note">
        {saved ? (saved.downloaded ? t('card.downloaded', { file: saved.file }) : t('card.saved', { file: saved.file })) : ''}
      </p>
      {failure !== null && <ErrorText error={failure} screen="groups" />}
    </section>
  );
}

// One group I know: its name with its trust, the lookalike warning naming the group it looks like,
// a fork or a broken chain said plainly, its members and rules, where it was first seen, and its
// fingerprint as digits and QR code, with the way to compare it in person and mark it verified.

import { useTranslation } from 'react-i18next';
import { Button } from 'react-aria-components';
import type { GroupDetail, GroupTrust } from '../../../shared/view-models.js';
import { ErrorText } from '../../components/ErrorText.js';
import { FingerprintDigits } from '../../components/FingerprintDigits.js';
import { Icon } from '../../components/Icon.js';
import { PageHeading } from '../../components/PageHeading.js';
import { QrCode } from '../../components/QrCode.js';
import { TrustBadge } from '../../components/TrustBadge.js';
import { useChannel } from '../../data/query.js';
import { useFormat } from '../../i18n/format.js';
import { useRoute } from '../../shell/route.js';
import { useIntlWords } from '../statements/words.js';
import { LookalikeNote } from './LookalikeNote.js';

export function ContactPage({ id, verified }: { id: string; verified: boolean }) {
  const { t } = useTranslation('contacts');
  const { navigate } = useRoute();
  const shown = useChannel('groups:show', { groupId: id });
  const g = shown.data;
  return (
    <article className="contacts-place contact-page">
      <Button className="back-link" onPress={() => navigate({ place: 'contacts' })}>
        <span aria-hidden="true">← </span>
        {t('back')}
      </Button>
      <div className="page-title">
        <PageHeading>{g ? <bdi>{g.name}</bdi> : shown.error ? t('detail.fallback') : t('loading', { ns: 'common' })}</PageHeading>
        {g && <TrustBadge trust={g.state} />}
      </div>
      {shown.error && <ErrorText error={shown.error} screen="contacts" />}
      {g && <Loaded group={g} verified={verified} />}
    </article>
  );
}

function Loaded({ group: g, verified }: { group: GroupDetail; verified: boolean }) {
  const { t } = useTranslation('contacts');
  const { navigate } = useRoute();
  const words = useIntlWords();
  const compare = () => navigate({ place: 'contacts', id: g.groupId, params: { compare: '1' } });
  return (
    <>
      {verified && g.trust === 'verified' && (
        <p className="done-note" role="status">
          {t('compare.done', { name: g.name })}
        </p>
      )}
      <LookalikeNote name={g.name} trust={g.state} full />
      <TrustNote group={g} />
      <section className="place-section" aria-labelledby="contact-fingerprint">
        <h2 id="contact-fingerprint">{t('fingerprint.heading')}</h2>
        <p>{g.trust === 'verified' ? t('fingerprint.verified') : t('fingerprint.howTo')}</p>
        <Fingerprint groupId={g.groupId} name={g.name} />
        <div className="actions">
          {/* A lookalike's own members would read its own digits: comparing proves nothing about the group it imitates. */}
          <Button className={g.trust === 'verified' || g.state.state === 'lookalike' ? '' : 'primary'} onPress={compare}>
            {g.trust === 'verified' ? t('action.compareAgain') : t('action.compare')}
          </Button>
        </div>
      </section>
      <section className="place-section" aria-labelledby="contact-members">
        <h2 id="contact-members">{t('members.heading', { count: g.members.length })}</h2>
        {g.members.length === 0 ? (
          <p className="muted">{t('members.none')}</p>
        ) : (
          <p>
            <bdi>{words.list(g.members.map((m) => m.name))}</bdi>
          </p>
        )}
        {g.members.length > 0 && <p className="muted">{t('members.rules', { release: g.releaseThreshold, membership: g.membershipThreshold, count: g.members.length })}</p>}
        <p className="muted">{t('members.names')}</p>
      </section>
    </>
  );
}

/** What the trust state means for this group, and what to do: a fork, a broken chain, not compared yet, where it came from. */
function TrustNote({ group: g }: { group: GroupDetail }) {
  const { t } = useTranslation('contacts');
  const format = useFormat();
  const s: GroupTrust = g.state;
  if (s.state === 'broken') {
    return (
      <p className="problem-note">
        <Icon name="crossed" size={20} />
        <span>{s.problem === 'fork' ? t('broken.fork', { count: g.branches.length }) : t('broken.chain')}</span>
      </p>
    );
  }
  if (s.state === 'unverified') {
    const { from, at } = s.firstSeen;
    return (
      <p className="unverified-note">
        <Icon name="question" size={20} />
        <span>
          {from && at ? t('unverified.seen', { from, at: format.dateTime(at) }) : from ? t('unverified.from', { from }) : t('unverified.unknown')} {t('unverified.todo')}
        </span>
      </p>
    );
  }
  return null;
}

/** The fingerprint's digits and its QR code, as groups:fingerprint gives them. */
export function Fingerprint({ groupId, name, size = 'normal' }: { groupId: string; name: string; size?: 'normal' | 'large' }) {
  const { t } = useTranslation('contacts');
  const fp = useChannel('groups:fingerprint', { groupId }, { staleTime: Infinity });
  if (fp.error) return <ErrorText error={fp.error} screen="contacts" />;
  if (!fp.data) return <p className="muted">{t('loading', { ns: 'common' })}</p>;
  return (
    <div className="fingerprint-block">
      <FingerprintDigits digits={fp.data.digits} size={size} />
      <QrCode matrix={fp.data.qr} label={t('fingerprint.qr', { name })} size={size === 'large' ? 200 : 148} />
    </div>
  );
}

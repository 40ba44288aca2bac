// A group's trust in words and icon, wherever its name appears (UI.md: words first, icon second,
// colour third; never colour alone).

import { useTranslation } from 'react-i18next';
import type { GroupTrust } from '../../shared/view-models.js';
import { Icon, type IconName } from './Icon.js';

const ICONS: Record<GroupTrust['state'], IconName> = {
  verified: 'shield-check',
  mine: 'person',
  unverified: 'question',
  lookalike: 'warning',
  broken: 'crossed',
};

export function useTrustWords() {
  const { t } = useTranslation('common');
  return (trust: GroupTrust): string => {
    switch (trust.state) {
      case 'verified':
        return t('trust.verified');
      case 'mine':
        return t('trust.mine');
      case 'unverified':
        return trust.firstSeen.from ? t('trust.unverifiedFrom', { from: trust.firstSeen.from }) : t('trust.unverified');
      case 'lookalike':
        return t('trust.lookalike', { names: trust.looksLike.map((g) => `“${g.name}”`).join(', ') });
      case 'broken':
        return t(`trust.broken.${trust.problem === 'fork' || trust.problem === 'invalid-chain' ? trust.problem : 'other'}`);
    }
  };
}

export function TrustBadge({ trust, compact = false }: { trust: GroupTrust; compact?: boolean }) {
  const words = useTrustWords()(trust);
  return (
    <span className={`trust trust-${trust.state}`} title={compact ? words : undefined}>
      <Icon name={ICONS[trust.state]} size={16} />
      {compact ? <span className="visually-hidden">{words}</span> : <span className="trust-words">{words}</span>}
    </span>
  );
}

// A statement's badge: its release combined with its groups' trust, in words and icon (UI.md).

import { useTranslation } from 'react-i18next';
import type { StatementSummary } from '../../shared/view-models.js';
import { Icon, type IconName } from './Icon.js';
import { verdictOf, type Verdict } from './trust.js';

const ICONS: Record<Verdict, IconName> = {
  verified: 'shield-check',
  unverified: 'question',
  lookalike: 'warning',
  broken: 'crossed',
  waiting: 'clock',
  problem: 'crossed',
};

export function StatusBadge({ statement }: { statement: Pick<StatementSummary, 'status' | 'authors' | 'signatures'> }) {
  const { t } = useTranslation('common');
  const verdict = verdictOf(statement);
  const words =
    verdict === 'waiting' && statement.signatures
      ? t('status.waitingCount', { have: statement.signatures.have, count: statement.signatures.need })
      : t(`status.${verdict}`);
  return (
    <span className={`badge verdict-${verdict}`} data-verdict={verdict}>
      <Icon name={ICONS[verdict]} size={16} />
      <span>{words}</span>
    </span>
  );
}

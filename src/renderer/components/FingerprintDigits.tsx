// A group's fingerprint as people compare it (UI.md "Fingerprints"): twelve groups of five digits
// in a monospace face, four to a line. Screen readers hear each group digit by digit ("7 5 6 2 1"),
// not as a number in the tens of thousands.

import { useTranslation } from 'react-i18next';
import { fingerprintGroups, spoken } from './fingerprint.js';
import './fingerprint.css';

export function FingerprintDigits({ digits, size = 'normal', className = '' }: { digits: string; size?: 'normal' | 'large'; className?: string }) {
  const { t } = useTranslation('common');
  const groups = fingerprintGroups(digits);
  return (
    <div className={`fingerprint fingerprint-${size} ${className}`} data-fingerprint={groups.join(' ')}>
      <span className="visually-hidden">{t('fingerprint.spoken', { digits: groups.map(spoken).join(', ') })}</span>
      <span className="fingerprint-grid" aria-hidden="true">
        {groups.map((g, i) => (
          <span key={i} className="fingerprint-group">
            {g}
          </span>
        ))}
      </span>
    </div>
  );
}

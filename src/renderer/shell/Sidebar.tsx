// The six places, always reachable by keyboard (UI.md "The map"), and the lock.

import { useTranslation } from 'react-i18next';
import { Button } from 'react-aria-components';
import { Icon } from '../components/Icon.js';
import { PLACES, useRoute } from './route.js';

const NAV_KEYS = {
  statements: 'nav.statements',
  write: 'nav.write',
  groups: 'nav.groups',
  contacts: 'nav.contacts',
  exchange: 'nav.exchange',
  settings: 'nav.settings',
} as const;

export function Sidebar({ onLock, locking }: { onLock: () => void; locking: boolean }) {
  const { t } = useTranslation('common');
  const { route, navigate } = useRoute();
  return (
    <nav className="sidebar" aria-label={t('nav.label')}>
      <p className="brand">{t('app.name')}</p>
      <ul>
        {PLACES.map((place) => (
          <li key={place}>
            <Button className="nav-item" aria-current={route.place === place ? 'page' : undefined} onPress={() => navigate({ place })}>
              {t(NAV_KEYS[place])}
            </Button>
          </li>
        ))}
      </ul>
      <Button className="nav-lock" onPress={onLock} isDisabled={locking}>
        <Icon name="lock" size={16} /> {locking ? t('lock.waiting') : t('lock.now')}
      </Button>
    </nav>
  );
}

// The contacts place (being built: see issue 9).

import { useTranslation } from 'react-i18next';
import { PageHeading } from '../../components/PageHeading.js';
import type { Route } from '../../shell/route.js';

export function ContactsScreen(_props: { route: Route }) {
  const { t } = useTranslation('contacts');
  return <PageHeading>{t('title')}</PageHeading>;
}

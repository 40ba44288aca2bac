// First run (being built: see issue 9): create the vault, then my identity.

import { useTranslation } from 'react-i18next';
import type { VaultStatus } from '../../../shared/view-models.js';
import { PageHeading } from '../../components/PageHeading.js';

export function FirstRunScreen(_props: { status: VaultStatus; onStatus: (status: VaultStatus) => void }) {
  const { t } = useTranslation('firstrun');
  return (
    <main className="page-alone">
      <PageHeading>{t('title')}</PageHeading>
    </main>
  );
}

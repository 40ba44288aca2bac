// Passphrase in, vault open. The passphrase is cleared from state as soon as it has been sent.

import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Button, Form, Input, Label, TextField } from 'react-aria-components';
import type { VaultStatus } from '../../../shared/view-models.js';
import { ErrorText } from '../../components/ErrorText.js';
import { LanguagePicker } from '../../components/LanguagePicker.js';
import { PageHeading } from '../../components/PageHeading.js';
import { useAction } from '../../data/query.js';

export function LockScreen({ onStatus }: { onStatus: (status: VaultStatus) => void }) {
  const { t } = useTranslation('lock');
  const [passphrase, setPassphrase] = useState('');
  const unlock = useAction('vault:unlock', { onSuccess: onStatus });

  return (
    <main className="page-alone lock">
      <PageHeading>{t('title')}</PageHeading>
      <p className="muted">{t('hint')}</p>
      <Form
        aria-label={t('form.label')}
        onSubmit={(event) => {
          event.preventDefault();
          const sent = passphrase;
          setPassphrase('');
          unlock.mutate({ passphrase: sent });
        }}
      >
        <TextField className="field" type="password" autoComplete="current-password" value={passphrase} onChange={setPassphrase} isDisabled={unlock.isPending} autoFocus>
          <Label>{t('passphrase')}</Label>
          <Input />
        </TextField>
        <Button type="submit" className="primary" isDisabled={unlock.isPending || passphrase === ''}>
          {unlock.isPending ? t('unlocking') : t('unlock')}
        </Button>
        {unlock.error && <ErrorText error={unlock.error} screen="lock" />}
      </Form>
      <LanguagePicker />
    </main>
  );
}

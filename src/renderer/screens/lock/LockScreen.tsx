// The lock screen: the vault exists and is locked (the shell shows the first run when there is no
// vault). A refused passphrase leaves focus in the field, the refusal in words described by it;
// a hint when Caps Lock is on.

import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Button, Form } from 'react-aria-components';
import type { VaultStatus } from '../../../shared/view-models.js';
import { useErrorWords } from '../../components/ErrorText.js';
import { LanguagePicker } from '../../components/LanguagePicker.js';
import { PageHeading } from '../../components/PageHeading.js';
import { PassphraseField } from '../../components/PassphraseField.js';
import { ApiError } from '../../data/api.js';
import { useAction } from '../../data/query.js';
import './lock.css';

export function LockScreen({ onStatus }: { onStatus: (status: VaultStatus) => void }) {
  const { t } = useTranslation('lock');
  const words = useErrorWords('lock');
  const [passphrase, setPassphrase] = useState('');
  const input = useRef<HTMLInputElement>(null);
  const unlock = useAction('vault:unlock', { onSuccess: onStatus });
  // A lock screen is for typing the passphrase: the field, not the heading, has focus (this runs
  // after PageHeading's own focus).
  useEffect(() => input.current?.focus(), []);

  return (
    <main className="page-alone lock">
      <PageHeading>{t('title')}</PageHeading>
      <p className="muted">{t('hint')}</p>
      <Form
        aria-label={t('form.label')}
        onSubmit={(event) => {
          event.preventDefault();
          if (passphrase === '' || unlock.isPending) return;
          const sent = passphrase;
          setPassphrase('');
          // Focus stays in (or comes back to) the field, so the person can type again at once.
          unlock.mutate({ passphrase: sent }, { onError: () => input.current?.focus() });
        }}
      >
        <PassphraseField
          label={t('passphrase')}
          value={passphrase}
          onChange={setPassphrase}
          autoComplete="current-password"
          inputRef={input}
          isReadOnly={unlock.isPending}
          error={unlock.error ? words(unlock.error) : null}
          errorCode={unlock.error instanceof ApiError ? unlock.error.code : undefined}
        />
        <Button type="submit" className="primary" isDisabled={unlock.isPending || passphrase === ''}>
          {unlock.isPending ? t('unlocking') : t('unlock')}
        </Button>
      </Form>
      <LanguagePicker />
    </main>
  );
}

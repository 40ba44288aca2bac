// First run: no vault in the folder the app was started on (or a vault with no identity yet).
// Step 1 creates the vault (passphrase with its strength, confirmation, how hard to guess, the
// warning that nobody can recover it); step 2 makes my member keys under my name, then offers to
// save my member card. The shell shows this until the person presses "Open Samizdat".

import { useEffect, useId, useRef, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Button, Form, Input, Label, Radio, RadioGroup, Text, TextField } from 'react-aria-components';
import type { IdentityView, KdfPreset, VaultStatus } from '../../../shared/view-models.js';
import { ErrorText } from '../../components/ErrorText.js';
import { Icon } from '../../components/Icon.js';
import { LanguagePicker } from '../../components/LanguagePicker.js';
import { useNewPassphrase } from '../../components/NewPassphrase.js';
import { PageHeading } from '../../components/PageHeading.js';
import { useAction } from '../../data/query.js';
import './firstrun.css';
import { useSaveMemberCard } from '../../data/member-card.js';

const KDF_PRESETS: readonly KdfPreset[] = ['interactive', 'moderate', 'sensitive'];
const NAME_MAX_CHARS = 100;

export interface FirstRunProps {
  status: VaultStatus;
  onStatus: (status: VaultStatus) => void;
  /** The person is done (her card saved or not): the shell opens the app. */
  onDone: () => void;
}

export function FirstRunScreen({ status, onStatus, onDone }: FirstRunProps) {
  const { t } = useTranslation('firstrun');
  const [me, setMe] = useState<IdentityView | null>(status.identity);
  const step = !status.exists || !status.unlocked ? 'vault' : me === null && status.identity === null ? 'identity' : 'card';
  // Focus goes to each new step's heading; the first one shown leaves it on the page's heading.
  const firstStep = useRef(step);
  const moved = step !== firstStep.current;

  return (
    <main className="page-alone firstrun">
      <header className="firstrun-head">
        <PageHeading>{t('title')}</PageHeading>
        <LanguagePicker />
      </header>
      {step === 'vault' && <p className="firstrun-intro">{t('intro')}</p>}
      {step === 'vault' && <VaultStep onStatus={onStatus} />}
      {step === 'identity' && <IdentityStep focus={moved} onCreated={setMe} />}
      {step === 'card' && <CardStep focus={moved} me={me ?? status.identity} onDone={onDone} />}
    </main>
  );
}

/** A step's heading; takes focus when the person arrives at the step from the one before. */
function StepHeading({ id, focus, children }: { id: string; focus: boolean; children: ReactNode }) {
  const ref = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    if (focus) ref.current?.focus();
  }, [focus]);
  return (
    <h2 id={id} ref={ref} tabIndex={-1} className="firstrun-step-heading">
      {children}
    </h2>
  );
}

function VaultStep({ onStatus }: { onStatus: (status: VaultStatus) => void }) {
  const { t } = useTranslation('firstrun');
  const headingId = useId();
  const [kdf, setKdf] = useState<KdfPreset>('moderate');
  const passphrase = useNewPassphrase({ label: t('vault.passphrase') });
  const create = useAction('vault:create', { onSuccess: onStatus });
  const [checking, setChecking] = useState(false);
  const busy = checking || create.isPending;

  const submit = async () => {
    if (busy) return;
    setChecking(true);
    const chosen = await passphrase.submit().finally(() => setChecking(false));
    if (chosen === null) return;
    create.mutate({ passphrase: chosen, kdf }, { onSuccess: passphrase.clear });
  };

  return (
    <section aria-labelledby={headingId} className="firstrun-step">
      <StepHeading id={headingId} focus={false}>
        {t('vault.heading')}
      </StepHeading>
      <div className="firstrun-warning" role="note">
        <Icon name="warning" size={22} />
        <p>
          <strong>{t('warning.title')}</strong> {t('warning.body')}
        </p>
      </div>
      <Form
        aria-label={t('vault.form')}
        onSubmit={(event) => {
          event.preventDefault();
          void submit();
        }}
      >
        {passphrase.fields}
        <RadioGroup className="kdf-options" value={kdf} onChange={(v) => setKdf(v as KdfPreset)}>
          <Label className="label">{t('kdf.label')}</Label>
          <Text slot="description" className="muted">
            {t('kdf.description')}
          </Text>
          {KDF_PRESETS.map((preset) => (
            <Radio key={preset} value={preset} className="kdf-option">
              <span className="kdf-name">{t(`kdf.${preset}`)}</span>
              <span className="kdf-note">{t(`kdf.${preset}.note`)}</span>
            </Radio>
          ))}
        </RadioGroup>
        {create.error && <ErrorText error={create.error} screen="firstrun" />}
        <Button type="submit" className="primary" isDisabled={create.isPending}>
          {create.isPending ? t('vault.creating') : t('vault.create')}
        </Button>
      </Form>
    </section>
  );
}

function IdentityStep({ focus, onCreated }: { focus: boolean; onCreated: (me: IdentityView) => void }) {
  const { t } = useTranslation('firstrun');
  const headingId = useId();
  const errorId = useId();
  const [name, setName] = useState('');
  const [empty, setEmpty] = useState(false);
  const input = useRef<HTMLInputElement>(null);
  const create = useAction('identity:create', { onSuccess: onCreated });

  return (
    <section aria-labelledby={headingId} className="firstrun-step">
      <StepHeading id={headingId} focus={focus}>
        {t('identity.heading')}
      </StepHeading>
      <p>{t('identity.intro')}</p>
      <Form
        aria-label={t('identity.form')}
        onSubmit={(event) => {
          event.preventDefault();
          if (create.isPending) return;
          if (name.trim() === '') {
            setEmpty(true);
            input.current?.focus();
            return;
          }
          create.mutate({ name: name.trim() }, { onError: () => input.current?.focus() });
        }}
      >
        <TextField
          className="field"
          value={name}
          onChange={(v) => {
            setName(v);
            setEmpty(false);
          }}
          maxLength={NAME_MAX_CHARS}
          autoComplete="nickname"
          isInvalid={empty}
          validationBehavior="aria"
          aria-describedby={empty ? errorId : undefined}
        >
          <Label>{t('name.label')}</Label>
          <Input ref={input} />
          <Text slot="description" className="description">
            {t('name.description')}
          </Text>
          {empty && (
            <p id={errorId} className="error" role="alert">
              {t('name.empty')}
            </p>
          )}
        </TextField>
        {create.error && <ErrorText error={create.error} screen="firstrun" />}
        <Button type="submit" className="primary" isDisabled={create.isPending}>
          {create.isPending ? t('identity.creating') : t('identity.create')}
        </Button>
      </Form>
    </section>
  );
}

function CardStep({ focus, me, onDone }: { focus: boolean; me: IdentityView | null; onDone: () => void }) {
  const { t } = useTranslation('firstrun');
  const headingId = useId();
  const { save, saved, noFiles, failure, saving } = useSaveMemberCard(me?.name ?? null);

  return (
    <section aria-labelledby={headingId} className="firstrun-step">
      <StepHeading id={headingId} focus={focus}>
        {t('card.heading')}
      </StepHeading>
      {me && <p className="keys-ready">{t('card.ready', { name: me.name })}</p>}
      <p>{t('card.body')}</p>
      <div className="actions">
        <Button onPress={() => void save()} isDisabled={saving}>
          {saving ? t('card.saving') : t('card.save')}
        </Button>
        <Button className="primary" onPress={onDone}>
          {t('done')}
        </Button>
      </div>
      <div role="status" className="card-outcome">
        {saved && <p>{saved.downloaded ? t('card.downloaded', { file: saved.file }) : t('card.saved', { file: saved.file })}</p>}
        {noFiles && <p className="error">{t('card.noFiles')}</p>}
      </div>
      {failure !== null && <ErrorText error={failure} screen="firstrun" />}
    </section>
  );
}

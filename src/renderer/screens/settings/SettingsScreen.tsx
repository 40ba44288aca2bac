// Settings: the UI language, the idle lock's time, a change of passphrase (the current one asked
// again, the new one with its strength), and the panic wipe behind a deliberate confirmation.

import { useId, useRef, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useQueryClient } from '@tanstack/react-query';
import { Button, Form, Input, Label, ListBox, ListBoxItem, Popover, Select, SelectValue, Text, TextField } from 'react-aria-components';
import type { VaultStatus } from '../../../shared/view-models.js';
import { Dialog } from '../../components/Dialog.js';
import { ErrorText, useErrorWords } from '../../components/ErrorText.js';
import { LanguagePicker } from '../../components/LanguagePicker.js';
import { useNewPassphrase } from '../../components/NewPassphrase.js';
import { PageHeading } from '../../components/PageHeading.js';
import { PassphraseField } from '../../components/PassphraseField.js';
import { ApiError } from '../../data/api.js';
import { useAction, useChannel } from '../../data/query.js';
import type { Route } from '../../shell/route.js';
import { idleChoices, idleWords, wipeWordMatches } from './settings.js';
import './settings.css';

export function SettingsScreen(_props: { route: Route }) {
  const { t } = useTranslation('settings');
  return (
    <div className="settings">
      <PageHeading>{t('title')}</PageHeading>
      <Section heading={t('language.heading')}>
        <p className="muted">{t('language.note')}</p>
        <LanguagePicker />
      </Section>
      <Section heading={t('idle.heading')}>
        <IdleLock />
      </Section>
      <Section heading={t('passwd.heading')}>
        <ChangePassphrase />
      </Section>
      <Section heading={t('wipe.heading')} className="settings-danger">
        <PanicWipe />
      </Section>
    </div>
  );
}

function Section({ heading, className = '', children }: { heading: string; className?: string; children: ReactNode }) {
  const id = useId();
  return (
    <section aria-labelledby={id} className={`settings-section ${className}`}>
      <h2 id={id}>{heading}</h2>
      {children}
    </section>
  );
}

function IdleLock() {
  const { t } = useTranslation('settings');
  const settings = useChannel('settings:get', {});
  const save = useAction('settings:set', { invalidates: ['settings:get'] });
  const current = save.data?.idleLockMinutes ?? settings.data?.idleLockMinutes;
  const words = (minutes: number) => idleWords((key, options) => t(key, options), minutes);

  if (settings.error) return <ErrorText error={settings.error} screen="settings" />;
  if (current === undefined) return <p className="muted">{t('loading', { ns: 'common' })}</p>;
  return (
    <>
      <Select
        className="select"
        selectedKey={current}
        onSelectionChange={(key) => {
          const minutes = Number(key);
          if (Number.isInteger(minutes) && minutes !== current) save.mutate({ idleLockMinutes: minutes });
        }}
        isDisabled={save.isPending}
      >
        <Label>{t('idle.label')}</Label>
        <Button className="select-button">
          <SelectValue />
          <span aria-hidden="true">▾</span>
        </Button>
        <Text slot="description" className="muted">
          {t('idle.description')}
        </Text>
        <Popover className="select-popover">
          <ListBox className="select-list">
            {idleChoices(current).map((minutes) => (
              <ListBoxItem key={minutes} id={minutes} className="select-item" textValue={words(minutes)}>
                {words(minutes)}
              </ListBoxItem>
            ))}
          </ListBox>
        </Popover>
      </Select>
      <p role="status" className="settings-saved">
        {save.isPending ? t('idle.saving') : save.isSuccess ? t('idle.saved', { time: words(current) }) : ''}
      </p>
      {save.error && <ErrorText error={save.error} screen="settings" />}
    </>
  );
}

function ChangePassphrase() {
  const { t } = useTranslation('settings');
  const words = useErrorWords('settings');
  const [current, setCurrent] = useState('');
  const [emptyCurrent, setEmptyCurrent] = useState(false);
  const [done, setDone] = useState(false);
  const [checking, setChecking] = useState(false);
  const currentRef = useRef<HTMLInputElement>(null);
  const next = useNewPassphrase({ label: t('passwd.next') });
  const passwd = useAction('vault:passwd', { invalidates: ['vault:status'] });
  const wrongCurrent = passwd.error instanceof ApiError && passwd.error.code === 'vault.wrong-passphrase';
  const busy = checking || passwd.isPending;

  const submit = async () => {
    if (busy) return;
    setDone(false);
    passwd.reset();
    if (current === '') {
      setEmptyCurrent(true);
      currentRef.current?.focus();
      return;
    }
    setChecking(true);
    const chosen = await next.submit().finally(() => setChecking(false));
    if (chosen === null) return;
    passwd.mutate(
      { current, next: chosen },
      {
        onSuccess: () => {
          setCurrent('');
          next.clear();
          setDone(true);
        },
        onError: (err) => {
          if (err instanceof ApiError && err.code === 'vault.wrong-passphrase') currentRef.current?.focus();
        },
      },
    );
  };

  return (
    <Form
      aria-label={t('passwd.form')}
      onSubmit={(event) => {
        event.preventDefault();
        void submit();
      }}
    >
      <p className="muted">{t('passwd.body')}</p>
      <PassphraseField
        label={t('passwd.current')}
        value={current}
        onChange={(v) => {
          setCurrent(v);
          setEmptyCurrent(false);
        }}
        autoComplete="current-password"
        inputRef={currentRef}
        isReadOnly={passwd.isPending}
        error={emptyCurrent ? t('passwd.empty') : wrongCurrent ? words(passwd.error) : null}
        errorCode={wrongCurrent ? 'vault.wrong-passphrase' : undefined}
      />
      {next.fields}
      {passwd.error && !wrongCurrent && <ErrorText error={passwd.error} screen="settings" />}
      <div className="actions">
        <Button type="submit" className="primary" isDisabled={passwd.isPending}>
          {passwd.isPending ? t('passwd.changing') : t('passwd.submit')}
        </Button>
      </div>
      <p role="status" className="settings-saved">
        {done ? t('passwd.done') : ''}
      </p>
    </Form>
  );
}

function PanicWipe() {
  const { t } = useTranslation('settings');
  const client = useQueryClient();
  const [open, setOpen] = useState(false);
  const [typed, setTyped] = useState('');
  const [mismatch, setMismatch] = useState(false);
  const errorId = useId();
  const input = useRef<HTMLInputElement>(null);
  // Afterwards vault:status says there is no vault: the shell shows the first run.
  const wipe = useAction('vault:wipe', { onSuccess: (status: VaultStatus) => client.setQueryData(['vault:status', {}], status) });
  const word = t('wipe.word');

  const close = () => {
    if (wipe.isPending) return;
    setOpen(false);
    setTyped('');
    setMismatch(false);
    wipe.reset();
  };

  return (
    <>
      <p>{t('wipe.body')}</p>
      <div className="actions">
        <Button className="danger" onPress={() => setOpen(true)}>
          {t('wipe.open')}
        </Button>
      </div>
      <Dialog title={t('wipe.title')} isOpen={open} onClose={close} alert>
        <p>{t('wipe.explain')}</p>
        <Form
          aria-label={t('wipe.title')}
          onSubmit={(event) => {
            event.preventDefault();
            if (wipe.isPending) return;
            if (!wipeWordMatches(typed, word)) {
              setMismatch(true);
              input.current?.focus();
              return;
            }
            // The channel's own confirmation is the word `wipe`, whatever the UI language.
            wipe.mutate({ confirm: 'wipe' });
          }}
        >
          <TextField
            className="field"
            value={typed}
            onChange={(v) => {
              setTyped(v);
              setMismatch(false);
            }}
            isInvalid={mismatch}
            validationBehavior="aria"
            aria-describedby={mismatch ? errorId : undefined}
            autoFocus
          >
            <Label>{t('wipe.typeLabel', { word })}</Label>
            <Input ref={input} autoComplete="off" spellCheck={false} autoCapitalize="off" autoCorrect="off" />
            {mismatch && (
              <p id={errorId} className="error" role="alert">
                {t('wipe.mismatch', { word })}
              </p>
            )}
          </TextField>
          {wipe.error && <ErrorText error={wipe.error} screen="settings" />}
          <div className="actions">
            <Button onPress={close} isDisabled={wipe.isPending}>
              {t('cancel', { ns: 'common' })}
            </Button>
            <Button type="submit" className="danger" isDisabled={wipe.isPending}>
              {wipe.isPending ? t('wipe.wiping') : t('wipe.confirm')}
            </Button>
          </div>
        </Form>
      </Dialog>
    </>
  );
}

// Founding a group: its name, the other founding members' cards (files from `samizdat me export`
// or "Save my member card"; I am always a member), how many must sign to release a statement, and
// how many to change the group: a majority unless the founder lowers it, and then the page says what
// that risks. Afterwards the group's page, with the next steps.

import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Button, Form, Input, Label, Text, TextField } from 'react-aria-components';
import { Dialog } from '../../components/Dialog.js';
import { ErrorText } from '../../components/ErrorText.js';
import { Icon } from '../../components/Icon.js';
import { filesApi } from '../../bridge-files-dom.js';
import { useAction } from '../../data/query.js';
import { useRoute } from '../../shell/route.js';
import { fileNameOf } from '../firstrun/card.js';
import { ThresholdSelect } from './ThresholdSelect.js';
import { belowMajority, majorityOf, safeMembership, warningWords, type Translate } from './words.js';

/** What founding a group changes. */
export const FOUNDED = ['groups:list', 'statements:list'] as const;

export function FoundDialog({ onClose }: { onClose: () => void }) {
  const { t } = useTranslation('groups');
  const say = ((k, v) => t(k, v ?? {})) as Translate;
  const { navigate } = useRoute();
  const [name, setName] = useState('');
  const [cards, setCards] = useState<string[]>([]);
  const [release, setRelease] = useState<number | null>(null);
  const [membership, setMembership] = useState<number | null>(null);
  const [nameMissing, setNameMissing] = useState(false);
  const [picking, setPicking] = useState<unknown>(null);
  const create = useAction('groups:create', {
    invalidates: FOUNDED,
    onSuccess: (r) => navigate({ place: 'groups', id: r.groupId, params: { founded: '1', ...(r.warnings.length ? { warnings: r.warnings.join(',') } : {}) } }),
  });

  // Me and the cards chosen (a card listed twice, or my own, is refused or skipped by core).
  const members = 1 + cards.length;
  const releaseValue = Math.min(release ?? majorityOf(members), members);
  const membershipValue = Math.min(membership ?? safeMembership(members, releaseValue), members);
  const risky = belowMajority(members, membershipValue);

  const choose = async () => {
    setPicking(null);
    try {
      const paths = await filesApi().open({ purpose: 'card', multiple: true });
      if (paths) setCards((held) => [...held, ...paths.filter((p) => !held.includes(p))]);
    } catch (err) {
      setPicking(err);
    }
  };

  const submit = () => {
    if (name.trim() === '') {
      setNameMissing(true);
      return;
    }
    create.mutate({ name: name.trim(), cards, release: releaseValue, ...(membership === null ? {} : { membership: membershipValue }) });
  };

  return (
    <Dialog title={t('found.title')} isOpen onClose={onClose}>
      <Form
        onSubmit={(e) => {
          e.preventDefault();
          submit();
        }}
      >
        <TextField
          className="field"
          value={name}
          onChange={(v) => {
            setName(v);
            setNameMissing(false);
          }}
          isInvalid={nameMissing}
          maxLength={200}
          autoFocus
        >
          <Label>{t('found.name')}</Label>
          <Input />
          <Text slot="description" className="description">
            {t('found.nameHelp')}
          </Text>
          {nameMissing && <Text slot="errorMessage">{t('found.nameMissing')}</Text>}
        </TextField>

        <fieldset className="cards-field">
          <legend>{t('found.members')}</legend>
          <p className="muted">{t('found.membersHelp')}</p>
          <ul className="chosen-cards" aria-label={t('found.chosen')}>
            <li>
              <Icon name="person" size={16} /> {t('found.me')}
            </li>
            {cards.map((path) => (
              <li key={path}>
                <bdi>{fileNameOf(path)}</bdi>{' '}
                <Button className="small" aria-label={t('found.removeCard', { file: fileNameOf(path) })} onPress={() => setCards((held) => held.filter((p) => p !== path))}>
                  {t('found.remove')}
                </Button>
              </li>
            ))}
          </ul>
          <Button onPress={() => void choose()}>{t('found.chooseCards')}</Button>
          {picking !== null && <ErrorText error={picking} screen="groups" />}
        </fieldset>

        <ThresholdSelect label={t('found.release')} description={t('found.releaseHelp')} value={releaseValue} members={members} onChange={setRelease} />
        <ThresholdSelect
          label={t('found.membership')}
          description={t('found.membershipHelp', { majority: majorityOf(members) })}
          value={membershipValue}
          members={members}
          onChange={setMembership}
        />
        {risky && <Warning text={warningWords(['membership-below-majority'], say, { members, membership: membershipValue })[0] ?? ''} />}
        {create.error && <ErrorText error={create.error} screen="groups" />}
        <div className="actions">
          <Button onPress={onClose}>{t('cancel', { ns: 'common' })}</Button>
          <Button type="submit" className="primary" isDisabled={create.isPending}>
            {create.isPending ? t('found.founding') : t('found.submit')}
          </Button>
        </div>
      </Form>
    </Dialog>
  );
}

export function Warning({ text }: { text: string }) {
  return (
    <p className="warning-note">
      <Icon name="warning" size={18} />
      <span>{text}</span>
    </p>
  );
}

// Comparing a group's fingerprint in person (UI.md "Fingerprints"): the twelve groups of five
// digits this vault holds, large enough to read aloud across a table, beside a field for each group
// as a member of the group reads it from her own device. Each group says at once whether it is the
// same. "Mark as verified" sends what was typed to groups:trust, which refuses anything but the
// group's own fingerprint (verify.fingerprint-mismatch): then the page says plainly not to trust
// the group, shows which groups differ, and nothing is changed.

import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Button, Input, Label, TextField } from 'react-aria-components';
import { ErrorText } from '../../components/ErrorText.js';
import { fingerprintGroups, spoken } from '../../components/fingerprint.js';
import { Icon } from '../../components/Icon.js';
import { PageHeading } from '../../components/PageHeading.js';
import { TrustBadge } from '../../components/TrustBadge.js';
import { ApiError } from '../../data/api.js';
import { useAction, useChannel } from '../../data/query.js';
import { useRoute } from '../../shell/route.js';
import { compareGroups, spreadTyped, GROUPS, type GroupCheck } from './compare.js';
import { LookalikeNote } from './LookalikeNote.js';

const unfinished = (c: GroupCheck): boolean => c === 'empty' || c === 'partial';

/** What a verification changes: every place a group's trust is shown. */
const TRUSTED = ['groups:list', 'groups:show', 'statements:list', 'statements:show', 'statements:verify'] as const;

export function Compare({ id }: { id: string }) {
  const { t } = useTranslation('contacts');
  const { navigate } = useRoute();
  const shown = useChannel('groups:show', { groupId: id });
  const fp = useChannel('groups:fingerprint', { groupId: id }, { staleTime: Infinity });
  const name = shown.data?.name ?? fp.data?.name;
  return (
    <article className="contacts-place compare-page">
      <Button className="back-link" onPress={() => navigate({ place: 'contacts', id })}>
        <span aria-hidden="true">← </span>
        {t('compare.back')}
      </Button>
      <div className="page-title">
        <PageHeading>{name !== undefined ? t('compare.title', { name }) : t('loading', { ns: 'common' })}</PageHeading>
        {shown.data && <TrustBadge trust={shown.data.state} />}
      </div>
      {shown.data && <LookalikeNote name={shown.data.name} trust={shown.data.state} full />}
      {(shown.error ?? fp.error) && <ErrorText error={shown.error ?? fp.error} screen="contacts" />}
      {fp.data && <CompareTable groupId={id} held={fingerprintGroups(fp.data.digits)} />}
    </article>
  );
}

function CompareTable({ groupId, held }: { groupId: string; held: string[] }) {
  const { t } = useTranslation('contacts');
  const { navigate } = useRoute();
  const [typed, setTyped] = useState<string[]>(() => held.map(() => ''));
  const [incomplete, setIncomplete] = useState(false);
  const fields = useRef<(HTMLInputElement | null)[]>([]);
  const trust = useAction('groups:trust', {
    invalidates: TRUSTED,
    onSuccess: () => navigate({ place: 'contacts', id: groupId, params: { verified: '1' } }),
  });
  const checks = compareGroups(held, typed);
  const mismatch = trust.error instanceof ApiError && trust.error.code === 'verify.fingerprint-mismatch';
  const differ = checks.flatMap((c, i) => (c === 'differ' ? [i + 1] : []));

  const type = (index: number, value: string) => {
    const next = spreadTyped(typed, index, value);
    setTyped(next.groups);
    setIncomplete(false);
    if (trust.error) trust.reset();
    // Typing on: the next group once this one has its five digits.
    if (next.focus !== index) fields.current[next.focus]?.focus();
  };

  const submit = () => {
    const first = checks.findIndex(unfinished);
    if (first >= 0) {
      setIncomplete(true);
      fields.current[first]?.focus();
      return;
    }
    trust.mutate({ groupId, fingerprint: typed.join(' ') });
  };

  return (
    <>
      <ol className="compare-steps">
        <li>{t('compare.step1')}</li>
        <li>{t('compare.step2')}</li>
        <li>{t('compare.step3')}</li>
      </ol>
      <table className="compare-table">
        <caption className="visually-hidden">{t('compare.caption')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('compare.col.n')}</th>
            <th scope="col">{t('compare.col.mine')}</th>
            <th scope="col">{t('compare.col.theirs')}</th>
            <th scope="col">{t('compare.col.result')}</th>
          </tr>
        </thead>
        <tbody>
          {held.map((group, i) => (
            <tr key={i} className={`check-${checks[i]}`}>
              <th scope="row" className="compare-n">
                {i + 1}
              </th>
              <td className="compare-mine">
                <span aria-hidden="true">{group}</span>
                <span className="visually-hidden">{spoken(group)}</span>
              </td>
              <td>
                <TextField className="compare-field" value={typed[i] ?? ''} onChange={(v) => type(i, v)} isInvalid={checks[i] === 'differ'}>
                  <Label className="visually-hidden">{t('compare.field', { n: i + 1 })}</Label>
                  <Input
                    ref={(el) => {
                      fields.current[i] = el;
                    }}
                    inputMode="numeric"
                    autoComplete="off"
                    spellCheck={false}
                    className="compare-input"
                  />
                </TextField>
              </td>
              <td className="compare-result">
                <Result check={checks[i] ?? 'empty'} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <div className="compare-outcome">
        {mismatch ? (
          <div className="mismatch-note" role="alert">
            <Icon name="crossed" size={22} />
            <p>
              <strong>{t('error.verify.fingerprint-mismatch')}</strong>{' '}
              {differ.length > 0 && t('compare.differ', { count: differ.length, groups: differ.join(', ') })}
            </p>
          </div>
        ) : (
          trust.error && <ErrorText error={trust.error} screen="contacts" />
        )}
        {incomplete && (
          <p className="error" role="alert">
            {t('compare.incomplete', { count: checks.filter(unfinished).length })}
          </p>
        )}
        <p className="muted" role="status">
          {t('compare.progress', { count: GROUPS, same: checks.filter((c) => c === 'same').length })}
        </p>
      </div>
      <div className="actions">
        <Button className="primary" onPress={submit} isDisabled={trust.isPending}>
          {trust.isPending ? t('compare.checking') : t('compare.submit')}
        </Button>
        <Button onPress={() => navigate({ place: 'contacts', id: groupId })}>{t('cancel', { ns: 'common' })}</Button>
      </div>
    </>
  );
}

function Result({ check }: { check: GroupCheck }) {
  const { t } = useTranslation('contacts');
  if (check === 'empty' || check === 'partial') return null;
  return check === 'same' ? (
    <span className="check same">
      <Icon name="shield-check" size={18} /> {t('compare.same')}
    </span>
  ) : (
    <span className="check differ">
      <Icon name="crossed" size={18} /> {t('compare.different')}
    </span>
  );
}

// Files attached to the statement: chosen with the system's (or the browser's) own file picker,
// each shown by its name and size, and removable until the statement is saved. Their bytes go into
// the vault only when it is.

import { useTranslation } from 'react-i18next';
import { Button } from 'react-aria-components';
import { ErrorText } from '../../components/ErrorText.js';
import { filesApi } from '../../bridge-files-dom.js';
import { call } from '../../data/api.js';
import { useFormat } from '../../i18n/format.js';
import { useState } from 'react';
import { baseName, withAttachments, type AttachmentChoice } from './compose.js';

export interface AttachmentsProps {
  value: readonly AttachmentChoice[];
  onChange: (next: AttachmentChoice[]) => void;
  problem: string;
  register: (el: HTMLElement | null) => void;
}

export function Attachments({ value, onChange, problem, register }: AttachmentsProps) {
  const { t } = useTranslation('write');
  const format = useFormat();
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);

  // Called within the click: the browser shows its picker only for the person's own gesture.
  const choose = () => {
    setError(null);
    let picked: Promise<string[] | null>;
    try {
      picked = filesApi().open({ purpose: 'attachment', multiple: true });
    } catch (err) {
      setError(err);
      return;
    }
    setBusy(true);
    picked
      .then(async (paths) => {
        if (!paths || paths.length === 0) return;
        const about = await call('files:about', { paths }).catch(() => null);
        const sizes = new Map((about ?? []).map((a) => [a.path, a]));
        onChange(withAttachments(value, paths.map((path) => ({ path, name: sizes.get(path)?.name ?? baseName(path), bytes: sizes.get(path)?.bytes ?? null }))));
      })
      .catch((err: unknown) => setError(err))
      .finally(() => setBusy(false));
  };

  return (
    <section className="attachments-field" aria-labelledby="attachments-heading">
      <h2 id="attachments-heading">{t('field.attachments')}</h2>
      {value.length === 0 ? (
        <p className="muted">{t('attachments.none')}</p>
      ) : (
        <ul className="attachment-list">
          {value.map((a) => (
            <li key={a.path}>
              <bdi className="name">{a.name}</bdi> <span className="muted">{a.bytes === null ? t('attachments.unknownSize') : format.bytes(a.bytes)}</span>{' '}
              <Button className="write-small" aria-label={t('attachments.remove', { name: a.name })} onPress={() => onChange(value.filter((x) => x.path !== a.path))}>
                {t('attachments.removeShort')}
              </Button>
            </li>
          ))}
        </ul>
      )}
      <div className="actions">
        <Button ref={register} onPress={choose} isDisabled={busy}>
          {busy ? t('attachments.adding') : t('attachments.add')}
        </Button>
        <span className="muted">{t('attachments.hint')}</span>
      </div>
      {problem !== '' && <p className="error">{problem}</p>}
      {error !== null && <ErrorText error={error} screen="write" />}
    </section>
  );
}

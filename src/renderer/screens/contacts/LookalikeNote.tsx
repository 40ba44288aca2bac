// The warning a lookalike's name never appears without, on a list row or a page: which known group
// it looks like (named), that it may be an impostor, which of its letters are of another alphabet,
// and what to do; on a page, the way to the group it looks like. The Groups place shows it too (a
// group I was added to may be one).

import { useTranslation } from 'react-i18next';
import { Button } from 'react-aria-components';
import type { GroupTrust } from '../../../shared/view-models.js';
import { Icon } from '../../components/Icon.js';
import { mixedLettersNote } from '../statements/report.js';
import { useRoute } from '../../shell/route.js';
import { useIntlWords } from '../statements/words.js';

export function LookalikeNote({ name, trust, full = false }: { name: string; trust: GroupTrust; full?: boolean }) {
  const { t } = useTranslation('contacts');
  const words = useIntlWords();
  const { navigate } = useRoute();
  if (trust.state !== 'lookalike') return null;
  const quote = (n: string) => t('quote', { name: n });
  const others = words.list(trust.looksLike.map((g) => quote(g.name)));
  const mixed = mixedLettersNote(name, words);
  const script = (s: unknown) => t(`script.${String(s)}`, { ns: 'statements' });
  return (
    <div className="lookalike-note" data-looks-like={trust.looksLike.map((g) => g.name).join('\n')}>
      <Icon name="warning" size={20} />
      <p>
        <strong>{t('lookalike.title', { name: quote(name), others })}</strong>{' '}
        {mixed && t(mixed.key, { ns: 'statements', ...mixed.values, script: script(mixed.values?.['script']), main: script(mixed.values?.['main']) })}
        {full && <> {t('lookalike.todo')}</>}
      </p>
      {full && (
        <div className="actions">
          {trust.looksLike.map((g) => (
            <Button key={g.groupId} onPress={() => navigate({ place: 'contacts', id: g.groupId })}>
              {t('lookalike.open', { name: g.name })}
            </Button>
          ))}
        </div>
      )}
    </div>
  );
}

// Choosing statements to send or to save as text: the released ones, newest first, found by a word
// of their title or text. Each shows its badge and its groups with their trust, so that a
// lookalike's release is never picked for a real one. And the statements chosen, each read with
// statements:show (cached as every place reads it).

import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Button, Input, Label, ListBox, ListBoxItem, SearchField, type Selection } from 'react-aria-components';
import { useQueries } from '@tanstack/react-query';
import type { StatementSummary, StatementView } from '../../../shared/view-models.js';
import { Dialog } from '../../components/Dialog.js';
import { ErrorText } from '../../components/ErrorText.js';
import { GroupName } from '../../components/GroupName.js';
import { StatusBadge } from '../../components/StatusBadge.js';
import { call } from '../../data/api.js';
import { channelKey, useChannel } from '../../data/query.js';
import { useFormat } from '../../i18n/format.js';

/** How many the picker lists at once; a search finds the others. */
const PICK_PAGE = 50;
const SEARCH_DELAY_MS = 300;

export function useStatementsShown(ids: readonly string[]) {
  return useQueries({
    queries: ids.map((id) => ({ queryKey: channelKey('statements:show', { id }), queryFn: () => call('statements:show', { id }) })),
  });
}

/** A statement as the pickers and the chosen list show it: its title in its language, its badge, its groups with their trust in words. */
export function StatementLine({ statement }: { statement: StatementSummary }) {
  const format = useFormat();
  return (
    <span className="statement-line">
      <bdi lang={statement.lang} className="statement-line-title">
        {statement.title}
      </bdi>
      <StatusBadge statement={statement} />
      <span className="statement-line-meta">
        {statement.authors.map((a) => (
          <GroupName key={a.groupId} group={a} />
        ))}
        <span className="muted">{format.statementDate(statement.date)}</span>
      </span>
    </span>
  );
}

/** The statements chosen, read one by one; null entries are still loading. */
export function ChosenStatements({ ids, shown, onRemove }: { ids: readonly string[]; shown: ReturnType<typeof useStatementsShown>; onRemove: (id: string) => void }) {
  const { t } = useTranslation('exchange');
  return (
    <ul className="chosen-statements">
      {ids.map((id, i) => {
        const q = shown[i];
        const s: StatementView | undefined = q?.data;
        return (
          <li key={id}>
            {s ? <StatementLine statement={s} /> : q?.error ? <ErrorText error={q.error} screen="exchange" /> : <span className="muted">{t('loading', { ns: 'common' })}</span>}
            <Button className="link-button" onPress={() => onRemove(id)} aria-label={t('chosen.remove.label', { title: s?.title ?? id.slice(0, 12) })}>
              {t('chosen.remove')}
            </Button>
          </li>
        );
      })}
    </ul>
  );
}

export interface PickerProps {
  isOpen: boolean;
  title: string;
  multiple: boolean;
  /** Ids already chosen (kept chosen). */
  chosen: readonly string[];
  onChoose: (ids: string[]) => void;
  onClose: () => void;
}

export function StatementPicker({ isOpen, title, multiple, chosen, onChoose, onClose }: PickerProps) {
  const { t } = useTranslation('exchange');
  const format = useFormat();
  const [text, setText] = useState('');
  const [query, setQuery] = useState('');
  const [selected, setSelected] = useState<Set<string>>(new Set(chosen));
  // Each time it opens, from what is chosen then (by the ids: a new array of the same ids changes nothing).
  const chosenKey = chosen.join(',');
  useEffect(() => {
    if (isOpen) setSelected(new Set(chosenKey ? chosenKey.split(',') : []));
  }, [isOpen, chosenKey]);
  useEffect(() => {
    const timer = setTimeout(() => setQuery(text.trim()), SEARCH_DELAY_MS);
    return () => clearTimeout(timer);
  }, [text]);
  const list = useChannel('statements:list', { after: null, limit: PICK_PAGE, filter: { status: 'released', ...(query ? { query } : {}) } }, { enabled: isOpen });
  const items = list.data?.items ?? [];
  const onSelection = (keys: Selection) => {
    if (keys === 'all') setSelected(new Set(items.map((s) => s.id)));
    else setSelected(new Set([...keys].map(String)));
  };
  return (
    <Dialog title={title} isOpen={isOpen} onClose={onClose}>
      <SearchField className="field" value={text} onChange={setText}>
        <Label>{t('picker.search')}</Label>
        <Input />
      </SearchField>
      {list.error && <ErrorText error={list.error} screen="exchange" />}
      {list.data && items.length === 0 && <p className="muted">{query ? t('picker.noMatch') : t('picker.none')}</p>}
      {items.length > 0 && (
        <ListBox
          className="picker-list"
          aria-label={t('picker.list')}
          items={items}
          selectionMode={multiple ? 'multiple' : 'single'}
          selectedKeys={selected}
          onSelectionChange={onSelection}
        >
          {(s) => (
            <ListBoxItem id={s.id} textValue={s.title} className="picker-item">
              {({ isSelected }) => (
                <>
                  <span className={`picker-check${isSelected ? ' checked' : ''}`} aria-hidden="true" />
                  <StatementLine statement={s} />
                </>
              )}
            </ListBoxItem>
          )}
        </ListBox>
      )}
      {list.data && list.data.total > items.length && <p className="muted">{t('picker.more', { shown: format.number(items.length), count: list.data.total })}</p>}
      {!list.data && !list.error && <p className="muted">{t('loading', { ns: 'common' })}</p>}
      <div className="actions">
        <Button onPress={onClose}>{t('cancel', { ns: 'common' })}</Button>
        <Button className="primary" isDisabled={selected.size === 0} onPress={() => onChoose([...selected])}>
          {multiple ? t('picker.choose', { count: selected.size }) : t('picker.chooseOne')}
        </Button>
      </div>
    </Dialog>
  );
}

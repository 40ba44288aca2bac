// Search and filters of the statement list: words (searched as the person stops typing), a group,
// a language, a status. Each control labelled; the group choice shows each group's trust, so a
// lookalike is never picked by its name alone.

import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Button, Input, Label, ListBox, ListBoxItem, Popover, SearchField, Select, SelectValue } from 'react-aria-components';
import type { StatementFilter, StatementStatus } from '../../../shared/view-models.js';
import { GroupName } from '../../components/GroupName.js';
import { useChannel } from '../../data/query.js';
import { useIntlWords } from './words.js';

const ALL = '*';
const SEARCH_DELAY_MS = 300;
const STATUSES: readonly StatementStatus[] = ['released', 'waiting', 'problem'];

export interface FilterState {
  /** As typed; the list searches for it once the person stops typing. */
  text: string;
  groupId: string | null;
  lang: string | null;
  status: StatementStatus | null;
}

export const NO_FILTER: FilterState = { text: '', groupId: null, lang: null, status: null };

export const isFiltered = (f: FilterState): boolean => f.text.trim() !== '' || f.groupId !== null || f.lang !== null || f.status !== null;

/** What statements:list is asked for. */
export function filterOf(f: FilterState): StatementFilter {
  const query = f.text.trim();
  return {
    ...(query ? { query } : {}),
    ...(f.groupId ? { groupId: f.groupId } : {}),
    ...(f.lang ? { lang: f.lang } : {}),
    ...(f.status ? { status: f.status } : {}),
  };
}

/** The words once the person has stopped typing for a moment; the other filters at once. */
export function useSettledFilter(f: FilterState): StatementFilter {
  const [text, setText] = useState(f.text);
  useEffect(() => {
    const timer = setTimeout(() => setText(f.text), SEARCH_DELAY_MS);
    return () => clearTimeout(timer);
  }, [f.text]);
  return filterOf({ ...f, text });
}

/**
 * `listAnswered`: the list's first page has come (or failed). The filters' choices are fetched
 * after it: the vault answers one call at a time, and the rows come first (a vault of 1,000 groups
 * takes a few hundred milliseconds to list its groups on the first read after unlocking).
 */
export function Filters({ value, onChange, listAnswered }: { value: FilterState; onChange: (next: FilterState) => void; listAnswered: boolean }) {
  const { t } = useTranslation('statements');
  const groups = useChannel('groups:list', {}, { enabled: listAnswered });
  const languages = useChannel('statements:languages', {}, { enabled: listAnswered });
  const words = useIntlWords();
  const set = (patch: Partial<FilterState>) => onChange({ ...value, ...patch });
  const langs = languages.data ?? [];
  // A language chosen before the list of languages changed stays choosable.
  const langChoices = value.lang && !langs.includes(value.lang) ? [value.lang, ...langs] : langs;

  return (
    <div role="search" className="statement-filters" aria-label={t('filter.label')}>
      <SearchField className="field search-field" value={value.text} onChange={(text) => set({ text })} onClear={() => set({ text: '' })}>
        <Label>{t('search.label')}</Label>
        <div className="search-input">
          <Input placeholder={t('search.placeholder')} />
          {value.text !== '' && (
            <Button className="search-clear" aria-label={t('search.clear')}>
              ×
            </Button>
          )}
        </div>
      </SearchField>

      <Select className="select" selectedKey={value.groupId ?? ALL} onSelectionChange={(key) => set({ groupId: key === ALL || key === null ? null : String(key) })}>
        <Label>{t('filter.group')}</Label>
        <Button className="select-button">
          <SelectValue />
          <span aria-hidden="true">▾</span>
        </Button>
        <Popover className="select-popover">
          <ListBox className="select-list">
            <ListBoxItem id={ALL} className="select-item" textValue={t('filter.group.all')}>
              {t('filter.group.all')}
            </ListBoxItem>
            {(groups.data ?? []).map((g) => (
              <ListBoxItem key={g.groupId} id={g.groupId} className="select-item" textValue={g.name}>
                <GroupName group={{ name: g.name, trust: g.state }} />
              </ListBoxItem>
            ))}
          </ListBox>
        </Popover>
      </Select>

      <Select className="select" selectedKey={value.lang ?? ALL} onSelectionChange={(key) => set({ lang: key === ALL || key === null ? null : String(key) })}>
        <Label>{t('filter.lang')}</Label>
        <Button className="select-button">
          <SelectValue />
          <span aria-hidden="true">▾</span>
        </Button>
        <Popover className="select-popover">
          <ListBox className="select-list">
            <ListBoxItem id={ALL} className="select-item" textValue={t('filter.lang.all')}>
              {t('filter.lang.all')}
            </ListBoxItem>
            {langChoices.map((code) => (
              <ListBoxItem key={code} id={code} className="select-item" textValue={words.languageOption(code)}>
                {words.languageOption(code)}
              </ListBoxItem>
            ))}
          </ListBox>
        </Popover>
      </Select>

      <Select className="select" selectedKey={value.status ?? ALL} onSelectionChange={(key) => set({ status: key === ALL || key === null ? null : (String(key) as StatementStatus) })}>
        <Label>{t('filter.status')}</Label>
        <Button className="select-button">
          <SelectValue />
          <span aria-hidden="true">▾</span>
        </Button>
        <Popover className="select-popover">
          <ListBox className="select-list">
            <ListBoxItem id={ALL} className="select-item">
              {t('filter.status.all')}
            </ListBoxItem>
            {STATUSES.map((s) => (
              <ListBoxItem key={s} id={s} className="select-item">
                {t(`filter.status.${s}`)}
              </ListBoxItem>
            ))}
          </ListBox>
        </Popover>
      </Select>

      {isFiltered(value) && (
        <Button className="filters-clear" onPress={() => onChange(NO_FILTER)}>
          {t('filter.clear')}
        </Button>
      )}
    </div>
  );
}

// Every statement held, newest first: keyset pages of statements:list, fetched as the person
// scrolls near the end of what is loaded, drawn by @tanstack/react-virtual so that only the rows in
// view (and a few around them) are in the document, at 100 or at 100,000 statements. Rows are of
// one height. Each row is a button in a list: Tab reaches the list once, the arrow keys, Page Up,
// Page Down, Home and End move through it, Enter opens the statement.
//
// The search and filters, the scroll position and the row last focused are kept for when the
// person comes back from a statement: in the query cache, so that locking drops them with
// everything else read from the vault.

import { useCallback, useEffect, useLayoutEffect, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Button } from 'react-aria-components';
import { useQueryClient } from '@tanstack/react-query';
import { useVirtualizer } from '@tanstack/react-virtual';
import type { StatementSummary } from '../../../shared/view-models.js';
import { ErrorText } from '../../components/ErrorText.js';
import { GroupName } from '../../components/GroupName.js';
import { PageHeading } from '../../components/PageHeading.js';
import { StatusBadge } from '../../components/StatusBadge.js';
import { useChannelPages } from '../../data/pages.js';
import { useFormat } from '../../i18n/format.js';
import { useRoute } from '../../shell/route.js';
import { Filters, isFiltered, NO_FILTER, useSettledFilter, type FilterState } from './Filters.js';
import { useIntlWords } from './words.js';

/** Statements a page: enough to fill a tall window several times over, small enough to come at once. */
export const PAGE_SIZE = 100;
/** Ask for the next page when this few loaded rows are left below the window. */
const PREFETCH_ROWS = 30;
/** A row's height in rem (the CSS gives .statement-row the same). */
const ROW_REM = 4.75;

interface ListMemory {
  filter: FilterState;
  offset: number;
  active: number;
}

const MEMORY_KEY = ['statements', 'list-view'] as const;

function useListMemory() {
  const client = useQueryClient();
  const saved = client.getQueryData<ListMemory>(MEMORY_KEY);
  const save = useCallback((m: ListMemory) => client.setQueryData(MEMORY_KEY, m), [client]);
  return { saved, save };
}

function rowHeight(): number {
  const rem = Number.parseFloat(getComputedStyle(document.documentElement).fontSize) || 16;
  return Math.round(ROW_REM * rem);
}

export function StatementList() {
  const { t } = useTranslation('statements');
  const memory = useListMemory();
  const [filter, setFilter] = useState<FilterState>(memory.saved?.filter ?? NO_FILTER);
  const settled = useSettledFilter(filter);
  const pages = useChannelPages('statements:list', { limit: PAGE_SIZE, filter: settled });
  const items = useMemo(() => pages.data?.pages.flatMap((p) => p.items) ?? [], [pages.data]);
  const total = pages.data?.pages[0]?.total ?? 0;
  const filtered = Object.keys(settled).length > 0;

  const changeFilter = (next: FilterState) => {
    setFilter(next);
    memory.save({ filter: next, offset: 0, active: 0 });
  };

  return (
    <div className="statements-screen">
      <PageHeading>{t('title')}</PageHeading>
      <Filters value={filter} onChange={changeFilter} listAnswered={!pages.isPending} />
      <p className="list-count" role="status">
        {pages.isPending ? t('list.loading') : pages.error ? '' : filtered ? t('list.found', { count: total }) : t('list.count', { count: total })}
      </p>
      {pages.error ? (
        <div className="list-error">
          <ErrorText error={pages.error} screen="statements" />
          <Button onPress={() => void pages.refetch()}>{t('retry', { ns: 'common' })}</Button>
        </div>
      ) : pages.isPending ? null : items.length === 0 ? (
        <EmptyList filtered={filtered || isFiltered(filter)} onClear={() => changeFilter(NO_FILTER)} />
      ) : (
        <VirtualRows
          key={JSON.stringify(settled)}
          items={items}
          total={total}
          hasMore={pages.hasNextPage}
          loadingMore={pages.isFetchingNextPage}
          loadMore={() => void pages.fetchNextPage()}
          initial={memory.saved && JSON.stringify(memory.saved.filter) === JSON.stringify(filter) ? memory.saved : null}
          remember={(offset, active) => memory.save({ filter, offset, active })}
        />
      )}
    </div>
  );
}

function EmptyList({ filtered, onClear }: { filtered: boolean; onClear: () => void }) {
  const { t } = useTranslation('statements');
  const { navigate } = useRoute();
  if (filtered) {
    return (
      <div className="empty">
        <p>{t('list.noMatch')}</p>
        <Button onPress={onClear}>{t('filter.clear')}</Button>
      </div>
    );
  }
  return (
    <div className="empty">
      <p>{t('list.empty')}</p>
      <div className="actions">
        <Button className="primary" onPress={() => navigate({ place: 'exchange' })}>
          {t('list.empty.exchange')}
        </Button>
        <Button onPress={() => navigate({ place: 'write' })}>{t('list.empty.write')}</Button>
      </div>
    </div>
  );
}

interface RowsProps {
  items: StatementSummary[];
  total: number;
  hasMore: boolean;
  loadingMore: boolean;
  loadMore: () => void;
  initial: { offset: number; active: number } | null;
  remember: (offset: number, active: number) => void;
}

function VirtualRows({ items, total, hasMore, loadingMore, loadMore, initial, remember }: RowsProps) {
  const { t } = useTranslation('statements');
  const { navigate } = useRoute();
  const scroller = useRef<HTMLDivElement>(null);
  const [height] = useState(rowHeight);
  const [active, setActive] = useState(() => Math.min(initial?.active ?? 0, items.length - 1));
  const focusWanted = useRef<number | null>(null);
  const buttons = useRef(new Map<number, HTMLButtonElement>());
  // The last row is a "loading more" line while pages remain.
  const count = items.length + (hasMore ? 1 : 0);

  const virtualizer = useVirtualizer({
    count,
    getScrollElement: () => scroller.current,
    estimateSize: () => height,
    overscan: 6,
    initialOffset: initial?.offset ?? 0,
  });
  const rows = virtualizer.getVirtualItems();
  const lastShown = rows.length > 0 ? (rows[rows.length - 1]?.index ?? 0) : 0;

  useEffect(() => {
    if (hasMore && !loadingMore && lastShown >= items.length - PREFETCH_ROWS) loadMore();
  }, [hasMore, loadingMore, lastShown, items.length, loadMore]);

  // Moving with the keys: scroll the row into view, then focus it once it is drawn.
  useLayoutEffect(() => {
    const wanted = focusWanted.current;
    if (wanted === null) return;
    const el = buttons.current.get(wanted);
    if (el) {
      el.focus({ preventScroll: true });
      focusWanted.current = null;
    }
  });

  const moveTo = (index: number) => {
    const target = Math.max(0, Math.min(index, items.length - 1));
    setActive(target);
    focusWanted.current = target;
    virtualizer.scrollToIndex(target, { align: 'auto' });
  };

  const perWindow = Math.max(1, Math.floor((scroller.current?.clientHeight ?? height * 8) / height) - 1);
  const onKeyDown = (event: KeyboardEvent<HTMLUListElement>) => {
    const moves: Record<string, number> = {
      ArrowDown: active + 1,
      ArrowUp: active - 1,
      PageDown: active + perWindow,
      PageUp: active - perWindow,
      Home: 0,
      End: items.length - 1,
    };
    const to = moves[event.key];
    if (to === undefined) return;
    event.preventDefault();
    moveTo(to);
  };

  // Tab enters the list at the row last used, or at the first row in view when that one is scrolled away.
  const drawn = rows.filter((r) => r.index < items.length);
  const tabStop = drawn.some((r) => r.index === active) ? active : (drawn[0]?.index ?? 0);

  const open = (index: number, id: string) => {
    remember(virtualizer.scrollOffset ?? 0, index);
    navigate({ place: 'statements', id });
  };

  return (
    <>
      <p id="statements-keys" className="visually-hidden">
        {t('list.keys')}
      </p>
      <div ref={scroller} className="statement-scroller">
        <ul className="statements" aria-label={t('list.label')} aria-describedby="statements-keys" onKeyDown={onKeyDown} style={{ height: virtualizer.getTotalSize() }}>
          {rows.map((row) => {
            const s = items[row.index];
            if (!s) {
              return (
                <li key="more" className="statement-row loading-more" style={{ transform: `translateY(${row.start}px)`, height }}>
                  {t('list.loadingMore')}
                </li>
              );
            }
            return (
              <li key={s.id} className="statement-row" style={{ transform: `translateY(${row.start}px)`, height }} aria-posinset={row.index + 1} aria-setsize={total}>
                <Row
                  statement={s}
                  tabIndex={row.index === tabStop ? 0 : -1}
                  buttonRef={(el) => {
                    if (el) buttons.current.set(row.index, el);
                    else buttons.current.delete(row.index);
                  }}
                  onFocus={() => setActive(row.index)}
                  onOpen={() => open(row.index, s.id)}
                />
              </li>
            );
          })}
        </ul>
      </div>
    </>
  );
}

interface RowProps {
  statement: StatementSummary;
  tabIndex: number;
  buttonRef: (el: HTMLButtonElement | null) => void;
  onFocus: () => void;
  onOpen: () => void;
}

function Row({ statement: s, tabIndex, buttonRef, onFocus, onOpen }: RowProps) {
  const format = useFormat();
  const words = useIntlWords();
  const badge = `badge-${s.id}`;
  const about = `about-${s.id}`;
  // The button is named by the title alone (what it shows); the badge and the rest describe it.
  // Its ::after covers the whole row, so the row is one target for the pointer too.
  return (
    <>
      <span className="row-head">
        <button type="button" ref={buttonRef} className="row-button" tabIndex={tabIndex} onFocus={onFocus} onClick={onOpen} aria-describedby={`${badge} ${about}`}>
          <span className="title" lang={s.lang}>
            {s.title}
          </span>
        </button>
        <span id={badge} className="row-badge">
          <StatusBadge statement={s} />
        </span>
      </span>
      <span id={about} className="row-meta">
        {s.authors.map((a) => (
          <GroupName key={a.groupId} group={a} />
        ))}
        <span className="sep" aria-hidden="true">
          ·
        </span>
        <span className="lang">{words.language(s.lang)}</span>
        <span className="sep" aria-hidden="true">
          ·
        </span>
        <span className="date">{format.statementDate(s.date)}</span>
      </span>
    </>
  );
}

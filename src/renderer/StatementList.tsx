// The statements, one page at a time: the renderer asks for pages, never for everything
// (DESIGN.md budget: first render of 100,000 statements within 500 ms).

import { useState } from 'react';
import { call } from './api.js';
import { useCall } from './useCall.js';
import { StatementDetail } from './StatementDetail.js';

export const PAGE_SIZE = 50;

export function StatementList(props: {
  onVaultError: (err: unknown) => void;
  /** The statement open in the detail view, if any (App holds it: the exchange panel exports it). */
  selected: string | null;
  onSelect: (id: string | null) => void;
  /** Changes when an import or a sync may have brought statements: the page reloads. */
  dataVersion: number;
}) {
  const { onVaultError, selected, onSelect, dataVersion } = props;
  // Pages are a keyset walk: each page after the first is asked for with the cursor the page before
  // gave (`next`). The cursors of the pages walked so far make Previous; their number, the range shown.
  const [cursors, setCursors] = useState<string[]>([]);
  const after = cursors.length === 0 ? null : (cursors[cursors.length - 1] as string);
  const { value: page, error } = useCall(() => call('statements:list', { after, limit: PAGE_SIZE }), [after, dataVersion], onVaultError);

  if (selected !== null) {
    return <StatementDetail id={selected} onBack={() => onSelect(null)} onVaultError={onVaultError} />;
  }
  if (error !== null) return <p role="alert" className="error">{error}</p>;
  if (page === null) return <p className="muted">Loading statements…</p>;
  if (page.total === 0) return <p className="muted">No statements yet. Import a bundle to begin.</p>;

  const first = cursors.length * PAGE_SIZE;
  const last = Math.min(first + page.items.length, page.total);
  const next = page.next;
  return (
    <section aria-label="Statements">
      <p className="muted" data-testid="range">
        {Math.min(first + 1, last)}–{last} of {page.total}
      </p>
      <ul className="statements">
        {page.items.map((s) => (
          <li key={s.id}>
            <button type="button" className="statement" onClick={() => onSelect(s.id)}>
              <span className="title">{s.title}</span>
              <span className="groups">{s.authors.map((a) => a.name).join(', ')}</span>
              <span className="meta">
                {s.lang} · {s.date}
              </span>
              <span className={s.released ? 'badge released' : 'badge pending'}>{s.released ? 'released' : 'not released'}</span>
            </button>
          </li>
        ))}
      </ul>
      <nav className="pager">
        <button type="button" disabled={cursors.length === 0} onClick={() => setCursors(cursors.slice(0, -1))}>
          Previous
        </button>
        <button type="button" disabled={next === null} onClick={() => next !== null && setCursors([...cursors, next])}>
          Next
        </button>
      </nav>
    </section>
  );
}

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
  const [offset, setOffset] = useState(0);
  const { value: page, error } = useCall(() => call('statements:list', { offset, limit: PAGE_SIZE }), [offset, dataVersion], onVaultError);

  if (selected !== null) {
    return <StatementDetail id={selected} onBack={() => onSelect(null)} onVaultError={onVaultError} />;
  }
  if (error !== null) return <p role="alert" className="error">{error}</p>;
  if (page === null) return <p className="muted">Loading statements…</p>;
  if (page.total === 0) return <p className="muted">No statements yet. Import a bundle to begin.</p>;

  const last = Math.min(page.offset + page.items.length, page.total);
  return (
    <section aria-label="Statements">
      <p className="muted" data-testid="range">
        {page.offset + 1}–{last} of {page.total}
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
        <button type="button" disabled={offset === 0} onClick={() => setOffset(Math.max(0, offset - PAGE_SIZE))}>
          Previous
        </button>
        <button type="button" disabled={last >= page.total} onClick={() => setOffset(offset + PAGE_SIZE)}>
          Next
        </button>
      </nav>
    </section>
  );
}

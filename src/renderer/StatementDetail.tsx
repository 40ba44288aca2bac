// One statement. Its text comes from a bundle, that is from anyone: it is shown as text, never
// parsed as HTML: it is a React text child, which React escapes (tests/unit/main/source-policy.test.ts
// forbids every raw-HTML escape hatch in the renderer).

import { call } from './api.js';
import { useCall } from './useCall.js';

export function StatementDetail(props: { id: string; onBack: () => void; onVaultError: (err: unknown) => void }) {
  const { id, onBack, onVaultError } = props;
  const { value: statement, error } = useCall(() => call('statements:show', { id }), [id], onVaultError);

  return (
    <article className="detail">
      <button type="button" onClick={onBack}>
        ← Statements
      </button>
      {error !== null && <p role="alert" className="error">{error}</p>}
      {statement !== null && (
        <>
          <h2>{statement.title}</h2>
          <p className="muted">
            {statement.authors.map((a) => a.name).join(', ')} · {statement.lang} · {statement.date} ·{' '}
            {statement.released ? 'released' : 'not released'}
          </p>
          <div className="body" data-testid="statement-body">
            {statement.body}
          </div>
        </>
      )}
    </article>
  );
}

// What this statement points at ("Translation of: ‹title›") and what points at it (its
// translations, introductions, responses, revisions), as links that open the other statement. A
// statement not held here is named as such, by the start of its ID.

import { useTranslation } from 'react-i18next';
import { Link } from 'react-aria-components';
import type { RelatedStatement, RelationKind, StatementView } from '../../../shared/view-models.js';
import { useRoute } from '../../shell/route.js';
import { useIntlWords } from './words.js';

const KINDS: readonly RelationKind[] = ['translation-of', 'introduces', 'responds-to', 'revises', 'retracts'];

export function Relations({ statement }: { statement: StatementView }) {
  const { t } = useTranslation('statements');
  const { outgoing, incoming } = statement;
  if (outgoing.length === 0 && incoming.length === 0) return null;
  const incomingBy = KINDS.map((kind) => ({ kind, items: incoming.filter((r) => r.kind === kind) })).filter((g) => g.items.length > 0);
  return (
    <section className="relations" aria-labelledby="relations-heading">
      <h2 id="relations-heading">{t('relations.heading')}</h2>
      {outgoing.length > 0 && (
        <ul className="relation-list">
          {outgoing.map((r, i) => (
            <li key={`${r.kind}-${r.id}-${i}`} data-kind={r.kind}>
              <span className="relation-kind">{t(`rel.out.${r.kind}`)}: </span>
              <RelatedLink related={r} />
            </li>
          ))}
        </ul>
      )}
      {incomingBy.map((g) => (
        <div key={g.kind} className="relation-group" data-kind={g.kind}>
          <h3>{t(`rel.in.${g.kind}`)}</h3>
          <ul className="relation-list">
            {g.items.map((r) => (
              <li key={r.id}>
                <RelatedLink related={r} />
              </li>
            ))}
          </ul>
        </div>
      ))}
    </section>
  );
}

function RelatedLink({ related }: { related: RelatedStatement }) {
  const { t } = useTranslation('statements');
  const { navigate } = useRoute();
  const words = useIntlWords();
  if (related.title === null) {
    return <span className="muted not-held">{t('rel.notHeld', { id: related.id.slice(0, 12) })}</span>;
  }
  return (
    <>
      <Link className="inline-link" onPress={() => navigate({ place: 'statements', id: related.id })}>
        <bdi lang={related.lang ?? undefined}>{related.title}</bdi>
      </Link>
      {related.lang && <span className="muted"> ({words.language(related.lang)})</span>}
    </>
  );
}

// A group's name, always with its trust. The name comes from a bundle, that is from anyone: it is
// text, quoted, and a lookalike's name is never shown without its warning.

import type { AuthorRef } from '../../shared/view-models.js';
import { TrustBadge } from './TrustBadge.js';

export function GroupName({ group, compact = false }: { group: Pick<AuthorRef, 'name' | 'trust'>; compact?: boolean }) {
  return (
    <span className={`group-name trust-${group.trust.state}`}>
      <bdi className="name">{group.name}</bdi> <TrustBadge trust={group.trust} compact={compact} />
    </span>
  );
}

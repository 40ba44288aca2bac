// The verdict a statement's badge shows, from its status and its author groups' trust: the one rule
// that decides whether a statement may wear the look of a verified release. Pure, so it is tested
// without a browser (tests/unit/renderer/verdict.test.ts).

import type { AuthorRef, GroupTrust, StatementSummary } from '../../shared/view-models.js';

export type Verdict = 'verified' | 'unverified' | 'lookalike' | 'broken' | 'waiting' | 'problem';

/** Worst first: a statement with one lookalike author and one verified author is a lookalike's. */
const TRUST_RANK: Record<GroupTrust['state'], number> = { broken: 0, lookalike: 1, unverified: 2, verified: 3, mine: 3 };

export function worstTrust(authors: readonly AuthorRef[]): GroupTrust['state'] {
  let worst: GroupTrust['state'] = 'verified';
  for (const a of authors) if (TRUST_RANK[a.trust.state] < TRUST_RANK[worst]) worst = a.trust.state;
  return authors.length === 0 ? 'unverified' : worst;
}

/**
 * "Released" alone is never a verdict: a release is `verified` only when every author group is
 * mine or verified by fingerprint; a lookalike or broken author wins over everything but a problem.
 */
export function verdictOf(s: Pick<StatementSummary, 'status' | 'authors'>): Verdict {
  if (s.status === 'problem') return 'problem';
  const trust = worstTrust(s.authors);
  if (trust === 'broken') return 'broken';
  if (trust === 'lookalike') return 'lookalike';
  if (s.status === 'waiting') return 'waiting';
  return trust === 'unverified' ? 'unverified' : 'verified';
}

// One statement as its page shows it: the statement, its verification report and status, what it
// points at and what points at it (resolved to titles where held), its attachments (by hash, no
// bytes), and whether I can sign or endorse it now.
import type { RelationType, Statement } from '../model/types.js';
import type { Vault } from '../store/vault.js';
import type { VerificationReport } from '../verify/statement.js';
import { reportStatus, type StatusView } from './statement-list.js';
import { Verifier, signableGroups, statementOfRecord } from './statements.js';

/** Statements of one kind that point at this one, listed at most (anyone can write one: a flood must not bury the page). */
export const MAX_INCOMING_PER_KIND = 50;

export interface RelatedRef {
  kind: RelationType;
  id: string;
  /** Null when that statement is not held here. */
  title: string | null;
  lang: string | null;
}

export interface AttachmentListing {
  name: string;
  mediaType: string;
  size: number;
  sha256: string;
}

export interface StatementDetail {
  id: string;
  statement: Statement;
  report: VerificationReport;
  status: StatusView;
  /** Its relations, in its own order, resolved. */
  outgoing: RelatedRef[];
  /** Held statements whose relations point at it, by kind, newest first (MAX_INCOMING_PER_KIND of each). */
  incoming: RelatedRef[];
  attachments: AttachmentListing[];
  /** I have an identity, am a current member of an author group (its chain not forked) and have no counting signature for it yet. */
  canSign: boolean;
  /** The same for a group of mine that is not an author: see signStatement. */
  canEndorse: boolean;
}

/** A held statement's page, or undefined when it is not held. */
export function statementDetail(vault: Vault, id: string): StatementDetail | undefined {
  const record = vault.getStatement(id);
  if (record === undefined) return undefined;
  const statement = statementOfRecord(record);
  const verifier = new Verifier(vault);
  const report = verifier.verify(id);
  const listing = vault.statementListing();
  const related = (kind: RelationType, other: string): RelatedRef => {
    const s = listing.summary(other);
    return { kind, id: other, title: s?.title ?? null, lang: s?.lang ?? null };
  };

  const byKind = new Map<RelationType, Array<{ ref: RelatedRef; date: string }>>();
  for (const edge of vault.getRelationsTo(id)) {
    const list = byKind.get(edge.type) ?? [];
    byKind.set(edge.type, list);
    if (list.length >= MAX_INCOMING_PER_KIND) continue;
    const s = listing.summary(edge.from);
    list.push({ ref: { kind: edge.type, id: edge.from, title: s?.title ?? null, lang: s?.lang ?? null }, date: s?.date ?? '' });
  }
  const newestFirst = (a: { ref: RelatedRef; date: string }, b: { ref: RelatedRef; date: string }) =>
    a.date !== b.date ? (a.date > b.date ? -1 : 1) : a.ref.id < b.ref.id ? -1 : 1;
  const incoming = [...byKind.values()].flatMap((list) => list.sort(newestFirst).map((x) => x.ref));

  // Signing is open for a group where I am a current member, on a chain that does not fork
  // (signing there asks for a branch first), and my signature does not count for it yet.
  const open = (role: 'release' | 'endorse', entries: VerificationReport['groups']): boolean =>
    signableGroups(vault, statement.authors, role, (g) => verifier.chain(g)).some(({ groupId, memberId }) => {
      if (verifier.chain(groupId)?.fork) return false;
      return !entries.some((e) => e.groupId === groupId && e.signers.some((s) => s.memberId === memberId));
    });
  const mine = vault.hasIdentity();

  return {
    id,
    statement,
    report,
    status: reportStatus(report),
    outgoing: statement.relations.map((r) => related(r.type, r.id)),
    incoming,
    attachments: statement.attachments.map((a) => ({ name: a.name, mediaType: a.mediaType, size: a.size, sha256: a.id })),
    canSign: mine && open('release', report.groups),
    canEndorse: mine && open('endorse', report.endorsements),
  };
}

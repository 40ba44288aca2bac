// Field-by-field copies of what the core hands over. TypeScript's structural typing lets an object
// carry more than its declared type; copying only the declared fields is what guarantees that a
// secret key or a bundle's raw bytes attached to a core object never reaches a transport.

import type {
  AuthorRef,
  GroupSummary,
  GroupVerification,
  Page,
  Problem,
  StatementSummary,
  StatementView,
  VerificationReport,
} from '../shared/view-models.js';

const author = (a: AuthorRef): AuthorRef => ({ groupId: a.groupId, name: a.name });
const problem = (p: Problem): Problem => ({ code: p.code, severity: p.severity, message: p.message, subject: p.subject ?? null });

export function statementSummary(s: StatementSummary): StatementSummary {
  return {
    id: s.id,
    title: s.title,
    lang: s.lang,
    date: s.date,
    authors: s.authors.map(author),
    released: s.released,
  };
}

export function statementView(s: StatementView): StatementView {
  return {
    ...statementSummary(s),
    body: s.body,
    relations: s.relations.map((r) => ({ kind: r.kind, target: r.target })),
  };
}

export function page(offset: number, total: number, items: StatementSummary[]): Page<StatementSummary> {
  return { total, offset, items: items.map(statementSummary) };
}

function groupVerification(g: GroupVerification): GroupVerification {
  return {
    groupId: g.groupId,
    name: g.name,
    fingerprint: g.fingerprint,
    trust: g.trust,
    threshold: g.threshold,
    members: g.members ?? null,
    fork: g.fork,
    signers: g.signers.map((s) => ({ memberId: s.memberId, name: s.name, key: s.key })),
    released: g.released,
    problems: g.problems.map(problem),
  };
}

export function verificationReport(r: VerificationReport): VerificationReport {
  return {
    statementId: r.statementId,
    released: r.released,
    ok: r.ok,
    groups: r.groups.map(groupVerification),
    endorsements: r.endorsements.map(groupVerification),
    problems: r.problems.map(problem),
  };
}

export function groupSummary(g: GroupSummary): GroupSummary {
  return {
    groupId: g.groupId,
    name: g.name,
    fingerprint: g.fingerprint,
    trust: g.trust,
    members: g.members,
    releaseThreshold: g.releaseThreshold,
  };
}

// Field-by-field copies of what the core hands over. TypeScript's structural typing lets an object
// carry more than its declared type; copying only the declared fields is what guarantees that a
// secret key or a bundle's raw bytes attached to a core object never reaches a transport.

import type {
  AuthorRef,
  BundleFailure,
  BundleImport,
  ExportResult,
  Fingerprint,
  GroupDetail,
  GroupSummary,
  GroupTrust,
  GroupVerification,
  ImportResult,
  LinkOutcome,
  NewGroup,
  ObjectCounts,
  Page,
  PendingChange,
  Problem,
  RelatedStatement,
  RemovableDrive,
  SignOutcome,
  StatementSummary,
  StatementView,
  SyncResult,
  TextExportResult,
  VerificationReport,
  WireError,
} from '../shared/view-models.js';

export function groupTrust(t: GroupTrust): GroupTrust {
  switch (t.state) {
    case 'verified':
    case 'mine':
      return { state: t.state };
    case 'unverified':
      return { state: 'unverified', firstSeen: { from: t.firstSeen.from, at: t.firstSeen.at } };
    case 'lookalike':
      return { state: 'lookalike', looksLike: t.looksLike.map((g) => ({ groupId: g.groupId, name: g.name })) };
    case 'broken':
      return { state: 'broken', problem: t.problem };
  }
}

const author = (a: AuthorRef): AuthorRef => ({ groupId: a.groupId, name: a.name, trust: groupTrust(a.trust) });
const problem = (p: Problem): Problem => ({ code: p.code, severity: p.severity, message: p.message, subject: p.subject ?? null });

export function statementSummary(s: StatementSummary): StatementSummary {
  return {
    id: s.id,
    title: s.title,
    lang: s.lang,
    date: s.date,
    authors: s.authors.map(author),
    released: s.released,
    status: s.status,
    signatures: s.signatures ? { have: s.signatures.have, need: s.signatures.need } : null,
  };
}

const related = (r: RelatedStatement): RelatedStatement => ({ kind: r.kind, id: r.id, title: r.title, lang: r.lang });

export function statementView(s: StatementView): StatementView {
  return {
    ...statementSummary(s),
    body: s.body,
    relations: s.relations.map((r) => ({ kind: r.kind, target: r.target })),
    outgoing: s.outgoing.map(related),
    incoming: s.incoming.map(related),
    attachments: s.attachments.map((a) => ({ name: a.name, mediaType: a.mediaType, bytes: a.bytes, sha256: a.sha256 })),
    canSign: s.canSign,
    canEndorse: s.canEndorse,
  };
}

export function page(total: number, items: StatementSummary[], next: string | null): Page<StatementSummary> {
  return { total, items: items.map(statementSummary), next };
}

export function signOutcome(o: SignOutcome): SignOutcome {
  return { statementId: o.statementId, role: o.role, groupId: o.groupId, released: o.released, have: o.have, need: o.need };
}

export function textExportResult(r: TextExportResult): TextExportResult {
  return { dir: r.dir, files: [...r.files], signer: { name: r.signer.name, key: r.signer.key } };
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
    state: groupTrust(g.state),
    mine: g.mine,
    members: g.members,
    releaseThreshold: g.releaseThreshold,
    membershipThreshold: g.membershipThreshold,
    pending: g.pending,
    fork: g.fork,
  };
}

const thresholdsOf = (t: { release: number; membership: number }) => ({ release: t.release, membership: t.membership });

const pendingChange = (p: PendingChange): PendingChange => ({
  linkId: p.linkId,
  op: p.op,
  subject: p.subject,
  signatures: p.signatures,
  needed: p.needed,
  signedByMe: p.signedByMe,
  memberName: p.memberName,
  thresholds: p.thresholds ? thresholdsOf(p.thresholds) : null,
  branch: p.branch,
});

export function groupDetail(g: GroupDetail): GroupDetail {
  return {
    groupId: g.groupId,
    name: g.name,
    fingerprint: g.fingerprint,
    trust: g.trust,
    state: groupTrust(g.state),
    mine: g.mine,
    releaseThreshold: g.releaseThreshold,
    membershipThreshold: g.membershipThreshold,
    fork: g.fork,
    members: g.members.map((m) => ({ memberId: m.memberId, name: m.name, signKey: m.signKey, me: m.me })),
    removed: g.removed.map((m) => ({ memberId: m.memberId, name: m.name })),
    history: g.history.map((e) => ({
      linkId: e.linkId,
      seq: e.seq,
      op: e.op,
      subject: e.subject,
      thresholds: e.thresholds ? { release: e.thresholds.release, membership: e.thresholds.membership } : null,
      signers: [...e.signers],
    })),
    pending: g.pending.map(pendingChange),
    branches: g.branches.map((b) => ({ linkId: b.linkId, op: b.op, seq: b.seq, signers: [...b.signers], name: b.name, members: b.members.map((m) => ({ memberId: m.memberId, name: m.name })), thresholds: thresholdsOf(b.thresholds) })),
    problems: g.problems.map(problem),
  };
}

export function linkOutcome(o: LinkOutcome): LinkOutcome {
  return { linkId: o.linkId, op: o.op, applied: o.applied, signatures: o.signatures, needed: o.needed, warnings: [...o.warnings] };
}

export function fingerprint(f: Fingerprint): Fingerprint {
  return { groupId: f.groupId, name: f.name, digits: f.digits, qr: f.qr.map((row) => row.map((dark) => dark === true)) };
}

// ---- exchange: the outcomes of import, export and sync jobs, and the drives ------------------

/** Longest list of one kind a job result carries (bundles of a sync, new groups): results are polled. */
export const MAX_LISTED = 100;
/** Rejections listed per bundle (a hostile bundle may carry thousands); `rejectedCount` counts them all. */
export const MAX_REJECTIONS = 20;

const counts = (c: ObjectCounts): ObjectCounts => ({
  links: c.links,
  linkSignatures: c.linkSignatures,
  statements: c.statements,
  signatures: c.signatures,
  attachments: c.attachments,
});

const wireError = (e: WireError): WireError => ({ code: e.code, kind: e.kind, message: e.message });

const newGroup = (g: NewGroup): NewGroup => ({
  groupId: g.groupId,
  name: g.name,
  fingerprint: g.fingerprint,
  lookalikes: g.lookalikes.map((l) => ({ groupId: l.groupId, name: l.name, kind: l.kind })),
});

export function bundleImport(b: BundleImport): BundleImport {
  return {
    path: b.path,
    envelope: b.envelope,
    added: counts(b.added),
    held: counts(b.held),
    rejected: b.rejected.slice(0, MAX_REJECTIONS).map((r) => ({ kind: r.kind, id: r.id, reason: r.reason, message: r.message })),
    rejectedCount: b.rejectedCount,
    newGroups: b.newGroups.slice(0, MAX_LISTED).map(newGroup),
    statements: b.statements,
  };
}

const failure = (f: BundleFailure): BundleFailure => ({ path: f.path, error: wireError(f.error) });

export function importResult(r: ImportResult): ImportResult {
  return { files: r.files.map(bundleImport), failed: r.failed.map(failure) };
}

export function exportResult(r: ExportResult): ExportResult {
  return {
    out: r.out,
    bytes: r.bytes,
    sha256: r.sha256,
    envelope: r.envelope,
    encryptedTo: [...r.encryptedTo],
    recipients: r.recipients,
    reason: r.reason,
    drafts: r.drafts,
    counts: { links: r.counts.links, statements: r.counts.statements, signatures: r.counts.signatures, attachments: r.counts.attachments },
  };
}

export function syncResult(r: SyncResult): SyncResult {
  return {
    folder: r.folder,
    bundlesRead: r.bundlesRead,
    imported: r.imported.slice(0, MAX_LISTED).map(bundleImport),
    notForUs: r.notForUs.slice(0, MAX_LISTED),
    failed: r.failed.slice(0, MAX_LISTED).map(failure),
    written: r.written.map((w) => ({ path: w.path, bytes: w.bytes, sha256: w.sha256, envelope: w.envelope, records: w.records })),
  };
}

/** Also takes core's drive, whose sizes may be absent. */
export function drive(d: Omit<RemovableDrive, 'sizeBytes' | 'freeBytes'> & { sizeBytes?: number | null; freeBytes?: number | null }): RemovableDrive {
  return {
    path: d.path,
    label: d.label,
    device: d.device,
    fsType: d.fsType,
    sizeBytes: d.sizeBytes ?? null,
    freeBytes: d.freeBytes ?? null,
  };
}

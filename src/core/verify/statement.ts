// The verification report of a statement: per author group, whether distinct current members meet
// the group's release threshold, with every problem named; endorsements by other groups; and
// statement-level problems. A report, not a boolean.
import { fromHex } from '../crypto/bytes.js';
import { verify as ed25519Verify } from '../crypto/ed25519.js';
import { groupSafetyNumber, rememberSafetyNumber } from '../crypto/fingerprint.js';
import { statementSigningMessage } from '../model/objects.js';
import type { Statement, StatementSignature } from '../model/types.js';
import { keyCounts, type ChainReport, type ChainState, type MemberState } from './chain.js';
import { problem, short, type Problem } from './problems.js';

export type TrustLevel = 'verified' | 'unverified';

export interface SignerReport {
  memberId: string;
  name: string;
  key: string;
}

export interface GroupReport {
  groupId: string;
  /** The group's current name, from its chain; a petname, not proof of anything. */
  name: string;
  fingerprint: string;
  trust: TrustLevel | 'unknown';
  chain: { head: string; seq: number; members: number; fork: boolean } | null;
  threshold: number;
  signers: SignerReport[];
  /** Distinct current members meet the threshold, and nothing is wrong with the chain. */
  released: boolean;
  problems: Problem[];
}

export interface VerificationReport {
  statement: { id: string; title: string; lang: string; date: string; authors: string[] };
  /** Every author group released it. */
  released: boolean;
  /** Released, and no problem of severity error anywhere in the report. */
  ok: boolean;
  groups: GroupReport[];
  endorsements: GroupReport[];
  problems: Problem[];
}

export interface StatementEvidence {
  id: string;
  /** What a report reads of the statement (its id is the hash of the whole). */
  statement: Pick<Statement, 'title' | 'lang' | 'date' | 'authors'>;
  signatures: readonly StatementSignature[];
  chain: (groupId: string) => ChainReport | undefined;
  trust: (groupId: string) => TrustLevel | undefined;
  /** The signatures were verified before (they come from the vault, which keeps only valid ones): do not verify them again. */
  signaturesVerified?: boolean;
  /** Held statements that revise this one and share an author group with it. */
  newerRevisions?: readonly string[];
  /** Other held groups whose names look like this group's (a spoofed group may be one of them). */
  lookalikes?: (groupId: string, name: string) => ReadonlyArray<{ id: string; name: string; trust: TrustLevel }>;
}

// A group's safety number, memoised in crypto/fingerprint.ts (and stored in the vault, migration 9).
export const groupFingerprint = groupSafetyNumber;
export const rememberGroupFingerprint = rememberSafetyNumber;

export type IgnoredReason = 'bad-signature' | 'unknown-statement' | 'wrong-role' | 'unknown-group' | 'unknown-link' | 'unknown-signer' | 'compromised-signer' | 'removed-signer';

/** A member is current when she is one at the head or, during a fork, at the head of a branch. */
function currentMember(report: ChainReport, memberId: string): MemberState | undefined {
  const found = report.head?.members.get(memberId);
  if (found) return found;
  for (const head of report.fork?.heads.values() ?? []) {
    const m = head.members.get(memberId);
    if (m) return m;
  }
  return undefined;
}

/**
 * Why a statement signature can not count (docs/FORMAT.md, "Counting"), its Ed25519 signature
 * aside, or undefined when it counts: what import drops, and what verification ignores.
 * `authors` are the statement's author groups (undefined when the statement is not held).
 */
export function whyNotCounting(
  sig: Pick<StatementSignature, 'statement' | 'group' | 'link' | 'role' | 'key'>,
  authors: readonly string[] | undefined,
  report: ChainReport | undefined,
): { reason: Exclude<IgnoredReason, 'bad-signature'>; message: string } | undefined {
  if (!authors) return { reason: 'unknown-statement', message: `a signature by ${short(sig.key)} on statement ${short(sig.statement)}, which is neither held nor in the bundle` };
  if (authors.includes(sig.group) !== (sig.role === 'release')) {
    return {
      reason: 'wrong-role',
      message: `a ${sig.role} signature for group ${short(sig.group)} on statement ${short(sig.statement)}, which that group ${sig.role === 'release' ? 'did not write' : 'wrote'}`,
    };
  }
  const head = report?.head;
  if (!report || !head) return { reason: 'unknown-group', message: `a signature by ${short(sig.key)} for group ${short(sig.group)}, whose chain is not held` };
  const atLink = report.states.get(sig.link);
  if (!atLink) return { reason: 'unknown-link', message: `a signature by ${short(sig.key)} names link ${short(sig.link)}, which is not an applied link of ${head.name}'s chain` };
  if (head.compromised.has(sig.key)) return { reason: 'compromised-signer', message: `a signature by key ${short(sig.key)}, which ${head.name} has marked compromised` };
  const signer = keyCounts(atLink, sig.key);
  if (!signer) return { reason: 'unknown-signer', message: `key ${short(sig.key)} was not a member key of ${head.name} at link ${short(sig.link)}` };
  if (!currentMember(report, signer.id)) return { reason: 'removed-signer', message: `${signer.name} signed, but is no longer a member of ${head.name}` };
  return undefined;
}

/** Check one group's signatures (already verified cryptographically) against its chain. */
function groupReport(
  groupId: string,
  role: 'release' | 'endorse',
  signatures: readonly StatementSignature[],
  evidence: StatementEvidence,
): GroupReport {
  const report = evidence.chain(groupId);
  const head: ChainState | undefined = report?.head;
  const problems: Problem[] = [];
  const trust = evidence.trust(groupId) ?? 'unknown';
  const base = {
    groupId,
    name: head?.name ?? report?.charter?.name ?? `unknown group ${short(groupId)}`,
    fingerprint: groupFingerprint(groupId),
    trust,
    chain: head ? { head: head.linkId, seq: head.seq, members: head.members.size, fork: Boolean(report?.fork) } : null,
    threshold: head?.thresholds.release ?? 0,
  } as const;
  if (!report || !head) {
    problems.push(problem('unknown-group', 'error', `the chain of group ${short(groupId)} is not held, so its members are unknown`, groupId));
    for (const p of report?.problems ?? []) problems.push(p);
    return { ...base, signers: [], released: false, problems };
  }
  for (const p of report.problems) if (p.severity === 'error') problems.push(p);
  const chainBroken = problems.length > 0;
  for (const other of evidence.lookalikes?.(groupId, head.name) ?? []) {
    problems.push(
      problem(
        'lookalike-group',
        'warning',
        `the name ${JSON.stringify(head.name)} looks like that of another group held here, ${JSON.stringify(other.name)} (${short(other.id)}, ${other.trust}): one of them may be an impostor; compare fingerprints`,
        other.id,
      ),
    );
  }
  if (trust === 'unverified') {
    problems.push(problem('unverified-group', 'warning', `${head.name} is not verified: compare its fingerprint in person, then run samizdat trust`, groupId));
  }

  // Signatures that do not count play no part (V-NO-VETO): the verdict is a function of the
  // chain and of the signatures that count.
  const counted = new Map<string, SignerReport>();
  for (const sig of signatures) {
    if (whyNotCounting(sig, evidence.statement.authors, report)) continue;
    const signer = keyCounts(report.states.get(sig.link) as ChainState, sig.key) as MemberState;
    const current = currentMember(report, signer.id) as MemberState;
    if (!counted.has(current.id)) counted.set(current.id, { memberId: current.id, name: current.name, key: sig.key });
  }
  const signers = [...counted.values()];
  const enough = signers.length >= head.thresholds.release;
  if (!enough && role === 'release') {
    problems.push(problem('threshold-not-met', 'error', `${head.name}: ${signers.length} of the ${head.thresholds.release} member signatures needed`, groupId));
  }
  const released = enough && !chainBroken;
  return { ...base, signers, released, problems };
}

export function verifyStatement(evidence: StatementEvidence): VerificationReport {
  const { id, statement } = evidence;
  const problems: Problem[] = [];
  // A signature that does not verify, or whose role does not fit, is ignored (V-NO-VETO).
  const valid = evidence.signatures.filter(
    (sig) => sig.statement === id && statement.authors.includes(sig.group) === (sig.role === 'release') && (evidence.signaturesVerified === true || ed25519Verify(statementSigningMessage(sig), fromHex(sig.sig), fromHex(sig.key))),
  );
  const forGroup = (g: string) => valid.filter((s) => s.group === g);
  const groups = statement.authors.map((g) => groupReport(g, 'release', forGroup(g), evidence));
  // Only an endorsement that counts names its group: a stranger's must not add an entry (V-NO-VETO).
  const endorsers = [...new Set(valid.filter((s) => s.role === 'endorse' && !whyNotCounting(s, statement.authors, evidence.chain(s.group))).map((s) => s.group))].sort();
  const endorsements = endorsers.map((g) => groupReport(g, 'endorse', forGroup(g), evidence));
  for (const newer of evidence.newerRevisions ?? []) {
    problems.push(problem('newer-revision', 'warning', `a newer revision of this statement is held: ${short(newer)}`, newer));
  }
  const released = groups.every((g) => g.released);
  const ok = released && !problems.some((p) => p.severity === 'error') && groups.every((g) => !g.problems.some((p) => p.severity === 'error'));
  return {
    statement: { id, title: statement.title, lang: statement.lang, date: statement.date, authors: statement.authors },
    released,
    ok,
    groups,
    endorsements,
    problems,
  };
}

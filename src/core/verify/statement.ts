// The verification report of a statement: per author group, whether distinct current members meet
// the group's release threshold, with every problem named; endorsements by other groups; and
// statement-level problems. A report, not a boolean.
import { fromHex } from '../crypto/bytes.js';
import { verify as ed25519Verify } from '../crypto/ed25519.js';
import { safetyNumber } from '../crypto/fingerprint.js';
import { statementSigningMessage } from '../model/objects.js';
import type { Statement, StatementSignature } from '../model/types.js';
import { memberByKey, type ChainReport, type ChainState, type MemberState } from './chain.js';
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
  statement: Statement;
  signatures: readonly StatementSignature[];
  chain: (groupId: string) => ChainReport | undefined;
  trust: (groupId: string) => TrustLevel | undefined;
  /** Held statements that revise this one and share an author group with it. */
  newerRevisions?: readonly string[];
  /** Other held groups whose names look like this group's (a spoofed group may be one of them). */
  lookalikes?: (groupId: string, name: string) => ReadonlyArray<{ id: string; name: string; trust: TrustLevel }>;
}

const fingerprints = new Map<string, string>();
/** The safety number of a group, memoised: it costs 5,200 SHA-512 rounds by design. */
export function groupFingerprint(groupId: string): string {
  let fp = fingerprints.get(groupId);
  if (!fp) {
    fp = safetyNumber(fromHex(groupId, 32, 'group id'));
    if (fingerprints.size > 10_000) fingerprints.clear();
    fingerprints.set(groupId, fp);
  }
  return fp;
}

/** The member, current or removed, who has held signing key `key`. */
function formerHolder(state: ChainState, key: string): MemberState | undefined {
  for (const m of [...state.members.values(), ...state.removed.values()]) if (m.keys.includes(key)) return m;
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

  const counted = new Map<string, SignerReport>();
  for (const sig of signatures) {
    const atLink = report.states.get(sig.link);
    if (!atLink) {
      problems.push(problem('unknown-link', 'error', `a signature by ${short(sig.key)} refers to chain link ${short(sig.link)}, which is not a valid link of ${head.name}'s chain held here`, sig.key));
      continue;
    }
    // A key marked compromised is no member's current key at the links after the marking, but a
    // signature by it, whichever link it names, is the compromised-signer case, not a stranger's.
    const signer = memberByKey(atLink, sig.key) ?? (head.compromised.has(sig.key) ? formerHolder(head, sig.key) : undefined);
    if (!signer) {
      problems.push(problem('unknown-signer', 'error', `key ${short(sig.key)} signed, but was not a member key of ${head.name} at link ${short(sig.link)}`, sig.key));
      continue;
    }
    if (head.compromised.has(sig.key)) {
      problems.push(problem('compromised-signer', 'error', `${signer.name} signed with key ${short(sig.key)}, which ${head.name} has marked compromised; the signature does not count`, sig.key));
      continue;
    }
    const current = head.members.get(signer.id);
    if (!current) {
      problems.push(problem('removed-signer', 'warning', `${signer.name} signed but is no longer a member of ${head.name}; the signature does not count`, sig.key));
      continue;
    }
    if (!counted.has(current.id)) counted.set(current.id, { memberId: current.id, name: current.name, key: sig.key });
  }
  const signers = [...counted.values()];
  const enough = signers.length >= head.thresholds.release;
  if (!enough && role === 'release') {
    problems.push(problem('threshold-not-met', 'error', `${head.name}: ${signers.length} of the ${head.thresholds.release} member signatures needed`, groupId));
  }
  // Signatures that do not count are reported (and make the report not ok) but cannot undo a
  // release by enough current members: anyone can attach a stray signature to a statement.
  const released = enough && !chainBroken;
  return { ...base, signers, released, problems };
}

export function verifyStatement(evidence: StatementEvidence): VerificationReport {
  const { id, statement } = evidence;
  const problems: Problem[] = [];
  const valid: StatementSignature[] = [];
  for (const sig of evidence.signatures) {
    if (sig.statement !== id) continue;
    if (!ed25519Verify(statementSigningMessage(sig), fromHex(sig.sig), fromHex(sig.key))) {
      problems.push(problem('bad-signature', 'error', `a signature by key ${short(sig.key)} for group ${short(sig.group)} does not verify`, sig.key));
      continue;
    }
    const author = statement.authors.includes(sig.group);
    if (author !== (sig.role === 'release')) {
      problems.push(
        problem('wrong-role', 'warning', author ? `key ${short(sig.key)} endorsed a statement of its own group ${short(sig.group)}; only release signatures count for authors` : `key ${short(sig.key)} claims to release for ${short(sig.group)}, which is not an author`, sig.key),
      );
      continue;
    }
    valid.push(sig);
  }
  const forGroup = (g: string) => valid.filter((s) => s.group === g);
  const groups = statement.authors.map((g) => groupReport(g, 'release', forGroup(g), evidence));
  const endorsers = [...new Set(valid.filter((s) => s.role === 'endorse').map((s) => s.group))].sort();
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

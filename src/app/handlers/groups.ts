// groups:*: groups, their chains, fingerprints and trust. Every change goes through the same core
// functions as `samizdat group ...` and `samizdat trust` (src/core/service/groups.ts); the trust
// state beside each group is src/app/trust.ts's.

import QRCode from 'qrcode';
import {
  addMember,
  approveLink,
  createGroup,
  fingerprintQrText,
  groupChain,
  markCompromised,
  membershipWarningCodes,
  readMemberCard,
  removeMember,
  renameGroup,
  requireHead,
  rotateMyKeys,
  setThresholds,
  trustGroup,
  type LinkResult,
} from '../../core/service/groups.js';
import { heldChain, linkOfRecord } from '../../core/service/links.js';
import { memberByKey } from '../../core/verify/chain.js';
import type { Vault } from '../../core/store/vault.js';
import { groupFingerprint } from '../../core/verify/statement.js';
import type { GroupChange, GroupDetail, GroupId, GroupSummary, LinkOp, LinkOutcome } from '../../shared/view-models.js';
import { notFound } from '../errors.js';
import * as project from '../project.js';
import { TrustBook, groupSummaryOf } from '../trust.js';
import type { DomainHandlers, HandlerContext } from './context.js';

type GroupChannels = 'groups:list' | 'groups:show' | 'groups:create' | 'groups:change' | 'groups:approve' | 'groups:fingerprint' | 'groups:trust';

const outcome = (r: LinkResult, warnings: string[] = []): LinkOutcome => ({
  linkId: r.id,
  op: r.op as LinkOp,
  applied: r.applied,
  signatures: r.signatures,
  needed: r.needed,
  warnings,
});

function requireGroup(vault: Vault, groupId: GroupId): void {
  if (!vault.hasGroup(groupId)) throw notFound('group', groupId);
}

function summaryOf(vault: Vault, groupId: GroupId): GroupSummary {
  const summary = groupSummaryOf(vault, groupId);
  if (!summary) throw notFound('group', groupId);
  return summary;
}

/** A group with its members, its chain's history, the changes waiting and whatever is wrong with it. */
export function groupDetail(vault: Vault, groupId: GroupId): GroupDetail {
  const book = TrustBook.of(vault);
  const row = book.rows.get(groupId);
  if (!row) throw notFound('group', groupId);
  const summary = book.summary(row);
  const { view } = book.view(row);
  const chain = heldChain(vault, groupId);
  const { history, pending } = groupChain(vault, groupId, chain);
  const before = chain.fork ? chain.states.get(chain.fork.after) : undefined;
  return {
    groupId,
    name: summary.name,
    fingerprint: summary.fingerprint,
    trust: summary.trust,
    state: summary.state,
    mine: summary.mine,
    releaseThreshold: summary.releaseThreshold,
    membershipThreshold: summary.membershipThreshold,
    fork: summary.fork,
    members: view.members.map((m) => ({ memberId: m.id, name: m.name, signKey: m.sign, me: m.me })),
    removed: view.removed.map((m) => ({ memberId: m.id, name: m.name })),
    history: history.map((e) => ({ linkId: e.id, seq: e.seq, op: e.op, subject: e.subject, thresholds: e.thresholds, signers: e.signers })),
    pending: pending.map((p) => ({ linkId: p.id, op: p.op, subject: p.subject, signatures: p.signatures, needed: p.needed, signedByMe: p.signedByMe, ...changeOf(vault, p.id), branch: p.branch })),
    branches: view.branches.map((b) => {
      const head = chain.fork?.heads.get(b.id);
      const signers = [...(chain.counting.get(b.id) ?? [])].map((key) => (before ? memberByKey(before, key)?.id : undefined)).filter((m): m is string => m !== undefined);
      return {
        linkId: b.id,
        op: b.op as LinkOp,
        seq: b.seq,
        signers,
        name: head?.name ?? summary.name,
        members: head ? [...head.members.values()].map((m) => ({ memberId: m.id, name: m.name })) : [],
        thresholds: head ? { ...head.thresholds } : { release: summary.releaseThreshold, membership: summary.membershipThreshold },
      };
    }),
    problems: view.problems.map((p) => ({ code: p.code, severity: p.severity, message: p.message, subject: p.subject ?? null })),
  };
}

/** What a pending link would do beyond its subject: the name it gives a new member, the thresholds it sets. */
function changeOf(vault: Vault, linkId: string): { memberName: string | null; thresholds: { release: number; membership: number } | null } {
  const record = vault.getLink(linkId);
  const link = record ? linkOfRecord(record) : undefined;
  return {
    memberName: link?.op === 'add' ? link.member.name : null,
    thresholds: link?.op === 'thresholds' ? { release: link.thresholds.release, membership: link.thresholds.membership } : null,
  };
}

/** One change proposed (and signed by me), as `samizdat group add-member | remove-member | rotate | compromised | set-thresholds | rename`. */
function change(vault: Vault, groupId: GroupId, c: GroupChange, branch: string | undefined): LinkOutcome {
  requireGroup(vault, groupId);
  switch (c.op) {
    case 'add':
      return outcome(addMember(vault, groupId, readMemberCard(c.card), branch));
    case 'remove':
      return outcome(removeMember(vault, groupId, c.memberId, branch));
    case 'rotate':
      return outcome(rotateMyKeys(vault, groupId, branch));
    case 'compromise':
      return outcome(markCompromised(vault, groupId, c.key, branch));
    case 'thresholds': {
      // The warning is about the members the new thresholds will govern: those of the state the link follows.
      const members = requireHead(heldChain(vault, groupId), 'change thresholds', branch).members.size;
      return outcome(setThresholds(vault, groupId, c.release, c.membership, branch), membershipWarningCodes(members, c.membership));
    }
    case 'rename':
      return outcome(renameGroup(vault, groupId, c.name, branch));
  }
}

/** The QR code of a fingerprint as rows of modules (true: dark), the very matrix `samizdat group show --qr` draws. */
export function qrMatrix(fingerprint: string): boolean[][] {
  const { modules } = QRCode.create(fingerprintQrText(fingerprint));
  return Array.from({ length: modules.size }, (_, row) => Array.from({ length: modules.size }, (_, col) => modules.get(row, col) !== 0));
}

export function groupHandlers({ core, requireUnlocked }: HandlerContext): DomainHandlers<GroupChannels> {
  return {
    'groups:list': async () => {
      requireUnlocked();
      return (await core.listGroups()).map(project.groupSummary);
    },
    'groups:show': async ({ groupId }) => project.groupDetail(await core.withVault((v) => groupDetail(v, groupId))),
    'groups:create': async ({ name, cards, release, membership }) =>
      core.withVault((v) => {
        const read = cards.map(readMemberCard);
        const created = createGroup(v, { name, cards: read, release, ...(membership === undefined ? {} : { membership }) });
        const members = summaryOf(v, created.id).members;
        const founded: LinkOutcome = { linkId: created.id, op: 'charter', applied: true, signatures: 1, needed: 1, warnings: membershipWarningCodes(members, created.thresholds.membership) };
        return { ...project.linkOutcome(founded), groupId: created.id };
      }),
    'groups:change': async ({ groupId, change: c, branch }) => project.linkOutcome(await core.withVault((v) => change(v, groupId, c, branch))),
    'groups:approve': async ({ linkId }) => project.linkOutcome(await core.withVault((v) => outcome(approveLink(v, linkId)))),
    'groups:fingerprint': async ({ groupId }) =>
      project.fingerprint(
        await core.withVault((v) => {
          const group = v.getGroup(groupId);
          if (!group) throw notFound('group', groupId);
          const digits = groupFingerprint(groupId);
          return { groupId, name: group.name, digits, qr: qrMatrix(digits) };
        }),
      ),
    'groups:trust': async ({ groupId, fingerprint }) =>
      project.groupSummary(
        await core.withVault((v) => {
          requireGroup(v, groupId);
          // Refuses a fingerprint that does not match (verify.fingerprint-mismatch) before it changes anything.
          trustGroup(v, groupId, fingerprint);
          return summaryOf(v, groupId);
        }),
      ),
  };
}

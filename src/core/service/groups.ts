// Groups: founding one, proposing and approving chain links, reading a chain's state, trust.
import { readFileSync, statSync } from 'node:fs';
import { basename } from 'node:path';
import { toHex } from '../crypto/bytes.js';
import { generateBoxKeyPair } from '../crypto/box.js';
import { generateSigningKeyPair } from '../crypto/ed25519.js';
import { parseSafetyNumber } from '../crypto/fingerprint.js';
import { SamizdatError, quote } from '../errors.js';
import { ioError } from '../io.js';
import { decodeMemberCard, memberOfCard, type MemberCard } from '../model/card.js';
import { makeCharter, makeLaterLink, makeMember, signLink } from '../model/build.js';
import type { ChainLink, LaterChainLink, LinkOp, Member } from '../model/types.js';
import { memberByKey, type ChainReport, type ChainState, type MemberState } from '../verify/chain.js';
import type { Problem } from '../verify/problems.js';
import { groupFingerprint } from '../verify/statement.js';
import type { GroupRecord, VaultReader, VaultWriter } from '../store/types.js';
import type { SightingsVault } from '../store/sightings.js';
import { identityView, mySigningKeys, requireIdentity } from './identity.js';
import { heldChain, linkOfRecord, recordOfLink } from './links.js';
import { findLookalikes } from '../exchange/lookalike.js';
import { pruneGroupSignatures } from './prune.js';

export interface MemberView {
  id: string;
  name: string;
  sign: string | null;
  box: string;
  me: boolean;
}

export interface PendingLinkView {
  id: string;
  op: string;
  seq: number;
  signatures: number;
  needed: number;
}

export interface GroupView {
  id: string;
  name: string;
  fingerprint: string;
  trust: GroupRecord['trust'];
  origin: GroupRecord['origin'];
  head: string | null;
  seq: number;
  thresholds: { release: number; membership: number } | null;
  members: MemberView[];
  removed: MemberView[];
  /** Am I a current member with a usable key? */
  mine: boolean;
  fork: boolean;
  /** At a fork: each tied branch, by its first link, with the head it reaches. */
  branches: Array<{ id: string; op: string; head: string; seq: number }>;
  pending: PendingLinkView[];
  problems: Problem[];
}

export interface LinkResult {
  id: string;
  op: string;
  /** The link is now part of the chain (enough members signed). */
  applied: boolean;
  signatures: number;
  needed: number;
}

function memberView(m: MemberState, myKeys: ReadonlySet<string>): MemberView {
  return { id: m.id, name: m.name, sign: m.sign, box: m.box, me: m.keys.some((k) => myKeys.has(k)) };
}

export function groupView(vault: VaultReader, group: GroupRecord): GroupView {
  const chain = heldChain(vault, group.id);
  const myKeys = new Set(vault.hasIdentity() ? mySigningKeys(vault).keys() : []);
  const head = chain.head;
  const pending: PendingLinkView[] = [];
  if (head) {
    for (const record of vault.getLinks(group.id)) {
      if (record.prev !== head.linkId || chain.states.has(record.id)) continue;
      pending.push({ id: record.id, op: record.op, seq: record.seq, signatures: record.signatures.length, needed: head.thresholds.membership });
    }
  }
  const members = head ? [...head.members.values()].map((m) => memberView(m, myKeys)) : [];
  return {
    id: group.id,
    name: head?.name ?? group.name,
    fingerprint: groupFingerprint(group.id),
    trust: group.trust,
    origin: group.origin,
    head: head?.linkId ?? null,
    seq: head?.seq ?? 0,
    thresholds: head ? { ...head.thresholds } : null,
    members,
    removed: head ? [...head.removed.values()].map((m) => memberView(m, myKeys)) : [],
    mine: members.some((m) => m.me && m.sign !== null && myKeys.has(m.sign)),
    fork: Boolean(chain.fork),
    branches: chain.fork
      ? chain.fork.branches.map((id) => {
          const h = chain.fork?.heads.get(id) as ChainState;
          return { id, op: vault.getLink(id)?.op ?? '?', head: h.linkId, seq: h.seq };
        })
      : [],
    pending,
    problems: chain.problems,
  };
}

export function listGroupViews(vault: VaultReader): GroupView[] {
  return vault.listGroups().map((g) => groupView(vault, g));
}

function requireGroup(vault: VaultReader, groupId: string): GroupRecord {
  const group = vault.getGroup(groupId);
  if (!group) throw new SamizdatError('cli', 'usage', 'cli.no-such-group', `no group ${groupId.slice(0, 12)} in this vault`);
  return group;
}

/**
 * The chain's head state, refusing chains that cannot take a new link. At a fork, `branch` (a
 * prefix of a branch's first link id) chooses the branch to build on: that is how the members who
 * keep one branch end the fork (docs/FORMAT.md, V-FORK-CHOICE).
 */
export function requireHead(chain: ChainReport, action: string, branch?: string): ChainState {
  if (!chain.head) throw new SamizdatError('verify', 'verification', 'verify.no-chain', `cannot ${action}: the group's chain is not valid (${chain.problems[0]?.message ?? 'no charter'})`);
  if (chain.fork) {
    const wanted = branch?.trim().toLowerCase();
    const matches = wanted && wanted.length >= 6 ? chain.fork.branches.filter((b) => b.startsWith(wanted)) : [];
    if (matches.length === 1) return chain.fork.heads.get(matches[0] as string) as ChainState;
    throw new SamizdatError(
      'verify',
      'verification',
      'verify.fork',
      `cannot ${action}: the group's chain is forked after link ${chain.fork.after.slice(0, 12)} between branches ${chain.fork.branches.map((b) => b.slice(0, 12)).join(' and ')}; to keep one, act on it with --branch LINK (for instance mark compromised, on the branch you keep, the key of a member who signed the other)`,
    );
  }
  if (branch !== undefined) throw new SamizdatError('cli', 'usage', 'cli.no-fork', `--branch is only for a forked chain, and this group's chain does not fork`);
  return chain.head;
}

/** My current key pair in a group's state, or an error saying why I cannot act for the group. */
export function myKeyIn(vault: VaultReader, state: ChainState, action: string) {
  const keys = mySigningKeys(vault);
  for (const [hex, pair] of keys) {
    const member = memberByKey(state, hex);
    if (member) return { member, pair };
  }
  throw new SamizdatError('cli', 'usage', 'cli.not-a-member', `cannot ${action}: you are not a current member of ${state.name} with a usable key`);
}

/**
 * The smallest membership threshold that no minority can meet: more than half of the members (and
 * at least the release threshold). Below it, a removed member or one stolen key may be enough to
 * change the group, or to sign a rival link at an old position (docs/SECURITY.md).
 */
export function safeMembershipThreshold(members: number, release: number): number {
  return Math.min(members, Math.max(release, Math.floor(members / 2) + 1));
}

/** A warning when a membership threshold lets fewer than a majority change the group. */
export function membershipWarning(members: number, membership: number): string | undefined {
  const safe = Math.floor(members / 2) + 1;
  if (members < 2 || membership >= Math.min(members, safe)) return undefined;
  return `a membership threshold of ${membership} of ${members} members lets ${membership === 1 ? 'one member, or one stolen key,' : `${membership} members`} change the group alone; ${safe} (a majority) is the safe minimum`;
}

export function createGroup(
  vault: VaultWriter,
  input: { name: string; cards: MemberCard[]; release: number; membership?: number },
): { id: string; fingerprint: string; thresholds: { release: number; membership: number }; warnings: string[] } {
  const identity = requireIdentity(vault);
  const me = identityView(identity);
  const members = new Map<string, Member>([[me.sign, makeMember(identity.name, identity.signPublic, identity.boxPublic)]]);
  for (const card of input.cards) {
    if (card.sign === me.sign) continue; // the creator's own card among --member is accepted
    if (members.has(card.sign)) throw new SamizdatError('cli', 'usage', 'cli.duplicate-member', `member ${quote(card.name)} is listed twice`);
    members.set(card.sign, memberOfCard(card));
  }
  const count = members.size;
  const membership = input.membership ?? safeMembershipThreshold(count, input.release);
  for (const [what, n] of [['--threshold', input.release], ['--membership-threshold', membership]] as const) {
    if (!Number.isInteger(n) || n < 1 || n > count) {
      throw new SamizdatError('cli', 'usage', 'cli.bad-threshold', `${what} ${n} must be a whole number from 1 to the ${count} member(s) of the group`);
    }
  }
  const charter = signLink(makeCharter({ name: input.name, members: [...members.values()], thresholds: { release: input.release, membership } }), {
    publicKey: identity.signPublic,
    secretKey: identity.signSecret,
  });
  const record = recordOfLink(charter);
  const fingerprint = groupFingerprint(record.id);
  vault.transaction(() => {
    vault.putLink(record);
    vault.upsertGroup({ id: record.id, name: charter.name, origin: 'created', trust: 'verified' });
    vault.putSafetyNumber(record.id, fingerprint);
  });
  const warning = membershipWarning(count, membership);
  return { id: record.id, fingerprint, thresholds: { release: input.release, membership }, warnings: warning ? [warning] : [] };
}

function linkResult(vault: VaultReader, groupId: string, linkId: string, op: string, needed: number): LinkResult {
  const chain = heldChain(vault, groupId);
  const record = vault.getLink(linkId);
  return { id: linkId, op, applied: chain.states.has(linkId), signatures: record?.signatures.length ?? 0, needed };
}

/** Propose the next link of a group's chain, signed by me; it applies once enough members sign. */
export function proposeLink(vault: VaultWriter, groupId: string, op: Parameters<typeof makeLaterLink>[2], action: string, branch?: string): LinkResult {
  const group = requireGroup(vault, groupId);
  const head = requireHead(heldChain(vault, group.id), action, branch);
  const { pair } = myKeyIn(vault, head, action);
  const link = signLink(makeLaterLink(group.id, { id: head.linkId, seq: head.seq }, op), pair);
  const record = recordOfLink(link);
  vault.transaction(() => {
    vault.putLink(record);
    refreshGroupName(vault, group.id);
    pruneHeld(vault, group.id);
  });
  return linkResult(vault, group.id, record.id, link.op, head.thresholds.membership);
}

/** Add my signature to a held link that follows the current head (a pending membership change). */
export function approveLink(vault: VaultWriter, linkId: string): LinkResult {
  const record = vault.getLink(linkId);
  if (!record || record.op === 'charter') throw new SamizdatError('cli', 'usage', 'cli.no-such-link', `no pending chain link ${quote(linkId)} in this vault`);
  const chain = heldChain(vault, record.group);
  const head = chain.fork ? [...chain.fork.heads.values()].find((h) => h.linkId === record.prev) ?? requireHead(chain, 'approve the link') : requireHead(chain, 'approve the link');
  if (record.prev !== head.linkId) {
    throw new SamizdatError('cli', 'usage', 'cli.stale-link', `link ${linkId.slice(0, 12)} does not follow the group's current head ${head.linkId.slice(0, 12)}; it can no longer apply`);
  }
  const { pair } = myKeyIn(vault, head, 'approve the link');
  const signed = signLink(linkOfRecord(record) as LaterChainLink, pair);
  vault.transaction(() => {
    vault.putLink(recordOfLink(signed));
    refreshGroupName(vault, record.group);
    pruneHeld(vault, record.group);
  });
  return linkResult(vault, record.group, linkId, record.op, head.thresholds.membership);
}

/** A link made here can make held signatures stop counting, as an imported one can: they go (V-IGNORE). */
function pruneHeld(vault: VaultWriter, groupId: string): void {
  pruneGroupSignatures(vault, groupId, heldChain(vault, groupId), (id) => vault.getStatement(id)?.authors);
}

/** Keep the cached group name in step with the chain. */
export function refreshGroupName(vault: Pick<VaultWriter, 'getLinks' | 'getGroup' | 'upsertGroup'>, groupId: string): void {
  const chain = heldChain(vault, groupId);
  const group = vault.getGroup(groupId);
  if (group && chain.head && chain.head.name !== group.name) vault.upsertGroup({ id: groupId, name: chain.head.name, origin: group.origin });
}

export function findMember(state: ChainState, ref: string): MemberState {
  const wanted = ref.trim();
  const lower = wanted.toLowerCase();
  const all = [...state.members.values()];
  const matches = all.filter((m) => m.id === lower || m.keys.includes(lower) || (lower.length >= 6 && /^[0-9a-f]+$/.test(lower) && m.id.startsWith(lower)) || m.name === wanted);
  if (matches.length === 1) return matches[0] as MemberState;
  if (matches.length === 0) throw new SamizdatError('cli', 'usage', 'cli.no-such-member', `${quote(ref)} is not a current member of ${state.name}; see \`samizdat group show\``);
  throw new SamizdatError('cli', 'usage', 'cli.ambiguous-member', `${quote(ref)} matches ${matches.length} members of ${state.name}; give the member id`);
}

export function addMember(vault: VaultWriter, groupId: string, card: MemberCard, branch?: string): LinkResult {
  return proposeLink(vault, groupId, { op: 'add', member: memberOfCard(card) }, 'add a member', branch);
}

export function removeMember(vault: VaultWriter, groupId: string, memberRef: string, branch?: string): LinkResult {
  const head = requireHead(heldChain(vault, groupId), 'remove a member', branch);
  return proposeLink(vault, groupId, { op: 'remove', member: findMember(head, memberRef).id }, 'remove a member', branch);
}

/** Rotate my own keys in a group: a new key pair, kept in the vault; the old one is retired. */
export function rotateMyKeys(vault: VaultWriter, groupId: string, branch?: string): LinkResult {
  const head = requireHead(heldChain(vault, groupId), 'rotate keys', branch);
  const { member } = myKeyIn(vault, head, 'rotate keys');
  const sign = generateSigningKeyPair();
  const box = generateBoxKeyPair();
  return vault.transaction(() => {
    const result = proposeLink(vault, groupId, { op: 'rotate', member: member.id, sign: toHex(sign.publicKey), box: toHex(box.publicKey) }, 'rotate keys', branch);
    vault.rotateIdentityKeys({ signPublic: sign.publicKey, signSecret: sign.secretKey, boxPublic: box.publicKey, boxSecret: box.secretKey });
    return result;
  });
}

export function markCompromised(vault: VaultWriter, groupId: string, key: string, branch?: string): LinkResult {
  const chain = heldChain(vault, groupId);
  const head = requireHead(chain, 'mark a key compromised', branch);
  const lower = key.trim().toLowerCase();
  const owner = [...head.members.values(), ...head.removed.values()].find((m) => m.keys.includes(lower));
  if (!owner) throw new SamizdatError('cli', 'usage', 'cli.unknown-key', `key ${quote(key)} was never held by a member of ${head.name}`);
  return proposeLink(vault, groupId, { op: 'compromise', member: owner.id, key: lower }, 'mark a key compromised', branch);
}

export function setThresholds(vault: VaultWriter, groupId: string, release: number, membership: number, branch?: string): LinkResult & { warnings: string[] } {
  const head = requireHead(heldChain(vault, groupId), 'change thresholds', branch);
  const warning = membershipWarning(head.members.size, membership);
  return { ...proposeLink(vault, groupId, { op: 'thresholds', thresholds: { release, membership } }, 'change thresholds', branch), warnings: warning ? [warning] : [] };
}

export function renameGroup(vault: VaultWriter, groupId: string, name: string, branch?: string): LinkResult {
  return proposeLink(vault, groupId, { op: 'rename', name }, 'rename the group', branch);
}

/** Mark a group verified after comparing its safety number out of band. */
export function trustGroup(
  vault: VaultWriter,
  groupId: string,
  digits: string,
): { id: string; trust: 'verified'; lookalikes: Array<{ id: string; name: string; trust: GroupRecord['trust'] }> } {
  const given = parseSafetyNumber(digits);
  const expected = groupFingerprint(groupId).replace(/ /g, '');
  if (given !== expected) {
    throw new SamizdatError('verify', 'verification', 'verify.fingerprint-mismatch', 'the fingerprint you compared does not match this group: do NOT trust it; nothing was changed');
  }
  vault.setTrust(groupId, 'verified');
  const name = vault.getGroup(groupId)?.name ?? '';
  // The fingerprint proves this group is the one compared; a lookalike held beside it deserves a second look.
  const lookalikes = findLookalikes(name, vault.listGroups(), groupId).map((g) => ({ id: g.id, name: g.name, trust: g.trust }));
  return { id: groupId, trust: 'verified', lookalikes };
}


// ---- member cards, chain history, warnings and first sightings (the app and the CLI alike) ----

/** A member card is a few hundred bytes; a file far larger is something else, and is not read whole. */
export const MAX_CARD_FILE = 64 * 1024;

/** A member card as a file holds it: editors and mail clients add a final newline; the card is the JSON before it. */
export function memberCardOf(bytes: Uint8Array, path: string): MemberCard {
  const end = bytes.at(-1) === 0x0a ? (bytes.at(-2) === 0x0d ? bytes.length - 2 : bytes.length - 1) : bytes.length;
  return decodeMemberCard(bytes.subarray(0, end), `member card ${JSON.stringify(path)}`);
}

/** Reads a member card file (from `samizdat me export`), as a founder or a member proposing to add someone does. */
export function readMemberCard(path: string): MemberCard {
  let bytes: Uint8Array;
  try {
    const size = statSync(path).size;
    if (size > MAX_CARD_FILE) {
      throw new SamizdatError('model', 'input', 'model.bad-member-card', `member card ${JSON.stringify(path)} is not a member card: it holds ${size} bytes, and a card is under 1 KiB`);
    }
    bytes = readFileSync(path);
  } catch (err) {
    throw ioError('exchange', err, 'read the member card', path);
  }
  return memberCardOf(bytes, path);
}

/** What a fingerprint's QR code encodes: its 60 digits without spaces (`group show --qr` and the app draw the same). */
export const fingerprintQrText = (fingerprint: string): string => fingerprint.replace(/ /g, '');

/** The code of `membershipWarning`'s warning, for programs (the app words it in the person's language). */
export const MEMBERSHIP_BELOW_MAJORITY = 'membership-below-majority';

/** `membershipWarning` as codes: the same condition, one decision. */
export function membershipWarningCodes(members: number, membership: number): string[] {
  return membershipWarning(members, membership) === undefined ? [] : [MEMBERSHIP_BELOW_MAJORITY];
}

/** One applied link of a chain, for words: what it did, to whom, and who signed it. */
export interface ChainEventView {
  id: string;
  seq: number;
  op: LinkOp;
  /** The member added, removed or rotated (member id); the key marked compromised; the new name. */
  subject: string | null;
  /** What a charter or a thresholds link set. */
  thresholds: { release: number; membership: number } | null;
  /** Member ids of the signers that counted for the state before the link. */
  signers: string[];
}

/** A held link that has not applied yet and still can: it follows the head (or, at a fork, a branch's head). */
export interface PendingChangeView {
  id: string;
  op: LinkOp;
  seq: number;
  subject: string | null;
  signatures: number;
  needed: number;
  /** One of my keys has signed it. */
  signedByMe: boolean;
  /** At a fork: the branch (its first link) whose head it follows; null when it follows the head. */
  branch: string | null;
}

function linkSubject(link: ChainLink): string | null {
  switch (link.op) {
    case 'charter':
      return null;
    case 'add':
      return link.member.sign;
    case 'remove':
    case 'rotate':
      return link.member;
    case 'compromise':
      return link.key;
    case 'thresholds':
      return null;
    case 'rename':
      return link.name;
  }
}

const linkThresholds = (link: ChainLink) => (link.op === 'charter' || link.op === 'thresholds' ? { release: link.thresholds.release, membership: link.thresholds.membership } : null);

/**
 * A group's chain as a person reads it: the links applied from the charter to the head, oldest
 * first (at a fork, up to where it forks: the branches are in groupView), and the changes waiting
 * for signatures, after the head or after a branch's head (approveLink takes either).
 */
export function groupChain(vault: VaultReader, groupId: string, chain: ChainReport = heldChain(vault, groupId)): { history: ChainEventView[]; pending: PendingChangeView[] } {
  const records = vault.getLinks(groupId);
  const links = new Map(records.map((r) => [r.id, linkOfRecord(r)]));
  const history: ChainEventView[] = [];
  if (chain.head) {
    for (let id: string | null = chain.head.linkId; id !== null; ) {
      const link = links.get(id);
      if (!link) break;
      const before = chain.states.get(link.op === 'charter' ? groupId : link.prev);
      const signers = [...(chain.counting.get(id) ?? [])].map((key) => (before ? memberByKey(before, key)?.id : undefined)).filter((m): m is string => m !== undefined);
      history.push({ id, seq: link.seq, op: link.op, subject: linkSubject(link), thresholds: linkThresholds(link), signers });
      id = link.op === 'charter' ? null : link.prev;
    }
    history.reverse();
  }
  const myKeys = new Set(vault.hasIdentity() ? mySigningKeys(vault).keys() : []);
  const heads: Array<[string | null, ChainState]> = chain.head ? [[null, chain.head]] : [];
  for (const [branch, head] of chain.fork?.heads ?? []) heads.push([branch, head]);
  const pending: PendingChangeView[] = [];
  for (const record of records) {
    if (chain.states.has(record.id) || record.prev === null) continue;
    const follows = heads.find(([, h]) => h.linkId === record.prev);
    if (!follows) continue;
    const link = links.get(record.id) as ChainLink;
    pending.push({
      id: record.id,
      op: record.op,
      seq: record.seq,
      subject: linkSubject(link),
      signatures: record.signatures.length,
      needed: follows[1].thresholds.membership,
      signedByMe: record.signatures.some((s) => myKeys.has(s.key)),
      branch: follows[0],
    });
  }
  return { history, pending };
}

/**
 * Trust on first use: remembers where each group an import or a sync first brought came from (the
 * base name of the bundle file) and when. Call it with an import report's `newGroups`, after the
 * import: a group seen before keeps its first sighting. Returns how many were recorded.
 */
export function recordFirstSightings(vault: SightingsVault, groups: ReadonlyArray<{ id: string }>, file: string, at: Date = new Date()): number {
  if (groups.length === 0) return 0;
  const sightings = vault.groupSightings();
  const from = basename(file) || file;
  const when = at.toISOString();
  let recorded = 0;
  for (const g of groups) if (sightings.record(g.id, from, when)) recorded++;
  return recorded;
}

/** recordFirstSightings for each bundle a sync imported. */
export function recordSyncSightings(vault: SightingsVault, report: { imported: ReadonlyArray<{ path: string; report: { newGroups: ReadonlyArray<{ id: string }> } }> }, at: Date = new Date()): number {
  let recorded = 0;
  for (const i of report.imported) recorded += recordFirstSightings(vault, i.report.newGroups, i.path, at);
  return recorded;
}

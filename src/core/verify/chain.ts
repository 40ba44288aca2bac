// Replaying a group chain: from the charter, apply each link that enough members of the state before
// it signed. The input is an unordered set; the result depends only on the set. Two valid links after
// the same state are a fork: reported, never resolved.
import { fromHex } from '../crypto/bytes.js';
import { verify as ed25519Verify } from '../crypto/ed25519.js';
import { objectId } from '../model/objects.js';
import { linkSigningMessage } from '../model/objects.js';
import { mergeLinkSignatures } from '../model/build.js';
import { LIMITS } from '../model/limits.js';
import type { ChainLink, CharterLink, LaterChainLink, Thresholds } from '../model/types.js';
import { problem, short, type Problem } from './problems.js';

export interface MemberState {
  /** Stable member id: the signing key with which the member was first listed. */
  id: string;
  name: string;
  /** Current signing key; null once that key is marked compromised and not yet rotated. */
  sign: string | null;
  box: string;
  /** Every signing key the member has held, oldest first. */
  keys: string[];
}

export interface ChainState {
  groupId: string;
  /** The link after which this is the state. */
  linkId: string;
  seq: number;
  name: string;
  thresholds: Thresholds;
  members: ReadonlyMap<string, MemberState>;
  removed: ReadonlyMap<string, MemberState>;
  compromised: ReadonlySet<string>;
}

export interface ChainReport {
  groupId: string;
  charter?: CharterLink;
  /** The state after the last link applied; at a fork, the state before it. Absent without a valid charter. */
  head?: ChainState;
  /** The state after every applied link, by link id. */
  states: ReadonlyMap<string, ChainState>;
  fork?: { after: string; branches: string[] };
  problems: Problem[];
}

/** The member whose current key in `state` is `key`. */
export function memberByKey(state: ChainState, key: string): MemberState | undefined {
  for (const m of state.members.values()) if (m.sign === key) return m;
  return undefined;
}

/** Distinct members of `state` with a valid signature on `link`, and the entries that did not count. */
function countSigners(link: ChainLink, keys: (key: string) => MemberState | undefined) {
  const message = linkSigningMessage(link);
  const signers = new Set<string>();
  const invalid: string[] = [];
  for (const s of link.signatures) {
    const member = keys(s.key);
    if (member && ed25519Verify(message, fromHex(s.sig), fromHex(s.key))) signers.add(member.id);
    else invalid.push(s.key);
  }
  return { signers, invalid };
}

function charterState(groupId: string, charter: CharterLink): ChainState {
  const members = new Map<string, MemberState>();
  for (const m of charter.members) members.set(m.sign, { id: m.sign, name: m.name, sign: m.sign, box: m.box, keys: [m.sign] });
  return { groupId, linkId: groupId, seq: 0, name: charter.name, thresholds: charter.thresholds, members, removed: new Map(), compromised: new Set() };
}

/** Every key any member (current or removed) has held. */
function keysEverHeld(state: ChainState): Set<string> {
  const keys = new Set<string>();
  for (const m of [...state.members.values(), ...state.removed.values()]) for (const k of m.keys) keys.add(k);
  return keys;
}

/** The state after applying `link` to `state`, or the reason it cannot apply. */
export function applyLink(state: ChainState, link: LaterChainLink, id: string): ChainState | string {
  if (link.group !== state.groupId) return `names group ${short(link.group)}, not ${short(state.groupId)}`;
  if (link.seq !== state.seq + 1) return `has seq ${link.seq}, but follows a link with seq ${state.seq}`;
  const members = new Map(state.members);
  const removed = new Map(state.removed);
  const compromised = new Set(state.compromised);
  let { name, thresholds } = state;
  const boxInUse = (box: string, except?: string) => [...members.values()].some((m) => m.box === box && m.id !== except);
  switch (link.op) {
    case 'add': {
      if (keysEverHeld(state).has(link.member.sign)) return 'adds a signing key that a member holds or has held';
      if (boxInUse(link.member.box)) return 'adds an encryption key that a member already uses';
      if (members.size >= LIMITS.members) return `would make the group larger than ${LIMITS.members} members`;
      members.set(link.member.sign, { id: link.member.sign, name: link.member.name, sign: link.member.sign, box: link.member.box, keys: [link.member.sign] });
      break;
    }
    case 'remove': {
      const m = members.get(link.member);
      if (!m) return `removes ${short(link.member)}, who is not a current member`;
      members.delete(link.member);
      removed.set(m.id, m);
      if (members.size < thresholds.release || members.size < thresholds.membership) {
        return `would leave ${members.size} member(s), fewer than the thresholds (release ${thresholds.release}, membership ${thresholds.membership})`;
      }
      break;
    }
    case 'rotate': {
      const m = members.get(link.member);
      if (!m) return `rotates keys of ${short(link.member)}, who is not a current member`;
      if (keysEverHeld(state).has(link.sign)) return 'rotates to a signing key that a member holds or has held';
      if (boxInUse(link.box, m.id)) return 'rotates to an encryption key that another member uses';
      members.set(m.id, { ...m, sign: link.sign, box: link.box, keys: [...m.keys, link.sign] });
      break;
    }
    case 'compromise': {
      const m = members.get(link.member) ?? removed.get(link.member);
      if (!m) return `marks a key of ${short(link.member)}, who was never a member`;
      if (!m.keys.includes(link.key)) return `marks key ${short(link.key)} compromised, which ${m.name} never held`;
      if (compromised.has(link.key)) return `marks key ${short(link.key)} compromised again`;
      compromised.add(link.key);
      if (m.sign === link.key && members.has(m.id)) members.set(m.id, { ...m, sign: null });
      break;
    }
    case 'thresholds': {
      if (link.thresholds.release > members.size || link.thresholds.membership > members.size) {
        return `sets thresholds above the ${members.size} member(s) of the group`;
      }
      thresholds = link.thresholds;
      break;
    }
    case 'rename':
      name = link.name;
      break;
  }
  return { groupId: state.groupId, linkId: id, seq: link.seq, name, thresholds, members, removed, compromised };
}

/** Merge copies of the same link (signatures are a union) and index by id, in id order (so that problems come out in an order independent of the input's). */
function indexLinks(links: Iterable<ChainLink>): Map<string, ChainLink> {
  const byId = new Map<string, ChainLink>();
  for (const link of links) {
    const id = objectId(link);
    const held = byId.get(id);
    byId.set(id, held ? mergeLinkSignatures(held, link) : link);
  }
  return new Map([...byId].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}

export function replayChain(groupId: string, links: Iterable<ChainLink>): ChainReport {
  const byId = indexLinks(links);
  const problems: Problem[] = [];
  const states = new Map<string, ChainState>();
  const charter = byId.get(groupId);
  if (!charter || charter.op !== 'charter') {
    problems.push(problem('bad-charter', 'error', `the charter of group ${short(groupId)} is not held`, groupId));
    return { groupId, states, problems };
  }
  const genesis = charterState(groupId, charter);
  const founders = countSigners(charter, (key) => genesis.members.get(key));
  if (founders.signers.size === 0) {
    problems.push(problem('bad-charter', 'error', `the charter of group ${short(groupId)} carries no valid signature of a founding member`, groupId));
    return { groupId, charter, states, problems };
  }
  states.set(groupId, genesis);

  const children = new Map<string, Array<[string, LaterChainLink]>>();
  for (const [id, link] of byId) {
    if (link.op === 'charter') {
      if (id !== groupId) problems.push(problem('rejected-link', 'warning', `a second charter ${short(id)} is not part of this group`, id));
      continue;
    }
    if (link.group !== groupId) continue;
    const list = children.get(link.prev) ?? [];
    list.push([id, link]);
    children.set(link.prev, list);
  }

  let head = genesis;
  let fork: ChainReport['fork'];
  const reached = new Set<string>([groupId]);
  for (;;) {
    const next: Array<[string, ChainState]> = [];
    for (const [id, link] of (children.get(head.linkId) ?? []).sort(([a], [b]) => (a < b ? -1 : 1))) {
      reached.add(id);
      const { signers, invalid } = countSigners(link, (key) => (head.compromised.has(key) ? undefined : memberByKey(head, key)));
      for (const key of invalid) {
        problems.push(problem('rejected-link', 'warning', `link ${short(id)} (${link.op}) carries a signature by ${short(key)} that does not count: not a valid signature by a current key of a member`, id));
      }
      const applied = applyLink(head, link, id);
      if (typeof applied === 'string') {
        problems.push(problem('rejected-link', 'warning', `link ${short(id)} (${link.op}) ${applied}`, id));
      } else if (signers.size < head.thresholds.membership) {
        problems.push(
          problem('pending-link', 'warning', `link ${short(id)} (${link.op}) has ${signers.size} of the ${head.thresholds.membership} member signatures it needs`, id),
        );
      } else {
        next.push([id, applied]);
      }
    }
    if (next.length === 0) break;
    if (next.length > 1) {
      fork = { after: head.linkId, branches: next.map(([id]) => id) };
      problems.push(
        problem('fork', 'error', `the chain of group ${head.name} forks after link ${short(head.linkId)}: ${next.length} valid links (${fork.branches.map(short).join(', ')}) claim the same place`, groupId),
      );
      for (const [id, state] of next) states.set(id, state);
      break;
    }
    const [[id, state]] = next as [[string, ChainState]];
    states.set(id, state);
    head = state;
  }
  for (const [id, link] of byId) {
    if (link.op !== 'charter' && link.group === groupId && !reached.has(id) && !states.has(link.prev) && !byId.has(link.prev)) {
      problems.push(problem('orphan-link', 'warning', `link ${short(id)} follows link ${short(link.prev)}, which is not held`, id));
    }
  }
  return fork ? { groupId, charter, head, states, fork, problems } : { groupId, charter, head, states, problems };
}

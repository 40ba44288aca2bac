// Replaying a group chain: from the charter, apply each link that enough members of the state before
// it signed. The input is an unordered set; the result depends only on the set. Where several valid
// links follow one state, fork choice (docs/FORMAT.md, V-FORK-CHOICE) keeps the branch whose first
// link keeps the most signers whose keys still count at the head of every rival branch, so that keys
// a branch has removed, rotated away or marked compromised cannot fork it; a tie is a fork, reported.
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
  /** Two or more branches that fork choice cannot tell apart: their first links, and each branch's own head. */
  fork?: { after: string; branches: string[]; heads: ReadonlyMap<string, ChainState> };
  /**
   * For every held link that applies as an operation to the state before it, and whose predecessors
   * all do (whatever their signatures), the keys of its signature entries that count for the state
   * before it (V-LINK-SIGNER). A link missing here can never apply; nor can an entry whose key is
   * missing here ever count.
   */
  counting: ReadonlyMap<string, ReadonlySet<string>>;
  problems: Problem[];
}

/** The member whose current key in `state` is `key`. */
export function memberByKey(state: ChainState, key: string): MemberState | undefined {
  for (const m of state.members.values()) if (m.sign === key) return m;
  return undefined;
}

/**
 * The entries of `link` that count for `state` (V-LINK-SIGNER): a valid signature by a key that
 * counts there (see `keyCounts`). `signers` maps each distinct holder's member id to the key she
 * signed with; `counting` is the set of those keys.
 */
export function countSigners(link: ChainLink, keys: (key: string) => MemberState | undefined, verified = false) {
  let message: Uint8Array | undefined;
  const signers = new Map<string, string>();
  const counting = new Set<string>();
  for (const s of link.signatures) {
    if (counting.has(s.key)) continue;
    const member = keys(s.key);
    if (member && !signers.has(member.id) && (verified || ed25519Verify((message ??= linkSigningMessage(link)), fromHex(s.sig), fromHex(s.key)))) {
      signers.set(member.id, s.key);
      counting.add(s.key);
    }
  }
  const invalid = [...new Set(link.signatures.map((s) => s.key))].filter((k) => !counting.has(k));
  return { signers, counting, invalid };
}

/** The holder of `key` when it counts for `state`: a current member's current key, not compromised. */
export function keyCounts(state: ChainState, key: string): MemberState | undefined {
  return state.compromised.has(key) ? undefined : memberByKey(state, key);
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


interface Examined {
  link: LaterChainLink;
  /** The state after the link, or why it cannot apply to the state before it. */
  after: ChainState | string;
  signers: Map<string, string>;
  invalid: string[];
}

interface Resolved {
  head: ChainState;
  applied: string[];
  fork?: NonNullable<ChainReport['fork']>;
  problems: Problem[];
}

const byId = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

export interface ReplayOptions {
  /**
   * Every signature entry given was verified before (the vault keeps only entries that verified
   * when they were stored): replay does not verify them again (DESIGN.md, "Verify once").
   */
  verified?: boolean;
}

export function replayChain(groupId: string, links: Iterable<ChainLink>, options: ReplayOptions = {}): ChainReport {
  const verified = options.verified ?? false;
  const held = indexLinks(links);
  const problems: Problem[] = [];
  const states = new Map<string, ChainState>();
  const counting = new Map<string, ReadonlySet<string>>();
  const charter = held.get(groupId);
  if (!charter || charter.op !== 'charter') {
    problems.push(problem('bad-charter', 'error', `the charter of group ${short(groupId)} is not held`, groupId));
    return { groupId, states, counting, problems };
  }
  const genesis = charterState(groupId, charter);
  const founders = countSigners(charter, (key) => genesis.members.get(key), verified);
  if (founders.signers.size === 0) {
    problems.push(problem('bad-charter', 'error', `the charter of group ${short(groupId)} carries no valid signature of a founding member`, groupId));
    return { groupId, charter, states, counting, problems };
  }
  counting.set(groupId, founders.counting);
  states.set(groupId, genesis);

  const children = new Map<string, string[]>();
  for (const [id, link] of held) {
    if (link.op === 'charter') {
      if (id !== groupId) problems.push(problem('rejected-link', 'warning', `a second charter ${short(id)} is not part of this group`, id));
      continue;
    }
    if (link.group !== groupId) continue;
    children.set(link.prev, [...(children.get(link.prev) ?? []), id]);
  }

  // Every link reachable from the charter through links that apply as operations, with the state
  // before it: states depend only on a link's predecessors, so each is computed once.
  const examined = new Map<string, Examined>();
  const stateAfter = (id: string): ChainState => (id === groupId ? genesis : (examined.get(id)?.after as ChainState));
  const queue: ChainState[] = [genesis];
  while (queue.length > 0) {
    const before = queue.pop() as ChainState;
    for (const id of children.get(before.linkId) ?? []) {
      const link = held.get(id) as LaterChainLink;
      const { signers, counting: keys, invalid } = countSigners(link, (key) => keyCounts(before, key), verified);
      const after = applyLink(before, link, id);
      examined.set(id, { link, after, signers, invalid });
      if (typeof after === 'string') continue; // it never applies: none of its entries can count
      counting.set(id, keys);
      queue.push(after);
    }
  }

  /** Follow the chain from the state after `start`, choosing at each fork as V-FORK-CHOICE says. */
  const resolve = (start: string): Resolved => {
    let head = stateAfter(start);
    const applied: string[] = start === groupId ? [] : [start];
    const found: Problem[] = [];
    for (;;) {
      const valid: string[] = [];
      for (const id of (children.get(head.linkId) ?? []).sort(byId)) {
        const e = examined.get(id) as Examined;
        for (const key of e.invalid) {
          found.push(problem('rejected-link', 'warning', `link ${short(id)} (${e.link.op}) carries a signature by ${short(key)} that does not count: not a valid signature by a current key of a member`, id));
        }
        if (typeof e.after === 'string') found.push(problem('rejected-link', 'warning', `link ${short(id)} (${e.link.op}) ${e.after}`, id));
        else if (e.signers.size < head.thresholds.membership) {
          found.push(problem('pending-link', 'warning', `link ${short(id)} (${e.link.op}) has ${e.signers.size} of the ${head.thresholds.membership} member signatures it needs`, id));
        } else valid.push(id);
      }
      if (valid.length === 0) return { head, applied, problems: found };
      if (valid.length === 1) {
        const id = valid[0] as string;
        applied.push(id);
        head = stateAfter(id);
        continue;
      }
      // Fork choice: a branch's weight is the number of signers of its first link whose keys
      // still count at the head of every rival branch.
      const branches = valid.map((id) => ({ id, sub: resolve(id) }));
      const weighed = branches.map((b) => {
        const signers = (examined.get(b.id) as Examined).signers;
        let weight = 0;
        for (const key of signers.values()) if (branches.every((r) => r.id === b.id || keyCounts(r.sub.head, key))) weight++;
        return { ...b, weight };
      });
      const top = Math.max(...weighed.map((b) => b.weight));
      const winners = weighed.filter((b) => b.weight === top);
      for (const b of weighed) {
        if (b.weight < top) {
          found.push(
            problem('superseded-link', 'warning', `link ${short(b.id)} (${(examined.get(b.id) as Examined).link.op}) lost fork choice after link ${short(head.linkId)}: ${b.weight} of its signers still count on the rival branch, against ${top}`, b.id),
          );
        }
      }
      if (winners.length === 1) {
        const w = winners[0] as (typeof winners)[number];
        return { head: w.sub.head, applied: [...applied, ...w.sub.applied], ...(w.sub.fork ? { fork: w.sub.fork } : {}), problems: [...found, ...w.sub.problems] };
      }
      const fork = { after: head.linkId, branches: winners.map((b) => b.id), heads: new Map(winners.map((b) => [b.id, b.sub.head])) };
      found.push(
        problem(
          'fork',
          'error',
          `the chain of group ${head.name} forks after link ${short(head.linkId)}: ${winners.length} valid links (${fork.branches.map(short).join(', ')}) claim the same place, each kept by ${top} signer(s) whose keys still count on the other branches`,
          groupId,
        ),
      );
      for (const b of winners) found.push(...b.sub.problems);
      return { head, applied: [...applied, ...winners.flatMap((b) => b.sub.applied)], fork, problems: found };
    }
  };

  const result = resolve(groupId);
  for (const id of result.applied) states.set(id, stateAfter(id));
  problems.push(...result.problems);
  for (const [id, link] of held) {
    if (link.op !== 'charter' && link.group === groupId && !examined.has(id) && !held.has(link.prev)) {
      problems.push(problem('orphan-link', 'warning', `link ${short(id)} follows link ${short(link.prev)}, which is not held`, id));
    }
  }
  const report = { groupId, charter, head: result.head, states, counting, problems };
  return result.fork ? { ...report, fork: result.fork } : report;
}

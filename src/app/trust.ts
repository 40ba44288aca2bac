// Trust states: what the app shows beside every group's name (UI.md, "Trust in four states").
//
//   broken      a fork, or a chain that cannot be replayed (no valid charter held)
//   lookalike   its name is equal to or confusable with a group known before it (or a verified one)
//   mine        verified, and I am a current member with a usable key
//   verified    its fingerprint was compared (or it was founded here): the stored trust
//   unverified  trust on first use, with where and when it was first seen
//
// Precedence, first that holds: broken > lookalike > mine/verified > unverified. Why:
// - broken first: nothing a forked or unreplayable chain signs counts until its members act, so
//   whatever else is true of the group, "verified" or "mine" beside it would promise releases that
//   are not there. (A stranger cannot make a real group broken: keys a chain removed, rotated away
//   or marked compromised cannot fork it, docs/FORMAT.md V-FORK-CHOICE.)
// - lookalike before mine/verified/unverified: an impostor must never look verified, nor merely
//   "new". Only a group whose fingerprint the person compared (or that she founded: stored trust
//   'verified') is exempt from being the lookalike, and such a group is never one; that is how
//   "a verified group is never the lookalike" holds. Between two unverified groups, the one seen
//   later is the lookalike of the one seen earlier (it came second: that is what an impostor does).
//   An unverified group is also the lookalike of a verified one seen after it: the comparison of
//   fingerprints settled which of the two is the real one.
// - 'mine' needs stored trust 'verified' as well as membership: anyone can write my public key into
//   a charter of their own (a member card is public), so membership alone proves nothing about who
//   made the group. A group that lists me but was never compared stays unverified (or lookalike);
//   GroupSummary.mine still says that I may act in it.
//
// Cost: a vault may hold ~1,000 groups and the statement list asks for its authors' states on every
// page. The groups' rows (name, stored trust, order first seen, chain version, first sighting) are
// read in one query, and read again only once the vault's change stamp moved (anything written, here
// or by another process): pages after the first read no group at all. Lookalikes are computed for all groups in one pass (skeletons indexed,
// each name's skeletons cached) and kept until a name, a trust or the order changes. A group's chain
// is replayed only when its state is asked for and its chain version (bumped by the store at every
// change of its links) or my keys changed since the last replay. Everything is cached per open Vault.
import { findLookalikes, nameSkeletons } from '../core/exchange/lookalike.js';
import { toHex, wipe } from '../core/crypto/bytes.js';
import { groupChain, groupView, type GroupView } from '../core/service/groups.js';
import { heldChain } from '../core/service/links.js';
import type { GroupTrustRow } from '../core/store/sightings.js';
import type { Vault } from '../core/store/vault.js';
import type { AuthorRef, GroupId, GroupSummary, GroupTrust } from '../shared/view-models.js';

/** Codes of the `broken` state (the renderer words them). */
export const BROKEN = { fork: 'fork', invalidChain: 'invalid-chain' } as const;

type LooksLike = { groupId: GroupId; name: string }[];

/** What a state needs of a group's chain: replayed once per chain version and set of my keys. */
interface ChainFacts {
  chainVersion: number;
  keys: string;
  /** The chain replays to a head (a valid charter is held). */
  valid: boolean;
  fork: boolean;
  /** I am a current member with a usable key. */
  member: boolean;
}

/** What a summary needs beyond that (the fingerprint costs 5,200 SHA-512 rounds: only lists and pages of groups ask). */
interface ViewFacts {
  chainVersion: number;
  keys: string;
  view: GroupView;
  pending: number;
}

interface Cache {
  /** The last book, and the vault's change stamp it was read at (a book holds while nothing is written). */
  book: TrustBook | undefined;
  stamp: string;
  /** Names, trust and order of every group, as the lookalikes were computed for. */
  lookKey: string;
  looksLike: Map<GroupId, LooksLike>;
  chains: Map<GroupId, ChainFacts>;
  views: Map<GroupId, ViewFacts>;
  skeletons: Map<string, string[]>;
}

const caches = new WeakMap<Vault, Cache>();

function cacheOf(vault: Vault): Cache {
  let cache = caches.get(vault);
  if (!cache) {
    cache = { book: undefined, stamp: '', lookKey: '', looksLike: new Map(), chains: new Map(), views: new Map(), skeletons: new Map() };
    caches.set(vault, cache);
  }
  return cache;
}

/** The keys of the index a name is found under: its non-empty skeletons, and its exact (NFC) self. */
function nameKeys(cache: Cache, name: string): string[] {
  let skeletons = cache.skeletons.get(name);
  if (!skeletons) {
    skeletons = nameSkeletons(name).filter((k) => k !== '');
    cache.skeletons.set(name, skeletons);
  }
  return [...skeletons.map((k) => `s:${k}`), `n:${name.normalize('NFC')}`];
}

/**
 * Every group's lookalikes, in one pass: groups are indexed by their names' keys, and each group
 * not verified is compared with the groups it may be the lookalike of (known before it, or
 * verified) that share a key; findLookalikes then decides, so the rule is lookalike.ts's own.
 */
function lookalikes(cache: Cache, rows: readonly GroupTrustRow[]): Map<GroupId, LooksLike> {
  const index = new Map<string, GroupTrustRow[]>();
  for (const row of rows) {
    for (const key of nameKeys(cache, row.name)) {
      const list = index.get(key);
      if (list) list.push(row);
      else index.set(key, [row]);
    }
  }
  const result = new Map<GroupId, LooksLike>();
  for (const row of rows) {
    if (row.trust === 'verified') continue;
    const candidates = new Set<GroupTrustRow>();
    for (const key of nameKeys(cache, row.name)) {
      for (const other of index.get(key) ?? []) {
        if (other.id !== row.id && (other.trust === 'verified' || other.firstSeenSeq < row.firstSeenSeq)) candidates.add(other);
      }
    }
    if (candidates.size === 0) continue;
    const known = [...candidates].sort((a, b) => a.firstSeenSeq - b.firstSeenSeq);
    const found = findLookalikes(row.name, known, row.id);
    if (found.length > 0) result.set(row.id, found.map((g) => ({ groupId: g.id, name: g.name })));
  }
  return result;
}

/** My signing keys (public halves; the secret ones read with them are wiped at once), and a stamp of them. */
function myKeys(vault: Vault): { stamp: string; keys: ReadonlySet<string> } {
  const identity = vault.getIdentity();
  if (!identity) return { stamp: '', keys: new Set() };
  const all = [identity, ...vault.getRetiredKeys()];
  const keys = new Set<string>();
  for (const k of all) {
    keys.add(toHex(k.signPublic));
    wipe(k.signSecret);
    wipe(k.boxSecret);
  }
  return { stamp: `${toHex(identity.signPublic)}+${all.length}`, keys };
}

/** One read of the vault's groups; the lookalikes brought up to date with it. */
export class TrustBook {
  readonly #vault: Vault;
  readonly #cache: Cache;
  readonly #keys: { stamp: string; keys: ReadonlySet<string> };
  readonly rows: ReadonlyMap<GroupId, GroupTrustRow>;

  private constructor(vault: Vault, cache: Cache) {
    this.#vault = vault;
    this.#cache = cache;
    this.#keys = myKeys(vault);
    const rows = vault.groupSightings().trustRows();
    this.rows = new Map(rows.map((r) => [r.id, r]));
    const lookKey = rows.map((r) => `${r.id}\u0000${r.trust}\u0000${r.firstSeenSeq}\u0000${r.name}`).join('\u0001');
    if (lookKey !== this.#cache.lookKey) {
      this.#cache.looksLike = lookalikes(this.#cache, rows);
      this.#cache.lookKey = lookKey;
    }
    for (const map of [this.#cache.chains, this.#cache.views]) for (const id of map.keys()) if (!this.rows.has(id)) map.delete(id);
  }

  /**
   * The vault's groups as they stand: the book read last, while nothing was written since (its
   * change stamp is the same: a page of statements after another reads no group at all), else a
   * new read. Chains are replayed lazily, and only those that changed.
   */
  static of(vault: Vault): TrustBook {
    const cache = cacheOf(vault);
    const stamp = vault.groupSightings().changeStamp();
    if (cache.book && cache.stamp === stamp) return cache.book;
    const book = new TrustBook(vault, cache);
    cache.book = book;
    cache.stamp = stamp;
    return book;
  }

  #current<T extends { chainVersion: number; keys: string }>(held: T | undefined, row: GroupTrustRow): held is T {
    return held !== undefined && held.chainVersion === row.chainVersion && held.keys === this.#keys.stamp;
  }

  /** What the state needs of the group's chain (from its view when that is current, else one replay). */
  chain(row: GroupTrustRow): ChainFacts {
    const held = this.#cache.chains.get(row.id);
    if (this.#current(held, row)) return held;
    const view = this.#cache.views.get(row.id);
    let facts: ChainFacts;
    if (this.#current(view, row)) {
      facts = { chainVersion: row.chainVersion, keys: this.#keys.stamp, valid: view.view.head !== null, fork: view.view.fork, member: view.view.mine };
    } else {
      const replayed = heldChain(this.#vault, row.id);
      const head = replayed.head;
      const member = head !== undefined && [...head.members.values()].some((m) => m.sign !== null && this.#keys.keys.has(m.sign));
      facts = { chainVersion: row.chainVersion, keys: this.#keys.stamp, valid: head !== undefined, fork: replayed.fork !== undefined, member };
    }
    this.#cache.chains.set(row.id, facts);
    return facts;
  }

  /** The group as core's groupView shows it (members, thresholds, fingerprint, pending), replayed only when its chain changed. */
  view(row: GroupTrustRow): ViewFacts {
    const held = this.#cache.views.get(row.id);
    if (this.#current(held, row)) return held;
    const view = groupView(this.#vault, this.#vault.getGroup(row.id) ?? { ...row, origin: 'imported' });
    // At a fork, changes that follow a branch's head wait too (groupChain lists them; groupView only those after the fork).
    const pending = view.fork ? groupChain(this.#vault, row.id).pending.length : view.pending.length;
    const facts = { chainVersion: row.chainVersion, keys: this.#keys.stamp, view, pending };
    this.#cache.views.set(row.id, facts);
    this.#cache.chains.set(row.id, { chainVersion: row.chainVersion, keys: this.#keys.stamp, valid: view.head !== null, fork: view.fork, member: view.mine });
    return facts;
  }

  /** The state of a held group (see the top of this file for the rule and its order). */
  state(row: GroupTrustRow): GroupTrust {
    const chain = this.chain(row);
    if (!chain.valid) return { state: 'broken', problem: BROKEN.invalidChain };
    if (chain.fork) return { state: 'broken', problem: BROKEN.fork };
    const alike = this.#cache.looksLike.get(row.id);
    if (alike) return { state: 'lookalike', looksLike: alike.map((g) => ({ ...g })) };
    if (row.trust === 'verified') return chain.member ? { state: 'mine' } : { state: 'verified' };
    return { state: 'unverified', firstSeen: { from: row.sighting?.from ?? null, at: row.sighting?.at ?? null } };
  }

  /** A group's state by id; a group whose chain is not held is unverified, never seen. */
  stateOf(groupId: GroupId): GroupTrust {
    const row = this.rows.get(groupId);
    return row ? this.state(row) : { state: 'unverified', firstSeen: { from: null, at: null } };
  }

  summary(row: GroupTrustRow): GroupSummary {
    const { view, pending } = this.view(row);
    return {
      groupId: row.id,
      name: view.name,
      fingerprint: view.fingerprint,
      trust: row.trust,
      state: this.state(row),
      mine: view.mine,
      members: view.members.length,
      releaseThreshold: view.thresholds?.release ?? 0,
      membershipThreshold: view.thresholds?.membership ?? 0,
      pending,
      fork: view.fork,
    };
  }

  /** Every group, in the order this vault first saw them. */
  summaries(): GroupSummary[] {
    return [...this.rows.values()].map((row) => this.summary(row));
  }

  authors(ids: readonly GroupId[]): AuthorRef[] {
    return ids.map((groupId) => ({ groupId, name: this.rows.get(groupId)?.name ?? groupId.slice(0, 12), trust: this.stateOf(groupId) }));
  }
}

/** The author groups of a statement with their states (one read of the groups for the whole list). */
export const authorRefs = (vault: Vault, ids: readonly GroupId[]): AuthorRef[] => TrustBook.of(vault).authors(ids);

/** Every group with its state, in the order this vault first saw them. */
export const groupSummaries = (vault: Vault): GroupSummary[] => TrustBook.of(vault).summaries();

/** One group with its state; undefined when it is not held. */
export function groupSummaryOf(vault: Vault, groupId: GroupId): GroupSummary | undefined {
  const book = TrustBook.of(vault);
  const row = book.rows.get(groupId);
  return row && book.summary(row);
}

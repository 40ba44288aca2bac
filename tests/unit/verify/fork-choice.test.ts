// Fork choice (docs/FORMAT.md, V-FORK-CHOICE): where several valid links follow one state, each
// weighs the number of its signers whose keys still count at the head of every rival branch, and
// the unique heaviest wins. So keys that a branch has removed, rotated away or marked compromised
// cannot fork it (issue 8, case 3); two rivals signed by current members still fork, and the members
// end that fork by building on one branch (`--branch`), for instance by marking compromised there
// the key of a member who signed only the other. (A rival branch that in turn takes away every
// signer of the genuine link, a full mirror, ties: a known limit, docs/SECURITY.md and
// tests/torture/fork.test.ts.)
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { generateBoxKeyPair } from '../../../src/core/crypto/box.js';
import { toHex } from '../../../src/core/crypto/bytes.js';
import { generateSigningKeyPair, type SigningKeyPair } from '../../../src/core/crypto/ed25519.js';
import { SamizdatError } from '../../../src/core/errors.js';
import { makeMemberCard, type MemberCard } from '../../../src/core/model/card.js';
import { makeLaterLink, signLink } from '../../../src/core/model/build.js';
import { objectId } from '../../../src/core/model/objects.js';
import type { ChainLink } from '../../../src/core/model/types.js';
import { createGroup, markCompromised, renameGroup, requireHead } from '../../../src/core/service/groups.js';
import { createIdentity } from '../../../src/core/service/identity.js';
import { heldChain, linkOfRecord, recordOfLink } from '../../../src/core/service/links.js';
import { Vault } from '../../../src/core/store/vault.js';
import { replayChain } from '../../../src/core/verify/chain.js';
import { reportSnapshot, signStatement, statementBy, threeMemberGroup, verify, type TestGroup } from '../../helpers/core.js';
import { PASS, tempRoot } from '../store/helpers.js';

const problemsOf = (links: Iterable<ChainLink>, group: TestGroup) => group.replay(links).problems.map((p) => [p.code, p.subject]);

/** Every order of `items` (n! of them: keep n small). */
function permutations<T>(items: readonly T[]): T[][] {
  if (items.length <= 1) return [[...items]];
  return items.flatMap((x, i) => permutations([...items.slice(0, i), ...items.slice(i + 1)]).map((rest) => [x, ...rest]));
}

/**
 * Issue 8's story: a group of three (release 2, membership 2). The members remove Bob, rotate
 * Carol's keys and, when `compromise`, mark her old key compromised. Then Bob and Carol's old key
 * sign a rival link at sequence 1, right after the charter.
 */
function oldKeysRival(opts: { compromise: boolean }) {
  const { alice, bob, carol, group } = threeMemberGroup();
  const charter = group.head;
  const carolOld = carol.sign;
  const main: ChainLink[] = [group.append({ op: 'remove', member: bob.id }, [alice, carol]), group.rotate(carol, [alice, carol])];
  if (opts.compromise) main.push(group.append({ op: 'compromise', member: carol.id, key: toHex(carolOld.publicKey) }, [alice, carol]));
  const head = objectId(main[main.length - 1] as ChainLink);
  const rival = group.append({ op: 'rename', name: 'Breakaway' }, [bob, carolOld], { after: charter, advance: false });
  return { alice, bob, carol, carolOld, group, main, head, rival };
}

describe('a rival link signed by keys the main branch took away loses', () => {
  for (const compromise of [false, true]) {
    const what = compromise ? 'a removed member and a rotated, then compromised, key' : 'a removed member and a rotated-away key';
    it(`signed by ${what}: superseded, no fork, in every order of the links`, () => {
      const story = oldKeysRival({ compromise });
      const { group, rival, head } = story;
      const expected = group.replay();
      expect(expected.fork).toBeUndefined();
      expect(expected.head?.linkId).toBe(head);
      expect(expected.head?.members.has(story.bob.id)).toBe(false);
      expect(expected.states.has(objectId(rival))).toBe(false);
      expect(expected.problems.map((p) => [p.code, p.severity, p.subject])).toEqual([['superseded-link', 'warning', objectId(rival)]]);
      // The rival weighs 0 (neither Bob nor Carol's old key counts at the main head); the removal
      // weighs 2 (Alice and Carol's key of the time both count at the rival's head).
      expect(expected.problems[0]?.message).toMatch(/\(rename\) lost fork choice after link [0-9a-f]{12}: 0 of its signers still count on the rival branch, against 2$/);
      const orders = permutations(group.links);
      expect(orders).toHaveLength(compromise ? 120 : 24);
      const snapshot = reportSnapshot(expected);
      for (const order of orders) expect(reportSnapshot(group.replay(order))).toEqual(snapshot);
    });
  }

  it('nor does a longer rival branch, built on by the same old keys, win', () => {
    const { group, rival, head, bob, carolOld } = oldKeysRival({ compromise: true });
    const rivalHead = { id: objectId(rival), seq: rival.seq };
    const more = group.append({ op: 'rename', name: 'Breakaway 2' }, [bob, carolOld], { after: rivalHead, advance: false });
    const evenMore = group.append({ op: 'rename', name: 'Breakaway 3' }, [bob, carolOld], { after: { id: objectId(more), seq: more.seq }, advance: false });
    for (const order of [group.links, [...group.links].reverse()]) {
      const r = group.replay(order);
      expect(r.fork).toBeUndefined();
      expect(r.head?.linkId).toBe(head);
      for (const l of [rival, more, evenMore]) expect(r.states.has(objectId(l))).toBe(false);
      expect(problemsOf(order, group)).toEqual([['superseded-link', objectId(rival)]]);
    }
  });

  it('with a membership threshold of 1, a rival by one removed member alone, or by one stolen and compromised key alone, loses', () => {
    const { alice, bob, carol, group } = threeMemberGroup('Small', { release: 1, membership: 1 });
    const charter = group.head;
    const stolen = carol.sign;
    group.append({ op: 'remove', member: bob.id }, [alice]);
    group.append({ op: 'compromise', member: carol.id, key: carol.id }, [alice]);
    group.rotate(carol, [alice]);
    const main = group.head.id;
    const byBob = group.append({ op: 'rename', name: 'Bob rules' }, [bob], { after: charter, advance: false });
    const byThief = group.append({ op: 'thresholds', thresholds: { release: 1, membership: 1 } }, [stolen], { after: charter, advance: false });
    const r = group.replay();
    expect(r.fork).toBeUndefined();
    expect(r.head?.linkId).toBe(main);
    expect(problemsOf(group.links, group).sort()).toEqual([
      ['superseded-link', objectId(byBob)],
      ['superseded-link', objectId(byThief)],
    ].sort());
    expect(reportSnapshot(group.replay([...group.links].reverse()))).toEqual(reportSnapshot(r));
  });

  it('changes no verdict: a statement released on the main branch stays released and ok, report for report', () => {
    const { alice, carol, group, rival } = oldKeysRival({ compromise: true });
    const { statement, id } = statementBy([group]);
    const sigs = [signStatement(id, group, alice), signStatement(id, group, carol)];
    const withRival = verify(statement, sigs, [group]);
    const without = verify(statement, sigs, [group], { links: new Map([[group.id, group.links.filter((l) => l !== rival)]]) });
    expect(withRival).toEqual(without);
    expect(withRival).toMatchObject({ released: true, ok: true });
    expect(withRival.groups[0]?.chain?.fork).toBe(false);
  });
});

describe('a tie between current members is a fork, which the members end on one branch', () => {
  function tie() {
    const { alice, bob, carol, group } = threeMemberGroup();
    const charter = group.head;
    // Alice and Bob rename to A; Bob and Carol rename to B: every signer counts on both branches.
    const a = group.append({ op: 'rename', name: 'A' }, [alice, bob]);
    const b = group.append({ op: 'rename', name: 'B' }, [bob, carol], { after: charter, advance: false });
    return { alice, bob, carol, group, a, b };
  }

  it('is a fork (error), each tied branch with its head, in either order', () => {
    const { group, a, b } = tie();
    for (const order of [group.links, [...group.links].reverse()]) {
      const r = group.replay(order);
      expect(r.fork?.after).toBe(group.id);
      expect(r.fork?.branches).toEqual([objectId(a), objectId(b)].sort());
      expect(r.fork?.heads.get(objectId(a))?.name).toBe('A');
      expect(r.fork?.heads.get(objectId(b))?.name).toBe('B');
      expect(r.head?.linkId).toBe(group.id);
      expect(r.problems.map((p) => [p.code, p.severity])).toEqual([['fork', 'error']]);
    }
  });

  it("marking compromised, on branch A, the key of Carol, who signed only B, ends it: A wins, B is superseded", () => {
    const { alice, bob, carol, group, b } = tie();
    // group.head is A: the marking follows it, signed by the two members who keep A.
    const mark = group.append({ op: 'compromise', member: carol.id, key: carol.id }, [alice, bob]);
    for (const order of permutations(group.links)) {
      const r = group.replay(order);
      expect(r.fork).toBeUndefined();
      expect(r.head?.linkId).toBe(objectId(mark));
      expect(r.head?.name).toBe('A');
      expect(r.states.has(objectId(b))).toBe(false);
      expect(r.problems.map((p) => [p.code, p.subject])).toEqual([['superseded-link', objectId(b)]]);
      // B keeps Bob only (Carol's key no longer counts at A's head); A keeps Alice and Bob.
      expect(r.problems[0]?.message).toMatch(/: 1 of its signers still count on the rival branch, against 2$/);
    }
    // A statement the members now release counts again.
    const { statement, id } = statementBy([group]);
    expect(verify(statement, [signStatement(id, group, alice), signStatement(id, group, bob)], [group])).toMatchObject({ released: true, ok: true });
  });

  it('a marking that only one member signed is pending and ends nothing', () => {
    const { alice, carol, group } = tie();
    group.append({ op: 'compromise', member: carol.id, key: carol.id }, [alice]);
    const r = group.replay();
    expect(r.fork?.branches).toHaveLength(2);
    expect(r.problems.map((p) => p.code).sort()).toEqual(['fork', 'pending-link']);
  });
});

interface Other {
  keys: SigningKeyPair;
  card: MemberCard;
}

function other(name: string): Other {
  const keys = generateSigningKeyPair();
  const box = generateBoxKeyPair();
  return { keys, card: makeMemberCard(name, { signPublic: keys.publicKey, signSecret: keys.secretKey, boxPublic: box.publicKey }) };
}

describe('ending a fork through the vault, with --branch', () => {
  let tmp: ReturnType<typeof tempRoot>;
  let vault: Vault;
  beforeEach(async () => {
    tmp = tempRoot();
    vault = await Vault.create(join(tmp.root, 'alice'), PASS, 'interactive');
    createIdentity(vault, 'Alice');
  });
  afterEach(() => {
    vault.close();
    tmp.cleanup();
  });

  /** A second member's signature on a held link, as an import would bring it. */
  const cosign = (linkId: string, by: Other): void => {
    const held = vault.getLink(linkId);
    if (!held) throw new Error('link not held');
    vault.putLink(recordOfLink(signLink(linkOfRecord(held), by.keys)));
  };
  const caught = (fn: () => unknown): SamizdatError => {
    try {
      fn();
    } catch (e) {
      if (e instanceof SamizdatError) return e;
      throw e;
    }
    throw new Error('expected a SamizdatError');
  };

  it('refuses to build on a fork without --branch, then builds on the branch named, and the fork ends', () => {
    const bob = other('Bob');
    const carol = other('Carol');
    const created = createGroup(vault, { name: 'Union', cards: [bob.card, carol.card], release: 2 });
    expect(created.thresholds).toEqual({ release: 2, membership: 2 });
    const g = created.id;
    // Alice and Bob rename to A; Bob and Carol sign a rival rename to B at the same place.
    const a = renameGroup(vault, g, 'A').id;
    cosign(a, bob);
    const rival = signLink(signLink(makeLaterLink(g, { id: g, seq: 0 }, { op: 'rename', name: 'B' }), bob.keys), carol.keys);
    vault.putLink(recordOfLink(rival));
    const b = objectId(rival);
    const forked = heldChain(vault, g);
    expect(forked.fork?.branches).toEqual([a, b].sort());

    const refused = caught(() => markCompromised(vault, g, carol.card.sign));
    expect(refused.code).toBe('verify.fork');
    expect(refused.message).toContain(a.slice(0, 12));
    expect(refused.message).toContain(b.slice(0, 12));
    expect(refused.message).toContain('--branch');
    expect(() => requireHead(forked, 'act', 'ffffff')).toThrow(/forked/);

    // On branch A, Alice marks Carol's key compromised (pending: the fork stays), and Bob co-signs.
    const mark = markCompromised(vault, g, carol.card.sign, a.slice(0, 12));
    expect(mark).toMatchObject({ op: 'compromise', applied: false });
    expect(heldChain(vault, g).fork).toBeDefined();
    cosign(mark.id, bob);
    const ended = heldChain(vault, g);
    expect(ended.fork).toBeUndefined();
    expect(ended.head?.linkId).toBe(mark.id);
    expect(ended.head?.name).toBe('A');
    expect(ended.problems.map((p) => [p.code, p.subject])).toEqual([['superseded-link', b]]);
    // The fork is over: --branch is now a usage error, and plain changes work again.
    expect(caught(() => renameGroup(vault, g, 'C', a)).code).toBe('cli.no-fork');
    expect(renameGroup(vault, g, 'C')).toMatchObject({ op: 'rename', applied: false });
    expect(replayChain(g, vault.getLinks(g).map(linkOfRecord)).fork).toBeUndefined();
  });
});

// Chain replay, link by link: what each operation does to the state, what makes a link count, and
// every reason a link is rejected, pending or orphaned.
import { describe, expect, it } from 'vitest';
import { toHex } from '../../../src/core/crypto/bytes.js';
import { generateBoxKeyPair } from '../../../src/core/crypto/box.js';
import { generateSigningKeyPair } from '../../../src/core/crypto/ed25519.js';
import { randomBytes } from '../../../src/core/crypto/random.js';
import { mergeLinkSignatures, signLink } from '../../../src/core/model/build.js';
import { objectId } from '../../../src/core/model/objects.js';
import type { ChainLink } from '../../../src/core/model/types.js';
import { applyLink, memberByKey, replayChain } from '../../../src/core/verify/chain.js';
import { codes, makePerson, memberOf, reportSnapshot, signBy, TestGroup, threeMemberGroup } from '../../helpers/core.js';

/** The problems of a replay, as [code, subject] pairs. */
const problemsOf = (r: ReturnType<typeof replayChain>) => r.problems.map((p) => [p.code, p.subject]);

describe('the charter', () => {
  it('founds the state: members, thresholds, name, no problems', () => {
    const { alice, bob, carol, group } = threeMemberGroup();
    const r = group.replay();
    expect(r.problems).toEqual([]);
    expect(r.charter).toEqual(group.charter);
    expect(r.head).toMatchObject({ groupId: group.id, linkId: group.id, seq: 0, name: 'KRAS-IWA', thresholds: { release: 2, membership: 2 } });
    expect([...(r.head?.members.keys() ?? [])].sort()).toEqual([alice.id, bob.id, carol.id].sort());
    expect(r.head?.members.get(alice.id)).toEqual({ id: alice.id, name: 'Alice', sign: alice.id, box: toHex(alice.box.publicKey), keys: [alice.id] });
    expect(r.states.size).toBe(1);
    expect(r.fork).toBeUndefined();
  });

  it('one founder signature is enough to found it', () => {
    const alice = makePerson('Alice');
    const bob = makePerson('Bob');
    const group = TestGroup.create('G', [alice, bob], { release: 2, membership: 2 }, [bob]);
    expect(group.replay().head?.members.size).toBe(2);
  });

  it('without a valid founder signature there is no group', () => {
    const alice = makePerson('Alice');
    const unsigned = TestGroup.create('G', [alice], { release: 1, membership: 1 }, []);
    expect(problemsOf(unsigned.replay())).toEqual([['bad-charter', unsigned.id]]);
    expect(unsigned.replay().head).toBeUndefined();
    // Signed by someone who is not a founder.
    const byStranger = TestGroup.create('G', [alice], { release: 1, membership: 1 }, [makePerson('Mallory')]);
    expect(byStranger.replay().problems[0]?.message).toMatch(/carries no valid signature of a founding member/);
    // A founder's key under a signature that does not verify.
    const forged = { ...unsigned.charter, signatures: [{ key: alice.id, sig: toHex(randomBytes(64)) }] };
    expect(replayChain(unsigned.id, [forged]).head).toBeUndefined();
  });

  it('without the charter, nothing is known', () => {
    const { alice, bob, group } = threeMemberGroup();
    const link = group.append({ op: 'rename', name: 'X' }, [alice, bob]);
    const r = replayChain(group.id, [link]);
    expect(r.head).toBeUndefined();
    expect(r.charter).toBeUndefined();
    expect(problemsOf(r)).toEqual([['bad-charter', group.id]]);
    expect(r.problems[0]?.message).toMatch(/is not held$/);
  });

  it("another group's charter in the set is reported and ignored", () => {
    const { group } = threeMemberGroup();
    const other = threeMemberGroup('Other').group;
    const r = replayChain(group.id, [group.charter, other.charter]);
    expect(r.head?.name).toBe('KRAS-IWA');
    expect(problemsOf(r)).toEqual([['rejected-link', other.id]]);
  });
});

describe('each operation', () => {
  it('add: the new member counts from the next link on', () => {
    const { alice, bob, group } = threeMemberGroup();
    const dave = makePerson('Dave');
    group.append({ op: 'add', member: memberOf(dave) }, [alice, bob]);
    group.append({ op: 'rename', name: 'Four' }, [dave, alice]);
    const r = group.replay();
    expect(r.problems).toEqual([]);
    expect(r.head?.seq).toBe(2);
    expect(r.head?.name).toBe('Four');
    expect(r.head?.members.get(dave.id)).toMatchObject({ name: 'Dave', sign: dave.id, keys: [dave.id] });
  });

  it('remove: she moves to removed, and her signature no longer counts for links', () => {
    const { alice, carol, group } = threeMemberGroup();
    group.append({ op: 'remove', member: carol.id }, [alice, carol]);
    const pending = group.append({ op: 'rename', name: 'X' }, [alice, carol], { advance: false });
    const r = group.replay();
    expect(r.head?.members.has(carol.id)).toBe(false);
    expect(r.head?.removed.get(carol.id)?.name).toBe('Carol');
    expect(r.head?.name).toBe('KRAS-IWA');
    expect(problemsOf(r)).toEqual([
      ['rejected-link', objectId(pending)],
      ['pending-link', objectId(pending)],
    ]);
    expect(r.problems[0]?.message).toContain(`carries a signature by ${carol.id.slice(0, 12)} that does not count`);
  });

  it('rotate: new keys, the member id stays, her old key no longer signs links', () => {
    const { alice, bob, group } = threeMemberGroup();
    const old = bob.sign;
    group.rotate(bob, [alice, bob]);
    const r1 = group.replay();
    const state = r1.head;
    if (!state) throw new Error('no head');
    const newKey = toHex(bob.sign.publicKey);
    expect(state.members.get(bob.id)).toEqual({ id: bob.id, name: 'Bob', sign: newKey, box: toHex(bob.box.publicKey), keys: [bob.id, newKey] });
    expect(memberByKey(state, newKey)?.id).toBe(bob.id);
    expect(memberByKey(state, bob.id)).toBeUndefined();
    // A link signed by Bob's old key and Alice: only Alice counts.
    group.append({ op: 'rename', name: 'X' }, [alice, old], { advance: false });
    expect(codes(group.replay().problems)).toEqual(['pending-link', 'rejected-link']);
  });

  it('a member signing a link with her old and her new key counts once', () => {
    const { alice, bob, group } = threeMemberGroup();
    const old = bob.sign;
    group.rotate(bob, [alice, bob]);
    // Both of Bob's keys on a link that needs two members: still one member.
    const link = group.append({ op: 'rename', name: 'X' }, [bob, old], { advance: false });
    const r = group.replay();
    expect(r.head?.name).toBe('KRAS-IWA');
    expect(r.problems.find((p) => p.code === 'pending-link')?.message).toMatch(/has 1 of the 2 member signatures/);
    expect(link.signatures).toHaveLength(2);
  });

  it('compromise: the key is marked, the member stays with no key', () => {
    const { alice, bob, carol, group } = threeMemberGroup();
    group.append({ op: 'compromise', member: carol.id, key: carol.id }, [alice, bob]);
    const r = group.replay();
    expect([...(r.head?.compromised ?? [])]).toEqual([carol.id]);
    expect(r.head?.members.get(carol.id)?.sign).toBeNull();
    expect(r.head?.members.size).toBe(3);
  });

  it("compromise of a removed member's key, and of an old key after a rotation", () => {
    const { alice, bob, carol, group } = threeMemberGroup();
    const old = toHex(bob.sign.publicKey);
    group.rotate(bob, [alice, bob]);
    group.append({ op: 'compromise', member: bob.id, key: old }, [alice, carol]);
    group.append({ op: 'remove', member: carol.id }, [alice, bob]);
    group.append({ op: 'compromise', member: carol.id, key: carol.id }, [alice, bob]);
    const r = group.replay();
    expect(r.problems).toEqual([]);
    expect([...(r.head?.compromised ?? [])].sort()).toEqual([old, carol.id].sort());
    // Bob's current key is untouched by the marking of his old one.
    expect(r.head?.members.get(bob.id)?.sign).toBe(toHex(bob.sign.publicKey));
  });

  it('thresholds and rename change the state', () => {
    const { alice, bob, carol, group } = threeMemberGroup();
    group.append({ op: 'thresholds', thresholds: { release: 3, membership: 1 } }, [alice, bob]);
    group.append({ op: 'rename', name: 'KRAS' }, [carol]);
    const r = group.replay();
    expect(r.problems).toEqual([]);
    expect(r.head).toMatchObject({ name: 'KRAS', thresholds: { release: 3, membership: 1 }, seq: 2 });
    // Every intermediate state is kept by link id.
    expect(r.states.size).toBe(3);
    expect(r.states.get(group.links[1] ? objectId(group.links[1]) : '')?.name).toBe('KRAS-IWA');
  });

  it('a link needs the membership threshold of the state before it, not after', () => {
    const { alice, bob, group } = threeMemberGroup('KRAS-IWA', { release: 1, membership: 1 });
    // Raising the membership threshold to 3 needs one signature (the state before), the next link three.
    group.append({ op: 'thresholds', thresholds: { release: 1, membership: 3 } }, [alice]);
    group.append({ op: 'rename', name: 'Y' }, [alice, bob], { advance: false });
    const r = group.replay();
    expect(r.head?.thresholds.membership).toBe(3);
    expect(r.problems.find((p) => p.code === 'pending-link')?.message).toMatch(/has 2 of the 3 member signatures/);
  });
});

describe('links that are rejected', () => {
  function rejected(build: (s: ReturnType<typeof threeMemberGroup>) => ChainLink): string | undefined {
    const story = threeMemberGroup();
    const link = build(story);
    const r = story.group.replay();
    expect(r.head?.linkId).toBe(story.group.id);
    const p = r.problems.find((x) => x.code === 'rejected-link' && x.subject === objectId(link));
    expect(p?.severity).toBe('warning');
    return p?.message;
  }

  it.each([
    ['adds a key a member holds', (s: ReturnType<typeof threeMemberGroup>) => s.group.append({ op: 'add', member: { ...memberOf(s.bob), name: 'Bob again', box: toHex(generateBoxKeyPair().publicKey) } }, [s.alice, s.bob]), /adds a signing key that a member holds or has held/],
    ['adds an encryption key in use', (s: ReturnType<typeof threeMemberGroup>) => s.group.append({ op: 'add', member: { ...memberOf(makePerson('Dave')), box: toHex(s.bob.box.publicKey) } }, [s.alice, s.bob]), /adds an encryption key that a member already uses/],
    ['removes a non-member', (s: ReturnType<typeof threeMemberGroup>) => s.group.append({ op: 'remove', member: makePerson('X').id }, [s.alice, s.bob]), /who is not a current member/],
    ['rotates a non-member', (s: ReturnType<typeof threeMemberGroup>) => s.group.append({ op: 'rotate', member: makePerson('X').id, sign: toHex(generateSigningKeyPair().publicKey), box: toHex(generateBoxKeyPair().publicKey) }, [s.alice, s.bob]), /who is not a current member/],
    ['rotates to a key a member holds', (s: ReturnType<typeof threeMemberGroup>) => s.group.append({ op: 'rotate', member: s.bob.id, sign: s.carol.id, box: toHex(generateBoxKeyPair().publicKey) }, [s.alice, s.bob]), /rotates to a signing key that a member holds or has held/],
    ['rotates to another member encryption key', (s: ReturnType<typeof threeMemberGroup>) => s.group.append({ op: 'rotate', member: s.bob.id, sign: toHex(generateSigningKeyPair().publicKey), box: toHex(s.carol.box.publicKey) }, [s.alice, s.bob]), /rotates to an encryption key that another member uses/],
    ['marks a key the member never held', (s: ReturnType<typeof threeMemberGroup>) => s.group.append({ op: 'compromise', member: s.bob.id, key: s.carol.id }, [s.alice, s.bob]), /which Bob never held/],
    ['marks a key of a non-member', (s: ReturnType<typeof threeMemberGroup>) => s.group.append({ op: 'compromise', member: makePerson('X').id, key: s.carol.id }, [s.alice, s.bob]), /who was never a member/],
    ['sets thresholds above the member count', (s: ReturnType<typeof threeMemberGroup>) => s.group.append({ op: 'thresholds', thresholds: { release: 4, membership: 2 } }, [s.alice, s.bob]), /sets thresholds above the 3 member\(s\)/],
    ['has the wrong seq', (s: ReturnType<typeof threeMemberGroup>) => s.group.append({ op: 'rename', name: 'X' }, [s.alice, s.bob], { after: { id: s.group.id, seq: 4 } }), /has seq 5, but follows a link with seq 0/],
  ])('a link that %s', (_what, build, message) => {
    expect(rejected(build)).toMatch(message);
  });

  it('a removal that leaves fewer members than a threshold', () => {
    const alice = makePerson('Alice');
    const bob = makePerson('Bob');
    const group = TestGroup.create('Pair', [alice, bob], { release: 2, membership: 1 });
    const link = group.append({ op: 'remove', member: bob.id }, [alice]);
    const r = group.replay();
    expect(r.head?.members.size).toBe(2);
    expect(r.problems.find((p) => p.subject === objectId(link))?.message).toMatch(/would leave 1 member\(s\), fewer than the thresholds \(release 2, membership 1\)/);
  });

  it('marking the same key twice', () => {
    const { alice, bob, carol, group } = threeMemberGroup();
    group.append({ op: 'compromise', member: carol.id, key: carol.id }, [alice, bob]);
    const again = group.append({ op: 'compromise', member: carol.id, key: carol.id }, [alice, bob]);
    // The two links differ only by seq and prev; the second is rejected.
    expect(group.replay().problems.find((p) => p.subject === objectId(again))?.message).toMatch(/compromised again/);
  });

  it("a link of another group is not part of this group's chain", () => {
    const { alice, bob, group } = threeMemberGroup();
    const other = TestGroup.create('Other', [alice, bob], { release: 1, membership: 1 });
    // Follows our charter, but names the other group.
    const foreign = signBy(other.propose({ op: 'rename', name: 'Hijack' }, group.head), [alice]);
    const r = replayChain(group.id, [...group.links, foreign]);
    expect(r.head?.name).toBe('KRAS-IWA');
    expect(r.problems).toEqual([]);
  });
});

describe('links that do not (yet) count', () => {
  it('a link signed by one member when two are needed is pending, not applied', () => {
    const { alice, group } = threeMemberGroup();
    const link = group.append({ op: 'rename', name: 'X' }, [alice], { advance: false });
    const r = group.replay();
    expect(r.head?.name).toBe('KRAS-IWA');
    expect(r.states.has(objectId(link))).toBe(false);
    expect(problemsOf(r)).toEqual([['pending-link', objectId(link)]]);
    expect(r.problems[0]?.message).toMatch(/^link [0-9a-f]{12} \(rename\) has 1 of the 2 member signatures it needs$/);
  });

  it('the second signature, arriving in another copy, completes it', () => {
    const { alice, bob, group } = threeMemberGroup();
    const unsigned = group.propose({ op: 'rename', name: 'X' });
    const r = replayChain(group.id, [group.charter, signLink(unsigned, alice.sign), signLink(unsigned, bob.sign)]);
    expect(r.head?.name).toBe('X');
    expect(r.problems).toEqual([]);
  });

  it("signatures by strangers, or that do not verify, are reported and don't count", () => {
    const { alice, bob, group } = threeMemberGroup();
    const mallory = makePerson('Mallory');
    const link = group.append({ op: 'rename', name: 'X' }, [alice, mallory], { advance: false });
    const withBad = { ...link, signatures: [...link.signatures, { key: bob.id, sig: toHex(randomBytes(64)) }].sort((a, b) => (a.key < b.key ? -1 : 1)) };
    const r = replayChain(group.id, [group.charter, withBad]);
    expect(r.head?.name).toBe('KRAS-IWA');
    expect(r.problems.filter((p) => p.code === 'rejected-link').map((p) => p.message.match(/signature by ([0-9a-f]{12})/)?.[1]).sort()).toEqual(
      [mallory.id.slice(0, 12), bob.id.slice(0, 12)].sort(),
    );
    expect(codes(r.problems)).toEqual(['pending-link', 'rejected-link', 'rejected-link']);
  });

  it('a link whose predecessor is not held is an orphan', () => {
    const { alice, bob, group } = threeMemberGroup();
    const first = group.append({ op: 'rename', name: 'A' }, [alice, bob]);
    const second = group.append({ op: 'rename', name: 'B' }, [alice, bob]);
    const r = replayChain(group.id, [group.charter, second]);
    expect(r.head?.name).toBe('KRAS-IWA');
    expect(problemsOf(r)).toEqual([['orphan-link', objectId(second)]]);
    expect(r.problems[0]?.message).toContain(`follows link ${objectId(first).slice(0, 12)}, which is not held`);
  });
});

describe('forks', () => {
  it('two valid links after the same state are a fork: reported, never resolved', () => {
    const { alice, bob, carol, group } = threeMemberGroup();
    const a = group.append({ op: 'rename', name: 'A' }, [alice, bob]);
    const b = group.append({ op: 'rename', name: 'B' }, [bob, carol], { after: { id: group.id, seq: 0 } });
    const c = group.append({ op: 'rename', name: 'C' }, [alice, carol]); // follows b
    const r = group.replay();
    // Every signer of each rival still counts at the head of the other branch: fork choice cannot choose.
    expect(r.fork?.after).toBe(group.id);
    expect(r.fork?.branches).toEqual([objectId(a), objectId(b)].sort());
    expect([...(r.fork?.heads.keys() ?? [])].sort()).toEqual([objectId(a), objectId(b)].sort());
    expect(r.fork?.heads.get(objectId(a))?.name).toBe('A');
    expect(r.fork?.heads.get(objectId(b))?.linkId).toBe(objectId(c));
    expect(r.fork?.heads.get(objectId(b))?.name).toBe('C');
    expect(r.head?.linkId).toBe(group.id);
    expect(r.head?.name).toBe('KRAS-IWA');
    expect(r.states.get(objectId(a))?.name).toBe('A');
    expect(r.states.get(objectId(b))?.name).toBe('B');
    expect(r.states.get(objectId(c))?.name).toBe('C');
    expect(problemsOf(r)).toEqual([['fork', group.id]]);
    expect(r.problems[0]?.message).toMatch(/forks after link [0-9a-f]{12}: 2 valid links .* each kept by 2 signer\(s\) whose keys still count on the other branches$/);
  });

  it('a fork deeper in the chain: the head stops before it', () => {
    const { alice, bob, carol, group } = threeMemberGroup();
    const first = group.append({ op: 'thresholds', thresholds: { release: 2, membership: 1 } }, [alice, bob]);
    const after = group.head;
    group.append({ op: 'rename', name: 'A' }, [carol]);
    group.append({ op: 'rename', name: 'B' }, [alice], { after });
    const r = group.replay();
    expect(r.fork?.after).toBe(objectId(first));
    expect(r.fork?.branches).toHaveLength(2);
    expect([...(r.fork?.heads.values() ?? [])].map((h) => h.name).sort()).toEqual(['A', 'B']);
    expect(r.head?.linkId).toBe(objectId(first));
    expect(r.head?.members.size).toBe(3);
  });

  it("a rival that removes the other link's only signer wins fork choice: superseded, no fork", () => {
    const { alice, bob, carol, group } = threeMemberGroup();
    group.append({ op: 'thresholds', thresholds: { release: 2, membership: 1 } }, [alice, bob]);
    const after = group.head;
    const rename = group.append({ op: 'rename', name: 'A' }, [carol]);
    const removal = group.append({ op: 'remove', member: carol.id }, [alice], { after });
    const r = group.replay();
    // Carol's key does not count at the head of the removal's branch; Alice's counts at the rename's.
    expect(r.fork).toBeUndefined();
    expect(r.head?.linkId).toBe(objectId(removal));
    expect(r.head?.members.has(carol.id)).toBe(false);
    expect(r.states.has(objectId(rename))).toBe(false);
    expect(problemsOf(r)).toEqual([['superseded-link', objectId(rename)]]);
    expect(r.problems[0]).toMatchObject({ severity: 'warning' });
    expect(r.problems[0]?.message).toMatch(/lost fork choice after link [0-9a-f]{12}: 0 of its signers still count on the rival branch, against 1$/);
  });

  it('the same link received twice is not a fork', () => {
    const { alice, bob, group } = threeMemberGroup();
    const link = group.append({ op: 'rename', name: 'A' }, [alice, bob]);
    const r = replayChain(group.id, [...group.links, link, { ...link }]);
    expect(r.fork).toBeUndefined();
    expect(r.head?.name).toBe('A');
  });
});

describe('copies of one link', () => {
  it('mergeLinkSignatures takes the union by key, sorted', () => {
    const { alice, bob, carol, group } = threeMemberGroup();
    const unsigned = group.propose({ op: 'rename', name: 'X' });
    const merged = mergeLinkSignatures(signBy(unsigned, [carol, alice]), signBy(unsigned, [bob, alice]));
    expect(merged.signatures.map((s) => s.key)).toEqual([alice.id, bob.id, carol.id].sort());
    expect(merged).toEqual(signBy(unsigned, [alice, bob, carol]));
  });

  it('a forged signature under a real key cannot displace the real one, whichever copy comes first', () => {
    const { alice, bob, group } = threeMemberGroup();
    const real = signBy(group.propose({ op: 'rename', name: 'X' }), [alice, bob]);
    const forged = { ...real, signatures: [{ key: alice.id, sig: toHex(randomBytes(64)) }] };
    expect(mergeLinkSignatures(forged, real)).toEqual(real);
    expect(mergeLinkSignatures(real, forged)).toEqual(real);
    for (const links of [
      [group.charter, forged, real],
      [group.charter, real, forged],
    ]) {
      const r = replayChain(group.id, links);
      expect(r.head?.name).toBe('X');
      expect(r.problems).toEqual([]);
    }
  });

  it('the result does not depend on the order the links arrive in', () => {
    const { alice, bob, carol, group } = threeMemberGroup();
    group.append({ op: 'rename', name: 'A' }, [alice, bob]);
    group.append({ op: 'remove', member: carol.id }, [alice, carol]);
    group.append({ op: 'rename', name: 'pending' }, [alice], { advance: false });
    const forward = reportSnapshot(group.replay());
    expect(reportSnapshot(group.replay([...group.links].reverse()))).toEqual(forward);
  });
});

describe('applyLink', () => {
  it('refuses a link of another group, and never modifies the state it is given', () => {
    const { bob, group } = threeMemberGroup();
    const state = group.replay().head;
    if (!state) throw new Error('no head');
    const other = threeMemberGroup('Other').group;
    const foreign = other.propose({ op: 'rename', name: 'X' });
    expect(applyLink(state, foreign, objectId(foreign))).toMatch(/^names group [0-9a-f]{12}, not [0-9a-f]{12}$/);
    const link = group.propose({ op: 'remove', member: bob.id });
    const next = applyLink(state, link, objectId(link));
    expect(typeof next).toBe('object');
    // The state before is not modified by applying a link to it.
    expect(state.members.has(bob.id)).toBe(true);
    expect(state.removed.size).toBe(0);
  });
});

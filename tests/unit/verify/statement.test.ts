// The multi-member story: three members, a group with thresholds of 2, statements signed, members
// removed, keys compromised and rotated, forks, joint statements, translations and endorsements,
// and every problem the verification report names. A signature that does not count is ignored:
// the report is exactly the one without it (V-NO-VETO), so no problem ever names it.
import { describe, expect, it } from 'vitest';
import { toHex } from '../../../src/core/crypto/bytes.js';
import { verify as ed25519Verify } from '../../../src/core/crypto/ed25519.js';
import { randomBytes } from '../../../src/core/crypto/random.js';
import { objectId, statementSigningMessage } from '../../../src/core/model/objects.js';
import type { Statement, StatementSignature } from '../../../src/core/model/types.js';
import { groupFingerprint, verifyStatement, whyNotCounting, type VerificationReport } from '../../../src/core/verify/statement.js';
import { safetyNumber } from '../../../src/core/crypto/fingerprint.js';
import { fromHex } from '../../../src/core/crypto/bytes.js';
import { codes, evidenceFor, makePerson, signStatement, statementBy, TestGroup, threeMemberGroup, verify } from '../../helpers/core.js';

const names = (r: { signers: Array<{ name: string }> } | undefined) => (r?.signers ?? []).map((s) => s.name).sort();

/**
 * The report for `kept` plus `junk` signatures, after checking that it equals, field for field, the
 * report for `kept` alone: signatures that do not count change nothing and are never reported.
 */
function ignoring(statement: Statement, kept: readonly StatementSignature[], junk: readonly StatementSignature[], groups: readonly TestGroup[]): VerificationReport {
  expect(junk.length).toBeGreaterThan(0);
  const without = verify(statement, kept, groups);
  const withJunk = verify(statement, [...kept, ...junk], groups);
  expect(withJunk).toEqual(without);
  return withJunk;
}

/** Why `sig` does not count for `group` (whyNotCounting), its Ed25519 signature aside. */
const reasonOf = (sig: StatementSignature, statement: Statement, group: TestGroup) => whyNotCounting(sig, statement.authors, group.replay())?.reason;

describe('a group of three with thresholds of 2', () => {
  it('a statement signed by one member is not released: threshold not met, 1 of 2', () => {
    const { alice, group } = threeMemberGroup();
    const { statement, id } = statementBy([group]);
    const report = verify(statement, [signStatement(id, group, alice)], [group]);
    expect(report.released).toBe(false);
    expect(report.ok).toBe(false);
    const g = report.groups[0];
    expect(g?.groupId).toBe(group.id);
    expect(g?.name).toBe('KRAS-IWA');
    expect(g?.released).toBe(false);
    expect(g?.threshold).toBe(2);
    expect(names(g)).toEqual(['Alice']);
    expect(codes(g?.problems ?? [])).toEqual(['threshold-not-met']);
    expect(g?.problems[0]).toMatchObject({ severity: 'error', subject: group.id });
    expect(g?.problems[0]?.message).toBe('KRAS-IWA: 1 of the 2 member signatures needed');
  });

  it('signed by a second member, it is released, with nothing wrong', () => {
    const { alice, bob, group } = threeMemberGroup();
    const { statement, id } = statementBy([group]);
    const report = verify(statement, [signStatement(id, group, alice), signStatement(id, group, bob)], [group]);
    expect(report.released).toBe(true);
    expect(report.ok).toBe(true);
    expect(report.problems).toEqual([]);
    expect(report.groups[0]?.problems).toEqual([]);
    expect(names(report.groups[0])).toEqual(['Alice', 'Bob']);
    expect(report.groups[0]?.signers.find((s) => s.name === 'Alice')).toEqual({ memberId: alice.id, name: 'Alice', key: alice.id });
    expect(report.statement).toEqual({ id, title: statement.title, lang: 'en', date: '2022-02-24', authors: [group.id] });
    expect(report.groups[0]?.chain).toEqual({ head: group.id, seq: 0, members: 3, fork: false });
    expect(report.groups[0]?.trust).toBe('verified');
  });

  it('the same member signing twice counts once', () => {
    const { alice, group } = threeMemberGroup();
    const { statement, id } = statementBy([group]);
    const once = signStatement(id, group, alice);
    const report = verify(statement, [once, once, signStatement(id, group, alice, { role: 'release' })], [group]);
    expect(report.released).toBe(false);
    expect(report.groups[0]?.signers).toHaveLength(1);
  });

  it('the fingerprint is the safety number of the group id', () => {
    const { alice, bob, group } = threeMemberGroup();
    const { statement, id } = statementBy([group]);
    const report = verify(statement, [signStatement(id, group, alice), signStatement(id, group, bob)], [group]);
    expect(report.groups[0]?.fingerprint).toBe(safetyNumber(fromHex(group.id)));
    expect(groupFingerprint(group.id)).toMatch(/^(\d{5} ){11}\d{5}$/);
  });

  it('signatures on another statement are not counted for this one', () => {
    const { alice, bob, group } = threeMemberGroup();
    const { statement, id } = statementBy([group]);
    const { id: otherId } = statementBy([group], { title: 'Another statement' });
    const report = verify(statement, [signStatement(id, group, alice), signStatement(otherId, group, bob)], [group]);
    expect(report.released).toBe(false);
    expect(names(report.groups[0])).toEqual(['Alice']);
  });
});

describe('a member removed', () => {
  it('her signature no longer counts (removed-signer, ignored), and the statement falls below the threshold', () => {
    const { alice, bob, carol, group } = threeMemberGroup();
    const { statement, id } = statementBy([group]);
    const byAlice = signStatement(id, group, alice);
    const byBob = signStatement(id, group, bob);
    expect(verify(statement, [byAlice, byBob], [group]).released).toBe(true);
    expect(reasonOf(byBob, statement, group)).toBeUndefined();

    group.append({ op: 'remove', member: bob.id }, [alice, carol]);
    expect(reasonOf(byBob, statement, group)).toBe('removed-signer');
    const report = ignoring(statement, [byAlice], [byBob], [group]);
    expect(report.released).toBe(false);
    expect(report.ok).toBe(false);
    expect(names(report.groups[0])).toEqual(['Alice']);
    expect(codes(report.groups[0]?.problems ?? [])).toEqual(['threshold-not-met']);
    expect(report.groups[0]?.problems[0]?.message).toBe('KRAS-IWA: 1 of the 2 member signatures needed');
    expect(report.groups[0]?.chain?.members).toBe(2);
  });

  it('a statement still signed by two current members stays released, and ok: the removed signer is not mentioned', () => {
    const { alice, bob, carol, group } = threeMemberGroup();
    const { statement, id } = statementBy([group]);
    const [byAlice, byBob, byCarol] = [alice, bob, carol].map((p) => signStatement(id, group, p)) as [StatementSignature, StatementSignature, StatementSignature];
    group.append({ op: 'remove', member: bob.id }, [alice, carol]);
    const report = ignoring(statement, [byAlice, byCarol], [byBob], [group]);
    expect(report.released).toBe(true);
    expect(report.ok).toBe(true);
    expect(names(report.groups[0])).toEqual(['Alice', 'Carol']);
    expect(report.groups[0]?.problems).toEqual([]);
  });

  it('a removal signed by only one member is pending: not applied, her signature still counts', () => {
    const { alice, bob, group } = threeMemberGroup();
    const { statement, id } = statementBy([group]);
    const sigs = [signStatement(id, group, alice), signStatement(id, group, bob)];
    const removal = group.append({ op: 'remove', member: bob.id }, [alice], { advance: false });
    const chain = group.replay();
    expect(chain.head?.linkId).toBe(group.id);
    expect(chain.head?.members.has(bob.id)).toBe(true);
    expect(chain.problems).toEqual([
      expect.objectContaining({ code: 'pending-link', severity: 'warning', subject: objectId(removal), message: expect.stringMatching(/\(remove\) has 1 of the 2 member signatures it needs$/) }),
    ]);
    expect(verify(statement, sigs, [group]).released).toBe(true);
  });
});

describe('a key marked compromised', () => {
  it('a signature made with it before the marking stops counting (compromised-signer, ignored): below the threshold', () => {
    const { alice, bob, carol, group } = threeMemberGroup();
    const { statement, id } = statementBy([group]);
    const byAlice = signStatement(id, group, alice);
    const byCarol = signStatement(id, group, carol);
    expect(verify(statement, [byAlice, byCarol], [group]).released).toBe(true);
    group.append({ op: 'compromise', member: carol.id, key: carol.id }, [alice, bob]);
    expect(reasonOf(byCarol, statement, group)).toBe('compromised-signer');
    const report = ignoring(statement, [byAlice], [byCarol], [group]);
    expect(report.released).toBe(false);
    expect(report.ok).toBe(false);
    expect(names(report.groups[0])).toEqual(['Alice']);
    expect(codes(report.groups[0]?.problems ?? [])).toEqual(['threshold-not-met']);
  });

  it('a signature made with it after it was marked, naming the current link, is ignored as compromised too', () => {
    const { alice, bob, carol, group } = threeMemberGroup();
    const { statement, id } = statementBy([group]);
    group.append({ op: 'compromise', member: carol.id, key: carol.id }, [alice, bob]);
    // Whoever holds Carol's old key signs, naming the head (where Carol has no key any more).
    const stolen = signStatement(id, group, carol);
    expect(reasonOf(stolen, statement, group)).toBe('compromised-signer');
    const report = ignoring(statement, [signStatement(id, group, alice)], [stolen], [group]);
    expect(report.released).toBe(false);
    expect(codes(report.groups[0]?.problems ?? [])).toEqual(['threshold-not-met']);
  });

  it('a compromised signer beside enough others changes nothing: released and ok', () => {
    const { alice, bob, carol, group } = threeMemberGroup();
    const { statement, id } = statementBy([group]);
    const [byAlice, byBob, byCarol] = [alice, bob, carol].map((p) => signStatement(id, group, p)) as [StatementSignature, StatementSignature, StatementSignature];
    group.append({ op: 'compromise', member: carol.id, key: carol.id }, [alice, bob]);
    const report = ignoring(statement, [byAlice, byBob], [byCarol], [group]);
    expect(names(report.groups[0])).toEqual(['Alice', 'Bob']);
    expect(report.groups[0]?.released).toBe(true);
    expect(report.released).toBe(true);
    expect(report.ok).toBe(true);
    expect(report.groups[0]?.problems).toEqual([]);
  });

  it('the member whose key was compromised cannot sign links until her keys are rotated', () => {
    const { alice, bob, carol, group } = threeMemberGroup();
    group.append({ op: 'compromise', member: carol.id, key: carol.id }, [alice, bob]);
    const pending = group.append({ op: 'rename', name: 'KRAS' }, [alice, carol], { advance: false });
    const chain = group.replay();
    expect(chain.head?.name).toBe('KRAS-IWA');
    expect(chain.head?.members.get(carol.id)?.sign).toBeNull();
    expect(chain.problems.map((p) => [p.code, p.subject])).toEqual([
      ['rejected-link', objectId(pending)],
      ['pending-link', objectId(pending)],
    ]);
  });
});

describe('a rotation', () => {
  it('the new key signs and counts for the member', () => {
    const { alice, bob, group } = threeMemberGroup();
    group.rotate(bob, [alice, bob]);
    const { statement, id } = statementBy([group]);
    const report = verify(statement, [signStatement(id, group, alice), signStatement(id, group, bob)], [group]);
    expect(report.released).toBe(true);
    expect(report.groups[0]?.signers.find((s) => s.name === 'Bob')).toEqual({ memberId: bob.id, name: 'Bob', key: toHex(bob.sign.publicKey) });
    expect(toHex(bob.sign.publicKey)).not.toBe(bob.id);
  });

  it('a member signing with her old and her new key counts once', () => {
    const { alice, bob, group } = threeMemberGroup();
    const charterLink = group.head.id;
    const { statement, id } = statementBy([group]);
    const old = signStatement(id, group, bob.sign, { link: charterLink });
    group.rotate(bob, [alice, bob]);
    const fresh = signStatement(id, group, bob);
    const report = verify(statement, [old, fresh], [group]);
    expect(report.released).toBe(false);
    expect(report.groups[0]?.signers).toHaveLength(1);
    expect(codes(report.groups[0]?.problems ?? [])).toEqual(['threshold-not-met']);
    expect(verify(statement, [old, fresh, signStatement(id, group, alice)], [group]).released).toBe(true);
  });

  it('the old key does not sign at links after the rotation', () => {
    const { alice, bob, group } = threeMemberGroup();
    const oldKeys = bob.sign;
    group.rotate(bob, [alice, bob]);
    const { statement, id } = statementBy([group]);
    const byOld = signStatement(id, group, oldKeys);
    expect(reasonOf(byOld, statement, group)).toBe('unknown-signer');
    const report = ignoring(statement, [signStatement(id, group, alice)], [byOld], [group]);
    expect(report.released).toBe(false);
    expect(codes(report.groups[0]?.problems ?? [])).toEqual(['threshold-not-met']);
  });

  it('a rotation after a compromise lets her sign again', () => {
    const { alice, bob, carol, group } = threeMemberGroup();
    group.append({ op: 'compromise', member: carol.id, key: carol.id }, [alice, bob]);
    group.rotate(carol, [alice, bob]);
    const { statement, id } = statementBy([group]);
    const report = verify(statement, [signStatement(id, group, alice), signStatement(id, group, carol)], [group]);
    expect(report.released).toBe(true);
    expect(report.ok).toBe(true);
  });
});

describe('a fork', () => {
  it('two valid links after the same state, each signed by members current on the other branch: a fork error and no release', () => {
    const { alice, bob, carol, group } = threeMemberGroup();
    const { statement, id } = statementBy([group]);
    const sigs = [signStatement(id, group, alice), signStatement(id, group, bob)];
    const charter = group.head;
    const a = group.append({ op: 'rename', name: 'KRAS' }, [alice, bob]);
    const b = group.append({ op: 'rename', name: 'IWA' }, [bob, carol], { after: charter });
    const report = verify(statement, sigs, [group]);
    expect(report.released).toBe(false);
    expect(report.ok).toBe(false);
    const g = report.groups[0];
    expect(g?.chain?.fork).toBe(true);
    expect(g?.chain?.head).toBe(group.id);
    expect(names(g)).toEqual(['Alice', 'Bob']);
    expect(codes(g?.problems ?? [])).toEqual(['fork']);
    const fork = g?.problems[0];
    expect(fork?.severity).toBe('error');
    expect(fork?.message).toContain(objectId(a).slice(0, 12));
    expect(fork?.message).toContain(objectId(b).slice(0, 12));
    expect(fork?.message).toMatch(/^the chain of group KRAS-IWA forks after link [0-9a-f]{12}: 2 valid links/);
  });

  it('a signature naming a link on one branch is placed, but still not released', () => {
    const { alice, bob, carol, group } = threeMemberGroup();
    const charter = group.head;
    group.append({ op: 'rename', name: 'KRAS' }, [alice, bob]);
    const { statement, id } = statementBy([group]);
    const sigs = [signStatement(id, group, alice), signStatement(id, group, bob)];
    group.append({ op: 'rename', name: 'IWA' }, [bob, carol], { after: charter });
    const report = verify(statement, sigs, [group]);
    expect(report.released).toBe(false);
    expect(codes(report.groups[0]?.problems ?? [])).toEqual(['fork']);
  });
});

describe('a joint statement by two groups', () => {
  it('is released only when both groups meet their thresholds', () => {
    const { alice, bob, group: kras } = threeMemberGroup();
    const dave = makePerson('Dave');
    const erin = makePerson('Erin');
    const frank = makePerson('Frank');
    const fed = TestGroup.create('Federation', [dave, erin, frank], { release: 2, membership: 2 });
    const { statement, id } = statementBy([kras, fed]);
    expect(statement.authors).toEqual([kras.id, fed.id].sort());
    const krasSigs = [signStatement(id, kras, alice), signStatement(id, kras, bob)];

    const half = verify(statement, [...krasSigs, signStatement(id, fed, dave)], [kras, fed]);
    expect(half.released).toBe(false);
    expect(half.ok).toBe(false);
    const byName = Object.fromEntries(half.groups.map((g) => [g.name, g]));
    expect(byName['KRAS-IWA']?.released).toBe(true);
    expect(byName.Federation?.released).toBe(false);
    expect(codes(byName.Federation?.problems ?? [])).toEqual(['threshold-not-met']);
    expect(half.groups.map((g) => g.groupId)).toEqual(statement.authors);

    const both = verify(statement, [...krasSigs, signStatement(id, fed, dave), signStatement(id, fed, erin)], [kras, fed]);
    expect(both.released).toBe(true);
    expect(both.ok).toBe(true);
    expect(both.groups.every((g) => g.released)).toBe(true);
  });

  it("a member of one author group cannot stand in for the other group's members", () => {
    const { alice, bob, group: kras } = threeMemberGroup();
    const fed = TestGroup.create('Federation', [makePerson('Dave'), makePerson('Erin')], { release: 2, membership: 2 });
    const { statement, id } = statementBy([kras, fed]);
    const sigs = [signStatement(id, kras, alice), signStatement(id, kras, bob), signStatement(id, fed, alice), signStatement(id, fed, bob)];
    for (const s of sigs.slice(2)) expect(reasonOf(s, statement, fed)).toBe('unknown-signer');
    const report = ignoring(statement, sigs.slice(0, 2), sigs.slice(2), [kras, fed]);
    expect(report.released).toBe(false);
    const fedReport = report.groups.find((g) => g.groupId === fed.id);
    expect(fedReport?.signers).toEqual([]);
    expect(codes(fedReport?.problems ?? [])).toEqual(['threshold-not-met']);
    expect(report.groups.find((g) => g.groupId === kras.id)?.released).toBe(true);
  });
});

describe('relations', () => {
  it('a translation pointing at its original verifies on its own', () => {
    const { alice, bob, group } = threeMemberGroup();
    const { id: originalId } = statementBy([group]);
    const { statement: translation, id } = statementBy([group], {
      title: 'Проти війни',
      lang: 'uk',
      body: 'Ми, члени спілки, відмовляємося брати участь.',
      relations: [{ type: 'translation-of', id: originalId }],
    });
    expect(translation.relations).toEqual([{ type: 'translation-of', id: originalId }]);
    const report = verify(translation, [signStatement(id, group, alice), signStatement(id, group, bob)], [group]);
    expect(report.released).toBe(true);
    expect(report.ok).toBe(true);
    expect(report.statement).toMatchObject({ id, title: 'Проти війни', lang: 'uk' });
  });

  it('a newer revision known is a warning, not an error', () => {
    const { alice, bob, group } = threeMemberGroup();
    const { statement, id } = statementBy([group]);
    const { id: newerId } = statementBy([group], { title: 'Against the war (corrected)', relations: [{ type: 'revises', id }] });
    const report = verify(statement, [signStatement(id, group, alice), signStatement(id, group, bob)], [group], { newerRevisions: [newerId] });
    expect(report.released).toBe(true);
    expect(report.ok).toBe(true);
    expect(report.problems).toEqual([
      { code: 'newer-revision', severity: 'warning', subject: newerId, message: `a newer revision of this statement is held: ${newerId.slice(0, 12)}` },
    ]);
  });
});

describe('endorsements', () => {
  function setup() {
    const story = threeMemberGroup();
    const dave = makePerson('Dave');
    const erin = makePerson('Erin');
    const other = TestGroup.create('Publishers', [dave, erin], { release: 1, membership: 1 });
    const { statement, id } = statementBy([story.group]);
    return { ...story, dave, erin, other, statement, id };
  }

  it('by a member of another group: reported under endorsements, release unaffected', () => {
    const { alice, bob, group, dave, other, statement, id } = setup();
    const endorse = signStatement(id, other, dave, { role: 'endorse' });
    const notYet = verify(statement, [signStatement(id, group, alice), endorse], [group, other]);
    expect(notYet.released).toBe(false);
    expect(names(notYet.groups[0])).toEqual(['Alice']);
    expect(notYet.endorsements).toHaveLength(1);
    expect(notYet.endorsements[0]).toMatchObject({ groupId: other.id, name: 'Publishers', released: true });
    expect(names(notYet.endorsements[0])).toEqual(['Dave']);

    const released = verify(statement, [signStatement(id, group, alice), signStatement(id, group, bob), endorse], [group, other]);
    expect(released.released).toBe(true);
    expect(released.ok).toBe(true);
    expect(released.groups).toHaveLength(1);
    expect(released.groups[0]?.signers).toHaveLength(2);
  });

  it('an endorsement below the endorsing group threshold is shown as not met, without an error', () => {
    const { alice, bob, group, dave, erin, statement, id } = setup();
    const strict = TestGroup.create('Strict publishers', [dave, erin], { release: 2, membership: 2 });
    const report = verify(statement, [signStatement(id, group, alice), signStatement(id, group, bob), signStatement(id, strict, dave, { role: 'endorse' })], [group, strict]);
    expect(report.ok).toBe(true);
    expect(report.endorsements[0]?.released).toBe(false);
    expect(report.endorsements[0]?.problems).toEqual([]);
  });

  it('an endorsement by a group whose chain is not held does not count: ignored, no entry, the report as without it', () => {
    const { alice, bob, group, dave, other, statement, id } = setup();
    const genuine = [signStatement(id, group, alice), signStatement(id, group, bob)];
    const report = verify(statement, [...genuine, signStatement(id, other, dave, { role: 'endorse' })], [group]);
    expect(report.released).toBe(true);
    expect(report.ok).toBe(true);
    expect(report.endorsements).toEqual([]);
    expect(report).toEqual(verify(statement, genuine, [group]));
  });

  it('an author member endorsing her own group statement, or a release for a non-author group, is the wrong role: ignored', () => {
    const { alice, bob, group, dave, other, statement, id } = setup();
    const selfEndorse = signStatement(id, group, bob, { role: 'endorse' });
    const foreignRelease = signStatement(id, other, dave, { role: 'release' });
    expect(reasonOf(selfEndorse, statement, group)).toBe('wrong-role');
    expect(reasonOf(foreignRelease, statement, other)).toBe('wrong-role');
    const report = ignoring(statement, [signStatement(id, group, alice)], [selfEndorse, foreignRelease], [group, other]);
    expect(report.released).toBe(false);
    expect(names(report.groups[0])).toEqual(['Alice']);
    expect(report.endorsements).toEqual([]);
    expect(report.problems).toEqual([]);
    expect(codes(report.groups[0]?.problems ?? [])).toEqual(['threshold-not-met']);
  });
});

describe('signatures that do not count', () => {
  it("a signature whose link is not in the group's chain (unknown-link) is ignored", () => {
    const { alice, bob, group } = threeMemberGroup();
    const { statement, id } = statementBy([group]);
    const stray = signStatement(id, group, bob, { link: toHex(randomBytes(32)) });
    expect(reasonOf(stray, statement, group)).toBe('unknown-link');
    const report = ignoring(statement, [signStatement(id, group, alice)], [stray], [group]);
    expect(report.released).toBe(false);
    expect(codes(report.groups[0]?.problems ?? [])).toEqual(['threshold-not-met']);
  });

  it('a signature naming a pending link is unknown-link too, and ignored', () => {
    const { alice, bob, group } = threeMemberGroup();
    const pending = group.append({ op: 'rename', name: 'KRAS' }, [alice], { advance: false });
    const { statement, id } = statementBy([group]);
    const atPending = signStatement(id, group, bob, { link: objectId(pending) });
    expect(reasonOf(atPending, statement, group)).toBe('unknown-link');
    const report = ignoring(statement, [signStatement(id, group, alice)], [atPending], [group]);
    expect(codes(report.groups[0]?.problems ?? [])).toEqual(['threshold-not-met']);
  });

  it('a key that is not a member (unknown-signer) is ignored', () => {
    const { alice, group } = threeMemberGroup();
    const mallory = makePerson('Mallory');
    const { statement, id } = statementBy([group]);
    const byMallory = signStatement(id, group, mallory);
    expect(reasonOf(byMallory, statement, group)).toBe('unknown-signer');
    const report = ignoring(statement, [signStatement(id, group, alice)], [byMallory], [group]);
    expect(report.released).toBe(false);
    expect(names(report.groups[0])).toEqual(['Alice']);
    expect(codes(report.groups[0]?.problems ?? [])).toEqual(['threshold-not-met']);
  });

  it('stray signatures of every kind leave a release by enough members released and ok', () => {
    const { alice, bob, carol, group } = threeMemberGroup();
    const { statement, id } = statementBy([group]);
    const sigs = [signStatement(id, group, alice), signStatement(id, group, bob)];
    const good = signStatement(id, group, carol);
    const junk = [
      signStatement(id, group, makePerson('Mallory')),
      signStatement(id, group, carol, { link: toHex(randomBytes(32)) }),
      signStatement(id, group, carol, { role: 'endorse' }),
      { ...good, sig: toHex(randomBytes(64)) },
    ];
    const report = ignoring(statement, sigs, junk, [group]);
    expect(report.released).toBe(true);
    expect(report.groups[0]?.released).toBe(true);
    expect(report.ok).toBe(true);
    expect(report.problems).toEqual([]);
    expect(report.groups[0]?.problems).toEqual([]);
  });

  it('a signature that does not verify (bad-signature) is ignored', () => {
    const { alice, bob, carol, group } = threeMemberGroup();
    const { statement, id } = statementBy([group]);
    const good = signStatement(id, group, bob);
    const forged: StatementSignature = { ...good, key: carol.id };
    // Carol is a member: only the Ed25519 check keeps her forged signature from counting.
    expect(reasonOf(forged, statement, group)).toBeUndefined();
    expect(ed25519Verify(statementSigningMessage(forged), fromHex(forged.sig), fromHex(forged.key))).toBe(false);
    const report = ignoring(statement, [signStatement(id, group, alice)], [forged], [group]);
    expect(report.released).toBe(false);
    expect(names(report.groups[0])).toEqual(['Alice']);
    expect(report.problems).toEqual([]);
    expect(codes(report.groups[0]?.problems ?? [])).toEqual(['threshold-not-met']);
    expect(report.ok).toBe(false);
  });

  it('an unknown author group: unknown-group, not released', () => {
    const { alice, group } = threeMemberGroup();
    const { statement, id } = statementBy([group]);
    const report = verifyStatement({ ...evidenceFor(statement, [signStatement(id, group, alice)], []), trust: () => undefined });
    expect(report.released).toBe(false);
    expect(report.ok).toBe(false);
    const g = report.groups[0];
    expect(g?.name).toBe(`unknown group ${group.id.slice(0, 12)}`);
    expect(g?.trust).toBe('unknown');
    expect(g?.chain).toBeNull();
    expect(g?.signers).toEqual([]);
    expect(g?.problems).toEqual([expect.objectContaining({ code: 'unknown-group', severity: 'error', subject: group.id })]);
  });

  it('a group whose charter carries no valid signature is unknown too', () => {
    const alice = makePerson('Alice');
    const group = TestGroup.create('Unsigned', [alice], { release: 1, membership: 1 }, []);
    const { statement, id } = statementBy([group]);
    const report = verify(statement, [signStatement(id, group, alice)], [group]);
    expect(report.released).toBe(false);
    expect(codes(report.groups[0]?.problems ?? [])).toEqual(['bad-charter', 'unknown-group']);
    expect(report.groups[0]?.name).toBe('Unsigned');
  });
});

describe('trust', () => {
  it("'unverified' is a warning only, not an error", () => {
    const { alice, bob, group } = threeMemberGroup();
    const { statement, id } = statementBy([group]);
    const report = verify(statement, [signStatement(id, group, alice), signStatement(id, group, bob)], [group], { trust: 'unverified' });
    expect(report.released).toBe(true);
    expect(report.ok).toBe(true);
    expect(report.groups[0]?.trust).toBe('unverified');
    expect(report.groups[0]?.problems).toEqual([expect.objectContaining({ code: 'unverified-group', severity: 'warning', subject: group.id })]);
  });

  it("'verified' adds no problem", () => {
    const { alice, bob, group } = threeMemberGroup();
    const { statement, id } = statementBy([group]);
    expect(verify(statement, [signStatement(id, group, alice), signStatement(id, group, bob)], [group], { trust: 'verified' }).groups[0]?.problems).toEqual([]);
  });
});

// Properties of chain replay: the result depends only on the set of links held (not their order, not
// how their signatures were split across copies), and two valid links at one place are a fork exactly
// when fork choice cannot tell them apart (V-FORK-CHOICE): a rival whose signers' keys the chain later
// removed, rotated away or marked compromised loses to it.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { toHex } from '../../../src/core/crypto/bytes.js';
import { randomBytes } from '../../../src/core/crypto/random.js';
import type { ChainLink } from '../../../src/core/model/types.js';
import { replayChain } from '../../../src/core/verify/chain.js';
import { makePerson, reportSnapshot, signBy, signStatement, statementBy, TestGroup, verify } from '../../helpers/core.js';
import { buildChain, forkAt, idOf, steps, type BuiltChain } from './chain-builder.js';

/** Links that do not belong in the chain: two charters of other groups and two orphans (their prev is not held). */
function strays(built: BuiltChain): ChainLink[] {
  const outsider = makePerson('Outsider');
  const founder = built.positions[0]?.keys[0];
  if (!founder) throw new Error('no founder');
  const orphan = (n: number) =>
    signBy(built.group.propose({ op: 'rename', name: `Orphan ${n}` }, { id: toHex(randomBytes(32)), seq: 40 + n }), [founder]);
  return [
    TestGroup.create('Other union', [outsider], { release: 1, membership: 1 }).charter,
    TestGroup.create('Third union', [outsider], { release: 1, membership: 1 }).charter,
    orphan(1),
    orphan(2),
  ];
}

/** Plans with at least one applied link after the charter, so that every position but the last has a successor. */
const longerSteps = steps.map((plan) => [{ kind: 'rename' as const, pick: 0, pick2: 0 }, ...plan]);

/** Copies of `links` in which one link's signatures are split between two copies, and a forged copy. */
function variants(links: readonly ChainLink[], which: number, cut: number, forge: boolean): ChainLink[] {
  const signed = links.filter((l) => l.signatures.length > 0);
  const target = signed[which % Math.max(signed.length, 1)];
  if (!target) return [...links];
  const out = links.filter((l) => l !== target);
  const at = 1 + (cut % Math.max(target.signatures.length, 1));
  out.push({ ...target, signatures: target.signatures.slice(0, at) }, { ...target, signatures: target.signatures.slice(at) });
  if (forge) {
    // A copy carrying a garbage signature under the key of a real signer: whoever sends it, it must
    // not displace the real signature, whichever copy arrives first.
    const victim = target.signatures[0];
    if (victim) out.push({ ...target, signatures: [{ key: victim.key, sig: toHex(randomBytes(64)) }] });
  }
  return out;
}

describe('chain replay is order-independent', () => {
  it('the builder makes chains that apply: every position is in the replayed states', () => {
    fc.assert(
      fc.property(steps, (plan) => {
        const built = buildChain(plan);
        const report = replayChain(built.group.id, built.links);
        expect(report.fork).toBeUndefined();
        expect(report.problems.filter((p) => p.severity === 'error')).toEqual([]);
        expect(report.head?.linkId).toBe(built.positions[built.positions.length - 1]?.id);
        for (const p of built.positions) expect(report.states.has(p.id)).toBe(true);
      }),
      { numRuns: 40 },
    );
  });

  it('shuffling the links gives the same head, states and problems', () => {
    fc.assert(
      fc.property(
        steps.chain((plan) => {
          const built = buildChain(plan);
          const links = [...built.links, ...strays(built)];
          return fc.tuple(fc.constant(built), fc.constant(links), fc.shuffledSubarray(links, { minLength: links.length, maxLength: links.length }));
        }),
        ([built, links, shuffled]) => {
          const expected = reportSnapshot(replayChain(built.group.id, links));
          expect(expected.problems.filter((p) => p.code === 'orphan-link')).toHaveLength(2);
          expect(expected.problems.filter((p) => p.code === 'rejected-link' && /second charter/.test(p.message))).toHaveLength(2);
          expect(reportSnapshot(replayChain(built.group.id, shuffled))).toEqual(expected);
          expect(reportSnapshot(replayChain(built.group.id, [...links].reverse()))).toEqual(expected);
        },
      ),
      { numRuns: 40 },
    );
  });

  it("splitting a link's signatures across two copies, in any order, changes nothing", () => {
    fc.assert(
      fc.property(
        steps.chain((plan) => {
          const built = buildChain(plan);
          return fc.tuple(fc.constant(built), fc.nat(), fc.nat(), fc.nat());
        }),
        ([built, which, cut, seed]) => {
          const expected = reportSnapshot(replayChain(built.group.id, built.links));
          const split = variants(built.links, which, cut, false);
          const shuffled = fc.sample(fc.shuffledSubarray(split, { minLength: split.length, maxLength: split.length }), { numRuns: 1, seed })[0] as ChainLink[];
          expect(reportSnapshot(replayChain(built.group.id, shuffled))).toEqual(expected);
        },
      ),
      { numRuns: 40 },
    );
  });

  it('a copy with a forged signature under a real signer key gives the same head and states whichever copy comes first', () => {
    fc.assert(
      fc.property(
        steps.chain((plan) => {
          const built = buildChain(plan);
          return fc.tuple(fc.constant(built), fc.nat(), fc.nat());
        }),
        ([built, which, cut]) => {
          const expected = reportSnapshot(replayChain(built.group.id, built.links));
          const withForgery = variants(built.links, which, cut, true);
          const forward = reportSnapshot(replayChain(built.group.id, withForgery));
          const backward = reportSnapshot(replayChain(built.group.id, [...withForgery].reverse()));
          expect(forward).toEqual(backward);
          // The forged entry is dropped: as if it had never been received.
          expect(forward).toEqual(expected);
        },
      ),
      { numRuns: 40 },
    );
  });
});

/**
 * Whether every signer of `rival` (a rename after a position of `built`) still holds a key that
 * counts at the head of the main chain: the builder's record of the last position's current keys.
 * Then the rival weighs as much as the main chain's next link (both have exactly the membership
 * threshold of distinct signers, and a rename takes no key away) and the two fork; else it loses.
 */
function stillCounts(built: BuiltChain, rival: ChainLink): boolean {
  const last = built.positions[built.positions.length - 1];
  const current = new Set((last?.keys ?? []).map((k) => toHex(k.publicKey)));
  return rival.signatures.every((s) => current.has(s.key));
}

describe('chain replay is fork-detecting', () => {
  it('a second validly signed link after any applied link is a fork there, unless a signer of it no longer counts on the main chain (then it loses)', () => {
    fc.assert(
      fc.property(
        longerSteps.chain((plan) => {
          const built = buildChain(plan);
          return fc.tuple(fc.constant(built), fc.nat(built.positions.length - 2), fc.nat());
        }),
        ([built, at, seed]) => {
          const position = built.positions[at];
          if (!position) throw new Error('no position');
          const rival = forkAt(built, position);
          const links = fc.sample(fc.shuffledSubarray([...built.links, rival], { minLength: built.links.length + 1, maxLength: built.links.length + 1 }), {
            numRuns: 1,
            seed,
          })[0] as ChainLink[];
          const report = replayChain(built.group.id, links);
          const main = replayChain(built.group.id, built.links);
          if (stillCounts(built, rival)) {
            expect(report.fork?.after).toBe(position.id);
            expect(report.fork?.branches).toContain(idOf(rival));
            expect(report.fork?.branches).toHaveLength(2);
            // The head stays at the state before the fork; both branches are known states, with their heads.
            expect(report.head?.linkId).toBe(position.id);
            for (const b of report.fork?.branches ?? []) expect(report.states.has(b)).toBe(true);
            expect(report.fork?.heads.get(idOf(rival))?.linkId).toBe(idOf(rival));
            const mainFirst = (report.fork?.branches ?? []).find((b) => b !== idOf(rival)) as string;
            expect(report.fork?.heads.get(mainFirst)?.linkId).toBe(main.head?.linkId);
            expect(report.problems.filter((p) => p.code === 'fork')).toHaveLength(1);
            expect(report.problems.find((p) => p.code === 'fork')?.severity).toBe('error');
            expect(report.problems.some((p) => p.code === 'superseded-link')).toBe(false);
          } else {
            // The main chain wins: the same head, the same states, the same problems, and the
            // rival is named once as superseded.
            expect(report.fork).toBeUndefined();
            expect(reportSnapshot(report).head).toEqual(reportSnapshot(main).head);
            expect(reportSnapshot(report).states).toEqual(reportSnapshot(main).states);
            expect(report.states.has(idOf(rival))).toBe(false);
            expect(report.problems.filter((p) => p.code !== 'superseded-link')).toEqual(main.problems);
            expect(report.problems.filter((p) => p.code === 'superseded-link').map((p) => [p.subject, p.severity])).toEqual([[idOf(rival), 'warning']]);
          }
        },
      ),
      { numRuns: 40 },
    );
  });

  it('no statement of a forked group is released, whichever link its signatures name; a rival that loses fork choice changes no verdict', () => {
    fc.assert(
      fc.property(
        longerSteps.chain((plan) => {
          const built = buildChain(plan);
          return fc.tuple(fc.constant(built), fc.nat(built.positions.length - 2));
        }),
        ([built, at]) => {
          const position = built.positions[at] as (typeof built.positions)[number];
          const last = built.positions[built.positions.length - 1] as (typeof built.positions)[number];
          const { statement, id } = statementBy([built.group]);
          // Every current member signs at the last link; before the fork it would be released.
          const sigs = last.keys.map((k) => signStatement(id, built.group, k, { link: last.id }));
          const before = verify(statement, sigs, [built.group]);
          const rival = forkAt(built, position);
          const forked = verify(statement, sigs, [built.group], { links: new Map([[built.group.id, [...built.links, rival]]]) });
          expect(before.released).toBe(true);
          if (stillCounts(built, rival)) {
            expect(forked.released).toBe(false);
            expect(forked.ok).toBe(false);
            expect(forked.groups[0]?.problems.map((p) => p.code)).toContain('fork');
            expect(forked.groups[0]?.chain?.fork).toBe(true);
          } else {
            // A superseded link is a chain warning, which a statement's report does not carry.
            expect(forked).toEqual(before);
          }
        },
      ),
      { numRuns: 25 },
    );
  });

  it('a rival link with too few signatures is pending, not a fork', () => {
    fc.assert(
      fc.property(
        steps.chain((plan) => {
          const built = buildChain(plan, { membership: 3, release: 2 });
          return fc.tuple(fc.constant(built), fc.nat(built.positions.length - 1));
        }),
        ([built, at]) => {
          const position = built.positions[at] as (typeof built.positions)[number];
          if (position.membership < 2) return;
          const rival = forkAt(built, position);
          const weak = { ...rival, signatures: rival.signatures.slice(1) };
          const report = replayChain(built.group.id, [...built.links, weak]);
          expect(report.fork).toBeUndefined();
          expect(reportSnapshot(report).head).toEqual(reportSnapshot(replayChain(built.group.id, built.links)).head);
          expect(report.problems.some((p) => p.code === 'pending-link' && p.subject === idOf(rival))).toBe(true);
        },
      ),
      { numRuns: 30 },
    );
  });
});

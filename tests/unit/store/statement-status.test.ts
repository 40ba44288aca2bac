// Verify once, for statuses: the status stored for each statement (released, waiting with k of n,
// problem) always equals what a verification from scratch says, after any sequence of imports in
// any split and order, whether read lazily by the list or brought up to date for a status filter;
// and a current status is read, never verified again.
import fc from 'fast-check';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { ChainLink, SignedObject, StatementSignature } from '../../../src/core/model/types.js';
import { importBundle } from '../../../src/core/exchange/import.js';
import { createVerifyPool } from '../../../src/core/crypto/verify-pool.js';
import { Vault } from '../../../src/core/store/vault.js';
import { linkOfRecord } from '../../../src/core/service/links.js';
import { Verifier, listStatements, statementOfRecord } from '../../../src/core/service/statements.js';
import { listStatementPage, refreshStatuses, reportStatus, type StatusView } from '../../../src/core/service/statement-list.js';
import { replayChain } from '../../../src/core/verify/chain.js';
import { verifyStatement } from '../../../src/core/verify/statement.js';
import { bundleBytes, verifyFixtures } from '../../fixtures/verify/fixtures.js';
import { signStatement, statementBy, threeMemberGroup } from '../../helpers/core.js';
import { buildChain, forkAt, steps, type BuiltChain } from '../verify/chain-builder.js';

const inline = createVerifyPool({ threads: 0 });

async function importInto(vault: Vault, objects: readonly SignedObject[]): Promise<void> {
  const bytes = await bundleBytes([...new Map(objects.map((o) => [JSON.stringify(o), o])).values()]);
  await importBundle(vault, (async function* () { yield bytes; })(), { boxSecrets: [] }, { verifyPool: inline });
}

/** Each held statement's status from a verification from scratch: chains replayed, every signature checked again. */
function truth(vault: Vault): Map<string, StatusView> {
  const chains = new Map(vault.listGroups().map((g) => [g.id, replayChain(g.id, vault.getLinks(g.id).map(linkOfRecord))]));
  const out = new Map<string, StatusView>();
  for (const { id } of vault.listStatements({ limit: 1000 }).items) {
    const statement = statementOfRecord(vault.getStatement(id) as NonNullable<ReturnType<Vault['getStatement']>>);
    const signatures = vault.getSignatures(id).map((r) => JSON.parse(new TextDecoder().decode(r.canonical)) as StatementSignature);
    out.set(id, reportStatus(verifyStatement({ id, statement, signatures, chain: (g) => chains.get(g), trust: () => 'verified' })));
  }
  return out;
}

const listed = (vault: Vault, filter?: Parameters<typeof listStatementPage>[1]['filter']) =>
  new Map(listStatementPage(vault, { limit: 1000, filter }).items.map((s) => [s.id, { status: s.status, signatures: s.signatures } satisfies StatusView]));

const scenario = fc.record({
  plan: steps,
  picks: fc.array(fc.record({ person: fc.nat(20), position: fc.nat(20), statement: fc.nat(3) }), { minLength: 1, maxLength: 10 }),
  fork: fc.option(fc.nat(20), { nil: undefined }),
  split: fc.array(fc.nat(3), { minLength: 60, maxLength: 60 }),
  order: fc.shuffledSubarray([0, 1, 2, 3], { minLength: 4, maxLength: 4 }),
  cliFirst: fc.array(fc.boolean(), { minLength: 4, maxLength: 4 }),
});

afterEach(() => {
  vi.restoreAllMocks();
});

describe('stored statuses (verify once)', () => {
  it('equal a verification from scratch after every import, read lazily by the list or refreshed for a status filter', async () => {
    let seen = new Set<string>();
    await fc.assert(
      fc.asyncProperty(scenario, async ({ plan, picks, fork, split, order, cliFirst }) => {
        const built: BuiltChain = buildChain(plan);
        // A second group (release 2 of 3) for a joint statement: while its chain is not held, a 'problem'.
        const other = threeMemberGroup('Other union');
        const statements = [statementBy([built.group], { title: 'One' }), statementBy([built.group], { title: 'Two' }), statementBy([built.group], { title: 'Three' }), statementBy([built.group, other.group], { title: 'Joint' })];
        const signatures: StatementSignature[] = picks.map((p) => {
          const s = statements[p.statement % statements.length] as { id: string };
          const position = built.positions[p.position % built.positions.length] as { id: string };
          return signStatement(s.id, built.group, built.people[p.person % built.people.length] as BuiltChain['people'][number], { link: position.id });
        });
        const joint = (statements[3] as { id: string }).id;
        signatures.push(signStatement(joint, other.group, other.alice), signStatement(joint, other.group, other.bob));
        const objects: SignedObject[] = [
          ...(built.links as ChainLink[]),
          ...(fork === undefined ? [] : [forkAt(built, built.positions[fork % built.positions.length] as BuiltChain['positions'][number])]),
          ...other.group.links,
          ...statements.map((s) => s.statement),
          ...signatures,
        ];
        const bundles: SignedObject[][] = [[], [], [], []];
        objects.forEach((o, i) => (bundles[split[i % split.length] as number] as SignedObject[]).push(o));
        const vault = Vault.scratch();
        try {
          for (const b of order) {
            await importInto(vault, bundles[b] as SignedObject[]);
            const want = truth(vault);
            // Sometimes the CLI's list (or an export choosing its envelope) reads first: it rewrites
            // the release states it finds stale, under the statuses stored.
            if (cliFirst[b]) listStatements(vault, { limit: 1000 });
            // Refreshed for a filter: each status filter lists exactly the statements with that status.
            for (const status of ['released', 'waiting', 'problem'] as const) {
              const expected = new Map([...want].filter(([, v]) => v.status === status));
              expect(listed(vault, { status }), status).toEqual(expected);
            }
            // Read lazily: each row's status computed or read from what is stored, equal to the truth.
            expect(listed(vault)).toEqual(want);
            for (const v of want.values()) seen.add(v.status);
          }
        } finally {
          vault.close();
        }
      }),
      { seed: 20270109, numRuns: 25 },
    );
    // The runs met every status (else the property proved less than it says).
    expect(seen).toEqual(new Set(['released', 'waiting', 'problem']));
    seen = new Set();
  });

  it('the verification fixtures: a release is released, a fork a problem, a compromised signer leaves it waiting at 1 of 2', async () => {
    const want: Record<string, StatusView> = {
      'V-NO-VETO.samizdat': { status: 'released', signatures: null },
      'V-LINK-KEEP.samizdat': { status: 'released', signatures: null },
      'V-COMPROMISED-SIGNER.samizdat': { status: 'waiting', signatures: { have: 1, need: 2 } },
      'V-FORK-CHOICE.samizdat': { status: 'released', signatures: null },
      'V-FORK.samizdat': { status: 'problem', signatures: null },
    };
    for (const fixture of verifyFixtures()) {
      const vault = Vault.scratch();
      try {
        await importInto(vault, fixture.objects);
        const items = listStatementPage(vault, { limit: 10 }).items;
        expect(items).toHaveLength(1);
        const [s] = items;
        expect({ status: s?.status, signatures: s?.signatures }, fixture.file).toEqual(want[fixture.file]);
        expect(s?.released).toBe(fixture.expect.released);
        expect(listStatementPage(vault, { limit: 10, filter: { status: s?.status } }).items.map((x) => x.id)).toEqual([s?.id]);
      } finally {
        vault.close();
      }
    }
  });

  it('a current status is read, not verified again; a new signature or a chain change makes it computed again', async () => {
    const { alice, bob, carol, group } = threeMemberGroup();
    const statements = Array.from({ length: 5 }, (_, i) => statementBy([group], { title: `S${i}` }));
    const vault = Vault.scratch();
    try {
      await importInto(vault, [...group.links, ...statements.map((s) => s.statement), ...statements.map((s) => signStatement(s.id, group, alice))]);
      const verify = vi.spyOn(Verifier.prototype, 'verify');
      expect(listStatementPage(vault, { limit: 10 }).items.map((s) => s.signatures)).toEqual(Array(5).fill({ have: 1, need: 2 }));
      expect(verify).toHaveBeenCalledTimes(5);
      verify.mockClear();
      // Read again, listed, filtered, refreshed: nothing is verified.
      listStatementPage(vault, { limit: 10 });
      expect(listStatementPage(vault, { limit: 10, filter: { status: 'waiting' } }).total).toBe(5);
      expect(refreshStatuses(vault)).toBe(0);
      expect(verify).not.toHaveBeenCalled();

      // Bob signs one: that one alone is verified again, and is released.
      const first = statements[0] as { id: string };
      await importInto(vault, [signStatement(first.id, group, bob)]);
      expect(refreshStatuses(vault)).toBe(1);
      expect(verify).toHaveBeenCalledTimes(1);
      expect(listStatementPage(vault, { limit: 10, filter: { status: 'released' } }).items.map((s) => s.id)).toEqual([first.id]);

      // The release threshold drops to 1 (Bob and Carol sign): no signature changes, but every
      // statement rests on a stale chain version, and is computed again: all released now.
      verify.mockClear();
      group.append({ op: 'thresholds', thresholds: { release: 1, membership: 2 } }, [bob, carol]);
      await importInto(vault, group.links);
      expect(refreshStatuses(vault)).toBe(5);
      expect(verify).toHaveBeenCalledTimes(5);
      expect(listStatementPage(vault, { limit: 10, filter: { status: 'released' } }).total).toBe(5);

      // Alice is removed: her signatures stop counting (import drops them) and the four she alone signed wait again, at 0 of 1.
      verify.mockClear();
      group.append({ op: 'remove', member: alice.id }, [bob, carol]);
      await importInto(vault, group.links);
      const after = listStatementPage(vault, { limit: 10 }).items;
      expect(verify).toHaveBeenCalledTimes(5);
      expect(after.find((s) => s.id === first.id)).toMatchObject({ status: 'released', signatures: null });
      expect(after.filter((s) => s.id !== first.id).map((s) => [s.status, s.signatures])).toEqual(Array(4).fill(['waiting', { have: 0, need: 1 }]));
    } finally {
      vault.close();
    }
  });
});

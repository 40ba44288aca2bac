// Verify once: the release states stored with a group's chain version always equal a verification
// from scratch of what the vault holds, after any sequence of imports in any order; and reads use
// them (a stored state is read, not recomputed, while current).
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { canonicalBytes } from '../../../src/core/model/canonical.js';
import { objectId } from '../../../src/core/model/objects.js';
import type { ChainLink, SignedObject, Statement, StatementSignature } from '../../../src/core/model/types.js';
import { writeBundle, type WriterRecord } from '../../../src/core/bundle/writer.js';
import { importBundle } from '../../../src/core/exchange/import.js';
import { createVerifyPool } from '../../../src/core/crypto/verify-pool.js';
import { Vault } from '../../../src/core/store/vault.js';
import { linkOfRecord } from '../../../src/core/service/links.js';
import { isReleased, listStatements, statementOfRecord } from '../../../src/core/service/statements.js';
import { replayChain } from '../../../src/core/verify/chain.js';
import { verifyStatement } from '../../../src/core/verify/statement.js';
import { signStatement, statementBy } from '../../helpers/core.js';
import { buildChain, steps, type BuiltChain } from '../verify/chain-builder.js';

const inline = createVerifyPool({ threads: 0 });
const SECTION = { link: 0, statement: 1, signature: 2 } as const;

async function bundleOf(objects: readonly SignedObject[]): Promise<Uint8Array> {
  const byId = new Map(objects.map((o) => [objectId(o), o]));
  const records: WriterRecord[] = [...byId]
    .map(([id, o]) => ({ kind: 'object' as const, section: o.type, id, bytes: canonicalBytes(o) }))
    .sort((a, b) => SECTION[a.section] - SECTION[b.section] || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const parts: Uint8Array[] = [];
  for await (const chunk of writeBundle(records.length, records)) parts.push(chunk);
  return new Uint8Array(Buffer.concat(parts));
}

async function importInto(vault: Vault, bytes: Uint8Array): Promise<void> {
  await importBundle(vault, (async function* () { yield bytes; })(), { boxSecrets: [] }, { verifyPool: inline });
}

/** Each held statement's release by each author group, verified from scratch (every signature checked again). */
function fromScratch(vault: Vault): Map<string, Map<string, boolean>> {
  const out = new Map<string, Map<string, boolean>>();
  const chains = new Map(vault.listGroups().map((g) => [g.id, replayChain(g.id, vault.getLinks(g.id).map(linkOfRecord))]));
  for (const { id } of vault.listStatements({ limit: 1000 }).items) {
    const statement = statementOfRecord(vault.getStatement(id) as NonNullable<ReturnType<Vault['getStatement']>>);
    const signatures = vault.getSignatures(id).map((r) => JSON.parse(new TextDecoder().decode(r.canonical)) as StatementSignature);
    const report = verifyStatement({ id, statement, signatures, chain: (g) => chains.get(g), trust: () => 'verified' });
    // A group not held has no state to store (it releases nothing: unknown-group).
    out.set(id, new Map(report.groups.filter((g) => vault.hasGroup(g.groupId)).map((g) => [g.groupId, g.released])));
    expect(isReleased(vault, id, statement.authors), `isReleased of ${id}`).toBe(report.released);
  }
  return out;
}

/** What the vault has stored and still considers current. */
function stored(vault: Vault): Map<string, Map<string, boolean>> {
  const out = new Map<string, Map<string, boolean>>();
  for (const { id } of vault.listStatements({ limit: 1000 }).items) out.set(id, new Map(vault.getReleaseStates(id).map((s) => [s.group, s.released])));
  return out;
}

/** Statements by the built group, signed by people at positions the plan picks (some after they left or were compromised). */
function material(built: BuiltChain, picks: ReadonlyArray<{ person: number; position: number }>, count: number) {
  const statements: Array<{ statement: Statement; id: string }> = Array.from({ length: count }, (_, i) => statementBy([built.group], { title: `Statement ${i}` }));
  const signatures = picks.map((p, i) => {
    const s = statements[i % count] as { id: string };
    const position = built.positions[p.position % built.positions.length] as { id: string };
    const person = built.people[p.person % built.people.length] as Parameters<typeof signStatement>[2];
    return signStatement(s.id, built.group, person, { link: position.id });
  });
  return { statements: statements.map((s) => s.statement), signatures };
}

const scenario = fc.record({
  plan: steps,
  picks: fc.array(fc.record({ person: fc.nat(20), position: fc.nat(20) }), { minLength: 1, maxLength: 8 }),
  // Which bundle each object goes to, and the order in which bundles are imported.
  split: fc.array(fc.nat(3), { minLength: 40, maxLength: 40 }),
  order: fc.shuffledSubarray([0, 1, 2, 3], { minLength: 4, maxLength: 4 }),
});

describe('stored release states (verify once)', () => {
  it('equal a verification from scratch after every import, whatever the split of objects into bundles and their order', async () => {
    await fc.assert(
      fc.asyncProperty(scenario, async ({ plan, picks, split, order }) => {
        const built = buildChain(plan);
        const { statements, signatures } = material(built, picks, 3);
        const objects: SignedObject[] = [...(built.links as ChainLink[]), ...statements, ...signatures];
        const bundles: SignedObject[][] = [[], [], [], []];
        objects.forEach((o, i) => (bundles[split[i % split.length] as number] as SignedObject[]).push(o));
        const vault = Vault.scratch();
        try {
          for (const b of order) {
            await importInto(vault, await bundleOf(bundles[b] as SignedObject[]));
            // Stored states still current after this import equal the truth...
            const before = stored(vault);
            const truth = fromScratch(vault);
            for (const [id, groups] of before) for (const [g, released] of groups) expect(released, `stale state of ${id} for ${g}`).toBe(truth.get(id)?.get(g));
            // ...and reading fills in the rest, equal to the truth too.
            listStatements(vault, { limit: 1000 });
            expect(stored(vault)).toEqual(truth);
          }
        } finally {
          vault.close();
        }
      }),
      { seed: 20261201, numRuns: 25 },
    );
  });

  it('a chain change makes the stored states of the group stale at once: a removal arriving later takes the release away', async () => {
    const built = buildChain([]);
    const [alice, bob] = built.people as [BuiltChain['people'][number], BuiltChain['people'][number]];
    const { statement, id } = statementBy([built.group]);
    const sigs = [signStatement(id, built.group, alice), signStatement(id, built.group, bob)];
    const vault = Vault.scratch();
    try {
      await importInto(vault, await bundleOf([...built.links, statement, ...sigs]));
      expect(isReleased(vault, id, statement.authors)).toBe(true);
      expect(vault.getReleaseStates(id)).toEqual([{ group: built.group.id, released: true, signers: 2 }]);
      // Bob is removed (by Alice and Carol): the stored state is no longer current, and the read says so.
      const carol = built.people[2] as BuiltChain['people'][number];
      const removal = built.group.append({ op: 'remove', member: bob.id }, [alice, carol]);
      await importInto(vault, await bundleOf([...built.group.links, removal]));
      expect(vault.getReleaseStates(id)).toEqual([]);
      expect(isReleased(vault, id, statement.authors)).toBe(false);
      expect(vault.getReleaseStates(id)).toEqual([{ group: built.group.id, released: false, signers: 1 }]);
      // A new signature drops the statement's states too; Carol's makes it released again.
      await importInto(vault, await bundleOf([...built.group.links, statement, signStatement(id, built.group, carol)]));
      expect(vault.getReleaseStates(id)).toEqual([]);
      expect(isReleased(vault, id, statement.authors)).toBe(true);
    } finally {
      vault.close();
    }
  });

  it('reads use the stored state while it is current: a stored state is what the list reports', async () => {
    const built = buildChain([]);
    const [alice, bob] = built.people as [BuiltChain['people'][number], BuiltChain['people'][number]];
    const { statement, id } = statementBy([built.group]);
    const vault = Vault.scratch();
    try {
      await importInto(vault, await bundleOf([...built.links, statement, signStatement(id, built.group, alice), signStatement(id, built.group, bob)]));
      expect(listStatements(vault, { limit: 10 }).items[0]).toMatchObject({ id, released: true, ok: true });
      // Overwrite the stored state by hand: the list now reports it, proving it reads rather than recomputes.
      vault.putReleaseState(id, { group: built.group.id, released: false, signers: 0 });
      expect(listStatements(vault, { limit: 10 }).items[0]).toMatchObject({ id, released: false });
    } finally {
      vault.close();
    }
  });
});

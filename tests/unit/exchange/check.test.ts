// `samizdat check` makes its reports from what the import kept (in a CheckStore, not a vault), one
// statement at a time, without verifying a signature again (src/core/exchange/check.ts). Its reports must be exactly
// those of the reference: the same bundle imported into a vault, then Verifier.verify of every
// statement. One bundle holds every case a report can show: two author groups, a statement short of
// its threshold, endorsements (one by a group whose name looks like an author's), revisions that
// count and revisions that do not, an author group whose chain is not in the bundle, and more
// statements than the 512 a page an earlier check read; checked with and without --trust.
import { describe, expect, it } from 'vitest';
import { checkBundle, wholeCheck } from '../../../src/core/exchange/check.js';
import { importBundle } from '../../../src/core/exchange/import.js';
import type { SignedObject, StatementSignature } from '../../../src/core/model/types.js';
import { Verifier } from '../../../src/core/service/statements.js';
import { Vault } from '../../../src/core/store/index.js';
import { groupFingerprint, type VerificationReport } from '../../../src/core/verify/statement.js';
import { makePerson, signStatement, statementBy, TestGroup } from '../../helpers/core.js';
import { bundleBytes } from '../../fixtures/verify/fixtures.js';

/** More than the page of 512 statements an earlier check read from its scratch vault. */
const FILLER = 530;

async function* chunked(bytes: Uint8Array): AsyncGenerator<Uint8Array> {
  for (let at = 0; at < bytes.length; at += 65_536) yield bytes.subarray(at, at + 65_536);
}

function world() {
  const [alice, bob, carol, dmitri, eva, fedor] = [makePerson('Alice'), makePerson('Bob'), makePerson('Carol'), makePerson('Dmitri'), makePerson('Eva'), makePerson('Fedor')];
  const kras = TestGroup.create('KRAS-IWA', [alice, bob, carol], { release: 2, membership: 2 });
  const union = TestGroup.create("Workers' Union", [dmitri, eva], { release: 1, membership: 1 });
  // Cyrillic К and А: a name that reads like the first group's.
  const lookalike = TestGroup.create('КRАS-IWA', [fedor], { release: 1, membership: 1 });
  const absent = TestGroup.create('Not in the bundle', [fedor], { release: 1, membership: 1 });
  const objects: SignedObject[] = [...kras.links, ...union.links, ...lookalike.links];
  const put = (s: ReturnType<typeof statementBy>, signatures: StatementSignature[]): string => {
    objects.push(s.statement, ...signatures);
    return s.id;
  };
  const original = statementBy([kras], { title: 'The original' });
  put(original, [signStatement(original.id, kras, alice), signStatement(original.id, kras, bob)]);
  const short = statementBy([kras], { title: 'Short of its threshold' });
  put(short, [signStatement(short.id, kras, alice)]);
  const joint = statementBy([kras, union], { title: 'Joint' });
  put(joint, [signStatement(joint.id, kras, bob), signStatement(joint.id, kras, carol), signStatement(joint.id, union, eva)]);
  const endorsed = statementBy([kras], { title: 'Endorsed' });
  put(endorsed, [
    signStatement(endorsed.id, kras, alice),
    signStatement(endorsed.id, kras, carol),
    signStatement(endorsed.id, union, dmitri, { role: 'endorse' }),
    signStatement(endorsed.id, lookalike, fedor, { role: 'endorse' }),
  ]);
  // A revision released by the original's own group counts; one by another group, or not released, does not.
  const revision = statementBy([kras], { title: 'The original, revised', relations: [{ type: 'revises', id: original.id }] });
  put(revision, [signStatement(revision.id, kras, alice), signStatement(revision.id, kras, bob)]);
  const foreignRevision = statementBy([union], { title: 'Revised by another group', relations: [{ type: 'revises', id: original.id }] });
  put(foreignRevision, [signStatement(foreignRevision.id, union, eva)]);
  const draftRevision = statementBy([kras], { title: 'A draft revision', relations: [{ type: 'revises', id: short.id }] });
  put(draftRevision, [signStatement(draftRevision.id, kras, carol)]);
  const orphan = statementBy([absent], { title: 'By a group whose chain is not here' });
  put(orphan, [signStatement(orphan.id, absent, fedor)]);
  const byLookalike = statementBy([lookalike], { title: 'By the lookalike' });
  put(byLookalike, [signStatement(byLookalike.id, lookalike, fedor)]);
  for (let i = 0; i < FILLER; i++) {
    const s = statementBy([union], { title: `Bulletin ${i}`, date: `2023-01-${String((i % 28) + 1).padStart(2, '0')}` });
    put(s, i % 7 === 0 ? [] : [signStatement(s.id, union, i % 2 === 0 ? dmitri : eva)]);
  }
  return { objects, kras, union, lookalike };
}

/** The reference: import into a vault, then Verifier.verify of each statement the import reports. */
async function reference(bytes: Uint8Array, trusted: readonly string[]): Promise<VerificationReport[]> {
  const vault = Vault.scratch();
  try {
    const imported = await importBundle(vault, chunked(bytes), { boxSecrets: [] });
    for (const g of vault.listGroups()) if (trusted.includes(g.id)) vault.setTrust(g.id, 'verified');
    const verifier = new Verifier(vault);
    return [...imported.statements].map((id) => verifier.verify(id));
  } finally {
    vault.close();
  }
}

describe('check: the reports equal Verifier.verify after an import', () => {
  const w = world();
  it('without --trust and with it, report for report, byte for byte', async () => {
    const bytes = await bundleBytes(w.objects);
    for (const trusted of [[], [w.kras.id, w.union.id]]) {
      const checked = wholeCheck(await checkBundle(chunked(bytes), { trust: trusted.map(groupFingerprint) }));
      const expected = await reference(bytes, trusted);
      expect(checked.statements.length).toBe(FILLER + 9);
      expect(checked.statements).toEqual(expected);
      expect(JSON.stringify(checked.statements)).toBe(JSON.stringify(expected));
      expect([...checked.import.statements]).toEqual(expected.map((r) => r.statement.id));

      // The bundle shows every case it was made for, so that the comparison above covers them.
      const codes = new Set(checked.statements.flatMap((r) => [...r.problems, ...r.groups.flatMap((g) => g.problems), ...r.endorsements.flatMap((g) => g.problems)].map((p) => p.code)));
      for (const c of ['newer-revision', 'lookalike-group', 'threshold-not-met', 'unknown-group']) expect(codes, c).toContain(c);
      expect(codes.has('unverified-group')).toBe(trusted.length === 0 || checked.statements.some((r) => r.groups.some((g) => g.groupId === w.lookalike.id)));
      const original = checked.statements.find((r) => r.statement.title === 'The original');
      expect(original?.problems.map((p) => p.code)).toEqual(['newer-revision']);
      expect(checked.statements.find((r) => r.statement.title === 'Short of its threshold')?.problems).toEqual([]);
      expect(checked.statements.find((r) => r.statement.title === 'Endorsed')?.endorsements.map((e) => e.groupId).sort()).toEqual([w.union.id, w.lookalike.id].sort());
      expect(checked.statements.find((r) => r.statement.title === 'Joint')?.groups.every((g) => g.released)).toBe(true);
      expect(checked.untrusted.length > 0).toBe(trusted.length > 0);
    }
  }, 60_000);

  it('gives its verdict only once every report has been read (reports are made as they are read)', async () => {
    const run = await checkBundle(chunked(await bundleBytes(w.objects)), { trust: [] });
    const reports = run.statements();
    reports.next();
    expect(() => run.verdict()).toThrow(/before every report was read/);
    for (const _ of reports) void _;
    expect(run.verdict()).toEqual({ untrusted: [], ok: false });
  }, 60_000);
});

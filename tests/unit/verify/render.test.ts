// The text report for people: the statement, each group by name, who signed, whether it is released,
// the fingerprint and trust, and every problem, errors before warnings.
import { describe, expect, it } from 'vitest';
import { renderReport } from '../../../src/core/verify/render.js';
import { makePerson, signStatement, statementBy, TestGroup, threeMemberGroup, verify } from '../../helpers/core.js';

describe('renderReport', () => {
  it('a released statement: OK, the group, its signers, fingerprint and trust', () => {
    const { alice, bob, group } = threeMemberGroup();
    const { statement, id } = statementBy([group]);
    const report = verify(statement, [signStatement(id, group, alice), signStatement(id, group, bob)], [group]);
    const text = renderReport(report);
    const lines = text.split('\n');
    expect(lines[0]).toBe('OK: "Against the war" (en, 2022-02-24)');
    expect(lines[1]).toBe(`  statement ${id}`);
    expect(lines[2]).toBe('  released by every author group');
    expect(lines[3]).toBe('  KRAS-IWA: released, 2 of 2 member signatures (Alice, Bob)');
    expect(text).toContain(`    group ${group.id}\n`);
    expect(text).toContain(`    fingerprint ${report.groups[0]?.fingerprint}\n`);
    expect(text).toContain('    trust: fingerprint verified\n');
    expect(text).not.toMatch(/ERROR|warning|NOT/);
    expect(text.endsWith('\n')).toBe(true);
  });

  it('a statement signed by one member: NOT released, and the threshold problem', () => {
    const { alice, group } = threeMemberGroup();
    const { statement, id } = statementBy([group]);
    const text = renderReport(verify(statement, [signStatement(id, group, alice)], [group], { trust: 'unverified' }));
    expect(text).toMatch(/^NOT OK: "Against the war"/);
    expect(text).toContain('  NOT released by every author group\n');
    expect(text).toContain('  KRAS-IWA: not released, 1 of 2 member signatures (Alice)\n');
    expect(text).toContain('    ERROR: KRAS-IWA: 1 of the 2 member signatures needed\n');
    expect(text).toContain('    trust: NOT verified (first seen on import; compare the fingerprint in person)\n');
    // Errors come before warnings.
    expect(text.indexOf('ERROR: KRAS-IWA')).toBeLessThan(text.indexOf('warning: KRAS-IWA is not verified'));
  });

  it('names every problem: group problems, statement problems, endorsements; and nothing of signatures that do not count', () => {
    const { alice, bob, carol, group } = threeMemberGroup();
    const mallory = makePerson('Mallory');
    const dave = makePerson('Dave');
    const publishers = TestGroup.create('Publishers', [dave], { release: 1, membership: 1 });
    const { statement, id } = statementBy([group]);
    const counting = [signStatement(id, group, alice), signStatement(id, group, carol)];
    // Bob (removed below), a stranger, and a signature that does not verify: none counts.
    const junk = [signStatement(id, group, bob), signStatement(id, group, mallory), { ...signStatement(id, group, carol), key: alice.id }];
    group.append({ op: 'remove', member: bob.id }, [alice, carol]);
    const endorse = signStatement(id, publishers, dave, { role: 'endorse' });
    const opts = { newerRevisions: ['ab'.repeat(32)], trust: 'unverified' as const };
    const report = verify(statement, [...counting, ...junk, endorse], [group, publishers], opts);
    const text = renderReport(report);
    const all = [...report.problems, ...report.groups.flatMap((g) => g.problems), ...report.endorsements.flatMap((g) => g.problems)];
    expect(all.map((p) => p.code).sort()).toEqual(['newer-revision', 'unverified-group', 'unverified-group']);
    for (const p of all) expect(text).toContain(`${p.severity === 'error' ? 'ERROR' : 'warning'}: ${p.message}\n`);
    expect(text).toContain('endorsed by:\n');
    expect(text).toContain('  Publishers: endorsed, 1 of 1 member signatures (Dave)\n');
    expect(text).toContain('  KRAS-IWA: released, 2 of 2 member signatures (Alice, Carol)\n');
    expect(text).toMatch(/^OK: /);
    // The text is the one without the signatures that do not count, to the byte.
    expect(text).toBe(renderReport(verify(statement, [...counting, endorse], [group, publishers], opts)));
    expect(text).not.toContain('Mallory');
    expect(text).not.toContain('Bob');
  });

  it('an unknown group: its short id, nobody, unknown trust', () => {
    const { alice, group } = threeMemberGroup();
    const { statement, id } = statementBy([group]);
    const text = renderReport(verify(statement, [signStatement(id, group, alice)], []));
    expect(text).toContain(`  unknown group ${group.id.slice(0, 12)}: not released, 0 of 0 member signatures (nobody)\n`);
    expect(text).toContain('    trust: unknown group\n');
    expect(text).toContain(`    ERROR: the chain of group ${group.id.slice(0, 12)} is not held, so its members are unknown\n`);
  });

  it('a fork is shown as an error on the group', () => {
    const { alice, bob, carol, group } = threeMemberGroup();
    const { statement, id } = statementBy([group]);
    const charter = group.head;
    group.append({ op: 'rename', name: 'A' }, [alice, bob]);
    group.append({ op: 'rename', name: 'B' }, [bob, carol], { after: charter });
    const text = renderReport(verify(statement, [signStatement(id, group, alice, { link: charter.id }), signStatement(id, group, bob, { link: charter.id })], [group]));
    expect(text).toContain('  KRAS-IWA: not released, 2 of 2 member signatures (Alice, Bob)\n');
    expect(text).toMatch(/ {4}ERROR: the chain of group KRAS-IWA forks after link [0-9a-f]{12}: 2 valid links/);
    expect(text).toContain('NOT released by every author group');
  });

  it('a joint statement lists each author group', () => {
    const { alice, bob, group } = threeMemberGroup();
    const dave = makePerson('Dave');
    const fed = TestGroup.create('Federation', [dave], { release: 1, membership: 1 });
    const { statement, id } = statementBy([group, fed]);
    const text = renderReport(verify(statement, [signStatement(id, group, alice), signStatement(id, group, bob), signStatement(id, fed, dave)], [group, fed]));
    expect(text).toContain('  KRAS-IWA: released, 2 of 2 member signatures (Alice, Bob)\n');
    expect(text).toContain('  Federation: released, 1 of 1 member signatures (Dave)\n');
    expect(text).toMatch(/^OK: /);
  });
});

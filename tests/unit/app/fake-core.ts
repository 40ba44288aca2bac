// An in-memory AppCore for the shells' tests (unit, and browser mode e2e until the real adapter
// exists). Its objects deliberately carry fields a view model must never expose (a secret key, raw
// bundle bytes), so the tests can prove that the handler table drops them.

import { createHash } from 'node:crypto';
import { SamizdatError } from '../../../src/core/errors.js';
import type { AppCore } from '../../../src/app/ports.js';
import type { GroupSummary, StatementView, VerificationReport } from '../../../src/shared/view-models.js';

export const FAKE_PASSPHRASE = 'correct horse battery staple';

/** A body that would run script if it were ever treated as HTML. */
export const HOSTILE_BODY = '<img src=x onerror="window.__pwned=1"><script>window.__pwned=2</script> plain words';

export const hexId = (seed: string): string => createHash('sha256').update(seed).digest('hex');

const GROUPS: GroupSummary[] = [
  { groupId: hexId('group:kras'), name: 'KRAS-IWA', fingerprint: '12345 67890 12345 67890', trust: 'verified', members: 3, releaseThreshold: 2 },
  { groupId: hexId('group:fed'), name: 'Federation', fingerprint: '55555 44444 33333 22222', trust: 'unverified', members: 5, releaseThreshold: 3 },
];

export interface FakeCore extends AppCore {
  readonly calls: string[];
  readonly statements: StatementView[];
}

export function createFakeCore(options: { statements?: number } = {}): FakeCore {
  const count = options.statements ?? 120;
  let unlocked = false;
  const calls: string[] = [];
  const statements: StatementView[] = Array.from({ length: count }, (_, i) => {
    const group = GROUPS[i % GROUPS.length] as GroupSummary;
    return Object.assign(
      {
        id: hexId(`statement:${i}`),
        title: `Statement ${i + 1} against the war`,
        lang: i % 3 === 0 ? 'ru' : 'en',
        date: `2024-03-${String((i % 28) + 1).padStart(2, '0')}`,
        authors: [{ groupId: group.groupId, name: group.name }],
        released: i % 2 === 0,
        body: i === 0 ? HOSTILE_BODY : `Body of statement ${i + 1}.`,
        relations: [],
      },
      // What a careless adapter might pass along: never to be seen by a renderer.
      { secretKey: 'SECRET-KEY-MATERIAL', rawBundle: new Uint8Array([1, 2, 3]) },
    );
  });

  const report = (s: StatementView): VerificationReport => ({
    statementId: s.id,
    released: s.released,
    ok: s.released,
    groups: s.authors.map((a) => ({
      groupId: a.groupId,
      name: a.name,
      fingerprint: '12345 67890',
      trust: 'verified',
      threshold: 2,
      members: 3,
      fork: false,
      signers: [Object.assign({ memberId: hexId('m1'), name: 'Anna', key: hexId('k1') }, { secretKey: 'SECRET-KEY-MATERIAL' })],
      released: s.released,
      problems: s.released ? [] : [{ code: 'threshold-not-met', severity: 'error', message: '1 of 2 signatures', subject: null }],
    })),
    endorsements: [],
    problems: [],
  });

  return {
    calls,
    statements,
    isUnlocked: () => unlocked,
    async unlock(passphrase) {
      calls.push('unlock');
      if (passphrase !== FAKE_PASSPHRASE) {
        throw new SamizdatError('vault', 'vault', 'vault.wrong-passphrase', 'wrong passphrase');
      }
      unlocked = true;
    },
    async lock() {
      calls.push('lock');
      unlocked = false;
    },
    async listStatements(offset, limit) {
      calls.push(`list ${offset} ${limit}`);
      return { total: statements.length, items: statements.slice(offset, offset + limit) };
    },
    async getStatement(id) {
      calls.push(`show ${id}`);
      return statements.find((s) => s.id === id) ?? null;
    },
    async verifyStatement(id) {
      calls.push(`verify ${id}`);
      const s = statements.find((x) => x.id === id);
      return s ? report(s) : null;
    },
    async listGroups() {
      calls.push('groups');
      return GROUPS.map((g) => Object.assign({ ...g }, { secretKey: 'SECRET-KEY-MATERIAL' }));
    },
  };
}

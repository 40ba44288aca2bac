// The real core behind the handler table: one vault folder, opened on unlock and closed on lock.
// Everything returned is a view model; secrets and raw bytes stay here.
import { SamizdatError } from '../core/errors.js';
import { Vault } from '../core/store/vault.js';
import { listGroupViews } from '../core/service/groups.js';
import { listStatements, showStatement, Verifier } from '../core/service/statements.js';
import type { GroupVerification, Problem, StatementSummary, VerificationReport } from '../shared/view-models.js';
import type { VerificationReport as CoreReport, GroupReport } from '../core/verify/statement.js';
import type { Problem as CoreProblem } from '../core/verify/problems.js';
import type { AppCore } from './ports.js';

const problemView = (p: CoreProblem): Problem => ({ code: p.code, severity: p.severity, message: p.message, subject: p.subject ?? null });

function groupVerification(g: GroupReport): GroupVerification {
  return {
    groupId: g.groupId,
    name: g.name,
    fingerprint: g.fingerprint,
    trust: g.trust,
    threshold: g.threshold,
    members: g.chain?.members ?? null,
    fork: g.chain?.fork ?? false,
    signers: g.signers.map((s) => ({ memberId: s.memberId, name: s.name, key: s.key })),
    released: g.released,
    problems: g.problems.map(problemView),
  };
}

export function reportView(r: CoreReport): VerificationReport {
  return {
    statementId: r.statement.id,
    released: r.released,
    ok: r.ok,
    groups: r.groups.map(groupVerification),
    endorsements: r.endorsements.map(groupVerification),
    problems: r.problems.map(problemView),
  };
}

export function createVaultCore(vaultDir: string): AppCore {
  let vault: Vault | undefined;
  const open = (): Vault => {
    if (!vault) throw new SamizdatError('vault', 'vault', 'vault.locked', 'the vault is locked: unlock it with its passphrase');
    return vault;
  };
  const authorsOf = (v: Vault, ids: string[]) => ids.map((groupId) => ({ groupId, name: v.getGroup(groupId)?.name ?? groupId.slice(0, 12) }));

  return {
    isUnlocked: () => vault !== undefined,
    async unlock(passphrase) {
      if (vault) return;
      if (!Vault.exists(vaultDir)) {
        throw new SamizdatError('vault', 'vault', 'vault.missing', `no vault at "${vaultDir}": create one with \`samizdat init\``);
      }
      vault = await Vault.open(vaultDir, passphrase);
    },
    async lock() {
      vault?.close();
      vault = undefined;
    },
    async listStatements(offset, limit) {
      const v = open();
      const page = listStatements(v, { offset, limit });
      const items: StatementSummary[] = page.items.map((s) => ({ id: s.id, title: s.title, lang: s.lang, date: s.date, authors: authorsOf(v, s.authors), released: s.released }));
      return { total: page.total, items };
    },
    async getStatement(id) {
      const v = open();
      if (!v.hasStatement(id)) return null;
      const view = showStatement(v, id);
      const s = view.statement;
      return {
        id,
        title: s.title,
        lang: s.lang,
        date: s.date,
        authors: authorsOf(v, s.authors),
        released: view.report.released,
        body: s.body,
        relations: s.relations.map((r) => ({ kind: r.type, target: r.id })),
      };
    },
    async verifyStatement(id) {
      const v = open();
      return v.hasStatement(id) ? reportView(new Verifier(v).verify(id)) : null;
    },
    async listGroups() {
      return listGroupViews(open()).map((g) => ({
        groupId: g.id,
        name: g.name,
        fingerprint: g.fingerprint,
        trust: g.trust,
        members: g.members.length,
        releaseThreshold: g.thresholds?.release ?? 0,
      }));
    },
  };
}

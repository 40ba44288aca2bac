// statements:*, text:export: what the vault holds, read, written, signed. Each handler calls the
// core functions the CLI calls (statement new/list/show, search, sign, verify, export-text).

import { exportText } from '../../core/interop/export-text.js';
import { attachmentFile } from '../../core/service/attachment-files.js';
import { requireIdentity } from '../../core/service/identity.js';
import { refreshStatuses, statementLanguages } from '../../core/service/statement-list.js';
import { createStatement, signStatement } from '../../core/service/statements.js';
import type { Vault } from '../../core/store/vault.js';
import { notFound } from '../errors.js';
import type { AppCore } from '../ports.js';
import * as project from '../project.js';
import type { DomainHandlers, HandlerContext } from './context.js';

type StatementChannels = 'statements:list' | 'statements:languages' | 'statements:show' | 'statements:verify' | 'statements:create' | 'statements:sign' | 'text:export';

/** An unknown id is the same coded error on every channel (`vault.statement-not-found`), before anything is read or written. */
function requireStatement(v: Vault, id: string): void {
  if (!v.hasStatement(id)) throw notFound('statement', id);
}

/** Statuses computed per background step: one step holds the vault for about 100 ms at most (at ~150 µs a status). */
export const WARM_BATCH = 500;

/**
 * Computes, in the background, the statuses the list has not computed yet (after an import of
 * many statements, say), a batch at a time through the vault's queue, so that other calls wait
 * one batch at most and a later filter by status finds nothing left to do. Steps are not user
 * activity (they do not keep the idle lock away) and stop at the first error, a lock included.
 */
export function statusWarmer(core: AppCore): () => void {
  let running = false;
  const step = (): void => {
    core.withVault((v) => refreshStatuses(v, { max: WARM_BATCH })).then(
      (n) => (n >= WARM_BATCH ? void setTimeout(step, 0).unref() : (running = false)),
      () => (running = false),
    );
  };
  return () => {
    if (running || !core.isUnlocked()) return;
    running = true;
    setTimeout(step, 0).unref();
  };
}

export function statementHandlers({ core, requireUnlocked }: HandlerContext): DomainHandlers<StatementChannels> {
  const warm = statusWarmer(core);
  return {
    'statements:list': async ({ after, limit, filter }) => {
      requireUnlocked();
      const f = filter === undefined ? undefined : { query: filter.query, groupId: filter.groupId, lang: filter.lang, status: filter.status };
      const { total, items, next } = await core.listStatements(after, limit, f);
      warm();
      // The page size is a promise to the renderer (and a memory bound): enforce it here too.
      return project.page(total, items.slice(0, limit), next);
    },
    'statements:languages': async () => {
      requireUnlocked();
      return core.withVault((v) => statementLanguages(v));
    },
    'statements:show': async ({ id }) => {
      requireUnlocked();
      const statement = await core.getStatement(id);
      if (!statement) throw notFound('statement', id);
      return project.statementView(statement);
    },
    'statements:verify': async ({ id }) => {
      requireUnlocked();
      const report = await core.verifyStatement(id);
      if (!report) throw notFound('statement', id);
      return project.verificationReport(report);
    },
    'statements:create': async (args) => {
      requireUnlocked();
      // Hashed before the vault is taken (a large file takes a while), read again as it is stored.
      const attachments = args.attachments.map((path) => attachmentFile(path));
      return core.withVault((v) => {
        for (const g of args.authors) if (!v.hasGroup(g)) throw notFound('group', g);
        const { id } = createStatement(v, {
          authors: [...args.authors],
          title: args.title,
          lang: args.lang,
          date: args.date,
          body: args.body,
          relations: args.relations.map((r) => ({ type: r.kind, id: r.target })),
          attachments,
        });
        return { id };
      });
    },
    'statements:sign': async ({ id, endorse, groupId }) => {
      requireUnlocked();
      return core.withVault((v) => {
        requireStatement(v, id);
        requireIdentity(v);
        const signed = signStatement(v, id, { endorse, ...(groupId === undefined ? {} : { groupId }) });
        const entry = (signed.role === 'release' ? signed.report.groups : signed.report.endorsements).find((g) => g.groupId === signed.group);
        return project.signOutcome({
          statementId: id,
          role: signed.role === 'release' ? 'author' : 'endorsement',
          groupId: signed.group,
          released: signed.report.released,
          have: entry?.signers.length ?? 0,
          need: entry?.threshold ?? 0,
        });
      });
    },
    'text:export': async ({ id, dir, force }) => {
      requireUnlocked();
      return core.withVault((v) => {
        requireStatement(v, id);
        const written = exportText(v, requireIdentity(v), id, { dir, force: force ?? false });
        return project.textExportResult({ dir: written.dir, files: written.files, signer: { name: written.signer.name, key: written.signer.key } });
      });
    },
  };
}

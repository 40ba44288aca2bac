// statements:*, text:export: what the vault holds, read, written, signed.

import { notBuilt, notFound } from '../errors.js';
import * as project from '../project.js';
import type { DomainHandlers, HandlerContext } from './context.js';

type StatementChannels = 'statements:list' | 'statements:languages' | 'statements:show' | 'statements:verify' | 'statements:create' | 'statements:sign' | 'text:export';

export function statementHandlers({ core, requireUnlocked }: HandlerContext): DomainHandlers<StatementChannels> {
  return {
    'statements:list': async ({ after, limit }) => {
      requireUnlocked();
      const { total, items, next } = await core.listStatements(after, limit);
      // The page size is a promise to the renderer (and a memory bound): enforce it here too.
      return project.page(total, items.slice(0, limit), next);
    },
    'statements:languages': async () => {
      throw notBuilt('statements:languages');
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
    'statements:create': async () => {
      throw notBuilt('statements:create');
    },
    'statements:sign': async () => {
      throw notBuilt('statements:sign');
    },
    'text:export': async () => {
      throw notBuilt('text:export');
    },
  };
}

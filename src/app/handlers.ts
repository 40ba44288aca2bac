// The handler table: the contract of src/shared implemented over the core, knowing nothing of
// Electron or HTTP. Both transports call the same table; each handler runs only after its argument
// has passed the channel's schema, so a handler never sees malformed input from either transport.

import type { z } from 'zod';
import { CHANNELS } from '../shared/channels.js';
import type { Args, Channel, Result } from '../shared/contract.js';
import { ARG_SCHEMAS } from '../shared/schemas.js';
import { ContractError, invalidArgument, notFound, vaultLocked } from './errors.js';
import { JobRegistry } from './jobs.js';
import type { AppCore } from './ports.js';
import * as project from './project.js';
import { exportSummary, importSummary, syncSummary } from './summaries.js';

/** One async function per channel. A channel of the contract without a handler does not compile. */
export type Handlers = { readonly [C in Channel]: (args: Args<C>) => Promise<Result<C>> };

export interface HandlerOptions {
  /** Shared with whoever else starts jobs (main starts imports for files opened through the OS). */
  jobs?: JobRegistry;
}

export function createHandlers(core: AppCore, options: HandlerOptions = {}): Handlers {
  const jobs = options.jobs ?? new JobRegistry();
  const requireUnlocked = (): void => {
    if (!core.isUnlocked()) throw vaultLocked();
  };

  const table: Handlers = {
    'vault:status': async () => ({ unlocked: core.isUnlocked() }),
    'vault:unlock': async ({ passphrase }) => {
      await core.unlock(passphrase);
      return { unlocked: core.isUnlocked() };
    },
    'vault:lock': async () => {
      await core.lock();
      return { unlocked: core.isUnlocked() };
    },
    'statements:list': async ({ after, limit }) => {
      requireUnlocked();
      const { total, items, next } = await core.listStatements(after, limit);
      // The page size is a promise to the renderer (and a memory bound): enforce it here too.
      return project.page(total, items.slice(0, limit), next);
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
    'groups:list': async () => {
      requireUnlocked();
      return (await core.listGroups()).map(project.groupSummary);
    },
    'bundles:import': async ({ paths, passphrase }) => {
      requireUnlocked();
      const jobId = jobs.start('import', async (report) => {
        const result = project.importResult(await core.importBundles(paths, passphrase, report));
        return { summary: importSummary(result), details: { kind: 'import', import: result } };
      });
      return { jobId };
    },
    'bundles:export': async (args) => {
      requireUnlocked();
      const jobId = jobs.start('export', async (report) => {
        const result = project.exportResult(await core.exportBundle(args, report));
        return { summary: exportSummary(result), details: { kind: 'export', export: result } };
      });
      return { jobId };
    },
    'bundles:sync': async ({ dir }) => {
      requireUnlocked();
      const jobId = jobs.start('sync', async (report) => {
        const result = project.syncResult(await core.syncFolder(dir, report));
        return { summary: syncSummary(result), details: { kind: 'sync', sync: result } };
      });
      return { jobId };
    },
    // Like `samizdat drives`: no vault needed, and nothing of the vault is read.
    'drives:list': async () => (await core.listDrives()).map(project.drive),
    'jobs:poll': async ({ jobId }) => {
      const job = jobs.get(jobId);
      if (!job) throw new ContractError('ipc.job-not-found', 'usage', `jobs:poll: no job with id "${jobId}"`);
      return job;
    },
    'jobs:list': async () => jobs.list(),
  };

  return validating(table);
}

/** Wraps every handler so that its argument is parsed by the channel's schema first. */
function validating(table: Handlers): Handlers {
  const wrapped: Partial<Record<Channel, (args: unknown) => Promise<unknown>>> = {};
  for (const channel of CHANNELS) {
    const schema: z.ZodType = ARG_SCHEMAS[channel];
    const handler = table[channel] as (args: unknown) => Promise<unknown>;
    wrapped[channel] = async (args: unknown) => {
      const parsed = schema.safeParse(args);
      if (!parsed.success) throw invalidArgument(channel, describeIssues(parsed.error));
      return handler(parsed.data);
    };
  }
  return Object.freeze(wrapped) as unknown as Handlers;
}

function describeIssues(error: z.ZodError): string {
  return error.issues
    .map((issue) => `${issue.path.length > 0 ? issue.path.join('.') : '(argument)'}: ${issue.message}`)
    .join('; ');
}

// bundles:*, drives:list, files:folders, jobs:*: sticks, folders and the long jobs they start.

import { ContractError } from '../errors.js';
import { aboutFile } from '../file-about.js';
import { listFolders } from '../folders.js';
import * as project from '../project.js';
import { exportSummary, importSummary, syncSummary } from '../summaries.js';
import type { DomainHandlers, HandlerContext } from './context.js';

type ExchangeChannels = 'bundles:import' | 'bundles:export' | 'bundles:sync' | 'drives:list' | 'files:folders' | 'files:about' | 'jobs:poll' | 'jobs:list';

export function exchangeHandlers({ core, jobs, requireUnlocked }: HandlerContext): DomainHandlers<ExchangeChannels> {
  return {
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
    // Browser mode's folder picker (Electron has a native dialog). Names of folders only, like a file
    // dialog would show; behind the lock like the sync and the text export it serves.
    'files:folders': async ({ dir }) => {
      requireUnlocked();
      return listFolders(dir);
    },
    // The Write place's attachments, before they are saved: names and sizes only, nothing read.
    'files:about': async ({ paths }) => {
      requireUnlocked();
      return Promise.all(paths.map(aboutFile));
    },
    'jobs:poll': async ({ jobId }) => {
      const job = jobs.get(jobId);
      if (!job) throw new ContractError('ipc.job-not-found', 'usage', `jobs:poll: no job with id "${jobId}"`);
      return job;
    },
    'jobs:list': async () => jobs.list(),
  };
}

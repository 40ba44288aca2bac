// sync DIR: two-way sync with a drop folder.
import type { Command } from 'commander';
import { resolve as resolvePath } from 'node:path';
import { syncFolder, type SyncProgress, type SyncReport } from '../../core/exchange/sync.js';
import type { Openers } from '../../core/bundle/envelope.js';
import type { VaultReader } from '../../core/store/types.js';
import type { CommandContext, Runner } from '../context.js';

/**
 * What opens the bundles of the folder: this vault's decryption keys, current and retired (as
 * bundle-report.ts's openersOf, which would load the bundle code that a sync of an unchanged folder
 * does without). Sync never asks for a bundle passphrase: a sealed bundle is somebody else's.
 */
function openersOfVault(vault: VaultReader): Openers {
  const identity = vault.getIdentity();
  return { boxSecrets: identity ? [identity.boxSecret, ...vault.getRetiredKeys().map((k) => k.boxSecret)] : [] };
}

function progressOf(ctx: CommandContext): SyncProgress {
  const bar = ctx.progress();
  return {
    file: (path, size) => bar.start(size, `read ${path}`),
    bytes: (n) => bar.update(n),
    writing: (records) => bar.start(records, 'write'),
    record: (n) => bar.update(n),
    done: () => bar.stop(),
  };
}

function syncText(r: SyncReport, importText: (path: string, report: SyncReport['imported'][number]['report']) => string): string {
  const lines = [`synced with ${r.folder}`];
  for (const i of r.imported) if (i.report.added.statement + i.report.added.signature + i.report.added.link + i.report.added['link-signature'] + i.report.added.attachment > 0 || i.report.rejected.length > 0 || i.report.newGroups.length > 0) lines.push(importText(i.path, i.report));
  if (r.unchanged) lines.push(`  ${r.unchanged} bundle(s) already read: not read again`);
  if (r.notForUs.length) lines.push(`  ${r.notForUs.length} bundle(s) encrypted to other keys: left alone`);
  for (const f of r.failed) lines.push(`  FAILED ${f.path}: ${f.error.message}`);
  for (const w of r.written) lines.push(`  wrote ${w.path} (${w.records} record(s), ${w.envelope === 'clear' ? 'clear' : 'encrypted to members'})`);
  if (r.written.length === 0) lines.push('  nothing to write: the folder already carries everything this vault holds');
  return lines.join('\n');
}

export function syncCommands(program: Command, run: Runner): void {
  program
    .command('sync')
    .description('two-way sync with a drop folder (a stick, a shared or Syncthing folder): import what is new there, write what it lacks; never deletes another\'s file')
    .argument('<dir>', 'the drop folder')
    .option('--rescan', 'read every bundle of the folder again and compare the whole vault with it (a sync reads only new or changed files)')
    .action(
      run(async (ctx: CommandContext, dir: string, opts: { rescan?: boolean }) => {
        const folder = resolvePath(dir);
        const report = await ctx.withVault(async (vault) => {
          const r = await syncFolder(vault, folder, openersOfVault(vault), progressOf(ctx), { rescan: opts.rescan === true });
          // Where each new group was first seen (trust on first use); group code loads only when there is one.
          if (r.imported.some((i) => i.report.newGroups.length > 0)) (await import('../../core/service/groups.js')).recordSyncSightings(vault, r);
          return r;
        });
        const importText = ctx.out.json || report.imported.length === 0 ? () => '' : (await import('./bundle-report.js')).importText;
        ctx.out.result(
          {
            folder: report.folder,
            imported: report.imported.map((i) => ({ path: i.path, ...i.report })),
            unchanged: report.unchanged,
            notForUs: report.notForUs,
            failed: report.failed.map((f) => ({ path: f.path, error: { code: f.error.code, kind: f.error.kind, message: f.error.message, ...(f.error.rule ? { rule: f.error.rule } : {}) } })),
            written: report.written,
          },
          () => syncText(report, importText),
        );
        if (report.failed.length > 0) process.exitCode = report.failed[0]?.error.exitCode ?? 4;
      }),
    );
}

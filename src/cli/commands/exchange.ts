// export, import, check: bundles on sticks and shared folders.
import type { Command } from 'commander';
import { existsSync } from 'node:fs';
import { resolve as resolvePath } from 'node:path';
import { SamizdatError, quote } from '../../core/errors.js';
import type { Seal } from '../../core/bundle/envelope.js';
import { writeStreamAtomic } from '../../core/exchange/atomic.js';
import { checkBundle } from '../../core/exchange/check.js';
import { allStatementIds, bundleChunks, closureOf, recordCount, type Closure } from '../../core/exchange/export.js';
import { expandPaths, openBundleFile } from '../../core/exchange/files.js';
import { importBundle, type ImportReport } from '../../core/exchange/import.js';
import { chooseSeal, type SealChoice, type SealDecision } from '../../core/exchange/seal.js';
import { recordFirstSightings } from '../../core/service/groups.js';
import { resolveGroup, resolveStatement } from '../../core/service/resolve.js';
import { renderReport } from '../../core/verify/render.js';
import type { Vault } from '../../core/store/vault.js';
import { readNewPassphrase } from '../passphrase.js';
import { Each, usageError } from '../output.js';
import type { CommandContext, Runner } from '../context.js';
import { bundlePassphrase, importText, openersOf } from './bundle-report.js';

const collect = (value: string, previous: string[] = []) => [...previous, value];

interface ExportOptions {
  out: string;
  all?: boolean;
  group?: string[];
  to?: string[];
  sealWithPassphrase?: boolean;
  clear?: boolean;
  related?: boolean;
  force?: boolean;
  bundlePassphraseFile?: string;
}

/** The CLI's words for why a bundle got its envelope (the choice itself is core's: chooseSeal). */
function whyText(d: SealDecision): string {
  switch (d.reason) {
    case 'passphrase':
      return 'sealed with a passphrase';
    case 'groups-named':
      return 'encrypted to the members of the groups named';
    case 'clear-requested':
      return 'clear (--clear)';
    case 'all-released':
      return 'clear: every statement is released';
    case 'drafts':
      return `encrypted to the members of its author groups: ${d.drafts} statement(s) not released yet (use --clear to override)`;
  }
}

async function sealFor(ctx: CommandContext, vault: Vault, opts: ExportOptions, closure: Closure): Promise<{ seal?: Seal; why: string; to: string[] }> {
  const chosen = [opts.to?.length ? '--to' : '', opts.sealWithPassphrase ? '--seal-with-passphrase' : '', opts.clear ? '--clear' : ''].filter(Boolean);
  if (chosen.length > 1) throw usageError(`${chosen.join(' and ')} cannot be combined: a bundle is encrypted to members, sealed with a passphrase, or clear`);
  let choice: SealChoice;
  if (opts.sealWithPassphrase) {
    const passphrase = await readNewPassphrase(
      { file: opts.bundlePassphraseFile, env: ctx.env.SAMIZDAT_BUNDLE_PASSPHRASE, envName: 'SAMIZDAT_BUNDLE_PASSPHRASE', fileOption: '--bundle-passphrase-file' },
      'Passphrase for the bundle',
    );
    choice = { mode: 'passphrase', passphrase };
  } else if (opts.to?.length) {
    choice = { mode: 'members', groups: opts.to.map((g) => resolveGroup(vault, g)) };
  } else {
    // Drafts travel encrypted to their own groups unless the user says otherwise.
    choice = opts.clear ? { mode: 'clear' } : { mode: 'auto' };
  }
  const decision = chooseSeal(vault, closure, choice);
  return { ...(decision.seal ? { seal: decision.seal } : {}), why: whyText(decision), to: decision.to };
}

export function exchangeCommands(program: Command, run: Runner): void {
  program
    .command('export')
    .description('write statements, their signatures and their groups\' chains to a bundle file')
    .argument('[ids...]', 'statements (id or id prefix)')
    .requiredOption('--out <file>', 'the bundle file to write (e.g. on a USB stick), conventionally *.samizdat')
    .option('--all', 'every statement in the vault')
    .option('--group <group...>', 'also carry these groups\' chains (to share a charter before any statement)', collect)
    .option('--related', 'also carry the held statements these relate to (originals, introduced, revised)')
    .option('--to <group...>', 'encrypt to the current members of these groups', collect)
    .option('--seal-with-passphrase', 'encrypt with a passphrase (asked twice, or --bundle-passphrase-file)')
    .option('--clear', 'write drafts in clear (by default they are encrypted to their groups)')
    .option('--bundle-passphrase-file <file>', 'read the bundle passphrase from FILE (else $SAMIZDAT_BUNDLE_PASSPHRASE, else a prompt)')
    .option('--force', 'replace FILE if it exists')
    .action(
      run(async (ctx: CommandContext, ids: string[], opts: ExportOptions) => {
        if (ids.length > 0 && opts.all) throw usageError('give statement ids or --all, not both');
        if (ids.length === 0 && !opts.all && !opts.group?.length) throw usageError('nothing to export: give statement ids, --all, or --group GROUP');
        const out = resolvePath(opts.out);
        if (existsSync(out) && !opts.force) throw usageError(`${quote(out, 200)} exists; nothing was written (use --force to replace it)`);
        const result = await ctx.withVault(async (vault) => {
          const statements = opts.all ? allStatementIds(vault) : ids.map((id) => resolveStatement(vault, id));
          const groups = (opts.group ?? []).map((g) => resolveGroup(vault, g));
          const closure = closureOf(vault, { statements, related: Boolean(opts.related), groups });
          const { seal, why, to } = await sealFor(ctx, vault, opts, closure);
          const total = recordCount(closure);
          const bar = ctx.progress();
          bar.start(total, 'export');
          let written;
          try {
            written = await writeStreamAtomic(out, bundleChunks(vault, closure, seal, (n) => bar.update(n)));
          } finally {
            bar.stop();
          }
          return {
            out,
            bytes: written.bytes,
            sha256: written.sha256,
            envelope: seal ? ('passphrase' in seal ? 'passphrase' : 'members') : 'clear',
            encryptedTo: to,
            recipients: seal && 'to' in seal ? seal.to.length : 0,
            why,
            counts: { links: closure.links.length, statements: closure.statements.length, signatures: closure.signatures.length, attachments: closure.attachments.length },
          };
        });
        ctx.out.result(result, () =>
          [
            `wrote ${result.out} (${result.bytes} bytes): ${result.counts.statements} statement(s), ${result.counts.signatures} signature(s), ${result.counts.links} chain link(s), ${result.counts.attachments} attachment(s)`,
            `  ${result.why}${result.recipients ? ` (${result.recipients} member key(s))` : ''}`,
            `  sha256 ${result.sha256}`,
          ].join('\n'),
        );
      }),
    );

  program
    .command('import')
    .description('import bundle files, or every *.samizdat file of a folder; report what is new, held and rejected')
    .argument('<paths...>', 'bundle files or folders')
    .option('--bundle-passphrase-file <file>', 'passphrase for sealed bundles (else $SAMIZDAT_BUNDLE_PASSPHRASE, else a prompt)')
    .action(
      run(async (ctx: CommandContext, paths: string[], opts: { bundlePassphraseFile?: string }) => {
        const files = expandPaths(paths);
        if (files.length === 0) throw usageError(`no *.samizdat files in ${paths.map((p) => quote(p, 200)).join(', ')}`);
        const results: Array<{ path: string; report?: ImportReport; error?: SamizdatError }> = [];
        await ctx.withVault(async (vault) => {
          const openers = openersOf(ctx, vault, opts.bundlePassphraseFile);
          for (const path of files) {
            const bar = ctx.progress();
            try {
              const source = openBundleFile(path, (n) => bar.update(n));
              bar.start(source.size, `import ${path}`);
              const report = await importBundle(vault, source.chunks, openers);
              recordFirstSightings(vault, report.newGroups, path);
              results.push({ path, report });
            } catch (err) {
              if (!(err instanceof SamizdatError) || err.layer === 'vault') throw err;
              results.push({ path, error: err });
            } finally {
              bar.stop();
            }
          }
        });
        const failed = results.filter((r) => r.error);
        ctx.out.result(
          {
            files: results.map((r) =>
              r.error ? { path: r.path, ok: false, error: { code: r.error.code, kind: r.error.kind, message: r.error.message, ...(r.error.rule ? { rule: r.error.rule } : {}) } } : { path: r.path, ok: true, ...r.report },
            ),
          },
          () => results.filter((r) => r.report).map((r) => importText(r.path, r.report as ImportReport)).join('\n'),
        );
        for (const f of failed) ctx.out.note(`samizdat: ${f.path}: ${(f.error as SamizdatError).message}${failed.length < results.length ? ' (nothing of this file was imported)' : ''}`);
        // Objects that do not count are ignored and reported; they are never a failure (anyone can make them).
        if (failed.length > 0) process.exitCode = (failed[0]?.error as SamizdatError).exitCode;
      }),
    );

  program
    .command('check')
    .description('verify a bundle with no vault: exit 0 only if it holds a statement and every statement in it is released by its groups')
    .argument('<file>', 'the bundle file')
    .option('--trust <digits...>', 'fingerprints (safety numbers) you compared in person; every author group must match one', collect)
    .option('--bundle-passphrase-file <file>', 'passphrase for a sealed bundle (else $SAMIZDAT_BUNDLE_PASSPHRASE, else a prompt)')
    .action(
      run(async (ctx: CommandContext, file: string, opts: { trust?: string[]; bundlePassphraseFile?: string }) => {
        const source = openBundleFile(file);
        const run = await checkBundle(source.chunks, {
          trust: opts.trust ?? [],
          passphrase: bundlePassphrase(ctx, opts.bundlePassphraseFile),
        });
        const count = run.import.statements.length;
        // A bundle with no statement (a charter alone, anyone's) verifies nothing: not OK, exit 1.
        const verdict = () => {
          const v = run.verdict();
          return { ...v, ok: v.ok && count > 0 };
        };
        let ok = false;
        // An archive's reports are larger than the archive: each is written as it is made.
        await ctx.out.streamResult(
          [
            ['import', run.import],
            ['statements', new Each(run.statements())],
            ['untrusted', () => verdict().untrusted],
            ['ok', () => (ok = verdict().ok)],
          ],
          function* () {
            for (const s of run.statements()) yield renderReport(s).trimEnd();
            const { untrusted } = verdict();
            ok = verdict().ok;
            for (const g of untrusted) yield `NOT TRUSTED: group ${g.name} (${g.id}) has fingerprint ${g.fingerprint}, which is not among those given with --trust`;
            if (run.import.rejected.length > 0) yield `ignored ${run.import.rejected.length} object(s) that do not count (not kept; anyone can make them), for instance: ${run.import.rejected[0]?.message}`;
            yield count === 0 ? `NOT OK: nothing to verify: ${file} holds no statement` : `${ok ? 'OK' : 'NOT OK'}: ${count} statement(s) checked in ${file}`;
          },
        );
        if (!ok) process.exitCode = 1;
      }),
    );
}

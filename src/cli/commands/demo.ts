// demo: a new vault filled with example groups and statements, for newcomers and screenshots.
import type { Command } from 'commander';
import { KDF_PRESETS, type KdfPreset } from '../../core/crypto/kdf.js';
import { SamizdatError, quote } from '../../core/errors.js';
import { DEMO_STEPS, createDemoVault, type DemoSummary } from '../../core/demo/build.js';
import { Vault } from '../../core/store/vault.js';
import { readNewPassphrase } from '../passphrase.js';
import type { CommandContext, Runner } from '../context.js';

const STATUS_WORDS = { released: 'released', waiting: 'awaiting signatures', problem: 'PROBLEM' } as const;

const plural = (n: number, one: string, many = `${one}s`): string => `${n} ${n === 1 ? one : many}`;

function summaryText(s: DemoSummary, next: string[]): string {
  const langs = Object.entries(s.statements.languages)
    .sort(([a], [b]) => (a < b ? -1 : 1))
    .map(([lang, n]) => `${lang} ${n}`)
    .join(', ');
  const width = Math.max(...Object.values(STATUS_WORDS).map((w) => w.length));
  return [
    `created a demo vault at ${s.vault}`,
    `  me: ${s.me.name}, a member of "${s.me.group}" (${plural(s.me.members, 'member')}; the others are simulated)`,
    `  ${plural(s.groups.total, 'group')}: ${s.groups.verified} verified, ${s.groups.unverified} unverified (first seen on import), ${s.groups.lookalikes} with lookalike names, ${s.groups.forked} with a forked chain`,
    `  ${plural(s.statements.total, 'statement')} (${langs}): ${s.statements.released} released, ${s.statements.waiting} awaiting signatures, ${s.statements.problem} with a problem`,
    `  ${plural(s.signatures, 'signature')}, ${plural(s.bundles, 'bundle')} imported; the ${plural(s.simulatedDevices, 'simulated member')}' keys were used only to build the demo and are not in the vault`,
    '',
    ...s.statements.items.map((i) => `  ${i.id.slice(0, 12)}  ${i.date}  ${i.lang}  ${STATUS_WORDS[i.status].padEnd(width)}  ${i.title}`),
    '',
    ...next.map((n) => `next: ${n}`),
  ].join('\n');
}

export function demoCommands(program: Command, run: Runner): void {
  program
    .command('demo')
    .description('create a new vault filled with example groups and statements (English, Russian, Ukrainian), to try the app')
    .option('--kdf <preset>', 'passphrase hardening: interactive | moderate | sensitive', 'moderate')
    .addHelpText(
      'after',
      '\nThe vault is made at --vault DIR (or $SAMIZDAT_VAULT), which must not hold a vault or other files;\nthe passphrase is read as `samizdat init` reads it.\nExit codes: 0 the demo vault was made; 2 usage error (a bad --kdf, a short passphrase);\n3 a vault or other files already there (left as they are), or no passphrase given; 5 I/O failure.',
    )
    .action(
      run(async (ctx: CommandContext, opts: { kdf: string }) => {
        if (!(opts.kdf in KDF_PRESETS)) {
          throw new SamizdatError('cli', 'usage', 'cli.bad-kdf', `--kdf ${quote(opts.kdf)} is not one of interactive, moderate, sensitive`);
        }
        // Refused before the passphrase is asked for; Vault.create refuses a folder that is not empty.
        if (Vault.exists(ctx.vaultDir)) {
          throw new SamizdatError('vault', 'vault', 'vault.exists', `a vault already exists at ${quote(ctx.vaultDir, 200)}; it was left as it is: the demo makes a new vault, give it a new folder with --vault`);
        }
        const passphrase = await readNewPassphrase({
          file: ctx.options.passphraseFile,
          env: ctx.env.SAMIZDAT_PASSPHRASE,
          envName: 'SAMIZDAT_PASSPHRASE',
          fileOption: '--passphrase-file',
        });
        const bar = ctx.progress();
        bar.start(DEMO_STEPS, 'demo');
        let summary: DemoSummary;
        try {
          summary = await createDemoVault(ctx.vaultDir, passphrase, opts.kdf as KdfPreset, (done) => bar.update(done));
        } finally {
          bar.stop();
        }
        const next = [`samizdat ui --vault ${shellWord(summary.vault)}`, `or, in a checkout: SAMIZDAT_VAULT=${shellWord(summary.vault)} npm start`];
        ctx.out.result({ ...summary, kdf: opts.kdf, next }, () => summaryText(summary, next));
      }),
    );
}

/** A path as one word of a POSIX shell command line. */
function shellWord(s: string): string {
  return /^[A-Za-z0-9_@%+=:,./-]+$/.test(s) ? s : `'${s.replace(/'/g, `'\\''`)}'`;
}

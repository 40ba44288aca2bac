// init, passwd, lock, wipe: the vault itself.
import { createInterface } from 'node:readline/promises';
import type { Command } from 'commander';
import { KDF_PRESETS, type KdfPreset } from '../../core/crypto/kdf.js';
import { SamizdatError, quote } from '../../core/errors.js';
import { Vault } from '../../core/store/vault.js';
import { wipeVault } from '../../core/store/wipe.js';
import { readNewPassphrase } from '../passphrase.js';
import type { CommandContext, Runner } from '../context.js';

/** The deliberate confirmation of a wipe: the word `wipe` typed on the terminal; refused without one. */
async function confirmWipe(dir: string): Promise<void> {
  if (!process.stdin.isTTY) {
    throw new SamizdatError('cli', 'usage', 'cli.wipe-unconfirmed', `refusing to wipe the vault at ${quote(dir, 200)} without a confirmation, and there is no terminal to ask on: pass --yes`);
  }
  const rl = createInterface({ input: process.stdin, output: process.stderr });
  const ctrlC = new AbortController();
  rl.on('SIGINT', () => ctrlC.abort()); // Ctrl+C, like Ctrl+D, is a no
  let answer = '';
  try {
    answer = await rl.question(
      `This destroys the vault at ${dir} for ever: nobody can open it again, not even with the passphrase.\nType "wipe" to destroy it (anything else keeps it): `,
      { signal: ctrlC.signal },
    );
  } catch {
    process.stderr.write('\n');
  } finally {
    rl.close();
  }
  if (answer.trim() !== 'wipe') {
    throw new SamizdatError('cli', 'usage', 'cli.wipe-cancelled', `not wiped: the answer was not "wipe"; the vault at ${quote(dir, 200)} is as it was`);
  }
}

export function vaultCommands(program: Command, run: Runner): void {
  program
    .command('init')
    .description('create a vault (an encrypted folder) for one member on this device')
    .option('--kdf <preset>', 'passphrase hardening: interactive | moderate | sensitive', 'moderate')
    .action(
      run(async (ctx: CommandContext, opts: { kdf: string }) => {
        if (!(opts.kdf in KDF_PRESETS)) {
          throw new SamizdatError('cli', 'usage', 'cli.bad-kdf', `--kdf ${quote(opts.kdf)} is not one of interactive, moderate, sensitive`);
        }
        const passphrase = await readNewPassphrase({
          file: ctx.options.passphraseFile,
          env: ctx.env.SAMIZDAT_PASSPHRASE,
          envName: 'SAMIZDAT_PASSPHRASE',
          fileOption: '--passphrase-file',
        });
        const vault = await Vault.create(ctx.vaultDir, passphrase, opts.kdf as KdfPreset);
        vault.close();
        ctx.out.result({ vault: ctx.vaultDir, kdf: opts.kdf }, () => `created an encrypted vault at ${ctx.vaultDir}\nnext: samizdat me create --name "Your name"`);
      }),
    );

  program
    .command('passwd')
    .description('change the vault passphrase (re-encrypts the vault with a new key)')
    .option('--new-passphrase-file <file>', 'read the new passphrase from FILE (else SAMIZDAT_NEW_PASSPHRASE, else a prompt)')
    .option('--kdf <preset>', 'passphrase hardening for the new key: interactive | moderate | sensitive')
    .action(
      run(async (ctx: CommandContext, opts: { newPassphraseFile?: string; kdf?: string }) => {
        if (opts.kdf !== undefined && !(opts.kdf in KDF_PRESETS)) {
          throw new SamizdatError('cli', 'usage', 'cli.bad-kdf', `--kdf ${quote(opts.kdf)} is not one of interactive, moderate, sensitive`);
        }
        await ctx.withVault(async (vault) => {
          const next = await readNewPassphrase({
            file: opts.newPassphraseFile,
            env: ctx.env.SAMIZDAT_NEW_PASSPHRASE,
            envName: 'SAMIZDAT_NEW_PASSPHRASE',
            fileOption: '--new-passphrase-file',
          });
          await vault.changePassphrase(next, opts.kdf as KdfPreset | undefined);
        });
        ctx.out.result({ vault: ctx.vaultDir, changed: true }, () => 'passphrase changed; the old one no longer opens the vault');
      }),
    );

  program
    .command('lock')
    .description('lock the vault: the CLI unlocks it for one command at a time, so this checks it is closed')
    .action(
      run(async (ctx: CommandContext) => {
        if (!Vault.exists(ctx.vaultDir)) {
          throw new SamizdatError('vault', 'vault', 'vault.missing', `no vault at ${quote(ctx.vaultDir, 200)}`);
        }
        ctx.out.result({ vault: ctx.vaultDir, locked: true }, () => `the vault at ${ctx.vaultDir} is locked: each samizdat command unlocks it only while it runs`);
      }),
    );

  program
    .command('wipe')
    .description('panic wipe: destroy the vault for ever, its key salt first, then every file (no passphrase needed)')
    .option('--yes', 'do not ask: wipe at once (for scripts)')
    .action(
      run(async (ctx: CommandContext, opts: { yes?: boolean }) => {
        const report = await wipeVault(ctx.vaultDir, { confirm: opts.yes === true ? undefined : confirmWipe });
        ctx.out.result({ wiped: report.dir, ...(report.leftAlone.length > 0 ? { leftAlone: report.leftAlone } : {}) }, () =>
          [
            `wiped the vault at ${report.dir}: its key salt, then its database, overwritten and removed; nobody can open it again`,
            ...(report.leftAlone.length > 0 ? [`left alone in that folder (not the vault's): ${report.leftAlone.join(', ')}`] : []),
          ].join('\n'),
        );
      }),
    );
}

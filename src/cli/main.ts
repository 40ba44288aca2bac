// The `samizdat` command: every capability of core, scriptable, with --json output and the exit
// codes of DESIGN.md's contract (0 ok, 1 verification, 2 usage, 3 vault, 4 bad input, 5 I/O).
import { Command, CommanderError } from 'commander';
import { SamizdatError } from '../core/errors.js';
import { CommandContext, type Action, type Runner } from './context.js';
import { Output, guardOutputStreams, outputFailure } from './output.js';
import { vaultCommands } from './commands/vault.js';
import { meCommands } from './commands/me.js';
import { groupCommands } from './commands/group.js';
import { statementCommands } from './commands/statement.js';
import { uiCommands } from './commands/ui.js';
import { exchangeCommands } from './commands/exchange.js';
import { exportTextCommands } from './commands/export-text.js';
import { syncCommands } from './commands/sync.js';
import { drivesCommands } from './commands/drives.js';

export function buildProgram(): Command {
  const program = new Command('samizdat')
    .description('Sign statements as a group; verify them offline.')
    .option('--vault <dir>', 'the vault folder (default: $SAMIZDAT_VAULT, else the OS data folder)')
    .option('--passphrase-file <file>', 'read the vault passphrase from FILE (else $SAMIZDAT_PASSPHRASE, else a prompt)')
    .option('--json', 'machine-readable output on stdout')
    .showHelpAfterError('(run with --help for usage)')
    .exitOverride();
  program.addHelpText(
    'after',
    '\nExit codes: 0 success; 1 verification failed; 2 usage error; 3 vault error (missing, locked, wrong passphrase);\n4 malformed, truncated or over-limit input; 5 I/O failure; 70 internal error (a bug).',
  );
  const run: Runner = (fn: Action) => async (...args: unknown[]) => {
    // commander passes the positional arguments, the options, then the command itself.
    const ctx = new CommandContext(program.opts());
    await (fn as (ctx: CommandContext, ...rest: unknown[]) => Promise<void>)(ctx, ...args.slice(0, -1));
  };
  vaultCommands(program, run);
  meCommands(program, run);
  groupCommands(program, run);
  statementCommands(program, run);
  exchangeCommands(program, run);
  exportTextCommands(program, run);
  syncCommands(program, run);
  drivesCommands(program, run);
  uiCommands(program, run);
  return program;
}

export async function main(argv: string[]): Promise<number> {
  const program = buildProgram();
  const json = argv.includes('--json');
  try {
    await program.parseAsync(argv, { from: 'user' });
    return typeof process.exitCode === 'number' ? process.exitCode : 0;
  } catch (err) {
    if (err instanceof CommanderError) {
      // Help and version are successes; everything else commander refuses is a usage error.
      return err.exitCode === 0 ? 0 : 2;
    }
    return new Output(json).error(err instanceof SamizdatError || err instanceof Error ? err : new Error(String(err)));
  }
}

guardOutputStreams();
const exitCode = await main(process.argv.slice(2));
process.exitCode = outputFailure() ?? exitCode;

// The `samizdat` command: every capability of core, scriptable, with --json output and the exit
// codes of DESIGN.md's contract (0 ok, 1 verification, 2 usage, 3 vault, 4 bad input, 5 I/O).
// Each command's module is loaded only when that command runs (registry.ts).
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Command, CommanderError } from 'commander';
import { SamizdatError } from '../core/errors.js';
import { CommandContext, startEarlyKey, type Action, type Runner } from './context.js';
import { Output, guardOutputStreams, outputFailure } from './output.js';
import { registerCommands } from './registry.js';

/** The version in the package.json above this file (src/cli or, compiled, out/node/src/cli). */
function packageVersion(): string {
  for (let dir = dirname(fileURLToPath(import.meta.url)); ; dir = dirname(dir)) {
    try {
      const pkg = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as { name?: unknown; version?: unknown };
      if (pkg.name === 'samizdat' && typeof pkg.version === 'string') return pkg.version;
    } catch {
      // no package.json here, or not ours: look further up
    }
    if (dirname(dir) === dir) return 'unknown';
  }
}

/** The program with the commands `argv` needs (all of them, by default or when in doubt). */
export async function buildProgram(argv: readonly string[] = []): Promise<Command> {
  const program = new Command('samizdat')
    .description('Sign statements as a group; verify them offline.')
    .version(packageVersion(), '-V, --version', 'print the version of samizdat')
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
  await registerCommands(program, run, argv);
  return program;
}

export async function main(argv: string[]): Promise<number> {
  const json = argv.includes('--json');
  try {
    // The vault's KDF runs while the command's modules load.
    startEarlyKey(argv);
    const program = await buildProgram(argv);
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

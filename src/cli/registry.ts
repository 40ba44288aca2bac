// Which module defines which top-level command, so that a command loads only its own module (and
// what that imports) instead of every command's: `samizdat drives` needs neither SQLite nor the
// browser-mode server. Help, an unknown command, or anything this table does not recognise loads
// every module, so commander lists and suggests every command exactly as before.
import type { Command } from 'commander';
import type { Runner } from './context.js';

type Register = (program: Command, run: Runner) => void;

interface CommandModule {
  /** The top-level commands the module registers, in the order it registers them. */
  readonly commands: readonly string[];
  readonly load: () => Promise<Register>;
}

/** In the order of `samizdat --help`. A test checks that each module registers exactly these commands. */
export const COMMAND_MODULES: readonly CommandModule[] = [
  { commands: ['init', 'passwd', 'lock', 'wipe'], load: async () => (await import('./commands/vault.js')).vaultCommands },
  { commands: ['me'], load: async () => (await import('./commands/me.js')).meCommands },
  { commands: ['group', 'trust'], load: async () => (await import('./commands/group.js')).groupCommands },
  { commands: ['statement', 'search', 'sign', 'verify'], load: async () => (await import('./commands/statement.js')).statementCommands },
  { commands: ['export', 'import', 'check'], load: async () => (await import('./commands/exchange.js')).exchangeCommands },
  { commands: ['export-text'], load: async () => (await import('./commands/export-text.js')).exportTextCommands },
  { commands: ['sync'], load: async () => (await import('./commands/sync.js')).syncCommands },
  { commands: ['drives'], load: async () => (await import('./commands/drives.js')).drivesCommands },
  { commands: ['ui'], load: async () => (await import('./commands/ui.js')).uiCommands },
  { commands: ['demo'], load: async () => (await import('./commands/demo.js')).demoCommands },
];

/** The program's own options that take a value (see buildProgram), to find the command word after them. */
const GLOBAL_WITH_VALUE = new Set(['--vault', '--passphrase-file']);
const GLOBAL_FLAGS = new Set(['--json']);

/**
 * What `argv` (the arguments after `samizdat`) needs: `'none'` for the program's own --version,
 * one module for a command of the table, else `'all'` (help, no command, an unknown command or
 * option: commander must know every command to answer those as it always has).
 */
export function modulesFor(argv: readonly string[]): 'none' | 'all' | CommandModule {
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] as string;
    if (arg === '--version' || arg === '-V') return 'none';
    if (GLOBAL_FLAGS.has(arg)) continue;
    if (GLOBAL_WITH_VALUE.has(arg)) {
      i++;
      continue;
    }
    if ([...GLOBAL_WITH_VALUE].some((o) => arg.startsWith(`${o}=`))) continue;
    if (arg.startsWith('-')) return 'all'; // --help, -h, or an option commander will refuse
    return COMMAND_MODULES.find((m) => m.commands.includes(arg)) ?? 'all';
  }
  return 'all';
}

/** Registers on `program` the commands `argv` needs (every command when in doubt). */
export async function registerCommands(program: Command, run: Runner, argv: readonly string[]): Promise<void> {
  const needed = modulesFor(argv);
  if (needed === 'none') return;
  const modules = needed === 'all' ? COMMAND_MODULES : [needed];
  const registers = await Promise.all(modules.map((m) => m.load()));
  for (const register of registers) register(program, run);
}

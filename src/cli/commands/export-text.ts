// export-text: a released statement as plain text with signify and minisign signatures, for readers
// without Samizdat.
import type { Command } from 'commander';
import { basename, resolve } from 'node:path';
import { exportText } from '../../core/interop/export-text.js';
import { requireIdentity } from '../../core/service/identity.js';
import { resolveStatement } from '../../core/service/resolve.js';
import type { CommandContext, Runner } from '../context.js';

export function exportTextCommands(program: Command, run: Runner): void {
  program
    .command('export-text <id>')
    .description('a released statement as statement.txt, signed with my key for signify and minisign, for readers without Samizdat')
    .requiredOption('--out <dir>', 'the folder to write into (created if missing)')
    .option('--force', 'overwrite the files of an earlier export in that folder')
    .action(
      run(async (ctx: CommandContext, ref: string, opts: { out: string; force?: boolean }) => {
        const dir = resolve(opts.out);
        const result = await ctx.withVault((vault) => exportText(vault, requireIdentity(vault), resolveStatement(vault, ref), { dir, force: Boolean(opts.force) }));
        const pub = `${result.signer.keyid}.pub`;
        ctx.out.result(result, () =>
          [
            `wrote ${result.files.length} files to ${result.dir}:`,
            ...result.files.map((f) => `  ${basename(f)}`),
            `signed by ${result.signer.name} with key ${result.signer.key}`,
            `check: signify-openbsd -V -p ${pub} -m statement.txt`,
            `       minisign -V -p ${pub} -m statement.txt`,
            '(see VERIFY.txt there)',
          ].join('\n'),
        );
      }),
    );
}

// drives: the removable drives (USB sticks, SD cards) mounted now; no vault needed.
import type { Command } from 'commander';
import { listRemovableDrives, type RemovableDrive } from '../../core/exchange/drives.js';
import type { CommandContext, Runner } from '../context.js';
import { formatBytes } from '../../shared/format.js';

export function drivesText(drives: RemovableDrive[]): string {
  if (drives.length === 0) return 'no removable drives mounted (plug in a USB stick or SD card, and open it once if your system does not)';
  return drives
    .map((d) => {
      const space = d.freeBytes === undefined ? 'free space unknown' : `${formatBytes(d.freeBytes)} free${d.sizeBytes === undefined ? '' : ` of ${formatBytes(d.sizeBytes)}`}`;
      return `${d.path}  ${d.label}  ${space}`;
    })
    .join('\n');
}

export function drivesCommands(program: Command, run: Runner): void {
  program
    .command('drives')
    .description('the removable drives mounted now (USB sticks, SD cards): where bundles can be written or found')
    .action(
      run(async (ctx: CommandContext) => {
        const drives = listRemovableDrives();
        ctx.out.result({ drives }, () => drivesText(drives));
      }),
    );
}

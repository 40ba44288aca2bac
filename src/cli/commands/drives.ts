// drives: the removable drives (USB sticks, SD cards) mounted now; no vault needed.
import type { Command } from 'commander';
import { listRemovableDrives, type RemovableDrive } from '../../core/exchange/drives.js';
import type { CommandContext, Runner } from '../context.js';

/** Bytes for people: 1000-based like the sizes printed on sticks and cards (16 GB, 512 MB). */
export function formatBytes(bytes: number): string {
  const units = ['bytes', 'kB', 'MB', 'GB', 'TB'];
  let value = bytes;
  let unit = 0;
  while (value >= 1000 && unit < units.length - 1) {
    value /= 1000;
    unit += 1;
  }
  return unit === 0 ? `${value} bytes` : `${value < 10 ? value.toFixed(1) : Math.round(value)} ${units[unit]}`;
}

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

// One measurement of bench/import-memory.ts, alone in its process so that its peak RSS is its own:
//   raw FILE            read FILE and hash it (SHA-256): the raw primitive of streaming it
//   open FILE DIR       create a vault in DIR and close it: the fixed cost (Node, SQLite, the KDF)
//   import FILE DIR     create a vault in DIR and import the bundle FILE into it
// Prints one line of JSON: { maxRssBytes, seconds }, seconds timing the read or the import only.
import { createHash } from 'node:crypto';
import { createReadStream, readFileSync } from 'node:fs';
import { importBundle } from '../src/core/exchange/import.js';
import { openBundleFile } from '../src/core/exchange/files.js';
import { Vault } from '../src/core/store/vault.js';

const [mode, file, dir] = process.argv.slice(2);
const PASSPHRASE = 'bench: not a secret';

async function measure(): Promise<number> {
  if (file === undefined) throw new Error('usage: import-child.js raw|open|import FILE [DIR]');
  if (mode === 'raw') {
    const start = process.hrtime.bigint();
    const hash = createHash('sha256');
    for await (const chunk of createReadStream(file, { highWaterMark: 1024 * 1024 })) hash.update(chunk as Buffer);
    hash.digest();
    return Number(process.hrtime.bigint() - start) / 1e9;
  }
  if (dir === undefined || (mode !== 'open' && mode !== 'import')) throw new Error(`unknown mode ${String(mode)}, or no vault directory`);
  const vault = await Vault.create(dir, PASSPHRASE, 'interactive');
  try {
    if (mode === 'open') return 0;
    const start = process.hrtime.bigint();
    const report = await importBundle(vault, openBundleFile(file).chunks, { boxSecrets: [] });
    const seconds = Number(process.hrtime.bigint() - start) / 1e9;
    if (report.added.attachment !== 1) throw new Error(`the bundle's attachment was not imported: ${JSON.stringify(report.added)}`);
    return seconds;
  } finally {
    vault.close();
  }
}

const seconds = await measure();
/**
 * This process's peak RSS in bytes. On Linux, getrusage's maxRSS survives exec, so a child of a
 * large parent would report the parent's peak: read VmHWM (reset with the new address space).
 */
function peakRss(): number {
  try {
    const m = /^VmHWM:\s+(\d+) kB$/m.exec(readFileSync('/proc/self/status', 'utf8'));
    if (m) return Number(m[1]) * 1024;
  } catch {
    // not Linux
  }
  return process.resourceUsage().maxRSS * 1024; // KiB
}
process.stdout.write(`${JSON.stringify({ maxRssBytes: peakRss(), seconds })}\n`);

// What every part of the benchmark shares: whole processes timed from spawn to exit, their peak
// memory, statistics over rounds, and the folders it works in.
//
// Honest by construction: a figure Samizdat is judged by comes from a whole process where a user
// runs a whole process (`samizdat import`, `check`, `sync`, `verify`), timed from the parent
// around the spawn, exactly as a shell would see it. Its baseline is measured in the same run,
// interleaved with it round by round, and the best round of each side is compared (a busy
// machine slows a round down, never speeds one up). Latencies a person waits for (search, the
// first screen) are reported as percentiles or medians, never as the best case.
import { spawnSync, type SpawnSyncReturns } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { REPO_ROOT, SAMIZDAT_BIN } from '../tests/helpers/cli.js';

export { REPO_ROOT, SAMIZDAT_BIN };

/** The compiled bench folder (out/node/bench), where the child scripts are. */
export const BENCH_DIR = fileURLToPath(new URL('.', import.meta.url));
export const benchScript = (name: string): string => join(BENCH_DIR, name);

/** The passphrase of every vault the benchmark makes (not a secret: the vaults are thrown away). */
export const PASSPHRASE = 'bench: not a secret';

export const MB = 1e6;

export const seconds = (start: bigint): number => Number(process.hrtime.bigint() - start) / 1e9;

export const min = (xs: readonly number[]): number => Math.min(...xs);
export function median(xs: readonly number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 === 1 ? (s[mid] as number) : ((s[mid - 1] as number) + (s[mid] as number)) / 2;
}
/** The nearest-rank percentile p (0..100) of xs. */
export function percentile(xs: readonly number[], p: number): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.max(0, Math.ceil((p / 100) * s.length) - 1))] as number;
}

/** A temporary folder of the benchmark's own, removed at the end of the run. */
export class Scratch {
  readonly root: string;
  constructor(parent: string) {
    mkdirSync(parent, { recursive: true });
    this.root = mkdtempSync(join(parent, 'run-'));
  }
  dir(name: string): string {
    const d = mkdtempSync(join(this.root, `${name}-`));
    return d;
  }
  remove(): void {
    rmSync(this.root, { recursive: true, force: true });
  }
}

export interface ProcessRun {
  /** Wall time from spawn to exit, seconds. */
  seconds: number;
  status: number;
  stdout: string;
  stderr: string;
  /** Peak resident memory of the process (VmHWM), bytes, when asked for. */
  peakRssBytes?: number;
}

const RSS_PROBE = pathToFileURL(benchScript('rss-probe.js')).href;

/**
 * Runs `node ARGS` as a whole process and times it from the parent. With `rss`, the process also
 * loads bench/rss-probe.js first (node --import), which writes its VmHWM when it exits.
 */
export function runNode(args: string[], options: { env?: Record<string, string | undefined>; rss?: boolean; cwd?: string; timeoutMs?: number } = {}): ProcessRun {
  let rssFile: string | undefined;
  let rssDir: string | undefined;
  const argv = [...args];
  const env: Record<string, string | undefined> = { PATH: process.env.PATH, HOME: process.env.HOME, ...options.env };
  if (options.rss) {
    rssDir = mkdtempSync(join(tmpdir(), 'samizdat-bench-rss-'));
    rssFile = join(rssDir, 'vmhwm');
    argv.unshift('--import', RSS_PROBE);
    env.SAMIZDAT_BENCH_RSS_FILE = rssFile;
  }
  const start = process.hrtime.bigint();
  const r: SpawnSyncReturns<string> = spawnSync(process.execPath, argv, {
    env,
    cwd: options.cwd,
    encoding: 'utf8',
    maxBuffer: 1024 * 1024 * 1024,
    timeout: options.timeoutMs ?? 30 * 60_000,
  });
  const took = seconds(start);
  if (r.error) throw r.error;
  const run: ProcessRun = { seconds: took, status: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
  if (rssFile && rssDir) {
    if (existsSync(rssFile)) run.peakRssBytes = Number(readFileSync(rssFile, 'utf8'));
    rmSync(rssDir, { recursive: true, force: true });
  }
  return run;
}

/** `samizdat ARGS` as a user runs it (bin/samizdat under this node), against the vault `vault`. */
export function samizdat(vault: string, args: string[], options: { rss?: boolean; env?: Record<string, string> } = {}): ProcessRun {
  return runNode([SAMIZDAT_BIN, ...args], { env: { SAMIZDAT_VAULT: vault, SAMIZDAT_PASSPHRASE: PASSPHRASE, ...options.env }, rss: options.rss ?? false });
}

/** Throws, with the command's own words, unless it exited 0. */
export function ok(run: ProcessRun, what: string): ProcessRun {
  if (run.status !== 0) throw new Error(`bench: ${what} failed (exit ${run.status}): ${run.stderr.trim().slice(0, 2000)}`);
  return run;
}

/** A fresh vault made by `samizdat init` (interactive KDF), as a user makes one. */
export function freshVault(dir: string): string {
  const vault = join(dir, 'vault');
  ok(samizdat(vault, ['init', '--kdf', 'interactive']), 'samizdat init');
  return vault;
}

/** `node -e 0`: the cost of starting Node at all, which every whole process pays. */
export function nodeStart(): number {
  return ok(runNode(['-e', '0']), 'node -e 0').seconds;
}

/** Runs a bench child script and parses the one JSON line it prints last. */
export function child<T>(script: string, args: string[], options: { env?: Record<string, string>; rss?: boolean } = {}): T & { peakRssBytes?: number } {
  const run = ok(runNode([benchScript(script), ...args], options), `bench child ${script} ${args[0] ?? ''}`);
  const out = JSON.parse(run.stdout.trim().split('\n').pop() ?? '') as T;
  return { ...out, ...(run.peakRssBytes === undefined ? {} : { peakRssBytes: run.peakRssBytes }) };
}

/** Prints a progress line on stderr, so that stdout stays the table. */
export function note(line: string): void {
  process.stderr.write(`bench: ${line}\n`);
}

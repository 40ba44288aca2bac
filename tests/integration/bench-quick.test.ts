// The benchmark cannot rot: `npm run bench`'s quick mode (small counts, the same code paths: real
// `samizdat` processes, the raw children, Chromium, Syncthing) runs here and must write every figure
// issue 10 asks of bench-results.json, each a finite number or skipped for a named reason. Nothing
// is asserted of the speeds themselves: they belong to the full run, on a quiet machine.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT, tempDir } from '../helpers/cli.js';

const BENCH = join(REPO_ROOT, 'out', 'node', 'bench', 'run.js');

/** The figures issue 10 names (the benchmark may write more). */
const REQUIRED = [
  'verify.raw_per_s',
  'verify.core_vs_raw',
  'verify.parallel_vs_raw',
  'import.vs_raw',
  'import.statements_per_s',
  'import.peak_rss_mb_100k',
  'import.peak_rss_mb_1gib',
  'check.vs_raw',
  'check.vs_minisign',
  'check.peak_rss_mb',
  'sync.second_run_ms',
  'sync.second_run_vs_listing',
  'sync.syncthing_converge_s',
  'search.p95_ms',
  'ui.list_first_render_ms',
  'cli.verify_ms',
  'cli.node_start_ms',
  'cli.kdf_ms',
];
/** The only figures that may be skipped, each for want of a tool a developer machine may lack. */
const NEEDS_A_TOOL: Record<string, RegExp> = {
  'check.vs_minisign': /minisign/,
  'sync.syncthing_converge_s': /syncthing/,
  'ui.list_first_render_ms': /Chromium|renderer/,
};

describe('npm run bench -- --quick', () => {
  it('writes bench-results.json with every figure, a finite number or a named skip, and the machine it ran on', () => {
    expect(existsSync(BENCH), 'run `npm run build:node` first').toBe(true);
    const tmp = tempDir('samizdat-bench-quick-');
    try {
      const out = join(tmp.path, 'bench-results.json');
      const run = spawnSync(process.execPath, [BENCH, '--quick', '--out', out], { encoding: 'utf8', timeout: 600_000, env: { ...process.env } });
      expect(run.status, `${run.stdout}\n${run.stderr}`).toBe(0);
      const results = JSON.parse(readFileSync(out, 'utf8'));
      expect(results.mode).toBe('quick');
      expect(results.failed).toEqual({});
      for (const key of REQUIRED) {
        const [group, name] = key.split('.') as [string, string];
        expect(results[group], key).toHaveProperty(name);
        const value = results[group][name];
        if (value === null) {
          expect(Object.keys(NEEDS_A_TOOL), `${key} is skipped: ${results.skipped[key]}`).toContain(key);
          expect(results.skipped[key], key).toMatch(NEEDS_A_TOOL[key] as RegExp);
        } else {
          expect(typeof value === 'number' && Number.isFinite(value), `${key} = ${value}`).toBe(true);
        }
      }
      expect(results.machine.cores).toBeGreaterThan(0);
      expect(results.machine.cpu).toMatch(/\S/);
      expect(results.machine.node).toBe(process.version);
      // The table: every required figure, with its target where it has one.
      for (const key of REQUIRED) expect(run.stdout).toContain(key);
      expect(run.stdout).toMatch(/import\.vs_raw\s.*<= 1\.5/);
    } finally {
      tmp.remove();
    }
  }, 600_000);
});

// `npm run bench`: Samizdat's costs against the raw work they cannot avoid, measured side by side in
// one run (DESIGN.md, "Budgets to design for"; issue 10, "The benchmark"). Writes bench-results.json
// (git-ignored) and prints a table of each figure, its target and whether it holds.
//
//   node out/node/bench/run.js [--quick] [--out FILE] [--only SECTION,...]
//
// --quick runs every section with small counts (seconds, not minutes) through the same code paths:
// `npm test` runs it (tests/integration/bench-quick.test.ts) so that the benchmark cannot rot; its
// figures say nothing about the targets, which are written for the full counts.
// Sections: verify, import, memory, check, sync, search, ui, cli, syncthing.
//
// How each figure is made, and why it is honest, is said where it is measured below; the rules
// are in bench/lib.ts. Data sets are made once and cached in .bench-cache/ (bench/generate.ts);
// every measurement starts from a fresh vault made by `samizdat init`.
import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism, arch, cpus, loadavg, platform, tmpdir, totalmem } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { SYNCTHING_BIN, measureSyncthingConvergence } from '../tests/helpers/syncthing.js';
import { COMMON_WORD, RARE_WORDS, archiveSet, attachmentSet, folderSet, releaseSet, type ArchiveSet, type ReleaseSet } from './generate.js';
import { MB, REPO_ROOT, Scratch, child, freshVault, median, min, nodeStart, note, ok, percentile, runNode, samizdat, seconds } from './lib.js';
import { measureFirstRender, uiUnavailable } from './ui.js';

const argv = process.argv.slice(2);
const quick = argv.includes('--quick');
const valueOf = (flag: string): string | undefined => {
  const at = argv.indexOf(flag);
  return at >= 0 ? argv[at + 1] : undefined;
};
const outFile = resolve(valueOf('--out') ?? join(REPO_ROOT, 'bench-results.json'));
const only = valueOf('--only')?.split(',');
const cores = availableParallelism();

/** The counts: DESIGN.md's for the full run; small ones for --quick. */
const COUNTS = quick
  ? { rounds: 1, verifyRounds: 1, checkRounds: 1, verifySignatures: 300, releaseGroups: 5, releaseStatements: 100, archiveGroups: 20, archiveStatements: 1000, attachmentBytes: 8 * 1024 * 1024, minisignRounds: 1, folderBundles: 40, searchQueries: 20, uiRounds: 1, cliRounds: 1, syncthingBundles: 10 }
  : { rounds: 3, verifyRounds: 7, checkRounds: 2, verifySignatures: 5_000, releaseGroups: 50, releaseStatements: 10_000, archiveGroups: 1000, archiveStatements: 100_000, attachmentBytes: 1024 * 1024 * 1024, minisignRounds: 2, folderBundles: 10_000, searchQueries: 200, uiRounds: 3, cliRounds: 5, syncthingBundles: 1000 };

type Op = '<=' | '>=';
interface Spec {
  key: string;
  unit: string;
  target?: { op: Op; value: number };
  what: string;
}

/** Every figure of bench-results.json, in the table's order. */
const SPECS: Spec[] = [
  { key: 'verify.raw_per_s', unit: '/s', what: 'raw node:crypto Ed25519 verify, one core' },
  { key: 'verify.core_per_s', unit: '/s', what: "Samizdat's signature check as import does it, one core" },
  { key: 'verify.core_vs_raw', unit: 'x', target: { op: '>=', value: 0.8 }, what: 'that check (decode with the canonical check and validation, id, message, strict verify) / raw' },
  { key: 'verify.reader_vs_raw', unit: 'x', what: 'the same inside the bundle reader (record framing, order, trailer hash) / raw' },
  { key: 'verify.parallel_per_s', unit: '/s', what: 'the verify pool on all cores' },
  { key: 'verify.parallel_vs_raw', unit: 'x', target: { op: '>=', value: Math.round(0.85 * cores * 100) / 100 }, what: `the verify pool on all cores / raw on one core (target 0.85 x ${cores} cores)` },
  { key: 'import.vs_raw', unit: 'x', target: { op: '<=', value: 1.5 }, what: '`samizdat import` of 10,000 statements (50 groups, 3 signatures) / raw verify on all cores + the same rows inserted' },
  { key: 'import.statements_per_s', unit: '/s', what: '`samizdat import`, whole process' },
  { key: 'import.peak_rss_mb_100k', unit: 'MB', target: { op: '<=', value: 300 }, what: '`samizdat import` of 100,000 small statements, peak RSS' },
  { key: 'import.peak_rss_mb_1gib', unit: 'MB', target: { op: '<=', value: 300 }, what: '`samizdat import` of a 1 GiB bundle of attachments, peak RSS' },
  { key: 'check.vs_raw', unit: 'x', target: { op: '<=', value: 1.5 }, what: '`samizdat check` of 10,000 statements x 3 signatures / node -e 0 + raw verify on all cores' },
  { key: 'check.vs_minisign', unit: 'x', target: { op: '>=', value: 4 }, what: '`minisign -V` once per statement file from a shell loop / `samizdat check`' },
  { key: 'check.peak_rss_mb', unit: 'MB', target: { op: '<=', value: 300 }, what: '`samizdat check`, peak RSS' },
  { key: 'sync.second_run_ms', unit: 'ms', target: { op: '<=', value: 1000 }, what: 'a second `samizdat sync` of a folder of 10,000 bundles, whole process (median)' },
  { key: 'sync.second_run_vs_listing', unit: 'x', target: { op: '<=', value: 5 }, what: 'that / listing and stat-ing the folder in a bare node process' },
  { key: 'sync.syncthing_converge_s', unit: 's', what: '1,000 bundles from one Syncthing to another and into the vault (samizdat sync)' },
  { key: 'search.p95_ms_rare', unit: 'ms', target: { op: '<=', value: 20 }, what: 'search over 100,000 statements, a word in 5 of them, p95' },
  { key: 'search.p95_ms_common', unit: 'ms', target: { op: '<=', value: 20 }, what: 'search over 100,000 statements, a word in every one, p95' },
  { key: 'search.p95_ms', unit: 'ms', target: { op: '<=', value: 20 }, what: 'the larger of the two' },
  { key: 'ui.list_first_render_ms', unit: 'ms', target: { op: '<=', value: 500 }, what: 'statements screen, 100,000 statements: Unlock pressed (KDF included) to first rows painted (median)' },
  { key: 'ui.list_after_unlock_ms', unit: 'ms', target: { op: '<=', value: 500 }, what: 'the same from the unlock call answered (vault open) to first rows painted (median)' },
  { key: 'cli.verify_ms', unit: 'ms', what: '`samizdat verify ID` on a vault of 100,000, whole process, interactive KDF (median)' },
  { key: 'cli.node_start_ms', unit: 'ms', what: '`node -e 0` (median)' },
  { key: 'cli.kdf_ms', unit: 'ms', what: 'the KDF alone (scrypt, interactive), in a process (median)' },
  { key: 'cli.overhead_ms', unit: 'ms', what: "what is left of verify: Samizdat's own cost" },
];

const values = new Map<string, number>();
const skipped = new Map<string, string>();
const failed = new Map<string, string>();
const details: Record<string, unknown> = {};

function set(key: string, value: number): void {
  if (!SPECS.some((s) => s.key === key)) throw new Error(`bench: no figure ${key}`);
  if (!Number.isFinite(value)) throw new Error(`bench: ${key} came out as ${value}`);
  values.set(key, value);
}

/** Runs one section; a failure is recorded against the figures it did not make, and the run goes on. */
async function section(name: string, keys: string[], fn: () => Promise<void> | void): Promise<void> {
  if (only && !only.includes(name)) {
    for (const k of keys) skipped.set(k, `not run (--only ${only.join(',')})`);
    return;
  }
  const start = process.hrtime.bigint();
  note(`${name}...`);
  try {
    await fn();
    for (const k of keys) if (!values.has(k) && !skipped.has(k)) failed.set(k, `section ${name} did not measure it`);
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    note(`${name} FAILED: ${message}`);
    if (err instanceof Error && err.stack) process.stderr.write(`${err.stack}\n`);
    for (const k of keys) if (!values.has(k)) failed.set(k, message);
  }
  note(`${name} took ${seconds(start).toFixed(1)} s`);
}

/** The import report of `samizdat --json import FILE`, checked to have taken everything. */
function checkImport(stdout: string, expect: { statements: number; signatures?: number; attachments?: number }): void {
  const report = JSON.parse(stdout) as { files: Array<{ ok: boolean; added: Record<string, number>; rejected: unknown[] }> };
  const f = report.files[0];
  if (!f?.ok) throw new Error(`bench: the import failed: ${JSON.stringify(f).slice(0, 500)}`);
  const wrong =
    f.added.statement !== expect.statements ||
    (expect.signatures !== undefined && f.added.signature !== expect.signatures) ||
    (expect.attachments !== undefined && f.added.attachment !== expect.attachments) ||
    f.rejected.length > 0;
  if (wrong) throw new Error(`bench: the import did not take the whole bundle: added ${JSON.stringify(f.added)}, ${f.rejected.length} rejected`);
}

const started = process.hrtime.bigint();
const startLoad = loadavg();
const scratch = new Scratch(join(tmpdir(), 'samizdat-bench'));
let release: ReleaseSet;
let archive: ArchiveSet;
let archiveVault: string | undefined;

/**
 * The vault of the 100,000-statement archive, made by `samizdat import` (which the memory section
 * measures), then given its member's keys (`samizdat me create`), as a reader's vault has them: the
 * app shows a vault without them its first-run screen, not the statements.
 */
function importArchive(): { vault: string; run: ReturnType<typeof samizdat> } {
  const vault = freshVault(scratch.dir('archive'));
  const run = ok(samizdat(vault, ['--json', 'import', archive.bundle], { rss: true }), 'samizdat import of the archive');
  checkImport(run.stdout, { statements: archive.meta.statements, signatures: archive.meta.statements });
  ok(samizdat(vault, ['me', 'create', '--name', 'Bench reader']), 'samizdat me create');
  archiveVault = vault;
  return { vault, run };
}
const archiveVaultDir = (): string => archiveVault ?? importArchive().vault;

try {
  note(`${quick ? 'quick' : 'full'} run; results to ${outFile}`);
  release = await releaseSet(COUNTS.releaseGroups, COUNTS.releaseStatements);
  archive = await archiveSet(COUNTS.archiveGroups, COUNTS.archiveStatements);
  const signatures = release.meta.statementSignatures + release.meta.linkSignatures;

  // Ed25519 alone in a child (bench/verify-child.ts): rates on one core and on all, best round each.
  await section('verify', ['verify.raw_per_s', 'verify.core_per_s', 'verify.core_vs_raw', 'verify.reader_vs_raw', 'verify.parallel_per_s', 'verify.parallel_vs_raw'], () => {
    const v = child<{ rawPerS: number; corePerS: number; readerPerS: number; poolPerS: number; poolThreads: number; signatures: number }>('verify-child.js', [
      release.bundle,
      String(Math.min(COUNTS.verifySignatures, release.meta.statementSignatures)),
      // One core against one core swings with the machine's other load (0.71 to 0.83 in two runs
      // minutes apart): more interleaved rounds, the best of each side, a second each.
      String(COUNTS.verifyRounds),
    ]);
    set('verify.raw_per_s', v.rawPerS);
    set('verify.core_per_s', v.corePerS);
    set('verify.core_vs_raw', v.corePerS / v.rawPerS);
    set('verify.reader_vs_raw', v.readerPerS / v.rawPerS);
    set('verify.parallel_per_s', v.poolPerS);
    set('verify.parallel_vs_raw', v.poolPerS / v.rawPerS);
    details.verify = v;
  });

  // `samizdat import` as a whole process into a fresh vault, against the raw child: node -e 0, plus
  // the KDF, opening the same kind of vault keyed the same way with the same pragmas, node:crypto
  // verifying every signature on all cores, and the very rows the import stored inserted into the
  // same schema (bench/raw-child.ts). Interleaved, best round of each.
  await section('import', ['import.vs_raw', 'import.statements_per_s'], () => {
    const rounds: Array<Record<string, number>> = [];
    for (let r = 0; r < COUNTS.rounds; r++) {
      const dir = scratch.dir('import');
      const vault = freshVault(dir);
      const cli = ok(samizdat(vault, ['--json', 'import', release.bundle]), 'samizdat import');
      checkImport(cli.stdout, { statements: release.meta.statements, signatures: release.meta.statementSignatures });
      const node = nodeStart();
      const raw = child<{ kdf: number; open: number; verify: number; insert: number; close: number; signatures: number; ftsRebuilt: boolean }>('raw-child.js', ['import', vault, release.signatures, dir]);
      if (raw.signatures !== signatures) throw new Error(`bench: the raw side verified ${raw.signatures} signatures, the bundle holds ${signatures}`);
      rounds.push({ samizdat: cli.seconds, raw: node + raw.kdf + raw.open + raw.verify + raw.insert + raw.close, node, kdf: raw.kdf, open: raw.open, verify: raw.verify, insert: raw.insert, close: raw.close });
      rmSync(dir, { recursive: true, force: true });
    }
    const ours = min(rounds.map((r) => r.samizdat as number));
    const raw = min(rounds.map((r) => r.raw as number));
    set('import.vs_raw', ours / raw);
    set('import.statements_per_s', release.meta.statements / ours);
    details.import = { statements: release.meta.statements, groups: release.meta.groups, signatures, samizdatSeconds: ours, rawSeconds: raw, rounds };
  });

  // Peak memory of whole `samizdat import` processes (VmHWM, bench/rss-probe.ts): the archive of
  // 100,000 statements (whose vault then serves search, ui and cli), and one 1 GiB bundle.
  await section('memory', ['import.peak_rss_mb_100k', 'import.peak_rss_mb_1gib'], async () => {
    const { run } = importArchive();
    set('import.peak_rss_mb_100k', (run.peakRssBytes as number) / MB);
    const big = await attachmentSet(COUNTS.attachmentBytes);
    const dir = scratch.dir('attachment');
    const vault = freshVault(dir);
    const one = ok(samizdat(vault, ['--json', 'import', big.bundle], { rss: true }), 'samizdat import of the attachment bundle');
    checkImport(one.stdout, { statements: 1, attachments: 1 });
    rmSync(dir, { recursive: true, force: true });
    set('import.peak_rss_mb_1gib', (one.peakRssBytes as number) / MB);
    details.memory = {
      archive: { statements: archive.meta.statements, groups: archive.meta.groups, seconds: run.seconds, statementsPerS: archive.meta.statements / run.seconds, peakRssBytes: run.peakRssBytes },
      attachment: { bytes: big.bytes, seconds: one.seconds, peakRssBytes: one.peakRssBytes },
    };
  });

  // `samizdat check` as a whole process, against its physical limit: node -e 0 plus node:crypto
  // verifying every signature of the bundle on all cores; and against minisign -V run once per
  // statement file from one bash loop (one signature a file where check verifies three).
  await section('check', ['check.vs_raw', 'check.vs_minisign', 'check.peak_rss_mb'], () => {
    const nowhere = join(scratch.root, 'no-vault');
    const minisignFiles = readdirSync(release.minisign).filter((f) => f.endsWith('.txt')).length;
    if (minisignFiles !== release.meta.statements) throw new Error(`bench: ${minisignFiles} statement files for minisign, ${release.meta.statements} statements`);
    const haveMinisign = spawnSync('minisign', ['-v']).error === undefined;
    const rounds: Array<Record<string, number>> = [];
    const loops: number[] = [];
    const peaks: number[] = [];
    for (let r = 0; r < COUNTS.checkRounds; r++) {
      const check = ok(samizdat(nowhere, ['--json', 'check', release.bundle], { rss: true }), 'samizdat check');
      peaks.push(check.peakRssBytes as number);
      const report = JSON.parse(check.stdout) as { ok: boolean; statements: unknown[] };
      if (!report.ok || report.statements.length !== release.meta.statements) throw new Error(`bench: check says ok=${report.ok} for ${report.statements.length} statements`);
      const node = nodeStart();
      const raw = child<{ verify: number; signatures: number }>('raw-child.js', ['verify', release.signatures]);
      rounds.push({ samizdat: check.seconds, raw: node + raw.verify, node, verify: raw.verify });
      if (haveMinisign && r < COUNTS.minisignRounds) {
        const start = process.hrtime.bigint();
        const loop = spawnSync('bash', ['-c', 'cd "$1" && for f in *.txt; do minisign -Vqm "$f" -p "${f%.txt}.pub" || exit 1; done', 'bench', release.minisign], { stdio: 'ignore' });
        const took = seconds(start);
        if (loop.status !== 0) throw new Error(`bench: minisign -V refused a statement file (exit ${loop.status})`);
        loops.push(took);
      }
    }
    const ours = min(rounds.map((r) => r.samizdat as number));
    const raw = min(rounds.map((r) => r.raw as number));
    set('check.vs_raw', ours / raw);
    if (haveMinisign) set('check.vs_minisign', min(loops) / ours);
    else skipped.set('check.vs_minisign', 'minisign is not installed (apt-get install minisign)');
    set('check.peak_rss_mb', Math.max(...peaks) / MB);
    details.check = { statements: release.meta.statements, signatures, samizdatSeconds: ours, rawSeconds: raw, minisignSeconds: loops.length ? min(loops) : null, minisignFiles, rounds, minisignRounds: loops };
  });

  // A second `samizdat sync` of a folder it has synced, as a whole process, against listing and
  // stat-ing the same folder in a bare node process.
  await section('sync', ['sync.second_run_ms', 'sync.second_run_vs_listing'], async () => {
    const source = await folderSet(COUNTS.folderBundles);
    const dir = scratch.dir('sync');
    const folder = join(dir, 'folder');
    cpSync(source, folder, { recursive: true });
    const vault = freshVault(dir);
    const first = ok(samizdat(vault, ['--json', 'sync', folder]), 'the first samizdat sync');
    type SyncJson = { imported: Array<{ added: Record<string, number> }>; written: unknown[]; failed: unknown[] };
    const added = (r: SyncJson): number => r.imported.reduce((n, i) => n + Object.values(i.added).reduce((a, b) => a + b, 0), 0);
    const firstReport = JSON.parse(first.stdout) as SyncJson;
    const statements = firstReport.imported.reduce((n, i) => n + (i.added.statement ?? 0), 0);
    if (statements !== COUNTS.folderBundles || firstReport.failed.length > 0) throw new Error(`bench: the first sync took ${statements} statements of ${COUNTS.folderBundles}`);
    const listing = `const fs = require('node:fs'), path = require('node:path'); let n = 0; for (const f of fs.readdirSync(process.argv[1])) { fs.statSync(path.join(process.argv[1], f)); n++; } if (n === 0) process.exit(1);`;
    const rounds: Array<Record<string, number>> = [];
    for (let r = 0; r < COUNTS.rounds; r++) {
      const again = ok(samizdat(vault, ['--json', 'sync', folder]), 'the second samizdat sync');
      const report = JSON.parse(again.stdout) as SyncJson;
      if (report.written.length > 0 || added(report) > 0 || report.failed.length > 0) throw new Error(`bench: the second sync was not a no-op: ${again.stdout.slice(0, 300)}`);
      const list = ok(runNode(['-e', listing, folder]), 'the folder listing');
      rounds.push({ samizdat: again.seconds, listing: list.seconds });
    }
    if (readdirSync(folder).length !== COUNTS.folderBundles) throw new Error('bench: sync changed the folder');
    set('sync.second_run_ms', median(rounds.map((r) => r.samizdat as number)) * 1000);
    set('sync.second_run_vs_listing', min(rounds.map((r) => r.samizdat as number)) / min(rounds.map((r) => r.listing as number)));
    details.sync = { bundles: COUNTS.folderBundles, firstRunSeconds: first.seconds, rounds };
    rmSync(dir, { recursive: true, force: true });
  });

  // Search latency in a process that opened the archive's vault as the CLI does (bench/search-child.ts).
  await section('search', ['search.p95_ms_rare', 'search.p95_ms_common', 'search.p95_ms'], () => {
    const s = child<{ ms: { rare: number[]; common: number[] }; hits: Record<string, number> }>('search-child.js', [archiveVaultDir(), String(COUNTS.searchQueries), RARE_WORDS.join(','), COMMON_WORD]);
    for (const w of [...RARE_WORDS, COMMON_WORD]) if (!(Number(s.hits[w]) > 0)) throw new Error(`bench: search found nothing for ${w}`);
    const rare = percentile(s.ms.rare, 95);
    const common = percentile(s.ms.common, 95);
    set('search.p95_ms_rare', rare);
    set('search.p95_ms_common', common);
    set('search.p95_ms', Math.max(rare, common));
    details.search = { statements: archive.meta.statements, queries: COUNTS.searchQueries, hits: s.hits, medianMs: { rare: median(s.ms.rare), common: median(s.ms.common) }, maxMs: { rare: Math.max(...s.ms.rare), common: Math.max(...s.ms.common) } };
  });

  await section('ui', ['ui.list_first_render_ms', 'ui.list_after_unlock_ms'], async () => {
    const why = uiUnavailable();
    if (why) {
      skipped.set('ui.list_first_render_ms', why);
      skipped.set('ui.list_after_unlock_ms', why);
      return;
    }
    const r = await measureFirstRender(archiveVaultDir(), COUNTS.uiRounds);
    if (r.rows === 0) throw new Error('bench: the statements screen showed no rows');
    set('ui.list_first_render_ms', median(r.fromUnlockMs));
    set('ui.list_after_unlock_ms', median(r.afterUnlockedMs));
    details.ui = { statements: archive.meta.statements, rowsShown: r.rows, ...r };
  });

  // One `samizdat verify ID` on the archive's vault, beside what any process and any vault costs.
  await section('cli', ['cli.verify_ms', 'cli.node_start_ms', 'cli.kdf_ms', 'cli.overhead_ms'], () => {
    const vault = archiveVaultDir();
    const rounds: Array<Record<string, number>> = [];
    for (let r = 0; r < COUNTS.cliRounds; r++) {
      const verify = ok(samizdat(vault, ['verify', archive.meta.sampleId]), 'samizdat verify');
      rounds.push({ verify: verify.seconds * 1000, node: nodeStart() * 1000, kdf: child<{ kdf: number }>('raw-child.js', ['kdf']).kdf * 1000 });
    }
    const [verify, node, kdf] = (['verify', 'node', 'kdf'] as const).map((k) => median(rounds.map((r) => r[k] as number))) as [number, number, number];
    set('cli.verify_ms', verify);
    set('cli.node_start_ms', node);
    set('cli.kdf_ms', kdf);
    set('cli.overhead_ms', verify - node - kdf);
    details.cli = { statements: archive.meta.statements, rounds };
  });

  // tests/helpers/syncthing.ts: two real daemons on loopback, N bundles from one to the other, then samizdat sync.
  await section('syncthing', ['sync.syncthing_converge_s'], async () => {
    if (SYNCTHING_BIN === undefined) {
      skipped.set('sync.syncthing_converge_s', 'syncthing is not installed (apt-get install syncthing)');
      return;
    }
    const r = await measureSyncthingConvergence({ bundles: COUNTS.syncthingBundles });
    set('sync.syncthing_converge_s', r.totalSeconds);
    details.syncthing = r;
  });
} finally {
  scratch.remove();
}

// --- the table and the file ---

const fmt = (v: number): string => (Math.abs(v) >= 100 ? Math.round(v).toLocaleString('en-US') : Math.abs(v) >= 10 ? v.toFixed(1) : v.toFixed(2));
const passes = (s: Spec, v: number): boolean => (s.target?.op === '<=' ? v <= s.target.value : v >= (s.target?.value ?? -Infinity));
const cpu = cpus()[0]?.model.trim() ?? 'unknown';
const machine = { cpu, cores, node: process.version, platform: `${platform()} ${arch()}`, memoryGB: Math.round(totalmem() / 1e9), loadAverage: { start: startLoad, end: loadavg() } };
const pass: Record<string, boolean> = {};
const rows = SPECS.map((s) => {
  const v = values.get(s.key);
  const target = s.target ? `${s.target.op} ${s.target.value}` : '';
  let verdict = '';
  if (v === undefined) verdict = failed.has(s.key) ? 'FAILED' : 'skipped';
  else if (s.target) {
    pass[s.key] = passes(s, v);
    verdict = pass[s.key] ? 'pass' : 'FAIL';
  }
  return [s.key, v === undefined ? '-' : `${fmt(v)} ${s.unit}`, target, verdict];
});
const widths = [0, 1, 2, 3].map((i) => Math.max(...rows.map((r) => (r[i] as string).length), ['figure', 'value', 'target', ''][i]?.length ?? 0));
const line = (r: string[]) => r.map((c, i) => (i === 1 ? c.padStart(widths[i] as number) : c.padEnd(widths[i] as number))).join('  ').trimEnd();
console.log(`\nSamizdat benchmark (${quick ? 'QUICK: small counts; the targets are for the full run' : 'full'}): ${cpu}, ${cores} cores, node ${process.version}`);
console.log(line(['figure', 'value', 'target', '']));
for (const r of rows) console.log(line(r as string[]));
for (const [k, why] of skipped) console.log(`skipped ${k}: ${why}`);
for (const [k, why] of failed) console.log(`FAILED ${k}: ${why}`);

const results: Record<string, unknown> = {
  schema: 1,
  mode: quick ? 'quick' : 'full',
  date: new Date().toISOString(),
  seconds: seconds(started),
  machine,
  counts: COUNTS,
};
for (const s of SPECS) {
  const [group, name] = s.key.split('.') as [string, string];
  const g = (results[group] ??= {}) as Record<string, number | null>;
  g[name] = values.get(s.key) ?? null;
}
Object.assign(results, {
  targets: Object.fromEntries(SPECS.filter((s) => s.target).map((s) => [s.key, `${s.target?.op} ${s.target?.value}`])),
  pass,
  skipped: Object.fromEntries(skipped),
  failed: Object.fromEntries(failed),
  what: Object.fromEntries(SPECS.map((s) => [s.key, `${s.what} (${s.unit})`])),
  details,
});
mkdirSync(dirname(outFile), { recursive: true });
writeFileSync(outFile, `${JSON.stringify(results, null, 2)}\n`);
console.log(`\nwrote ${outFile} in ${seconds(started).toFixed(0)} s`);
if (failed.size > 0) process.exitCode = 1;

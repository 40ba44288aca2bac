// Loaded first (`node --import`) into a process whose peak memory the benchmark reads: when the
// process exits, its VmHWM (the peak resident set since it started) is written to the file named by
// SAMIZDAT_BENCH_RSS_FILE. VmHWM, not getrusage: on Linux a child's ru_maxrss can report the peak
// of the parent it was forked from. Worker threads' memory is the process's own, so it counts.
import { readFileSync, writeFileSync } from 'node:fs';

const out = process.env.SAMIZDAT_BENCH_RSS_FILE;
if (out !== undefined && out !== '') {
  process.on('exit', () => {
    const m = /^VmHWM:\s+(\d+) kB$/m.exec(readFileSync('/proc/self/status', 'utf8'));
    if (m) writeFileSync(out, String(Number(m[1]) * 1024));
  });
}

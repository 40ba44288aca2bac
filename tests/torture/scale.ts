// How many trials a torture test runs: a quick count inside `npm test`, the full count under
// `npm run torture` (SAMIZDAT_TORTURE=full), so the same test cannot rot between the two.
export const fullTorture = process.env.SAMIZDAT_TORTURE === 'full';

/** `quick` trials in `npm test`, `full` under `npm run torture`. */
export function trials(quick: number, full: number): number {
  return fullTorture ? full : quick;
}

/** A per-test timeout that grows with the full run. */
export function tortureTimeout(quickMs: number, fullMs: number): number {
  return fullTorture ? fullMs : quickMs;
}

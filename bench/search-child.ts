// Full-text search latency, alone in a process: `search-child.js VAULT QUERIES RARE,WORDS COMMON`.
// Opens the vault as the CLI does, then asks what `samizdat search WORD` asks
// (service/statements.ts, searchStatements, 20 hits), QUERIES times for each kind of word, the
// kinds interleaved, each query timed on its own after a few unmeasured ones. Prints one line of
// JSON: every latency in milliseconds, and how many hits each word had (a check that it searched).
import { searchStatements } from '../src/core/service/statements.js';
import { Vault } from '../src/core/store/vault.js';
import { PASSPHRASE, seconds } from './lib.js';

const [dir, queriesArg, rareArg, common] = process.argv.slice(2);
const queries = Number(queriesArg);
if (!dir || !rareArg || !common || !Number.isSafeInteger(queries) || queries < 1) throw new Error('usage: search-child.js VAULT QUERIES RARE,WORDS COMMON');
const rare = rareArg.split(',');

const vault = await Vault.open(dir, PASSPHRASE);
const ms: { rare: number[]; common: number[] } = { rare: [], common: [] };
const hits: Record<string, number> = {};
const ask = (word: string): number => {
  const start = process.hrtime.bigint();
  const result = searchStatements(vault, word, 20);
  const took = seconds(start) * 1000;
  hits[word] = result.hits.length;
  return took;
};
try {
  for (let i = 0; i < 5; i++) for (const w of [...rare, common]) ask(w);
  for (let i = 0; i < queries; i++) {
    ms.rare.push(ask(rare[i % rare.length] as string));
    ms.common.push(ask(common));
  }
} finally {
  vault.close();
}
process.stdout.write(`${JSON.stringify({ ms, hits })}\n`);

// Import and check, against the raw work they cannot avoid, measured in the same run:
// - import of S statements with 3 signatures each vs raw node:crypto verification of every
//   signature plus a bare SQLite insert of the same rows (DESIGN budget: at most 1.5x);
// - `check` of C statements vs running `minisign -V` once per statement file (budget: 3x faster).
import { createPublicKey, verify as nodeVerify } from 'node:crypto';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3-multiple-ciphers';
import { generateBoxKeyPair } from '../src/core/crypto/box.js';
import { generateSigningKeyPair, type SigningKeyPair } from '../src/core/crypto/ed25519.js';
import { canonicalBytes } from '../src/core/model/canonical.js';
import { makeCharter, makeMember, makeStatement, makeStatementSignature, signLink } from '../src/core/model/build.js';
import { objectId, statementSigningMessage } from '../src/core/model/objects.js';
import { writeBundle, type WriterRecord } from '../src/core/bundle/writer.js';
import { importBundle } from '../src/core/exchange/import.js';
import { checkBundle } from '../src/core/exchange/check.js';
import { openBundleFile } from '../src/core/exchange/files.js';
import { writeStreamAtomic } from '../src/core/exchange/atomic.js';
import { Vault } from '../src/core/store/vault.js';

interface Built {
  file: string;
  rows: Array<{ id: string; bytes: Uint8Array }>;
  signatures: Array<{ message: Uint8Array; sig: Uint8Array; key: Uint8Array }>;
}

/** A group of three (release threshold 3) and `count` statements, each signed by all three. */
async function buildBundle(dir: string, count: number): Promise<Built> {
  const members: SigningKeyPair[] = [0, 1, 2].map(() => generateSigningKeyPair());
  let charter = makeCharter({
    name: 'Bench Union',
    members: members.map((m, i) => makeMember(`member ${i}`, m.publicKey, generateBoxKeyPair().publicKey)),
    thresholds: { release: 3, membership: 3 },
  });
  for (const m of members) charter = signLink(charter, m);
  const group = objectId(charter);
  const statements: WriterRecord[] = [];
  const sigs: WriterRecord[] = [];
  const built: Built = { file: join(dir, 'bench.samizdat'), rows: [], signatures: [] };
  for (let i = 0; i < count; i++) {
    const s = makeStatement({ authors: [group], title: `Statement ${i}`, lang: 'en', date: '2026-11-26', body: `No to war, number ${i}. `.repeat(20), relations: [], attachments: [] });
    const bytes = canonicalBytes(s);
    const id = objectId(s);
    statements.push({ kind: 'object', section: 'statement', id, bytes });
    built.rows.push({ id, bytes });
    for (const m of members) {
      const sig = makeStatementSignature({ statement: id, group, link: group, role: 'release' }, m);
      const sigBytes = canonicalBytes(sig);
      const sigId = objectId(sig);
      sigs.push({ kind: 'object', section: 'signature', id: sigId, bytes: sigBytes });
      built.rows.push({ id: sigId, bytes: sigBytes });
      built.signatures.push({ message: statementSigningMessage(sig), sig: Buffer.from(sig.sig, 'hex'), key: m.publicKey });
    }
  }
  const byId = (a: WriterRecord, b: WriterRecord) => (a.id < b.id ? -1 : 1);
  const records = [{ kind: 'object', section: 'link', id: group, bytes: canonicalBytes(charter) } as WriterRecord, ...statements.sort(byId), ...sigs.sort(byId)];
  await writeStreamAtomic(built.file, writeBundle(records.length, records));
  return built;
}

const seconds = (start: bigint): number => Number(process.hrtime.bigint() - start) / 1e9;

function rawWork(dir: string, built: Built): number {
  const spkiPrefix = Buffer.from('302a300506032b6570032100', 'hex');
  const start = process.hrtime.bigint();
  // Key objects made once per key, as any sensible raw verifier would.
  const keys = new Map<string, ReturnType<typeof createPublicKey>>();
  for (const s of built.signatures) {
    const hex = Buffer.from(s.key).toString('hex');
    let key = keys.get(hex);
    if (!key) keys.set(hex, (key = createPublicKey({ key: Buffer.concat([spkiPrefix, s.key]), format: 'der', type: 'spki' })));
    if (!nodeVerify(null, s.message, key, s.sig)) throw new Error('bench: a signature does not verify');
  }
  const db = new Database(join(dir, 'bare.db'));
  db.exec('CREATE TABLE rows (id TEXT PRIMARY KEY, bytes BLOB NOT NULL)');
  const insert = db.prepare('INSERT INTO rows (id, bytes) VALUES (?, ?)');
  db.transaction(() => {
    for (const r of built.rows) insert.run(r.id, r.bytes);
  })();
  db.close();
  return seconds(start);
}

async function oursImport(dir: string, built: Built): Promise<number> {
  const vault = await Vault.create(join(dir, 'vault'), 'bench passphrase', 'interactive');
  try {
    const start = process.hrtime.bigint();
    const report = await importBundle(vault, openBundleFile(built.file).chunks, { boxSecrets: [] });
    const took = seconds(start);
    if (report.rejected.length > 0 || report.added.signature !== built.signatures.length) throw new Error('bench: import did not take every signature');
    return took;
  } finally {
    vault.close();
  }
}

/** Seconds per `minisign -V` of one small file, process included, over `n` runs. */
function minisignPerFile(dir: string, n: number): number | undefined {
  const probe = spawnSync('minisign', ['-v']);
  if (probe.error) return undefined;
  // A key pair made by minisign itself (no password), one signed file, verified n times.
  const sk = join(dir, 'bench.key');
  const pk = join(dir, 'bench.pub');
  const gen = spawnSync('minisign', ['-G', '-W', '-f', '-p', pk, '-s', sk]);
  if (gen.status !== 0) return undefined;
  const file = join(dir, 'statement.txt');
  writeFileSync(file, 'Statement\n\nNo to war.\n');
  if (spawnSync('minisign', ['-S', '-s', sk, '-m', file]).status !== 0) return undefined;
  const start = process.hrtime.bigint();
  for (let i = 0; i < n; i++) if (spawnSync('minisign', ['-V', '-q', '-p', pk, '-m', file]).status !== 0) throw new Error('bench: minisign -V failed');
  return seconds(start) / n;
}

export async function benchExchange(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'samizdat-bench-'));
  try {
    const importCount = Number(process.env.BENCH_IMPORT_STATEMENTS ?? 10_000);
    const big = await buildBundle(dir, importCount);
    const raw = rawWork(dir, big);
    const ours = await oursImport(dir, big);
    console.log(`\nImport of ${importCount} statements with 3 signatures each`);
    console.log(`raw verify + bare SQLite insert  ${raw.toFixed(2)} s   ratio 1.00`);
    console.log(`samizdat import                  ${ours.toFixed(2)} s   ratio ${(ours / raw).toFixed(2)}`);
    console.log('budget: import <= 1.5 x raw');

    const checkCount = Number(process.env.BENCH_CHECK_STATEMENTS ?? 1000);
    const small = await buildBundle(mkdtempSync(join(dir, 'check-')), checkCount);
    const start = process.hrtime.bigint();
    const report = await checkBundle(openBundleFile(small.file).chunks, { trust: [] });
    const checkSeconds = seconds(start);
    if (!report.ok) throw new Error('bench: check did not pass');
    const perFile = minisignPerFile(dir, 50);
    console.log(`\nCheck of ${checkCount} statements (3 signatures each)`);
    if (perFile === undefined) {
      console.log(`samizdat check                   ${checkSeconds.toFixed(2)} s   (minisign not installed: no ratio)`);
    } else {
      const minisign = perFile * checkCount;
      console.log(`minisign -V once per statement   ${minisign.toFixed(2)} s   ratio 1.00 (${(perFile * 1000).toFixed(2)} ms a file, 50 runs)`);
      console.log(`samizdat check                   ${checkSeconds.toFixed(2)} s   speed-up ${(minisign / checkSeconds).toFixed(1)}x`);
    }
    console.log('budget: check at least 3 x faster than minisign -V per statement');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

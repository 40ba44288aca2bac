// kill -9 at random moments (a seeded PRNG; the seed is printed) of the three long writes a user
// makes: a large import, a sync with a drop folder, a change of passphrase. After every kill the
// vault opens with the right passphrase (for passwd: the old one or the new one, never neither),
// `PRAGMA integrity_check` says ok, and every bundle is in the vault wholly or not at all. Sync
// leaves its own temporary files behind when it is killed mid-write; the next sync removes them,
// and never a file of anybody else.
import { cpSync, existsSync, mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { spawn } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Vault } from '../../src/core/store/vault.js';
import { SAMIZDAT_BIN, device, tempDir } from '../helpers/cli.js';
import { rejection } from '../unit/store/helpers.js';
import { trials, tortureTimeout } from './scale.js';
import { Tally, bigBundle, openAndCheck, prng, runKilledAfter, setUpDevice, sha256, timeRun, tortureSeed, wholeOrNothing, type BigBundle } from './helpers.js';

const TRIALS = trials(5, 50);
const random = prng(tortureSeed('kill.test.ts'));
/** A moment in a run that takes `ms` when left alone: anywhere from its start to a little after its end. */
const moment = (ms: number): number => Math.floor(random() * ms * 1.1);

const fresh = (from: string, to: string): void => {
  rmSync(to, { recursive: true, force: true });
  cpSync(from, to, { recursive: true });
};

const tmp = tempDir('samizdat-torture-kill-');
afterAll(() => tmp.remove());
const base = join(tmp.path, 'base'); // a vault with an identity, a group and a released statement
const imported = join(tmp.path, 'imported'); // the same after the import of the big bundle
const file = join(tmp.path, 'big.samizdat');
const PASS = 'passphrase of olga';
const olga = device(tmp.path, 'olga', PASS);
let big: BigBundle;
let importMs = 0;

beforeAll(async () => {
  setUpDevice(olga, tmp.path);
  cpSync(olga.vault, base, { recursive: true });
  big = await bigBundle(3000, 'import-');
  writeFileSync(file, big.bytes);
  importMs = await timeRun(['import', file], olga.env);
  cpSync(olga.vault, imported, { recursive: true });
}, 180_000);

describe('kill -9 during a large import', () => {
  it(`${TRIALS} imports of 3,000 statements killed at random moments: the vault opens, integrity_check ok, the bundle wholly imported or not at all`, async () => {
    const tally = new Tally();
    for (let trial = 0; trial < TRIALS; trial++) {
      fresh(base, olga.vault);
      const at = moment(importMs);
      const run = await runKilledAfter(['import', file], olga.env, at);
      if (!run.killed) expect(run.status, run.stderr).toBe(0);
      const v = await openAndCheck(olga.vault, [PASS], big.statements);
      const outcome = wholeOrNothing(v, big.statements, `trial ${trial}, killed at ${at} ms`);
      expect(v.statements).toBe(1 + (outcome === 'all' ? big.statements.length : 0));
      tally.add(`${run.killed ? 'killed' : 'finished'}/${outcome}`);
    }
    console.log(`kill during import (${TRIALS} trials, a run takes ${Math.round(importMs)} ms): ${tally}`);
  }, tortureTimeout(120_000, 900_000));
});

/** This machine's tag in Samizdat's temporary names (`.samizdat-HOST-PID-RANDOM.partial`), as atomic.ts makes it. */
const HOST_TAG = sha256(new TextEncoder().encode(hostname())).slice(0, 8);
const ownPartial = (name: string): RegExpExecArray | null => new RegExp(`^\\.samizdat-${HOST_TAG}-([0-9]+)-[0-9a-f]{12}\\.partial$`).exec(name);

describe('kill -9 during a sync with a drop folder', () => {
  const folder = join(tmp.path, 'drop');
  const pristineFolder = join(tmp.path, 'drop-pristine');
  const syncBase = join(tmp.path, 'sync-base');
  const otherHost = HOST_TAG === '0badc0de' ? '0ddba11a' : '0badc0de';
  /** Files of others in the drop folder, some named like ours: every one must stay as it is. */
  const foreign: Record<string, string> = {
    'foo.partial': 'somebody else’s download\n',
    '.report.docx.partial': 'an office suite’s temporary file\n',
    [`.samizdat-${otherHost}-4242-0123456789ab.partial`]: 'another machine’s Samizdat, writing over the share\n',
    [`.samizdat-${HOST_TAG}-${process.pid}-0123456789ab.partial`]: 'a Samizdat of this machine still running (this test)\n',
    '.samizdat-0123456789ab.partial': 'an older Samizdat’s temporary file, nobody’s to judge\n',
    'notes.txt': 'meeting on Thursday\n',
  };
  let b1: BigBundle;
  let b2: BigBundle;
  let runMs = 0;

  beforeAll(async () => {
    // Olga holds 501 statements that the folder lacks, so a sync writes a bundle of about a MiB;
    // the folder carries two bundles that Olga lacks, and files of others.
    const own = await bigBundle(500, 'own-');
    writeFileSync(join(tmp.path, 'own.samizdat'), own.bytes);
    fresh(base, olga.vault);
    expect(olga.run(['import', join(tmp.path, 'own.samizdat')]).status).toBe(0);
    fresh(olga.vault, syncBase);
    b1 = await bigBundle(300, 'b1-');
    b2 = await bigBundle(300, 'b2-');
    mkdirSync(pristineFolder);
    writeFileSync(join(pristineFolder, 'b1.samizdat'), b1.bytes);
    writeFileSync(join(pristineFolder, 'b2.samizdat'), b2.bytes);
    for (const [name, text] of Object.entries(foreign)) writeFileSync(join(pristineFolder, name), text);
    fresh(pristineFolder, folder);
    runMs = await timeRun(['sync', folder], olga.env);
  }, 180_000);

  /** The folder after any run: bundles under final names are whole (named by their hash); others' files untouched. */
  function checkFolder(): string[] {
    const names = readdirSync(folder).sort();
    for (const [name, text] of Object.entries(foreign)) expect(readFileSync(join(folder, name), 'utf8'), name).toBe(text);
    for (const name of names.filter((n) => n.endsWith('.samizdat') && !/^b[12]\.samizdat$/.test(n))) {
      expect(`${sha256(readFileSync(join(folder, name)))}.samizdat`, 'a bundle under its final name is whole').toBe(name);
    }
    return names.filter((n) => ownPartial(n) !== null && Number(ownPartial(n)?.[1]) !== process.pid);
  }

  it(`${TRIALS} syncs killed at random moments: the vault opens, integrity_check ok, each bundle wholly imported or not; the next sync removes the killed run's .partial files and nobody else's`, async () => {
    const tally = new Tally();
    let stalePartials = 0;
    for (let trial = 0; trial < TRIALS; trial++) {
      fresh(syncBase, olga.vault);
      fresh(pristineFolder, folder);
      const at = moment(runMs);
      const run = await runKilledAfter(['sync', folder], olga.env, at);
      if (!run.killed) expect(run.status, run.stderr).toBe(0);
      const v = await openAndCheck(olga.vault, [PASS], [...b1.statements, ...b2.statements]);
      const outcome = [wholeOrNothing(v, b1.statements, `trial ${trial} b1`), wholeOrNothing(v, b2.statements, `trial ${trial} b2`)].join('+');
      const left = checkFolder();
      stalePartials += left.length;
      tally.add(`${run.killed ? 'killed' : 'finished'}/${outcome}${left.length > 0 ? '/partial left' : ''}`);

      // A later sync removes what the killed one left (checked after every kill that left one, and at the end).
      if (left.length === 0 && trial < TRIALS - 1) continue;
      const again = olga.run(['sync', folder]);
      expect(again.status, again.stderr).toBe(0);
      expect(checkFolder(), 'no temporary file of a dead Samizdat is left').toEqual([]);
      const after = await openAndCheck(olga.vault, [PASS], [...b1.statements, ...b2.statements]);
      expect(wholeOrNothing(after, b1.statements, 'b1 after the next sync')).toBe('all');
      expect(wholeOrNothing(after, b2.statements, 'b2 after the next sync')).toBe('all');
    }
    console.log(`kill during sync (${TRIALS} trials, a run takes ${Math.round(runMs)} ms): ${tally}; stale .partial files removed by the next sync: ${stalePartials}`);
  }, tortureTimeout(180_000, 1_200_000));

  it('a sync killed while it writes its bundle leaves its .partial behind; the next sync removes that one and no other', async () => {
    fresh(syncBase, olga.vault);
    fresh(pristineFolder, folder);
    // Kill the moment its temporary file appears (poll the folder).
    const child = spawn(process.execPath, [SAMIZDAT_BIN, 'sync', folder], { env: { PATH: process.env.PATH, HOME: process.env.HOME, ...olga.env }, stdio: 'ignore' });
    const exited = new Promise<string | null>((resolve) => child.on('close', (_c, signal) => resolve(signal)));
    let seen: string | undefined;
    const deadline = Date.now() + 60_000;
    while (seen === undefined && Date.now() < deadline && child.exitCode === null) {
      seen = readdirSync(folder).find((n) => ownPartial(n)?.[1] === String(child.pid));
      if (seen === undefined) await new Promise((r) => setTimeout(r, 2));
    }
    child.kill('SIGKILL');
    expect(await exited).toBe('SIGKILL');
    expect(seen, 'the sync wrote a temporary file named .samizdat-HOST-PID-RANDOM.partial').toBeDefined();
    expect(existsSync(join(folder, seen as string))).toBe(true);
    expect(checkFolder()).toEqual([seen]);

    const again = olga.run(['sync', folder]);
    expect(again.status, again.stderr).toBe(0);
    expect(existsSync(join(folder, seen as string))).toBe(false);
    expect(checkFolder()).toEqual([]);
    const bundles = readdirSync(folder).filter((n) => n.endsWith('.samizdat'));
    expect(bundles.length).toBeGreaterThanOrEqual(3); // b1, b2 and what Olga wrote
  }, 120_000);
});

describe('kill -9 during a change of passphrase', () => {
  let runMs = 0;

  beforeAll(async () => {
    // A database of 3,001 statements (several MiB), so that the rekey takes a while.
    fresh(imported, olga.vault);
    runMs = await timeRun(['passwd'], { ...olga.env, SAMIZDAT_NEW_PASSPHRASE: 'a timing passphrase' });
    fresh(imported, olga.vault);
  }, 180_000);

  it(`${TRIALS} passphrase changes killed at random moments: the old or the new passphrase opens (never neither, never both), integrity_check ok, nothing lost`, async () => {
    const tally = new Tally();
    let current = PASS;
    for (let trial = 0; trial < TRIALS; trial++) {
      const next = `new passphrase number ${trial}`;
      const at = moment(runMs);
      const run = await runKilledAfter(['passwd'], { SAMIZDAT_VAULT: olga.vault, SAMIZDAT_PASSPHRASE: current, SAMIZDAT_NEW_PASSPHRASE: next }, at);
      if (!run.killed) expect(run.status, run.stderr).toBe(0);
      const v = await openAndCheck(olga.vault, [current, next]);
      if (!run.killed) expect(v.passphrase).toBe(next);
      expect(v.statements).toBe(1 + big.statements.length);
      const other = v.passphrase === current ? next : current;
      expect((await rejection(Vault.open(olga.vault, other))).code).toBe('vault.wrong-passphrase');
      tally.add(`${run.killed ? 'killed' : 'finished'}/${v.passphrase === next ? 'new' : 'old'} passphrase`);
      current = v.passphrase;
    }
    console.log(`kill during passwd (${TRIALS} trials, a run takes ${Math.round(runMs)} ms): ${tally}`);
  }, tortureTimeout(120_000, 900_000));
});

// Truncation sweep: the small released bundle of tests/torture/released-bundle.ts cut short at
// every offset (`npm test`: a seeded sample; `npm run torture`: every offset). In process, every
// prefix is refused with B-TRUNCATED ("the file ends before the trailer's LF", whatever the cut
// leaves at its end) and nothing is stored, read as one chunk and as small odd chunks; through the
// built CLI, a sample exits 4 naming B-TRUNCATED with no stack trace, and the vault is unchanged.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Vault } from '../../src/core/store/index.js';
import { device, tempDir } from '../helpers/cli.js';
import { setUpDevice } from './helpers.js';
import { chunked } from '../unit/bundle/helpers.js';
import { importInto, leftovers, released, sample, Tally } from './released-bundle.js';
import { fullTorture, tortureTimeout, trials } from './scale.js';

const log: string[] = [];
afterAll(() => {
  if (log.length > 0) console.log(log.join('\n\n'));
});

describe(`truncation sweep of a released bundle (${fullTorture ? 'every offset' : 'a seeded sample of offsets'})`, () => {
  it(
    'in process: every prefix is refused with B-TRUNCATED, as one chunk and in small chunks, and nothing is stored',
    async () => {
      const r = await released();
      const n = r.bundle.length;
      const cuts = sample(n, trials(200, n), 0x7e5c);
      // Both ends are always tried: the empty file, and the bundle without its final LF.
      for (const edge of [0, n - 1]) if (!cuts.includes(edge)) cuts.push(edge);
      const tally = new Tally();
      const failures: string[] = [];
      let vault = Vault.scratch();
      try {
        for (const cut of cuts) {
          const prefix = r.bundle.subarray(0, cut);
          for (const [form, chunks] of [
            ['one chunk', [prefix]],
            ['chunks of 1 to 13 bytes', chunked(prefix, [1, 7, 13, 2, 5, 11, 3])],
          ] as const) {
            const { outcome, writes } = await importInto(vault, prefix, chunks);
            if (outcome.kind === 'accepted') {
              failures.push(`cut at ${cut} (${form}): accepted`);
              tally.add('accepted');
            } else {
              if (outcome.rule !== 'B-TRUNCATED') failures.push(`cut at ${cut} (${form}): refused with ${outcome.rule}: ${outcome.error.message}`);
              if (!/^bundle: /.test(outcome.error.message)) failures.push(`cut at ${cut} (${form}): message without its layer: ${outcome.error.message}`);
              tally.add(`refused ${outcome.rule}`);
            }
            const left = leftovers(vault, writes, r);
            if (left.length > 0) {
              failures.push(`cut at ${cut} (${form}): the vault keeps ${left.join('; ')}`);
              vault.close();
              vault = Vault.scratch();
            }
          }
        }
      } finally {
        vault.close();
      }
      log.push(`truncation sweep, in process: ${cuts.length} of ${n} offsets, each read two ways\n${tally.toString()}`);
      expect(failures).toEqual([]);
      expect(tally.get('refused B-TRUNCATED')).toBe(cuts.length * 2);
    },
    tortureTimeout(30_000, 300_000),
  );

  describe('through the CLI', () => {
    const tmp = tempDir('samizdat-truncate-');
    const olga = device(tmp.path, 'olga');
    /** What the vault holds, as the CLI lists it. */
    const holdings = (): string => {
      const groups = olga.run(['--json', 'group', 'list']);
      const statements = olga.run(['--json', 'statement', 'list', '--limit', '1000']);
      expect(groups.status, groups.stderr).toBe(0);
      expect(statements.status, statements.stderr).toBe(0);
      return `${groups.stdout}\n${statements.stdout}`;
    };
    let before = '';

    beforeAll(() => {
      setUpDevice(olga, tmp.path);
      before = holdings();
    });
    afterAll(() => tmp.remove());

    it(
      'a sample of cuts: `samizdat import` exits 4 naming B-TRUNCATED, without a stack trace, and the vault is unchanged; the whole bundle then imports (the control)',
      async () => {
        const r = await released();
        const n = r.bundle.length;
        const cuts = sample(n, trials(4, 40), 0xc117);
        for (const cut of cuts) {
          const file = join(tmp.path, `cut-${cut}.samizdat`);
          writeFileSync(file, r.bundle.subarray(0, cut));
          const result = olga.run(['import', file]);
          expect(result.status, `cut at ${cut}: ${result.stderr}`).toBe(4);
          // samizdat: FILE: bundle: the file ends inside ... (B-TRUNCATED)
          expect(result.stderr).toContain(`${file}: bundle: `);
          expect(result.stderr).toMatch(/: bundle: the file ends .*\(B-TRUNCATED\)$/m);
          expect(result.stderr).not.toMatch(/\n\s+at /);
        }
        expect(holdings()).toBe(before);
        log.push(`truncation sweep, CLI: ${cuts.length} cuts (${cuts.join(', ')}) of ${n}, each exit 4, B-TRUNCATED, vault unchanged`);

        const whole = join(tmp.path, 'whole.samizdat');
        writeFileSync(whole, r.bundle);
        const imported = olga.run(['import', whole]);
        expect(imported.status, imported.stderr).toBe(0);
        const after = holdings();
        expect(after).not.toBe(before);
        expect(after).toContain(r.statementId);
      },
      tortureTimeout(60_000, 300_000),
    );
  });
});

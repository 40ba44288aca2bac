// README's walk-throughs run as pasted. The ```sh blocks marked `<!-- readme-test: NAME -->` are
// taken from README.md as they are written and run with bash (-e -o pipefail: any failing command
// fails the test): `setup` in the checkout, where README says to paste it (it is what puts
// `samizdat` on PATH; the test's own PATH has nothing of the checkout), then each story in a fresh
// temporary folder, with HOME and TMPDIR fresh too, so the story's own `mktemp -d` lands in there.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../helpers/cli.js';

const root = path.resolve(REPO_ROOT);
// A story spawns some twenty commands: seconds on an idle machine, much longer on a busy one.
const STORY_TIMEOUT = 240_000;
const readme = readFileSync(path.join(root, 'README.md'), 'utf8');
const blocks = new Map([...readme.matchAll(/^<!-- readme-test: ([a-z-]+) -->\n```sh\n([\s\S]*?)^```$/gm)].map((m) => [m[1]!, m[2]!]));

/** PATH without anything inside the checkout (npx adds node_modules/.bin; a developer may have bin/). */
const PATH = (process.env.PATH ?? '')
  .split(path.delimiter)
  .filter((dir) => dir !== '' && !path.resolve(dir).startsWith(root + path.sep))
  .join(path.delimiter);

const scratch = mkdtempSync(path.join(tmpdir(), 'samizdat-readme-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

/** README's setup block in the checkout, then `story` in a fresh folder; what the story made is in `made`. */
function runStory(name: string) {
  const base = mkdtempSync(path.join(scratch, `${name}-`));
  const [cwd, home, tmp] = ['cwd', 'home', 'tmp'].map((d) => path.join(base, d)) as [string, string, string];
  for (const d of [cwd, home, tmp]) mkdirSync(d);
  const script = `${blocks.get('setup')}\ncd "$1"\n${blocks.get(name)}`;
  const before = new Set(readdirSync(root));
  const started = Date.now();
  const r = spawnSync('bash', ['-e', '-o', 'pipefail', '-c', script, 'readme', cwd], {
    cwd: root,
    env: { PATH, HOME: home, TMPDIR: tmp, LANG: 'C.UTF-8' },
    encoding: 'utf8',
    timeout: STORY_TIMEOUT,
  });
  if (r.error) throw r.error;
  const made = readdirSync(tmp).map((d) => path.join(tmp, d));
  return { ...r, made, ms: Date.now() - started, newInCheckout: readdirSync(root).filter((f) => !before.has(f)), untouched: readdirSync(cwd) };
}

describe("README's command-line walk-throughs, run as pasted", () => {
  it('are marked: setup (in the checkout), the one-device story, the story between devices, the demo', () => {
    expect([...blocks.keys()]).toEqual(['setup', 'one-device', 'between-devices', 'demo']);
    expect(blocks.get('setup')).toBe('export PATH="$PWD/bin:$PATH"\n');
    // Each story works from any folder: it makes its own and uses nothing relative to the checkout.
    for (const name of ['one-device', 'between-devices', 'demo']) {
      expect(blocks.get(name)).toMatch(/^cd "\$\(mktemp -d\)"/);
      expect(blocks.get(name)).not.toMatch(/bin\/samizdat/);
    }
  });

  it('the one-device story: init to verify exit 0, and the vault opens with the new passphrase', () => {
    const r = runStory('one-device');
    console.info(`README one-device story: ${r.ms} ms`);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('created an encrypted vault at ');
    expect(r.stdout).toContain('founded group KRAS-IWA');
    expect(r.stdout.match(/^OK: "Against the war" \(en, \d{4}-\d{2}-\d{2}\)$/gm)?.length).toBeGreaterThanOrEqual(2);
    expect(r.stdout.match(/^exit 0$/gm)).toHaveLength(2); // verify, before and after passwd
    expect(r.made).toHaveLength(1); // the story's own mktemp -d, under TMPDIR
    expect(readdirSync(r.made[0]!).sort()).toEqual(['body.txt', 'new.txt', 'olga.member', 'vault']);
    expect(r.newInCheckout).toEqual([]);
    expect(r.untouched).toEqual([]);
  }, STORY_TIMEOUT + 10_000);

  it('the story between devices: a draft circulates encrypted, the second signature releases it, a recipient checks it', () => {
    const r = runStory('between-devices');
    console.info(`README between-devices story: ${r.ms} ms`);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    const out = r.stdout;
    // Olga's signature alone: a draft
    expect(out).toMatch(/^NOT OK: "Against the war"[^\n]*\n(?:.*\n)*?\s+KRAS-IWA: not released, 1 of 2 member signatures \(Olga\)$/m);
    expect(out).toMatch(/encrypted to the members of its author groups/);
    expect(out).toMatch(/^age-encryption\.org\/v1$/m);
    // Anna: first sight of the group, verified in person, then her signature releases it
    expect(out).toMatch(/unverified \(first seen on import\)/);
    expect(out).toMatch(/^group [0-9a-f]{64} is now verified$/m);
    expect(out).toMatch(/KRAS-IWA: released, 2 of 2 member signatures \((Anna, Olga|Olga, Anna)\)/);
    expect(out).toContain('OK: 1 statement(s) checked in stick/release.samizdat');
    expect(out.match(/^exit 0$/gm)).toHaveLength(2); // the recipient's check, Olga's verify
    expect(r.made).toHaveLength(1);
    const dir = r.made[0]!;
    expect(readdirSync(dir).sort()).toEqual(['anna', 'backup.txt', 'body.txt', 'for-readers', 'olga', 'stick']);
    expect(readdirSync(path.join(dir, 'stick')).sort()).toEqual(['anna.member', 'backup.samizdat', 'charter.samizdat', 'draft.samizdat', 'release.samizdat']);
    expect(readFileSync(path.join(dir, 'stick', 'draft.samizdat'), 'latin1')).toMatch(/^age-encryption\.org\/v1\n/);
    expect(readFileSync(path.join(dir, 'stick', 'release.samizdat'), 'latin1')).not.toMatch(/^age-encryption/);
    expect(existsSync(path.join(dir, 'for-readers', 'statement.txt'))).toBe(true);
    expect(r.newInCheckout).toEqual([]);
    expect(r.untouched).toEqual([]);
  }, STORY_TIMEOUT + 10_000);

  it('the demo: a vault of example material in three languages, listed', () => {
    const r = runStory('demo');
    console.info(`README demo: ${r.ms} ms`);
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/^next: samizdat ui --vault /m);
    expect(r.stdout).toMatch(/^\(10 shown, 10 in all\)$/m);
    for (const lang of ['en', 'ru', 'uk']) expect(r.stdout).toMatch(new RegExp(`  ${lang}  `));
    expect(r.stdout).toContain('We now support the war');
    expect(r.made).toHaveLength(1);
    expect(readdirSync(r.made[0]!)).toEqual(['demo']);
    expect(r.newInCheckout).toEqual([]);
    expect(r.untouched).toEqual([]);
  }, STORY_TIMEOUT + 10_000);
});

// The vaults the UI tests open. demoVault(): `samizdat demo` (groups, members, statements in three
// languages, one awaiting signatures, one with a problem, a lookalike group), made once per test
// file with the interactive KDF so that unlocking is quick; where the CLI has no demo command yet,
// a small vault made with the CLI as tests/helpers/cli.ts `device()` does. emptyVaultDir(): a
// folder with no vault, for the first run. All removed by removeFixtures().

import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { device, runCli, tempDir } from '../../helpers/cli.js';

export interface FixtureStatement {
  id: string;
  title: string;
  lang: string;
  status: 'released' | 'waiting' | 'problem';
}

export interface FixtureGroup {
  name: string;
  trust: string;
  mine: boolean;
}

export interface VaultFixture {
  dir: string;
  passphrase: string;
  /** How it was made: the demo command, or the CLI's small stand-in. */
  madeBy: 'demo' | 'cli';
  statements: FixtureStatement[];
  groups: FixtureGroup[];
}

const PASSPHRASE = 'a passphrase for the demo vault';
let root: ReturnType<typeof tempDir> | null = null;
let demo: VaultFixture | null = null;

function fixtureRoot(): string {
  root ??= tempDir('samizdat-ui-');
  return root.path;
}

/** A new folder with no vault in it (the app shows its first run there). */
export function emptyVaultDir(name = 'empty'): string {
  const dir = path.join(fixtureRoot(), `${name}-${Math.random().toString(36).slice(2, 8)}`);
  mkdirSync(dir);
  return dir;
}

function must(result: ReturnType<typeof runCli>, what: string): ReturnType<typeof runCli> {
  if (result.status !== 0) throw new Error(`${what} failed (${result.status}): ${result.stderr}`);
  return result;
}

const haveDemoCommand = (): boolean => runCli(['demo', '--help']).status === 0;

function groupsOf(env: Record<string, string>): FixtureGroup[] {
  const listed = must(runCli(['--json', 'group', 'list'], env), 'group list').json() as {
    groups: { name: string; trust: string; members: { me: boolean }[] }[];
  };
  return listed.groups.map((g) => ({ name: g.name, trust: g.trust, mine: g.members.some((m) => m.me) }));
}

function makeDemo(dir: string): VaultFixture {
  const env = { SAMIZDAT_VAULT: dir, SAMIZDAT_PASSPHRASE: PASSPHRASE };
  const made = must(runCli(['--json', 'demo', '--vault', dir, '--kdf', 'interactive'], env), 'samizdat demo').json() as {
    statements: { items: FixtureStatement[] };
  };
  return { dir, passphrase: PASSPHRASE, madeBy: 'demo', statements: made.statements.items, groups: groupsOf(env) };
}

/** Before `samizdat demo`: me, my group of one, a released statement and a draft. */
function makeSmall(dir: string): VaultFixture {
  const olga = device(path.dirname(dir), path.basename(dir), PASSPHRASE);
  for (const args of [
    ['init', '--kdf', 'interactive'],
    ['me', 'create', '--name', 'Olga'],
    ['group', 'create', '--name', 'KRAS-IWA', '--threshold', '1'],
  ]) {
    must(olga.run(args), args.join(' '));
  }
  const body = path.join(fixtureRoot(), 'body.md');
  const statements: FixtureStatement[] = [];
  for (const [title, lang, sign] of [
    ['We will not work for the war', 'en', true],
    ['Первомай: обращение к водителям', 'ru', false],
  ] as const) {
    writeFileSync(body, `${title}.\n\nThe text of the statement.`);
    const id = must(olga.run(['--json', 'statement', 'new', '--group', 'KRAS-IWA', '--title', title, '--lang', lang, '--body', body]), 'statement new').json().id as string;
    if (sign) must(olga.run(['sign', id]), 'sign');
    statements.push({ id, title, lang, status: sign ? 'released' : 'waiting' });
  }
  return { dir, passphrase: PASSPHRASE, madeBy: 'cli', statements, groups: groupsOf(olga.env) };
}

/** The demo vault of this test file (made on first call). */
export function demoVault(): VaultFixture {
  if (!demo) {
    const dir = path.join(fixtureRoot(), 'demo');
    demo = haveDemoCommand() ? makeDemo(dir) : makeSmall(dir);
  }
  return demo;
}

export function removeFixtures(): void {
  root?.remove();
  root = null;
  demo = null;
}


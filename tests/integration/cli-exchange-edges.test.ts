// Exchange commands beyond the main story: sealed bundles, --to, refusals that change nothing,
// drives, and the progress bar staying off stderr when it is not a terminal.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';
import { SAMIZDAT_BIN, device, runCli, tempDir } from '../helpers/cli.js';

describe('samizdat export / import / check: sealed bundles and refusals', () => {
  const tmp = tempDir();
  const olga = device(tmp.path, 'olga');
  const ivan = device(tmp.path, 'ivan');
  const pass = join(tmp.path, 'bundle-pass.txt');
  const wrong = join(tmp.path, 'wrong-pass.txt');
  let id = '';
  beforeAll(() => {
    for (const d of [olga, ivan]) {
      expect(d.run(['init', '--kdf', 'interactive']).status).toBe(0);
      expect(d.run(['me', 'create', '--name', d.name]).status).toBe(0);
    }
    expect(olga.run(['group', 'create', '--name', 'Solo', '--threshold', '1']).status).toBe(0);
    writeFileSync(join(tmp.path, 'body.txt'), 'Released text.\n');
    id = olga.run(['--json', 'statement', 'new', '--group', 'Solo', '--title', 'T', '--lang', 'en', '--body', join(tmp.path, 'body.txt')]).json().id;
    expect(olga.run(['sign', id]).status).toBe(0);
    writeFileSync(pass, 'a long bundle passphrase\n');
    writeFileSync(wrong, 'not the passphrase\n');
  });
  afterAll(() => tmp.remove());

  it('seals a bundle with a passphrase: it opens with it, and not without or with another', () => {
    const out = join(tmp.path, 'sealed.samizdat');
    const exported = olga.run(['--json', 'export', id, '--out', out, '--seal-with-passphrase', '--bundle-passphrase-file', pass]);
    expect(exported.status, exported.stderr).toBe(0);
    expect(exported.json().envelope).toBe('passphrase');
    expect(readFileSync(out).includes(Buffer.from('Released text'))).toBe(false);
    expect(readFileSync(out).subarray(0, 22).toString()).toBe('age-encryption.org/v1\n');

    const without = ivan.run(['import', out]);
    expect(without.status).toBe(3);
    expect(without.stderr).toMatch(/--bundle-passphrase-file FILE or SAMIZDAT_BUNDLE_PASSPHRASE/);
    const wrongOne = ivan.run(['import', out, '--bundle-passphrase-file', wrong]);
    expect(wrongOne.status).toBe(3);
    expect(wrongOne.stderr).toMatch(/does not open this bundle/);
    expect(ivan.run(['--json', 'statement', 'list']).json().total).toBe(0);

    expect(runCli(['check', out, '--bundle-passphrase-file', pass]).status).toBe(0);
    const imported = ivan.run(['--json', 'import', out, '--bundle-passphrase-file', pass]);
    expect(imported.status, imported.stderr).toBe(0);
    expect(imported.json().files[0]).toMatchObject({ envelope: 'passphrase', added: { statement: 1, signature: 1 } });
  });

  it('--to encrypts even a released statement to the members named', () => {
    const out = join(tmp.path, 'to.samizdat');
    const r = olga.run(['--json', 'export', id, '--out', out, '--to', 'Solo']);
    expect(r.status, r.stderr).toBe(0);
    expect(r.json()).toMatchObject({ envelope: 'members', recipients: 1 });
    expect(olga.run(['import', out]).status).toBe(0);
    expect(ivan.run(['import', out]).status).toBe(3);
  });

  it('refuses, changing nothing: an existing file, conflicting seals, nothing to export, an unknown statement', () => {
    const existing = join(tmp.path, 'existing.samizdat');
    writeFileSync(existing, 'keep me');
    const cases: Array<[string[], number, RegExp]> = [
      [['export', id, '--out', existing], 2, /exists; nothing was written/],
      [['export', id, '--out', join(tmp.path, 'x.samizdat'), '--clear', '--to', 'Solo'], 2, /cannot be combined/],
      [['export', '--out', join(tmp.path, 'y.samizdat')], 2, /nothing to export/],
      [['export', 'f'.repeat(64), '--out', join(tmp.path, 'z.samizdat')], 2, /no statement/],
      [['import', join(tmp.path, 'missing.samizdat')], 5, /cannot read/],
      [['import', tmp.path + '/empty-folder-that-does-not-exist'], 5, /cannot read/],
    ];
    for (const [args, status, message] of cases) {
      const r = olga.run(args);
      expect(r.status, `${args.join(' ')}: ${r.stderr}`).toBe(status);
      expect(r.stderr).toMatch(message);
      expect(r.stderr).not.toMatch(/\n\s+at /); // no stack trace
    }
    expect(readFileSync(existing, 'utf8')).toBe('keep me');
    for (const name of ['x.samizdat', 'y.samizdat', 'z.samizdat']) expect(existsSync(join(tmp.path, name))).toBe(false);
    expect(readdirSync(tmp.path).filter((n) => n.endsWith('.partial'))).toEqual([]);
  });

  it('check of a file that is not a bundle names the rule, exit 4', () => {
    const notBundle = join(tmp.path, 'notes.samizdat');
    writeFileSync(notBundle, 'Dear comrades,\n');
    const r = runCli(['--json', 'check', notBundle]);
    expect(r.status).toBe(4);
    expect(JSON.parse(r.stderr).error).toMatchObject({ kind: 'input', rule: 'B-MAGIC' });
  });

  // `script` (util-linux) gives the command a terminal, as a person at a keyboard would have.
  const hasScript = spawnSync('script', ['--version']).error === undefined;
  it.runIf(hasScript)('on a terminal, export and import draw a progress bar on stderr; with --json they do not', () => {
    const onTerminal = (args: string[]) =>
      spawnSync('script', ['-qec', [process.execPath, SAMIZDAT_BIN, ...args].map((a) => `'${a}'`).join(' '), '/dev/null'], {
        env: { PATH: process.env.PATH, HOME: process.env.HOME, ...olga.env },
        encoding: 'utf8',
      }).stdout;
    const out = join(tmp.path, 'terminal.samizdat');
    expect(onTerminal(['export', id, '--out', out])).toMatch(/export \[[^\]]*\] \d+\/\d+/);
    expect(onTerminal(['import', out])).toMatch(/import .*terminal\.samizdat \[[^\]]*\] \d+\/\d+/);
    expect(onTerminal(['--json', 'import', out])).not.toMatch(/\] \d+\/\d+/);
  });

  it('with stderr not a terminal, no progress bar is drawn', () => {
    const r = olga.run(['export', id, '--out', join(tmp.path, 'quiet.samizdat')]);
    expect(r.status).toBe(0);
    expect(r.stderr).toBe('');
  });
});

describe('samizdat drives', () => {
  it('lists the removable drives mounted now (none need a vault), as JSON too', () => {
    const r = runCli(['--json', 'drives']);
    expect(r.status, r.stderr).toBe(0);
    const { drives } = r.json();
    expect(Array.isArray(drives)).toBe(true);
    for (const d of drives) expect(typeof d.path).toBe('string');
    expect(runCli(['drives']).status).toBe(0);
  });
});

// `samizdat export-text` as a user runs it, and the text it writes checked by the real tools of
// readers without Samizdat: Debian's signify-openbsd and minisign.
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { device, tempDir } from '../helpers/cli.js';

const SIGNIFY = 'signify-openbsd';
const MINISIGN = 'minisign';
const installed = (tool: string) => (spawnSync(tool, ['-v'], { encoding: 'utf8' }).error as NodeJS.ErrnoException | undefined)?.code !== 'ENOENT';
const hasSignify = installed(SIGNIFY);
const hasMinisign = installed(MINISIGN);
const needs = (tool: string, present: boolean, title: string) => (present ? title : `${title} (skipped: ${tool} is not installed)`);

/** Run a reader's tool in `dir`. */
function tool(cmd: string, args: string[], dir: string) {
  const r = spawnSync(cmd, args, { cwd: dir, encoding: 'utf8', timeout: 30_000 });
  return { status: r.status, out: `${r.stdout}${r.stderr}` };
}

const snapshot = (dir: string) => (existsSync(dir) ? readdirSync(dir).sort().map((f) => [f, readFileSync(join(dir, f), 'hex')]) : null);

describe('samizdat export-text', () => {
  const tmp = tempDir();
  const olga = device(tmp.path, 'olga');
  const ivan = device(tmp.path, 'ivan');
  const ivanCard = join(tmp.path, 'ivan.member');
  const body = join(tmp.path, 'body.txt');
  const out = join(tmp.path, 'export');
  let released = '';
  let keyid = '';
  afterAll(() => tmp.remove());

  const newStatement = (group: string, title: string): string => {
    const r = olga.run(['--json', 'statement', 'new', '--group', group, '--title', title, '--lang', 'en', '--date', '2026-02-24', '--body', body]);
    expect(r.status, r.stderr).toBe(0);
    return r.json().id;
  };

  beforeAll(() => {
    for (const d of [olga, ivan]) {
      expect(d.run(['init', '--kdf', 'interactive']).status).toBe(0);
      expect(d.run(['me', 'create', '--name', d.name === 'olga' ? 'Olga' : 'Ivan']).status).toBe(0);
    }
    expect(ivan.run(['me', 'export', '--out', ivanCard]).status).toBe(0);
    expect(olga.run(['group', 'create', '--name', 'KRAS-IWA', '--member', ivanCard, '--threshold', '1']).status).toBe(0);
    writeFileSync(body, 'Нет войне! We call on workers everywhere to refuse the mobilisation.\n\n\tSolidarity.\n');
    released = newStatement('KRAS-IWA', 'Against the war');
    expect(olga.run(['sign', released]).status).toBe(0);
  });

  it('writes statement.txt, its two signatures, the key and VERIFY.txt; --json says what and by whom', () => {
    const r = olga.run(['--json', 'export-text', released.slice(0, 10), '--out', out]);
    expect(r.status, r.stderr).toBe(0);
    const result = r.json();
    keyid = result.signer.keyid;
    expect(keyid).toMatch(/^[0-9a-f]{16}$/);
    const me = olga.run(['--json', 'me', 'show']).json();
    expect(result).toEqual({
      id: released,
      dir: out,
      files: ['statement.txt', 'statement.txt.sig', 'statement.txt.minisig', `${keyid}.pub`, 'VERIFY.txt'].map((f) => join(out, f)),
      signer: { name: 'Olga', key: me.sign, keyid },
    });
    expect(readdirSync(out).sort()).toEqual([`${keyid}.pub`, 'VERIFY.txt', 'statement.txt', 'statement.txt.minisig', 'statement.txt.sig'].sort());
    const text = readFileSync(join(out, 'statement.txt'), 'utf8');
    const group = olga.run(['--json', 'group', 'show', 'KRAS-IWA']).json();
    expect(text).toBe(
      [
        'Against the war',
        '',
        'Нет войне! We call on workers everywhere to refuse the mobilisation.',
        '',
        '\tSolidarity.',
        '',
        '',
        `Statement: ${released}`,
        'Date: 2026-02-24',
        'Language: en',
        `Group: KRAS-IWA ${group.id}`,
        `Fingerprint: ${group.fingerprint}`,
        '',
      ].join('\n'),
    );
    const verify = readFileSync(join(out, 'VERIFY.txt'), 'utf8');
    expect(verify).toContain(`signify-openbsd -V -p ${keyid}.pub -m statement.txt`);
    expect(verify).toContain(`minisign -V -p ${keyid}.pub -m statement.txt`);
    expect(verify).toContain(`Fingerprint: ${group.fingerprint}`);
  });

  it('gives the same bytes when exported again with --force, and says so in words without --json', () => {
    const before = snapshot(out);
    const again = olga.run(['export-text', released, '--out', out, '--force']);
    expect(again.status, again.stderr).toBe(0);
    expect(again.stdout).toContain(`wrote 5 files to ${out}`);
    expect(again.stdout).toContain(`minisign -V -p ${keyid}.pub -m statement.txt`);
    expect(snapshot(out)).toEqual(before);
  });

  it.skipIf(!hasSignify)(needs(SIGNIFY, hasSignify, 'signify-openbsd verifies statement.txt, and fails once one byte is changed'), () => {
    const ok = tool(SIGNIFY, ['-V', '-p', `${keyid}.pub`, '-m', 'statement.txt'], out);
    expect(ok.status, ok.out).toBe(0);
    expect(ok.out).toContain('Signature Verified');
    const tampered = join(tmp.path, 'tampered-signify');
    cpSync(out, tampered, { recursive: true });
    const bytes = readFileSync(join(tampered, 'statement.txt'));
    bytes[0] = (bytes[0] as number) ^ 0x01; // "Against" becomes "@gainst"
    writeFileSync(join(tampered, 'statement.txt'), bytes);
    const bad = tool(SIGNIFY, ['-V', '-p', `${keyid}.pub`, '-m', 'statement.txt'], tampered);
    expect(bad.status, bad.out).not.toBe(0);
    expect(bad.out).toMatch(/verification failed/i);
  });

  it.skipIf(!hasMinisign)(needs(MINISIGN, hasMinisign, 'minisign verifies statement.txt with its trusted comment, and fails once one byte is changed'), () => {
    const ok = tool(MINISIGN, ['-V', '-p', `${keyid}.pub`, '-m', 'statement.txt'], out);
    expect(ok.status, ok.out).toBe(0);
    expect(ok.out).toContain('Signature and comment signature verified');
    const groupId = olga.run(['--json', 'group', 'show', 'KRAS-IWA']).json().id;
    expect(ok.out).toContain(`Trusted comment: samizdat statement ${released} group ${groupId} signer Olga`);
    const tampered = join(tmp.path, 'tampered-minisign');
    cpSync(out, tampered, { recursive: true });
    const bytes = readFileSync(join(tampered, 'statement.txt'));
    bytes[bytes.length - 2] = (bytes[bytes.length - 2] as number) ^ 0x01; // the last digit of the fingerprint
    writeFileSync(join(tampered, 'statement.txt'), bytes);
    const bad = tool(MINISIGN, ['-V', '-p', `${keyid}.pub`, '-m', 'statement.txt'], tampered);
    expect(bad.status, bad.out).not.toBe(0);
    expect(bad.out).toContain('Signature verification failed');
  });

  it('refuses with exit 1 a statement not released by every author group, naming the group, and writes nothing', () => {
    expect(olga.run(['group', 'create', '--name', 'Two of two', '--member', ivanCard, '--threshold', '2']).status).toBe(0);
    const id = newStatement('Two of two', 'Half signed');
    expect(olga.run(['sign', id]).status).toBe(0);
    const dir = join(tmp.path, 'not-released');
    const r = olga.run(['export-text', id, '--out', dir]);
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/^samizdat: interop: cannot export statement [0-9a-f]{12} as text: it is not released by Two of two \(1 of 2 member signatures\)/);
    expect(existsSync(dir)).toBe(false);
  });

  it('refuses with exit 1 an exporter whose own signature does not count, naming who may export', () => {
    const id = newStatement('KRAS-IWA', 'Released by Ivan alone');
    // Ivan's release signature, made on his device and carried to Olga's on a bundle.
    const draft = join(tmp.path, 'draft-for-ivan.samizdat');
    expect(olga.run(['export', id, '--out', draft]).status).toBe(0);
    expect(ivan.run(['import', draft]).status).toBe(0);
    expect(ivan.run(['sign', id]).status).toBe(0);
    const back = join(tmp.path, 'signed-by-ivan.samizdat');
    expect(ivan.run(['export', id, '--out', back]).status).toBe(0);
    expect(olga.run(['import', back]).status).toBe(0);
    const verified = olga.run(['verify', id]);
    expect(verified.status, verified.stderr).toBe(0); // released, by Ivan
    const dir = join(tmp.path, 'not-mine');
    const r = olga.run(['--json', 'export-text', id, '--out', dir]);
    expect(r.status).toBe(1);
    const error = JSON.parse(r.stderr).error;
    expect(error).toMatchObject({ code: 'interop.not-a-signer', kind: 'verification' });
    expect(error.message).toContain('you (Olga) have no signature on it that counts');
    expect(error.message).toContain('Ivan (KRAS-IWA)');
    expect(existsSync(dir)).toBe(false);
  });

  it('refuses with exit 2 to overwrite an earlier export without --force, and writes nothing', () => {
    const dir = join(tmp.path, 'occupied');
    expect(olga.run(['export-text', released, '--out', dir]).status).toBe(0);
    writeFileSync(join(dir, 'statement.txt'), 'an older text\n');
    const before = snapshot(dir);
    const r = olga.run(['export-text', released, '--out', dir]);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('already holds statement.txt, statement.txt.sig, statement.txt.minisig');
    expect(r.stderr).toContain('--force');
    expect(snapshot(dir)).toEqual(before);
    // One file of the set is enough to refuse.
    const partial = join(tmp.path, 'partial');
    mkdirSync(partial);
    writeFileSync(join(partial, 'VERIFY.txt'), 'my own notes\n');
    const r2 = olga.run(['export-text', released, '--out', partial]);
    expect(r2.status).toBe(2);
    expect(r2.stderr).toContain('already holds VERIFY.txt; nothing was written');
    expect(snapshot(partial)).toEqual([['VERIFY.txt', Buffer.from('my own notes\n').toString('hex')]]);
  });

  it('refuses an unknown statement (exit 2) and a missing --out (exit 2)', () => {
    expect(olga.run(['export-text', 'ffffffffffff', '--out', join(tmp.path, 'x')]).status).toBe(2);
    expect(olga.run(['export-text', released]).status).toBe(2);
    expect(existsSync(join(tmp.path, 'x'))).toBe(false);
  });
});

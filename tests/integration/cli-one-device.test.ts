// The one-device story through the CLI, as a user would type it: vault, member keys, a group,
// statements, signing, verification, search, passphrase change.
import { describe, expect, it, beforeAll, afterAll } from 'vitest';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { device, runCli, tempDir } from '../helpers/cli.js';

describe('samizdat CLI on one device', () => {
  const tmp = tempDir();
  const olga = device(tmp.path, 'olga');
  let groupId = '';
  let statementId = '';
  afterAll(() => tmp.remove());

  beforeAll(() => {
    expect(olga.run(['init', '--kdf', 'interactive']).status).toBe(0);
  });

  it('creates member keys and exports a self-signed member card', () => {
    const created = olga.run(['--json', 'me', 'create', '--name', 'Olga']);
    expect(created.status).toBe(0);
    expect(created.json().id).toMatch(/^[0-9a-f]{64}$/);
    const card = join(tmp.path, 'olga.member');
    const exported = olga.run(['--json', 'me', 'export', '--out', card]);
    expect(exported.status).toBe(0);
    expect(exported.json().id).toBe(created.json().id);
    expect(olga.run(['me', 'create', '--name', 'Again']).status).toBe(2);
  });

  it('founds a one-member group, accepting her own card among --member', () => {
    const result = olga.run(['--json', 'group', 'create', '--name', 'KRAS-IWA', '--member', join(tmp.path, 'olga.member'), '--threshold', '1']);
    expect(result.status, result.stderr).toBe(0);
    groupId = result.json().id;
    expect(groupId).toMatch(/^[0-9a-f]{64}$/);
    expect(result.json().fingerprint).toMatch(/^(\d{5} ){11}\d{5}$/);
    const list = olga.run(['--json', 'group', 'list']).json();
    expect(list.groups).toHaveLength(1);
    expect(list.groups[0]).toMatchObject({ id: groupId, name: 'KRAS-IWA', trust: 'verified', mine: true });
    expect(list.groups[0].members).toHaveLength(1);
  });

  it('writes a statement, which is not released until signed', () => {
    const body = join(tmp.path, 'body.txt');
    writeFileSync(body, 'Нет войне! We call on workers everywhere to refuse the mobilisation.\n');
    const result = olga.run(['--json', 'statement', 'new', '--group', 'KRAS-IWA', '--title', 'Against the war', '--lang', 'en', '--date', '2026-02-24', '--body', body]);
    expect(result.status, result.stderr).toBe(0);
    statementId = result.json().id;
    const before = olga.run(['--json', 'verify', statementId.slice(0, 10)]);
    expect(before.status).toBe(1);
    expect(before.json().released).toBe(false);
    expect(before.json().groups[0].problems.map((p: { code: string }) => p.code)).toContain('threshold-not-met');
  });

  it('signs it: released, verify exits 0, the text report says so', () => {
    const signed = olga.run(['--json', 'sign', statementId]);
    expect(signed.status, signed.stderr).toBe(0);
    expect(signed.json().report.released).toBe(true);
    const again = olga.run(['--json', 'sign', statementId]);
    expect(again.json().new).toBe(false);
    const verified = olga.run(['verify', statementId]);
    expect(verified.status).toBe(0);
    expect(verified.stdout).toContain('OK: "Against the war"');
    expect(verified.stdout).toContain('KRAS-IWA: released, 1 of 1');
  });

  it('lists, shows and searches (Cyrillic included)', () => {
    const list = olga.run(['--json', 'statement', 'list']).json();
    expect(list.total).toBe(1);
    expect(list.items[0]).toMatchObject({ id: statementId, released: true });
    const show = olga.run(['statement', 'show', statementId]);
    expect(show.stdout).toContain('mobilisation');
    expect(olga.run(['--json', 'search', 'войне']).json().hits.map((h: { id: string }) => h.id)).toEqual([statementId]);
    expect(olga.run(['--json', 'search', 'nonexistentword']).json().hits).toEqual([]);
  });

  it('refuses a wrong passphrase with exit 3, and a missing vault with exit 3', () => {
    const wrong = runCli(['statement', 'list'], { SAMIZDAT_VAULT: olga.vault, SAMIZDAT_PASSPHRASE: 'not the passphrase' });
    expect(wrong.status).toBe(3);
    expect(wrong.stderr).toMatch(/^samizdat: vault: wrong passphrase/);
    const missing = runCli(['statement', 'list'], { SAMIZDAT_VAULT: join(tmp.path, 'nowhere'), SAMIZDAT_PASSPHRASE: 'x' });
    expect(missing.status).toBe(3);
    expect(missing.stderr).toContain('samizdat init');
  });

  it('changes the passphrase: the old one stops working, the data stays', () => {
    const next = join(tmp.path, 'new-passphrase');
    writeFileSync(next, 'a much longer new passphrase\n');
    expect(olga.run(['passwd', '--new-passphrase-file', next]).status).toBe(0);
    expect(olga.run(['statement', 'list']).status).toBe(3);
    const after = runCli(['--json', '--passphrase-file', next, 'verify', statementId], { SAMIZDAT_VAULT: olga.vault });
    expect(after.status).toBe(0);
  });
});

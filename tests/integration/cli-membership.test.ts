// Membership changes through the CLI on one device: with a membership threshold of 1 each change
// applies at once; with 2, it waits as a pending link for a second member's approval.
import { describe, expect, it, beforeAll, afterAll } from 'vitest';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { device, tempDir } from '../helpers/cli.js';
import { Vault } from '../../src/core/store/vault.js';

describe('samizdat group membership commands', () => {
  const tmp = tempDir();
  const olga = device(tmp.path, 'olga');
  const ivan = device(tmp.path, 'ivan');
  const ivanCard = join(tmp.path, 'ivan.member');
  const body = join(tmp.path, 'body.txt');
  afterAll(() => tmp.remove());

  beforeAll(() => {
    for (const d of [olga, ivan]) {
      expect(d.run(['init', '--kdf', 'interactive']).status).toBe(0);
      expect(d.run(['me', 'create', '--name', d.name]).status).toBe(0);
    }
    expect(ivan.run(['me', 'export', '--out', ivanCard]).status).toBe(0);
    expect(olga.run(['group', 'create', '--name', 'Solo', '--threshold', '1']).status).toBe(0);
    writeFileSync(body, 'Text.\n');
  });

  const show = () => olga.run(['--json', 'group', 'show', 'Solo']).json();

  it('adds a member (applied at once with membership threshold 1)', () => {
    const added = olga.run(['--json', 'group', 'add-member', 'Solo', '--member', ivanCard]);
    expect(added.status, added.stderr).toBe(0);
    expect(added.json()).toMatchObject({ op: 'add', applied: true });
    expect(show().members.map((m: { name: string }) => m.name).sort()).toEqual(['ivan', 'olga']);
  });

  it('rotates my keys: the old key is retired, the new one signs and counts', () => {
    const before = show().members.find((m: { me: boolean }) => m.me);
    const rotated = olga.run(['--json', 'group', 'rotate', 'Solo']);
    expect(rotated.status, rotated.stderr).toBe(0);
    expect(rotated.json()).toMatchObject({ op: 'rotate', applied: true });
    const after = show().members.find((m: { me: boolean }) => m.me);
    expect(after.id).toBe(before.id);
    expect(after.sign).not.toBe(before.sign);
    const id = olga.run(['--json', 'statement', 'new', '--group', 'Solo', '--title', 'After rotation', '--lang', 'en', '--body', body]).json().id;
    const signed = olga.run(['--json', 'sign', id]).json();
    expect(signed.report.released).toBe(true);
    expect(signed.report.groups[0].signers[0].key).toBe(after.sign);
  });

  it('marks a key compromised: signatures by it stop counting, and the vault no longer keeps them', async () => {
    const id = olga.run(['--json', 'statement', 'new', '--group', 'Solo', '--title', 'Signed then compromised', '--lang', 'en', '--body', body]).json().id;
    expect(olga.run(['sign', id]).status).toBe(0);
    const me = show().members.find((m: { me: boolean }) => m.me);
    const marked = olga.run(['--json', 'group', 'compromised', 'Solo', '--key', me.sign]);
    expect(marked.status, marked.stderr).toBe(0);
    expect(marked.json()).toMatchObject({ op: 'compromise', applied: true });
    const verified = olga.run(['--json', 'verify', id]);
    expect(verified.status).toBe(1);
    // Her signature is ignored (it no longer counts): no signer, below the threshold, nothing else said.
    expect(verified.json()).toMatchObject({ released: false, ok: false });
    expect(verified.json().groups[0].signers).toEqual([]);
    expect(verified.json().groups[0].problems.map((p: { code: string }) => p.code)).toEqual(['threshold-not-met']);
    // Nothing that does not count is kept (V-IGNORE): the link made here pruned her signature.
    const vault = await Vault.open(olga.vault, olga.env.SAMIZDAT_PASSPHRASE);
    try {
      expect(vault.getSignatures(id)).toEqual([]);
    } finally {
      vault.close();
    }
    expect(olga.run(['sign', id]).status).toBe(2); // no usable key until she rotates again
    expect(olga.run(['--json', 'group', 'rotate', 'Solo']).status).toBe(2);
  });

  it('with membership threshold 2, a change waits as a pending link', () => {
    const tmp2 = tempDir();
    try {
      const anna = device(tmp2.path, 'anna');
      expect(anna.run(['init', '--kdf', 'interactive']).status).toBe(0);
      expect(anna.run(['me', 'create', '--name', 'anna']).status).toBe(0);
      expect(anna.run(['group', 'create', '--name', 'Pair', '--member', ivanCard, '--threshold', '1', '--membership-threshold', '2']).status).toBe(0);
      const removal = anna.run(['--json', 'group', 'remove-member', 'Pair', '--member', 'ivan']);
      expect(removal.status, removal.stderr).toBe(0);
      expect(removal.json()).toMatchObject({ op: 'remove', applied: false, signatures: 1, needed: 2 });
      const group = anna.run(['--json', 'group', 'show', 'Pair']).json();
      expect(group.members).toHaveLength(2);
      expect(group.pending).toEqual([expect.objectContaining({ id: removal.json().id, op: 'remove', signatures: 1, needed: 2 })]);
      const again = anna.run(['group', 'approve', removal.json().id]);
      expect(again.status).toBe(0);
      expect(again.stdout).toMatch(/1 of the 2 member signatures/); // her second signature counts once
    } finally {
      tmp2.remove();
    }
  });
});

// My identity's channels over a real vault in a temporary folder: show (null before creation),
// create (once; the name checked by core), and my member card written to a new file, byte for byte
// as `samizdat me export` writes it (one core function, core/exchange/member-card.ts), never over
// an existing file.

import { existsSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createHandlers, type Handlers } from '../../../src/app/handlers.js';
import type { AppCore } from '../../../src/app/ports.js';
import { createVaultCore } from '../../../src/app/vault-core.js';
import { toHex } from '../../../src/core/crypto/bytes.js';
import { decodeMemberCard } from '../../../src/core/model/card.js';
import { Vault } from '../../../src/core/store/vault.js';
import { runCli } from '../../helpers/cli.js';
import { rejection, tempRoot } from '../store/helpers.js';

const PASS = 'the passphrase of Olga';

let root: string;
let cleanup: () => void;
let core: AppCore;
let handlers: Handlers;
let dir: string;
beforeEach(async () => {
  ({ root, cleanup } = tempRoot());
  dir = join(root, 'vault');
  core = createVaultCore(dir);
  handlers = createHandlers(core);
  await handlers['vault:create']({ passphrase: PASS, kdf: 'interactive' });
});
afterEach(async () => {
  await core.lock();
  cleanup();
});

const HEX32 = /^[0-9a-f]{64}$/;
const loose = () => handlers as unknown as Record<string, (x: unknown) => Promise<unknown>>;

describe('identity:show and identity:create', () => {
  it('show is null before creation; create makes my keys once and returns exactly name and public keys; show and status then give the same', async () => {
    expect(await handlers['identity:show']({})).toBeNull();
    const me = await handlers['identity:create']({ name: 'Olga' });
    expect(Object.keys(me).sort()).toEqual(['box', 'name', 'sign']);
    expect(me.name).toBe('Olga');
    expect(me.sign).toMatch(HEX32);
    expect(me.box).toMatch(HEX32);
    expect(me.box).not.toBe(me.sign);
    expect(await handlers['identity:show']({})).toEqual(me);
    expect((await handlers['vault:status']({})).identity).toEqual(me);

    // Those are the keys the vault holds, and the secret halves never came out.
    const secrets = await core.withVault((v) => {
      const id = v.getIdentity();
      if (id === undefined) throw new Error('no identity stored');
      expect(toHex(id.signPublic)).toBe(me.sign);
      expect(toHex(id.boxPublic)).toBe(me.box);
      return [toHex(id.signSecret), toHex(id.boxSecret)];
    });
    const shown = JSON.stringify([me, await handlers['identity:show']({}), await handlers['vault:status']({})]);
    for (const secret of secrets) expect(shown.includes(secret.slice(0, 64))).toBe(false);
  });

  it('a second identity is refused (vault.identity-exists) and the first is kept', async () => {
    const me = await handlers['identity:create']({ name: 'Olga' });
    const e = await rejection(handlers['identity:create']({ name: 'Anna' }));
    expect(e).toMatchObject({ code: 'vault.identity-exists', kind: 'usage' });
    expect(e.message).toBe('vault: this vault already holds member keys; one vault is one member on one device');
    expect(await handlers['identity:show']({})).toEqual(me);
  });

  it('the name is normalised (NFC, trimmed) and checked by core: controls, bidi overrides, over 100 characters, blank refused (cli.bad-name), nothing stored', async () => {
    for (const [name, why] of [
      ['Ol\u0007ga', 'contains a control character'],
      ['Olga\u202e', 'contains a bidirectional formatting or line separator character'],
      ['x'.repeat(101), 'is longer than 100 characters (101)'],
      ['   ', 'is empty'],
    ] as const) {
      const e = await rejection(handlers['identity:create']({ name }));
      expect(e.code, name).toBe('cli.bad-name');
      expect(e.message).toBe(`cli: the name ${why}`);
    }
    expect(await handlers['identity:show']({})).toBeNull();
    await expect(loose()['identity:create']!({ name: '' })).rejects.toMatchObject({ code: 'ipc.invalid-argument' });
    await expect(loose()['identity:create']!({ name: 'x'.repeat(201) })).rejects.toMatchObject({ code: 'ipc.invalid-argument' });
    expect((await handlers['identity:create']({ name: '  Ольга\u0301 ' })).name).toBe('  Ольга\u0301 '.normalize('NFC').trim());
  });

  it('every identity channel needs the vault unlocked (vault.locked)', async () => {
    await handlers['vault:lock']({});
    for (const p of [handlers['identity:show']({}), handlers['identity:create']({ name: 'Olga' }), handlers['identity:card']({ out: join(root, 'olga.member') })]) {
      expect((await rejection(p)).code).toBe('vault.locked');
    }
    expect(existsSync(join(root, 'olga.member'))).toBe(false);
  });
});

describe('identity:card', () => {
  it('writes my self-signed member card, public keys only, readable by all (0644); the same bytes as `samizdat me export`', async () => {
    const me = await handlers['identity:create']({ name: 'Olga' });
    const out = join(root, 'olga.member');
    expect(await handlers['identity:card']({ out })).toEqual({ out, name: 'Olga' });
    const bytes = readFileSync(out);
    const card = decodeMemberCard(bytes, 'the card'); // canonical, and its self-signature verifies
    expect(card).toMatchObject({ type: 'member-card', name: 'Olga', sign: me.sign, box: me.box });
    expect(statSync(out).mode & 0o777).toBe(0o644);
    const secrets = await core.withVault((v) => {
      const id = v.getIdentity() as NonNullable<ReturnType<Vault['getIdentity']>>;
      return [id.signSecret.subarray(0, 32), id.boxSecret];
    });
    for (const s of secrets) {
      expect(bytes.includes(Buffer.from(s))).toBe(false);
      expect(bytes.includes(toHex(s))).toBe(false);
    }
    expect(readdirSync(root).sort()).toEqual(['olga.member', 'vault']); // no temporary file left

    await handlers['vault:lock']({});
    const cliOut = join(root, 'olga-cli.member');
    const r = runCli(['--json', 'me', 'export', '--out', cliOut], { SAMIZDAT_VAULT: dir, SAMIZDAT_PASSPHRASE: PASS });
    expect(r.status, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout)).toEqual({ id: me.sign, out: cliOut, name: 'Olga' });
    expect(readFileSync(cliOut).equals(bytes)).toBe(true);
  });

  it('never replaces a file: one already there is refused (exchange.out-exists) and left as it was, by the app and by the CLI', async () => {
    await handlers['identity:create']({ name: 'Olga' });
    const out = join(root, 'olga.member');
    writeFileSync(out, 'a letter that must survive');
    const e = await rejection(handlers['identity:card']({ out }));
    expect(e).toMatchObject({ code: 'exchange.out-exists', kind: 'usage' });
    expect(e.message).toBe(`exchange: "${out}" exists; nothing was written (choose another name)`);
    expect(readFileSync(out, 'utf8')).toBe('a letter that must survive');
    expect(readdirSync(root).sort()).toEqual(['olga.member', 'vault']);

    await handlers['vault:lock']({});
    const r = runCli(['me', 'export', '--out', out], { SAMIZDAT_VAULT: dir, SAMIZDAT_PASSPHRASE: PASS });
    expect(r.status).toBe(2);
    expect(r.stderr).toBe(`samizdat: exchange: "${out}" exists; nothing was written (choose another name)\n`);
    expect(readFileSync(out, 'utf8')).toBe('a letter that must survive');
  });

  it('refuses a path that is not an absolute *.member file before anything is read; with no identity yet it says to create one (cli.no-identity)', async () => {
    for (const out of ['olga.member', join(root, 'olga.txt'), join(root, '.member'), `${root}/`]) {
      await expect(loose()['identity:card']!({ out })).rejects.toMatchObject({ code: 'ipc.invalid-argument' });
    }
    const e = await rejection(handlers['identity:card']({ out: join(root, 'olga.member') }));
    expect(e).toMatchObject({ code: 'cli.no-identity', kind: 'usage' });
    expect(e.message).toBe('cli: this vault has no member keys yet: create your identity first, then export your member card');
    expect(existsSync(join(root, 'olga.member'))).toBe(false);
  });
});

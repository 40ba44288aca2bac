// A key derived ahead (early-key.ts: the CLI starts the KDF while a command loads) opens the vault
// only when it is the key the passphrase given to Vault.open derives with the header's salt and
// parameters: a key of another passphrase, of another vault, or of a header since replaced is never
// used, and the passphrase given decides, as without it. The early key is wiped once open is done.
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { deriveEarlyKey } from '../../../src/core/store/early-key.js';
import { Vault } from '../../../src/core/store/index.js';
import { PASS, rejection, tempRoot } from './helpers.js';

describe('Vault.open with a key derived early', () => {
  let root: string;
  let cleanup: () => void;
  beforeEach(() => ({ root, cleanup } = tempRoot()));
  afterEach(() => cleanup());

  async function made(name: string, passphrase = PASS): Promise<string> {
    const dir = path.join(root, name);
    (await Vault.create(dir, passphrase, 'interactive')).close();
    return dir;
  }

  it('opens with the early key of the same passphrase, and wipes it', async () => {
    const dir = await made('a');
    const early = await deriveEarlyKey(dir, PASS);
    expect(early?.key.some((b) => b !== 0)).toBe(true);
    const vault = await Vault.open(dir, PASS, Promise.resolve(early));
    expect(vault.countStatements()).toBe(0);
    vault.close();
    expect(early?.key.every((b) => b === 0)).toBe(true);
  });

  it('never opens with the early key of the right passphrase when the passphrase given is wrong', async () => {
    const dir = await made('b');
    const early = deriveEarlyKey(dir, PASS);
    expect((await rejection(Vault.open(dir, 'not the passphrase', early))).code).toBe('vault.wrong-passphrase');
  });

  it('opens with the passphrase given when the early key is of another passphrase, another vault or an older header', async () => {
    const dir = await made('c');
    const other = await made('d');
    const wrong = await deriveEarlyKey(dir, 'not the passphrase');
    (await Vault.open(dir, PASS, Promise.resolve(wrong))).close();
    (await Vault.open(dir, PASS, deriveEarlyKey(other, PASS))).close();
    // The passphrase changed after the early key was derived: the header's salt is new.
    const before = await deriveEarlyKey(dir, PASS);
    const v = await Vault.open(dir, PASS);
    await v.changePassphrase('a new passphrase here');
    v.close();
    expect((await rejection(Vault.open(dir, PASS, Promise.resolve(before)))).code).toBe('vault.wrong-passphrase');
    (await Vault.open(dir, 'a new passphrase here', Promise.resolve(before))).close();
  });

  it('is no key at all where there is no header to read, and open says what is wrong', async () => {
    const missing = path.join(root, 'nowhere');
    expect(await deriveEarlyKey(missing, PASS)).toBeUndefined();
    expect((await rejection(Vault.open(missing, PASS, deriveEarlyKey(missing, PASS)))).code).toBe('vault.missing');
    const dir = await made('e');
    writeFileSync(path.join(dir, 'vault.json'), '{ not a header');
    expect(await deriveEarlyKey(dir, PASS)).toBeUndefined();
    expect((await rejection(Vault.open(dir, PASS, deriveEarlyKey(dir, PASS)))).code).toBe('vault.bad-header');
  });
});

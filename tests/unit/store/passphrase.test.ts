// Changing the passphrase by rekeying, and recovering from a crash between its steps.
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { KDF_PRESETS } from '../../../src/core/crypto/kdf.js';
import { Vault } from '../../../src/core/store/index.js';
import { PASS, hashFiles, rejection, statement, tempRoot } from './helpers.js';

const NEW = 'a new passphrase, longer';

let root: string;
let cleanup: () => void;
let dir: string;
beforeEach(async () => {
  ({ root, cleanup } = tempRoot());
  dir = path.join(root, 'v');
  const v = await Vault.create(dir, PASS, 'interactive');
  v.transaction(() => {
    for (let i = 0; i < 50; i++) v.putStatement(statement(`s${i}`));
  });
  v.close();
});
afterEach(() => cleanup());

function header(): Record<string, unknown> {
  return JSON.parse(readFileSync(path.join(dir, 'vault.json'), 'utf8')) as Record<string, unknown>;
}

describe('Vault.changePassphrase', () => {
  it('the old passphrase fails, the new one opens, the data is intact, the salt is new', async () => {
    const saltBefore = header().salt;
    const v = await Vault.open(dir, PASS);
    await v.changePassphrase(NEW);
    // Still usable after the change, in WAL mode again.
    expect(v.settings().journalMode).toBe('wal');
    v.putStatement(statement('after'));
    v.close();
    expect(readdirSync(dir).sort()).toEqual(['vault.db', 'vault.json']);
    expect(header().salt).not.toBe(saltBefore);
    expect(header().kdf).toEqual(KDF_PRESETS.interactive);

    const before = hashFiles(dir);
    const e = await rejection(Vault.open(dir, PASS));
    expect(e.code).toBe('vault.wrong-passphrase');
    expect(hashFiles(dir)).toEqual(before);

    const w = await Vault.open(dir, NEW);
    expect(w.countStatements()).toBe(51);
    expect(w.getStatement(statement('s7').id)).toEqual(statement('s7'));
    w.checkIntegrity();
    w.close();
  });

  it('can change the KDF preset at the same time', async () => {
    const v = await Vault.open(dir, PASS);
    await v.changePassphrase(NEW, 'moderate');
    expect(v.kdf).toEqual(KDF_PRESETS.moderate);
    v.close();
    expect(header().kdf).toEqual(KDF_PRESETS.moderate);
    (await Vault.open(dir, NEW)).close();
  });

  it('refuses an empty new passphrase, changing nothing', async () => {
    const v = await Vault.open(dir, PASS);
    const before = header();
    expect((await rejection(v.changePassphrase(''))).code).toBe('vault.empty-passphrase');
    v.close();
    expect(header()).toEqual(before);
    (await Vault.open(dir, PASS)).close();
  });
});

describe('Vault.open after a crash in the middle of a change of passphrase', () => {
  /** The files as a crash after the rekey, before the rename, leaves them: new db, old vault.json, new vault.json.next. */
  async function crashAfterRekey(): Promise<void> {
    const oldHeader = readFileSync(path.join(dir, 'vault.json'));
    const v = await Vault.open(dir, PASS);
    await v.changePassphrase(NEW);
    v.close();
    const newHeader = readFileSync(path.join(dir, 'vault.json'));
    writeFileSync(path.join(dir, 'vault.json.next'), newHeader);
    writeFileSync(path.join(dir, 'vault.json'), oldHeader);
  }

  it('after the rekey: the new passphrase opens through vault.json.next and finishes the rename', async () => {
    await crashAfterRekey();
    const nextHeader = readFileSync(path.join(dir, 'vault.json.next'), 'utf8');

    // The old passphrase no longer opens the database, and changes nothing.
    const before = hashFiles(dir);
    expect((await rejection(Vault.open(dir, PASS))).code).toBe('vault.wrong-passphrase');
    expect(hashFiles(dir)).toEqual(before);

    const v = await Vault.open(dir, NEW);
    expect(v.countStatements()).toBe(50);
    v.close();
    expect(readdirSync(dir).sort()).toEqual(['vault.db', 'vault.json']);
    expect(readFileSync(path.join(dir, 'vault.json'), 'utf8')).toBe(nextHeader);
    (await Vault.open(dir, NEW)).close();
  });

  it('before the rekey: the old passphrase opens and the unused vault.json.next is dropped', async () => {
    // A next header for a passphrase whose rekey never happened.
    const h = header();
    writeFileSync(path.join(dir, 'vault.json.next'), JSON.stringify({ ...h, salt: 'ab'.repeat(16) }));
    const before = hashFiles(dir);
    expect((await rejection(Vault.open(dir, NEW))).code).toBe('vault.wrong-passphrase');
    expect(hashFiles(dir)).toEqual(before);

    const v = await Vault.open(dir, PASS);
    expect(v.countStatements()).toBe(50);
    v.close();
    expect(existsSync(path.join(dir, 'vault.json.next'))).toBe(false);
  });

  it('a half-written vault.json.next is ignored', async () => {
    writeFileSync(path.join(dir, 'vault.json.next'), '{"format":"samiz');
    expect((await rejection(Vault.open(dir, NEW))).code).toBe('vault.wrong-passphrase');
    const v = await Vault.open(dir, PASS);
    v.close();
    expect(readdirSync(dir).sort()).toEqual(['vault.db', 'vault.json']);
  });

  it('a stale vault.json.next does not disturb a later change of passphrase', async () => {
    writeFileSync(path.join(dir, 'vault.json.next'), 'junk');
    const v = await Vault.open(dir, PASS);
    await v.changePassphrase(NEW);
    v.close();
    expect(readdirSync(dir).sort()).toEqual(['vault.db', 'vault.json']);
    (await Vault.open(dir, NEW)).close();
  });
});

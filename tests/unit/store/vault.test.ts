// The vault's files: create, open, close, wrong passphrase, missing, damaged, from the future.
import { mkdirSync, readdirSync, readFileSync, writeFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SamizdatError } from '../../../src/core/errors.js';
import { KDF_PRESETS } from '../../../src/core/crypto/kdf.js';
import { SCHEMA_VERSION, Vault } from '../../../src/core/store/index.js';
import { MIGRATIONS } from '../../../src/core/store/migrations/index.js';
import { PASS, hashFiles, rawDb, rejection, statement, tempRoot, thrown } from './helpers.js';

let root: string;
let cleanup: () => void;
beforeEach(() => {
  ({ root, cleanup } = tempRoot());
});
afterEach(() => cleanup());

/** Sets user_version of a closed vault through a connection opened with the right key. */
async function setUserVersion(dir: string, version: number): Promise<void> {
  const db = await rawDb(dir);
  db.pragma(`user_version = ${version}`);
  db.close();
}

describe('migrations', () => {
  it('are numbered 1, 2, 3... with no gap, and the schema version is the last', () => {
    MIGRATIONS.forEach((m, i) => expect(m.version).toBe(i + 1));
    expect(SCHEMA_VERSION).toBe(MIGRATIONS.length);
  });
});

describe('Vault.create / open / close', () => {
  it('creates a vault holding exactly vault.json and vault.db, and round-trips data through close and open', async () => {
    const dir = path.join(root, 'nested', 'vault');
    expect(Vault.exists(dir)).toBe(false);
    const v = await Vault.create(dir, PASS, 'interactive');
    expect(v.isOpen).toBe(true);
    expect(v.schemaVersion).toBe(SCHEMA_VERSION);
    expect(v.putStatement(statement('round-trip')).new).toBe(true);
    v.close();
    v.close(); // idempotent
    expect(Vault.exists(dir)).toBe(true);
    expect(readdirSync(dir).sort()).toEqual(['vault.db', 'vault.json']);
    // No temporary sibling left behind.
    expect(readdirSync(path.dirname(dir))).toEqual(['vault']);

    const header = JSON.parse(readFileSync(path.join(dir, 'vault.json'), 'utf8')) as Record<string, unknown>;
    expect(Object.keys(header)).toEqual(['format', 'version', 'kdf', 'salt']);
    expect(header.format).toBe('samizdat-vault');
    expect(header.version).toBe(1);
    expect(header.kdf).toEqual(KDF_PRESETS.interactive);
    expect(header.salt).toMatch(/^[0-9a-f]{32}$/);
    if (process.platform !== 'win32') {
      expect(statSync(dir).mode & 0o777).toBe(0o700);
      expect(statSync(path.join(dir, 'vault.db')).mode & 0o777).toBe(0o600);
      expect(statSync(path.join(dir, 'vault.json')).mode & 0o777).toBe(0o600);
    }

    const w = await Vault.open(dir, PASS);
    expect(w.getStatement(statement('round-trip').id)).toEqual(statement('round-trip'));
    w.close();
  });

  it('sets the pragmas: WAL, synchronous FULL, foreign keys, secure delete, temp store in memory', async () => {
    const dir = path.join(root, 'v');
    const v = await Vault.create(dir, PASS, 'interactive');
    expect(v.settings()).toEqual({
      cipher: 'chacha20',
      journalMode: 'wal',
      synchronous: 2,
      foreignKeys: true,
      secureDelete: true,
      tempStore: 2,
      schemaVersion: SCHEMA_VERSION,
      kdf: KDF_PRESETS.interactive,
    });
    v.putStatement(statement('x'));
    expect(readdirSync(dir).sort()).toEqual(['vault.db', 'vault.db-shm', 'vault.db-wal', 'vault.json']);
    v.close();
    expect(readdirSync(dir).sort()).toEqual(['vault.db', 'vault.json']);
  });

  it('creates into an existing empty directory', async () => {
    const dir = path.join(root, 'empty');
    mkdirSync(dir);
    const v = await Vault.create(dir, PASS, 'interactive');
    v.close();
    expect(readdirSync(dir).sort()).toEqual(['vault.db', 'vault.json']);
  });

  it('refuses a directory that already holds a vault, or anything else, and leaves it as it was', async () => {
    const dir = path.join(root, 'v');
    (await Vault.create(dir, PASS, 'interactive')).close();
    const before = hashFiles(dir);
    const e = await rejection(Vault.create(dir, 'another passphrase', 'interactive'));
    expect([e.kind, e.code]).toEqual(['vault', 'vault.exists']);
    expect(e.message).toContain('a vault already exists at');
    expect(hashFiles(dir)).toEqual(before);

    const other = path.join(root, 'other');
    mkdirSync(other);
    writeFileSync(path.join(other, 'notes.txt'), 'mine');
    const e2 = await rejection(Vault.create(other, PASS, 'interactive'));
    expect([e2.kind, e2.code]).toEqual(['vault', 'vault.exists']);
    expect(e2.message).toContain('not empty');
    expect(readdirSync(other)).toEqual(['notes.txt']);

    const file = path.join(root, 'file');
    writeFileSync(file, 'x');
    expect((await rejection(Vault.create(file, PASS, 'interactive'))).code).toBe('vault.exists');
    expect(readdirSync(root).sort()).toEqual(['file', 'other', 'v']);
  });

  it('a directory that cannot be made is an io error, and nothing is left behind', async () => {
    writeFileSync(path.join(root, 'plain-file'), 'x');
    const e = await rejection(Vault.create(path.join(root, 'plain-file', 'v'), PASS, 'interactive'));
    expect([e.kind, e.exitCode]).toEqual(['io', 5]);
    expect(e.message).toContain('plain-file');
    expect(readdirSync(root)).toEqual(['plain-file']);
  });

  it('refuses an empty passphrase and an unknown preset (usage errors)', async () => {
    const dir = path.join(root, 'v');
    expect((await rejection(Vault.create(dir, '', 'interactive'))).code).toBe('vault.empty-passphrase');
    const e = await rejection(Vault.create(dir, PASS, 'extreme' as 'interactive'));
    expect([e.kind, e.code]).toEqual(['usage', 'vault.bad-kdf-preset']);
    expect(readdirSync(root)).toEqual([]);
  });

  it('a closed vault is locked: every use is a vault.locked error', async () => {
    const v = await Vault.create(path.join(root, 'v'), PASS, 'interactive');
    v.close();
    for (const use of [() => v.countStatements(), () => v.putStatement(statement('a')), () => v.search('x'), () => v.transaction(() => 1)]) {
      const e = thrown(use);
      expect([e.kind, e.code]).toEqual(['vault', 'vault.locked']);
    }
    const e = await rejection(v.changePassphrase('new one'));
    expect(e.code).toBe('vault.locked');
  });
});

describe('Vault.open refusals', () => {
  it('wrong passphrase: the exact error, and no byte of any file changes', async () => {
    const dir = path.join(root, 'v');
    const v = await Vault.create(dir, PASS, 'interactive');
    v.putStatement(statement('kept'));
    v.close();
    const before = hashFiles(dir);
    const e = await rejection(Vault.open(dir, 'not the passphrase'));
    expect(e).toBeInstanceOf(SamizdatError);
    expect(e.kind).toBe('vault');
    expect(e.code).toBe('vault.wrong-passphrase');
    expect(e.exitCode).toBe(3);
    expect(e.message).toBe(`vault: wrong passphrase for the vault at "${dir}"; nothing was changed`);
    expect(hashFiles(dir)).toEqual(before);
    // An empty passphrase is just another wrong one on open.
    expect((await rejection(Vault.open(dir, ''))).code).toBe('vault.wrong-passphrase');
    expect(hashFiles(dir)).toEqual(before);
  });

  it('missing vault: names the directory and says to run samizdat init', async () => {
    const dir = path.join(root, 'nowhere');
    const e = await rejection(Vault.open(dir, PASS));
    expect([e.kind, e.code, e.exitCode]).toEqual(['vault', 'vault.missing', 3]);
    expect(e.message).toContain(dir);
    expect(e.message).toContain('samizdat init');
    mkdirSync(dir);
    expect((await rejection(Vault.open(dir, PASS))).code).toBe('vault.missing');
  });

  it('a header without database, or a database without header, is a vault error', async () => {
    const dir = path.join(root, 'v');
    (await Vault.create(dir, PASS, 'interactive')).close();
    const header = readFileSync(path.join(dir, 'vault.json'));
    const db = readFileSync(path.join(dir, 'vault.db'));

    writeFileSync(path.join(dir, 'vault.db'), db);
    const { rmSync } = await import('node:fs');
    rmSync(path.join(dir, 'vault.json'));
    expect((await rejection(Vault.open(dir, PASS))).code).toBe('vault.bad-header');
    writeFileSync(path.join(dir, 'vault.json'), header);
    rmSync(path.join(dir, 'vault.db'));
    expect((await rejection(Vault.open(dir, PASS))).code).toBe('vault.corrupt');
  });

  it('a damaged database file: a clear vault error, not a stack trace', async () => {
    const dir = path.join(root, 'v');
    const v = await Vault.create(dir, PASS, 'interactive');
    v.transaction(() => {
      for (let i = 0; i < 200; i++) v.putStatement(statement(`s${i}`, { body: `body ${i} `.repeat(50) }));
    });
    v.close();
    const file = path.join(dir, 'vault.db');
    const bytes = readFileSync(file);
    const middle = Math.floor(bytes.length / 2);
    bytes.fill(0x5a, middle, middle + 64);
    writeFileSync(file, bytes);

    // Open, then read everything: the damage is found at open or on first read, always as vault.corrupt.
    const e = await rejection(
      (async () => {
        const w = await Vault.open(dir, PASS);
        try {
          w.checkIntegrity();
          w.listStatements({ limit: 1000 });
          for (const s of w.listStatements({ limit: 1000 }).items) w.getStatement(s.id);
        } finally {
          w.close();
        }
      })(),
    );
    expect([e.kind, e.code, e.exitCode]).toEqual(['vault', 'vault.corrupt', 3]);
    expect(e.message).toMatch(/^vault: the vault database ".*vault\.db" is damaged/);
  });

  it('a damaged first page reads as a wrong passphrase (the two are indistinguishable), still a vault error', async () => {
    const dir = path.join(root, 'v');
    (await Vault.create(dir, PASS, 'interactive')).close();
    const file = path.join(dir, 'vault.db');
    const bytes = readFileSync(file);
    bytes.fill(0, 200, 260);
    writeFileSync(file, bytes);
    const e = await rejection(Vault.open(dir, PASS));
    expect([e.kind, e.code]).toEqual(['vault', 'vault.wrong-passphrase']);
  });

  it('a file that is not a vault database, or a truncated one, is vault.corrupt (not a wrong passphrase)', async () => {
    const dir = path.join(root, 'v');
    (await Vault.create(dir, PASS, 'interactive')).close();
    const file = path.join(dir, 'vault.db');
    const good = readFileSync(file);
    for (const bad of [Buffer.from('hello, I am not a database\n'.repeat(400)), good.subarray(0, good.length - 100), Buffer.alloc(0)]) {
      writeFileSync(file, bad);
      const e = await rejection(Vault.open(dir, PASS));
      expect([e.kind, e.code]).toEqual(['vault', 'vault.corrupt']);
      expect(e.message).toContain('is damaged or is not a Samizdat vault database');
    }
    writeFileSync(file, good);
    (await Vault.open(dir, PASS)).close();
  });

  const badHeaders: [string, (h: Record<string, unknown>) => unknown, RegExp][] = [
    ['absurd KDF parameters', (h) => ({ ...h, kdf: { algorithm: 'scrypt', logN: 40, r: 8, p: 1 } }), /logN must be an integer from 14 to 22, got 40/],
    ['a memory bomb', (h) => ({ ...h, kdf: { algorithm: 'scrypt', logN: 22, r: 32, p: 1 } }), /more than the 4 GiB allowed/],
    ['a weak KDF', (h) => ({ ...h, kdf: { algorithm: 'scrypt', logN: 1, r: 1, p: 1 } }), /logN must be/],
    ['another algorithm', (h) => ({ ...h, kdf: { algorithm: 'pbkdf2', logN: 15, r: 8, p: 1 } }), /algorithm must be "scrypt"/],
    ['an unknown kdf field', (h) => ({ ...h, kdf: { ...(h.kdf as object), extra: 1 } }), /unknown field "kdf"\."extra"/],
    ['a short salt', (h) => ({ ...h, salt: 'abcd' }), /"salt" must be 32 lowercase hex characters/],
    ['an uppercase salt', (h) => ({ ...h, salt: (h.salt as string).toUpperCase() }), /"salt" must be 32 lowercase hex/],
    ['a salt that is not a string', (h) => ({ ...h, salt: 12 }), /"salt" must be a string/],
    ['another format', (h) => ({ ...h, format: 'sqlite' }), /"format" must be "samizdat-vault"/],
    ['an unknown field', (h) => ({ ...h, key: 'aa' }), /unknown field "key"/],
    ['an array', () => [1, 2], /expected a JSON object/],
  ];
  for (const [what, edit, message] of badHeaders) {
    it(`a header edited to hold ${what}: a clear vault.bad-header error, files unchanged`, async () => {
      const dir = path.join(root, 'v');
      (await Vault.create(dir, PASS, 'interactive')).close();
      const headerPath = path.join(dir, 'vault.json');
      writeFileSync(headerPath, JSON.stringify(edit(JSON.parse(readFileSync(headerPath, 'utf8')) as Record<string, unknown>)));
      const before = hashFiles(dir);
      const e = await rejection(Vault.open(dir, PASS));
      expect([e.kind, e.code, e.exitCode]).toEqual(['vault', 'vault.bad-header', 3]);
      expect(e.message).toMatch(/^vault: the vault header ".*vault\.json" is not valid: /);
      expect(e.message).toMatch(message);
      expect(hashFiles(dir)).toEqual(before);
    });
  }

  it('a header that is not JSON, or too big, is a vault.bad-header error', async () => {
    const dir = path.join(root, 'v');
    (await Vault.create(dir, PASS, 'interactive')).close();
    writeFileSync(path.join(dir, 'vault.json'), '{"format": "samizdat-vault",');
    expect((await rejection(Vault.open(dir, PASS))).message).toContain('it is not JSON');
    writeFileSync(path.join(dir, 'vault.json'), ' '.repeat(100_000));
    expect((await rejection(Vault.open(dir, PASS))).message).toContain('more than the 4096 allowed');
  });

  it('a header from a newer version of the format is refused with both versions named', async () => {
    const dir = path.join(root, 'v');
    (await Vault.create(dir, PASS, 'interactive')).close();
    const headerPath = path.join(dir, 'vault.json');
    const h = JSON.parse(readFileSync(headerPath, 'utf8')) as Record<string, unknown>;
    writeFileSync(headerPath, JSON.stringify({ ...h, version: 2 }));
    const e = await rejection(Vault.open(dir, PASS));
    expect([e.kind, e.code]).toEqual(['vault', 'vault.newer-header']);
    expect(e.message).toContain('version 2');
    expect(e.message).toContain('only version 1');
  });

  it('a database from a newer schema is refused, naming both versions, and left unchanged', async () => {
    const dir = path.join(root, 'v');
    (await Vault.create(dir, PASS, 'interactive')).close();
    await setUserVersion(dir, SCHEMA_VERSION + 41);
    const before = hashFiles(dir);
    const e = await rejection(Vault.open(dir, PASS));
    expect([e.kind, e.code, e.exitCode]).toEqual(['vault', 'vault.newer-schema', 3]);
    expect(e.message).toContain(`schema version ${SCHEMA_VERSION + 41}`);
    expect(e.message).toContain(`versions up to ${SCHEMA_VERSION}`);
    expect(hashFiles(dir)).toEqual(before);
  });
});

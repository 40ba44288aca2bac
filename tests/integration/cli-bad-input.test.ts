// Every input surface of the one-device CLI: bad input gets a clear, specific error with the
// contract's exit code, no stack trace, and changes nothing in the vault.
import { describe, expect, it, beforeAll, afterAll } from 'vitest';
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { device, runCli, tempDir } from '../helpers/cli.js';

function vaultDigest(dir: string): string {
  const hash = createHash('sha256');
  for (const name of readdirSync(dir).sort()) hash.update(name).update(readFileSync(join(dir, name)));
  return hash.digest('hex');
}

describe('samizdat CLI refuses bad input and changes nothing', () => {
  const tmp = tempDir();
  const olga = device(tmp.path, 'olga');
  const card = join(tmp.path, 'olga.member');
  const body = join(tmp.path, 'body.txt');
  let before = '';
  afterAll(() => tmp.remove());

  beforeAll(() => {
    expect(olga.run(['init', '--kdf', 'interactive']).status).toBe(0);
    expect(olga.run(['me', 'create', '--name', 'Olga']).status).toBe(0);
    expect(olga.run(['me', 'export', '--out', card]).status).toBe(0);
    expect(olga.run(['group', 'create', '--name', 'KRAS-IWA', '--threshold', '1']).status).toBe(0);
    writeFileSync(body, 'text\n');
    before = vaultDigest(olga.vault);
  });

  const cases: Array<[string, () => string[], number, RegExp]> = [
    ['an unknown command', () => ['frobnicate'], 2, /unknown command/],
    ['a missing required option', () => ['statement', 'new', '--title', 'x'], 2, /required option/],
    ['a threshold above the member count', () => ['group', 'create', '--name', 'X', '--threshold', '2'], 2, /--threshold 2 must be a whole number from 1 to the 1 member/],
    ['a threshold that is not a number', () => ['group', 'create', '--name', 'X', '--threshold', 'two'], 2, /--threshold "two" is not a whole number/],
    ['a member card that does not exist', () => ['group', 'create', '--name', 'X', '--threshold', '1', '--member', join(tmp.path, 'nope.member')], 5, /cannot read --member .*nope\.member.*: no such file/],
    ['a tampered member card', () => ['group', 'create', '--name', 'X', '--threshold', '1', '--member', tampered()], 4, /self-signature does not verify/],
    ['a member card that is not JSON', () => ['group', 'create', '--name', 'X', '--threshold', '1', '--member', body], 4, /member card .* is not valid JSON/],
    ['an unknown group', () => ['statement', 'new', '--group', 'Nobody', '--title', 'T', '--lang', 'en', '--body', body], 2, /no group "Nobody" in this vault/],
    ['a bad language tag', () => ['statement', 'new', '--group', 'KRAS-IWA', '--title', 'T', '--lang', 'English!', '--body', body], 4, /lang: must be a BCP 47 language tag/],
    ['a title with a control character', () => ['statement', 'new', '--group', 'KRAS-IWA', '--title', 'a\u0007b', '--lang', 'en', '--body', body], 4, /title: contains a control character/],
    ['a body that is not UTF-8', () => ['statement', 'new', '--group', 'KRAS-IWA', '--title', 'T', '--lang', 'en', '--body', latin1()], 4, /is not UTF-8 text/],
    ['a body file that is a folder', () => ['statement', 'new', '--group', 'KRAS-IWA', '--title', 'T', '--lang', 'en', '--body', tmp.path], 5, /it is a folder/],
    ['an unknown statement', () => ['verify', 'abcdef123456'], 2, /no statement "abcdef123456"/],
    ['a statement id that is not hex', () => ['sign', 'hello'], 2, /is not a statement id/],
    ['a wrong fingerprint', () => ['trust', 'KRAS-IWA', '--fingerprint', '1'.repeat(60)], 1, /does not match this group: do NOT trust it/],
    ['a fingerprint with too few digits', () => ['trust', 'KRAS-IWA', '--fingerprint', '12345'], 2, /60 digits/],
    ['a bad --kdf', () => ['init', '--kdf', 'fast'], 2, /--kdf "fast" is not one of/],
    ['init over an existing vault', () => ['init', '--kdf', 'interactive'], 3, /already/],
    ['a second identity', () => ['me', 'create', '--name', 'Other'], 2, /already holds/],
  ];

  function tampered(): string {
    const path = join(tmp.path, 'tampered.member');
    writeFileSync(path, readFileSync(card, 'utf8').replace('"name":"Olga"', '"name":"Olgb"'));
    return path;
  }
  function latin1(): string {
    const path = join(tmp.path, 'latin1.txt');
    writeFileSync(path, Buffer.from([0x4e, 0x65, 0x74, 0x20, 0xe9, 0xff, 0x0a]));
    return path;
  }

  for (const [what, args, code, message] of cases) {
    it(`${what}: exit ${code}, a clear message, no stack, vault unchanged`, () => {
      const result = olga.run(args());
      expect(result.status, result.stderr).toBe(code);
      expect(result.stderr).toMatch(message);
      expect(result.stderr).not.toMatch(/\n\s+at .*\(.*:\d+:\d+\)/);
      expect(vaultDigest(olga.vault)).toBe(before);
    });
  }

  it('--json errors are JSON on stderr with the code and kind', () => {
    const result = olga.run(['--json', 'verify', 'abcdef123456']);
    expect(result.status).toBe(2);
    expect(JSON.parse(result.stderr).error).toMatchObject({ code: 'cli.no-such-statement', kind: 'usage' });
  });

  it('a corrupt vault file: exit 3 with a clear error, not a stack', () => {
    const copy = tempDir();
    try {
      const vault = join(copy.path, 'vault');
      runCli(['init', '--kdf', 'interactive'], { SAMIZDAT_VAULT: vault, SAMIZDAT_PASSPHRASE: 'passphrase of copy' });
      const db = join(vault, 'vault.db');
      const bytes = readFileSync(db);
      bytes.fill(0x41, 0, 4096);
      writeFileSync(db, bytes);
      const result = runCli(['statement', 'list'], { SAMIZDAT_VAULT: vault, SAMIZDAT_PASSPHRASE: 'passphrase of copy' });
      expect(result.status).toBe(3);
      expect(result.stderr).toMatch(/^samizdat: vault: /);
      expect(result.stderr).not.toMatch(/\n\s+at /);
    } finally {
      copy.remove();
    }
  });

  it('no passphrase and no terminal: exit 3, saying how to give one', () => {
    const result = runCli(['statement', 'list'], { SAMIZDAT_VAULT: olga.vault });
    expect(result.status).toBe(3);
    expect(result.stderr).toMatch(/--passphrase-file FILE or SAMIZDAT_PASSPHRASE/);
  });

  it('a short new passphrase is refused before anything is created', () => {
    const vault = join(tmp.path, 'short');
    const result = runCli(['init'], { SAMIZDAT_VAULT: vault, SAMIZDAT_PASSPHRASE: 'short' });
    expect(result.status).toBe(2);
    expect(result.stderr).toMatch(/at least 8/);
    expect(() => readdirSync(vault)).toThrow();
  });
});

// docs/SECURITY.md is true to the tests: every test file it cites exists and holds tests, and every
// torture test file is cited, so that a promise cannot lose its proof unnoticed.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = join(import.meta.dirname, '..', '..', '..');
const doc = readFileSync(join(root, 'docs', 'SECURITY.md'), 'utf8');
const cited = [...new Set([...doc.matchAll(/`(tests\/[^`*]+\.test\.ts)`/g)].map((m) => m[1] as string))];

describe('docs/SECURITY.md', () => {
  it('cites test files', () => {
    expect(cited.length).toBeGreaterThan(20);
  });

  it.each(cited)('cites %s, which exists and has tests', (file) => {
    const path = join(root, file);
    expect(existsSync(path), `${file} is cited but does not exist`).toBe(true);
    expect(readFileSync(path, 'utf8')).toMatch(/\b(it|test)(\.each\([^)]*\))?\(/);
  });

  it('cites every torture test file', () => {
    const torture = readdirSync(join(root, 'tests', 'torture')).filter((f) => f.endsWith('.test.ts')).map((f) => `tests/torture/${f}`);
    expect(torture.length).toBeGreaterThan(0);
    for (const file of torture) expect(cited, `${file} is not cited in SECURITY.md`).toContain(file);
  });

  it('names every adversary of issue 8 and what is not promised', () => {
    for (const who of ['A state', 'An impersonator', "A hostile bundle's author", 'A stranger who writes to a shared folder', 'A removed or compromised member', 'A thief of one key']) {
      expect(doc).toContain(who);
    }
    expect(doc).toMatch(/coerced passphrase/);
    expect(doc).toMatch(/Hiding that Samizdat is installed/);
  });
});

// tests/vectors/ holds the standard vectors in the project itself, each named in its README.md
// with its source, and byte for byte the file that README's SHA-256 list names.
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { vectorsDir } from './testdata.js';

const readme = readFileSync(path.join(vectorsDir, 'README.md'), 'utf8');
const listed = new Map([...readme.matchAll(/^([0-9a-f]{64}) {2}(\S+)$/gm)].map((m) => [m[2]!, m[1]!]));
const files = readdirSync(vectorsDir).filter((f) => f !== 'README.md').sort();

describe('tests/vectors/', () => {
  it('holds the three vector files and the Wycheproof licence, each with its SHA-256 in README.md', () => {
    expect(files).toEqual(['LICENSE-wycheproof', 'rfc8032-ed25519.json', 'wycheproof-ed25519.json', 'wycheproof-x25519.json']);
    expect([...listed.keys()].sort()).toEqual(files);
  });

  it.each(files)('%s is the file README.md describes: named in its table, with the listed SHA-256', (file) => {
    expect(readme).toContain(`| \`${file}\` |`);
    expect(createHash('sha256').update(readFileSync(path.join(vectorsDir, file))).digest('hex')).toBe(listed.get(file));
  });

  it('carries the Apache License 2.0 beside the Wycheproof files, and names each source', () => {
    const licence = readFileSync(path.join(vectorsDir, 'LICENSE-wycheproof'), 'utf8');
    expect(licence).toMatch(/^\s*Apache License\s+Version 2\.0, January 2004/);
    expect(licence).toContain('END OF TERMS AND CONDITIONS');
    expect(readme).toContain('rfc8032#section-7.1');
    expect(readme).toContain('testvectors_v1/ed25519_test.json');
    expect(readme).toContain('testvectors_v1/x25519_test.json');
  });
});

// The worked example of docs/FORMAT.md's "Exported text for readers without Samizdat" is real: each
// fenced block marked `interop:NAME` is what the code writes (and what vectors.ts holds, which the
// real signify and minisign produced).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { toHex } from '../../../src/core/crypto/bytes.js';
import { signingKeyPairFromSeed } from '../../../src/core/crypto/ed25519.js';
import { blake2b512, minisignSignature } from '../../../src/core/interop/minisign.js';
import { keyIdHex, publicKeyFile, signifySignature } from '../../../src/core/interop/signify.js';
import { renderStatementText } from '../../../src/core/interop/text.js';
import { canonicalString } from '../../../src/core/model/canonical.js';
import { objectId } from '../../../src/core/model/objects.js';
import { REPO_ROOT } from '../../helpers/cli.js';
import { GROUPS, MINISIG_FILE, PUB_FILE, SEED, SIG_FILE, STATEMENT, STATEMENT_ID, STATEMENT_JSON, STATEMENT_TXT, STATEMENT_TXT_BLAKE2B, TRUSTED_COMMENT } from './vectors.js';

const HEADING = '## Exported text for readers without Samizdat';

function sectionText(): string {
  const format = readFileSync(join(REPO_ROOT, 'docs', 'FORMAT.md'), 'utf8');
  const start = format.indexOf(`\n${HEADING}\n`);
  if (start < 0) throw new Error(`docs/FORMAT.md has no section "${HEADING}"`);
  const next = format.indexOf('\n## ', start + HEADING.length + 1);
  return format.slice(start, next < 0 ? undefined : next);
}

function blocks(markdown: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const m of markdown.matchAll(/^```[a-z]*[ \t]+interop:([a-z0-9.-]+)[ \t]*\n([\s\S]*?)\n```[ \t]*$/gm)) {
    const [, name, text] = m as unknown as [string, string, string];
    if (out.has(name)) throw new Error(`two blocks named interop:${name}`);
    out.set(name, text);
  }
  return out;
}

describe('the text export section of docs/FORMAT.md: its worked example', () => {
  const doc = blocks(sectionText());
  const block = (name: string): string => {
    const b = doc.get(name);
    if (b === undefined) throw new Error(`no block interop:${name}`);
    return b;
  };
  const keys = signingKeyPairFromSeed(SEED);
  const text = renderStatementText({ id: STATEMENT_ID, statement: STATEMENT, groups: GROUPS });
  const bytes = new Uint8Array(Buffer.from(text, 'utf8'));

  it('has exactly the blocks it should', () => {
    expect([...doc.keys()].sort()).toEqual(['keys', 'minisig', 'pub', 'sig', 'statement', 'statement.txt']);
  });

  it('lists the key, key id, statement id and prehash of the code', () => {
    const values = new Map(block('keys').split('\n').map((l) => l.split(': ') as [string, string]));
    expect(values.get('seed')).toBe(toHex(SEED));
    expect(values.get('public-key')).toBe(toHex(keys.publicKey));
    expect(values.get('keyid')).toBe(keyIdHex(keys.publicKey));
    expect(values.get('statement-id')).toBe(objectId(STATEMENT));
    expect(values.get('statement-txt-blake2b-512')).toBe(toHex(blake2b512(bytes)));
    expect(values.get('statement-txt-blake2b-512')).toBe(STATEMENT_TXT_BLAKE2B);
  });

  it('shows the statement and the four files byte for byte (each block is a file without its final LF)', () => {
    expect(block('statement')).toBe(canonicalString(STATEMENT));
    expect(block('statement')).toBe(STATEMENT_JSON);
    expect(`${block('statement.txt')}\n`).toBe(text);
    expect(text).toBe(STATEMENT_TXT);
    expect(`${block('pub')}\n`).toBe(publicKeyFile(keys.publicKey));
    expect(`${block('pub')}\n`).toBe(PUB_FILE);
    expect(`${block('sig')}\n`).toBe(signifySignature(bytes, keys));
    expect(`${block('sig')}\n`).toBe(SIG_FILE);
    expect(`${block('minisig')}\n`).toBe(minisignSignature(bytes, keys, TRUSTED_COMMENT));
    expect(`${block('minisig')}\n`).toBe(MINISIG_FILE);
  });
});

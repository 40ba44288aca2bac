// What the reader and the import work out from an object's canonical bytes instead of serialising
// the decoded object again (issue 10: avoid re-canonicalising bytes just parsed) must be exactly
// what the serialisation gives: each record's id is objectId of its object, and a signature's
// signing message from its bytes (statementSigningMessageOf) is statementSigningMessage's, for the
// worked example, every verification fixture, and statements and signatures with every kind of
// text, relation and attachment a statement can hold.
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readBundle } from '../../../src/core/bundle/reader.js';
import { canonicalBytes } from '../../../src/core/model/canonical.js';
import { objectId, statementSigningMessage, statementSigningMessageOf } from '../../../src/core/model/objects.js';
import type { SignedObject, StatementSignature } from '../../../src/core/model/types.js';
import { makePerson, signStatement, statementBy, TestGroup } from '../../helpers/core.js';
import { VERIFY_FIXTURE_DIR, bundleBytes } from '../../fixtures/verify/fixtures.js';
import { exampleBundle } from './helpers.js';

/** Every object record of a bundle, as the reader gives it. */
async function objectsOf(bytes: Uint8Array): Promise<Array<{ id: string; object: SignedObject; bytes: Uint8Array }>> {
  const out: Array<{ id: string; object: SignedObject; bytes: Uint8Array }> = [];
  for await (const r of readBundle([bytes])) if (r.kind === 'object') out.push(r);
  return out;
}

/** Statements and signatures with unusual texts: scripts, escapes JCS must write, relations, attachments. */
function unusual(): SignedObject[] {
  const [alice, bob] = [makePerson('Алиса "А." \\ Q'), makePerson('Bob\u00e9')];
  const group = TestGroup.create('Профсоюз «Ёлка» "quoted"', [alice, bob], { release: 1, membership: 1 });
  const objects: SignedObject[] = [...group.links];
  const titles = ['Плакат: «нет войне»', '"quotes" and \\ backslash', 'emoji 🕊️ and ZWJ 👩‍👩‍👧', 'עברית ومعها العربية', 'sig', '"sig":"x"'];
  titles.forEach((title, i) => {
    const s = statementBy([group], {
      title,
      body: `${title}\n\nLine with </script>, \\u0041 as text, and tab\tinside, plain ${i}.\n\u00a0indented`,
      relations: i % 2 === 0 ? [{ type: 'revises', id: 'a'.repeat(64) }, { type: 'translation-of', id: 'b'.repeat(64) }] : [],
      attachments: i % 3 === 0 ? [{ id: 'c'.repeat(64), name: `файл ${i}.pdf`, mediaType: 'application/pdf', size: 1000 + i }] : [],
    });
    objects.push(s.statement, signStatement(s.id, group, alice), signStatement(s.id, group, bob, { role: i % 2 === 0 ? 'release' : 'endorse' }));
  });
  return objects;
}

describe('ids and signing messages from canonical bytes', () => {
  it('equal objectId and statementSigningMessage for every object of every bundle here', async () => {
    const fixtures = readdirSync(VERIFY_FIXTURE_DIR).filter((f) => f.endsWith('.samizdat'));
    expect(fixtures.length).toBeGreaterThan(0);
    const bundles = [await exampleBundle(), ...fixtures.map((f) => new Uint8Array(readFileSync(join(VERIFY_FIXTURE_DIR, f)))), await bundleBytes(unusual())];
    const seen = { link: 0, statement: 0, signature: 0 };
    for (const bundle of bundles) {
      for (const r of await objectsOf(bundle)) {
        seen[r.object.type]++;
        expect(r.id).toBe(objectId(r.object));
        expect(Buffer.from(r.bytes).equals(Buffer.from(canonicalBytes(r.object)))).toBe(true);
        if (r.object.type === 'signature') expect(Buffer.from(statementSigningMessageOf(r.object, r.bytes)).equals(Buffer.from(statementSigningMessage(r.object)))).toBe(true);
      }
    }
    expect(seen.link).toBeGreaterThan(10);
    expect(seen.statement).toBeGreaterThan(10);
    expect(seen.signature).toBeGreaterThan(20);
  });

  it('a signature message from bytes that are not the signature\'s own is made by serialising it', async () => {
    const signatures = (await objectsOf(await bundleBytes(unusual()))).filter((r) => r.object.type === 'signature');
    const [a, b] = signatures as [(typeof signatures)[number], (typeof signatures)[number]];
    const sig = a.object as StatementSignature;
    expect(Buffer.from(statementSigningMessageOf(sig, b.bytes)).equals(Buffer.from(statementSigningMessage(sig)))).toBe(true);
    // Twice the member: not a place to cut, so serialised too.
    const twice = new TextEncoder().encode(`${new TextDecoder().decode(a.bytes)},"sig":"${sig.sig}"`);
    expect(Buffer.from(statementSigningMessageOf(sig, twice)).equals(Buffer.from(statementSigningMessage(sig)))).toBe(true);
  });
});

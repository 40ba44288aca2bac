// Ids and signing messages: an id is the SHA-256 of the canonical bytes (a link's without its
// signatures); every signature is over a domain-separated message, so one kind never verifies as another.
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import canonicalize from 'canonicalize';
import { fromHex, toHex } from '../../../src/core/crypto/bytes.js';
import { sign, verify } from '../../../src/core/crypto/ed25519.js';
import { signLink, mergeLinkSignatures, makeStatementSignature } from '../../../src/core/model/build.js';
import { canonicalBytes } from '../../../src/core/model/canonical.js';
import {
  decodeObject,
  idBytes,
  linkBody,
  linkSigningMessage,
  objectId,
  signatureBody,
  signingMessage,
  statementSigningMessage,
  type SignatureKind,
} from '../../../src/core/model/objects.js';
import type { ChainLink, StatementSignature } from '../../../src/core/model/types.js';
import { signBy, signStatement, statementBy, threeMemberGroup } from '../../helpers/core.js';

const sha256 = (b: Uint8Array | string) => createHash('sha256').update(b).digest('hex');
const text = (b: Uint8Array) => new TextDecoder().decode(b);
const bytesOf = (s: string) => new TextEncoder().encode(s);

const { alice, bob, carol, group } = threeMemberGroup();
const add = signBy(group.propose({ op: 'rename', name: 'KRAS-IWA Moscow' }), [alice, bob]);
const { statement, id: statementId } = statementBy([group]);
const signature = signStatement(statementId, group, alice);

describe('ids', () => {
  it('a statement id is the SHA-256 of its canonical bytes, computed independently', () => {
    expect(objectId(statement)).toBe(sha256(canonicalize(statement) as string));
    expect(statementId).toMatch(/^[0-9a-f]{64}$/);
  });

  it('a signature id is the SHA-256 of all its canonical bytes, sig included', () => {
    expect(objectId(signature)).toBe(sha256(canonicalize(signature) as string));
    expect(text(idBytes(signature))).toContain(`"sig":"${signature.sig}"`);
  });

  it('a link id is the SHA-256 of its canonical bytes without `signatures`', () => {
    const { signatures: _s, ...body } = add;
    expect(objectId(add)).toBe(sha256(canonicalize(body) as string));
    expect(text(idBytes(add))).not.toContain('signatures');
    expect(text(idBytes(add))).not.toContain(add.signatures[0]?.sig);
  });

  it('a group id is the id of its charter; signing a link does not change its id', () => {
    expect(group.id).toBe(objectId(group.charter));
    const unsigned = { ...add, signatures: [] };
    expect(objectId(unsigned)).toBe(objectId(add));
    expect(objectId(signLink(unsigned, carol.sign))).toBe(objectId(add));
    expect(objectId(mergeLinkSignatures(add, signLink(unsigned, carol.sign)))).toBe(objectId(add));
  });

  it('any change to a field changes the id', () => {
    expect(objectId({ ...statement, title: `${statement.title}!` })).not.toBe(statementId);
    expect(objectId({ ...statement, body: `${statement.body}\n` })).not.toBe(statementId);
    expect(objectId({ ...add, seq: add.seq + 1 })).not.toBe(objectId(add));
    expect(objectId({ ...signature, role: 'endorse' })).not.toBe(objectId(signature));
  });

  it('two charters of identical content differ by their nonce', () => {
    const again = threeMemberGroup();
    const c1 = { ...again.group.charter, signatures: [] };
    const c2 = { ...c1, nonce: '0'.repeat(32) };
    expect(c1.nonce).toMatch(/^[0-9a-f]{32}$/);
    expect(objectId(c1)).not.toBe(objectId(c2));
  });
});

describe('signing messages', () => {
  it('a link signature is over exactly "samizdat/v1/link" 0x00 followed by the canonical link without signatures', () => {
    const m = linkSigningMessage(add);
    const prefix = bytesOf('samizdat/v1/link\u0000');
    expect([...m.subarray(0, prefix.length)]).toEqual([...prefix]);
    expect(m[16]).toBe(0x00);
    expect(text(m.subarray(prefix.length))).toBe(canonicalize(linkBody(add)));
    expect(m.subarray(prefix.length)).toEqual(idBytes(add));
    for (const s of add.signatures) expect(verify(m, fromHex(s.sig), fromHex(s.key))).toBe(true);
  });

  it('a statement signature is over exactly "samizdat/v1/signature" 0x00 followed by the canonical signature without sig', () => {
    const m = statementSigningMessage(signature);
    const prefix = bytesOf('samizdat/v1/signature\u0000');
    expect([...m.subarray(0, prefix.length)]).toEqual([...prefix]);
    expect(m[21]).toBe(0x00);
    const { sig: _sig, ...body } = signature;
    expect(text(m.subarray(prefix.length))).toBe(canonicalize(body));
    expect(signatureBody(signature)).toEqual(body);
    expect(verify(m, fromHex(signature.sig), fromHex(signature.key))).toBe(true);
  });

  it('the signed body of a statement signature names the statement, group, link, role and key', () => {
    const body = JSON.parse(text(canonicalBytes(signatureBody(signature)))) as Record<string, unknown>;
    expect(Object.keys(body).sort()).toEqual(['group', 'key', 'link', 'role', 'statement', 'type', 'v']);
  });

  it('signatures are deterministic (Ed25519): signing the same link twice gives the same bytes', () => {
    expect(signLink({ ...add, signatures: [] }, alice.sign).signatures).toEqual(signLink({ ...add, signatures: [] }, alice.sign).signatures);
  });
});

describe('domain separation', () => {
  it('the prefixes of the kinds are distinct and none is a prefix of another', () => {
    const kinds: SignatureKind[] = ['link', 'signature', 'member-card'];
    const body = {};
    const prefixes = kinds.map((k) => {
      const m = signingMessage(k, body);
      const prefix = m.subarray(0, m.length - 2); // the body is "{}"
      expect(text(prefix)).toBe(`samizdat/v1/${k}\u0000`);
      return text(prefix);
    });
    for (const a of prefixes) for (const b of prefixes) if (a !== b) expect(b.startsWith(a)).toBe(false);
  });

  it('the same body signed for one kind does not verify for the other', () => {
    const body = { type: 'signature', v: 1, x: 'anything' };
    const asLink = sign(signingMessage('link', body), alice.sign.secretKey);
    const asSignature = sign(signingMessage('signature', body), alice.sign.secretKey);
    expect(verify(signingMessage('link', body), asLink, alice.sign.publicKey)).toBe(true);
    expect(verify(signingMessage('signature', body), asLink, alice.sign.publicKey)).toBe(false);
    expect(verify(signingMessage('signature', body), asSignature, alice.sign.publicKey)).toBe(true);
    expect(verify(signingMessage('link', body), asSignature, alice.sign.publicKey)).toBe(false);
    expect(verify(canonicalBytes(body), asLink, alice.sign.publicKey)).toBe(false);
  });

  it('a link signature does not verify as a statement signature', () => {
    // A statement signature whose signed body is byte for byte the body of a link: reuse the link's sig.
    const linkSig = add.signatures.find((s) => s.key === toHex(alice.sign.publicKey));
    expect(linkSig).toBeDefined();
    const forged = { ...linkBody(add), sig: linkSig?.sig } as unknown as StatementSignature;
    expect(statementSigningMessage(forged).subarray(22)).toEqual(linkSigningMessage(add).subarray(17));
    expect(verify(statementSigningMessage(forged), fromHex(linkSig?.sig as string), alice.sign.publicKey)).toBe(false);
  });

  it('a statement signature does not verify as a link signature', () => {
    // A "link" whose body is byte for byte the signed body of a statement signature, carrying that sig.
    const forged = { ...signatureBody(signature), signatures: [{ key: signature.key, sig: signature.sig }] } as unknown as ChainLink;
    expect(linkSigningMessage(forged).subarray(17)).toEqual(statementSigningMessage(signature).subarray(22));
    expect(verify(linkSigningMessage(forged), fromHex(signature.sig), fromHex(signature.key))).toBe(false);
  });

  it('a signature made for one statement, group, link or role does not verify for another', () => {
    const other = makeStatementSignature({ statement: statementId, group: group.id, link: group.head.id, role: 'endorse' }, alice.sign);
    expect(other.sig).not.toBe(signature.sig);
    for (const changed of [
      { ...signature, role: 'endorse' as const },
      { ...signature, statement: '0'.repeat(64) },
      { ...signature, group: '0'.repeat(64) },
      { ...signature, link: '0'.repeat(64) },
      { ...signature, key: toHex(bob.sign.publicKey) },
    ]) {
      expect(verify(statementSigningMessage(changed), fromHex(changed.sig), fromHex(changed.key))).toBe(false);
    }
  });
});

describe('decodeObject', () => {
  it('decodes the canonical bytes of each object type back to the object', () => {
    for (const o of [group.charter, add, statement, signature]) expect(decodeObject(canonicalBytes(o))).toEqual(o);
  });

  it('refuses the same object written non-canonically', () => {
    expect(() => decodeObject(bytesOf(JSON.stringify(statement, null, 1)), 'x')).toThrow(/^model: x is not in canonical form/);
    expect(() => decodeObject(bytesOf(JSON.stringify(statement)), 'x')).toThrow(/not in canonical form/);
  });
});

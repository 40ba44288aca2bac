// Property: any change to any signed byte fails verification. A bit flipped anywhere in the canonical
// bytes of a signature, a statement or a chain link, or any field changed to any other value, either
// makes the object undecodable or leaves no signature that verifies over what was changed.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { fromHex, toHex } from '../../../src/core/crypto/bytes.js';
import { verify as ed25519Verify } from '../../../src/core/crypto/ed25519.js';
import { canonicalBytes } from '../../../src/core/model/canonical.js';
import { decodeObject, linkBody, linkSigningMessage, objectId, signatureBody, statementSigningMessage } from '../../../src/core/model/objects.js';
import type { ChainLink, SignedObject, StatementSignature } from '../../../src/core/model/types.js';
import { validateObject } from '../../../src/core/model/validate.js';
import { replayChain } from '../../../src/core/verify/chain.js';
import { makePerson, reportSnapshot, signStatement, statementBy, stateSnapshot, verify, threeMemberGroup } from '../../helpers/core.js';

const { alice, bob, carol, group } = threeMemberGroup();
const dave = makePerson('Dave');
// A chain of four links; each later link carries exactly the two signatures it needs.
group.append({ op: 'rename', name: 'KRAS-IWA (Moscow)' }, [alice, bob]);
group.append({ op: 'add', member: { name: dave.name, sign: dave.id, box: toHex(dave.box.publicKey) } }, [bob, carol]);
const target = group.append({ op: 'thresholds', thresholds: { release: 3, membership: 2 } }, [alice, carol]);
const { statement, id: statementId } = statementBy([group], {
  relations: [{ type: 'responds-to', id: 'ab'.repeat(32) }],
  attachments: [{ id: 'cd'.repeat(32), name: 'leaflet.pdf', mediaType: 'application/pdf', size: 4096 }],
});
const signatures = [alice, bob, carol].map((p) => signStatement(statementId, group, p));
const signature = signatures[0] as StatementSignature;

/** Flip bit `bit` of byte `index % length` of a copy of `bytes`. */
function flip(bytes: Uint8Array, index: number, bit: number): Uint8Array {
  const out = Uint8Array.from(bytes);
  const i = index % out.length;
  out[i] = (out[i] as number) ^ (1 << bit);
  return out;
}

/** The decoded object, or undefined when decoding refuses the bytes. */
function tryDecode(bytes: Uint8Array): SignedObject | undefined {
  try {
    return decodeObject(bytes, 'tampered');
  } catch {
    return undefined;
  }
}

function tryValidate(value: unknown): SignedObject | undefined {
  try {
    return validateObject(structuredClone(value), 'tampered');
  } catch {
    return undefined;
  }
}

const statementSigVerifies = (s: StatementSignature) => ed25519Verify(statementSigningMessage(s), fromHex(s.sig), fromHex(s.key));

/** Every path to a value inside `v` (objects and arrays included, the root excluded). */
function paths(v: unknown, prefix: Array<string | number> = []): Array<Array<string | number>> {
  if (v === null || typeof v !== 'object') return [];
  const entries: Array<[string | number, unknown]> = Array.isArray(v) ? v.map((x, i) => [i, x]) : Object.entries(v);
  return entries.flatMap(([k, x]) => [[...prefix, k], ...paths(x, [...prefix, k])]);
}

function getAt(v: unknown, path: ReadonlyArray<string | number>): unknown {
  return path.reduce<unknown>((o, k) => (o as Record<string | number, unknown>)[k], v);
}

function setAt<T>(v: T, path: ReadonlyArray<string | number>, value: unknown): T {
  const copy = structuredClone(v);
  const parent = getAt(copy, path.slice(0, -1)) as Record<string | number, unknown>;
  parent[path[path.length - 1] as string | number] = value;
  return copy;
}

/**
 * A different value for the one at a path: mostly plausible ones (another hex of the same length,
 * a number one off, a string with a character more or less, another role or op), which pass
 * validation and so reach the signature check, and sometimes any JSON value at all.
 */
const replacement = (old: unknown): fc.Arbitrary<unknown> => {
  const any = fc.jsonValue({ maxDepth: 2 });
  if (typeof old === 'string' && /^[0-9a-f]+$/.test(old) && old.length % 2 === 0) {
    return fc.oneof(fc.uint8Array({ minLength: old.length / 2, maxLength: old.length / 2 }).map(toHex), any);
  }
  if (typeof old === 'string') {
    return fc.oneof(
      fc.constantFrom(`${old}x`, `x${old}`, old.slice(1) || 'y', old.toUpperCase(), 'release', 'endorse', 'rename', 'add', 'en', 'uk'),
      fc.string({ minLength: 1, maxLength: 8 }),
      any,
    );
  }
  if (typeof old === 'number') return fc.oneof(fc.constantFrom(old + 1, old - 1, old * 2, 0, 1, 2, 3), any);
  if (Array.isArray(old)) return fc.oneof(fc.constant(old.slice(1)), fc.constant([...old, ...old.slice(0, 1)]), fc.constant([]), any);
  return any;
};

/** A changed copy of `obj`: one value somewhere inside it replaced by a different one. */
const mutated = <T>(obj: T): fc.Arbitrary<T> =>
  fc
    .constantFrom(...paths(obj))
    .chain((path) => replacement(getAt(obj, path)).map((value) => setAt(obj, path, value)))
    .filter((changed) => JSON.stringify(changed) !== JSON.stringify(obj));

describe('a statement signature: any change fails verification', () => {
  it('the fixture verifies before it is tampered with', () => {
    expect(statementSigVerifies(signature)).toBe(true);
    expect(verify(statement, signatures, [group]).released).toBe(true);
  });

  it('a bit flipped anywhere in its canonical bytes', () => {
    const bytes = canonicalBytes(signature);
    let reached = 0;
    fc.assert(
      fc.property(fc.nat(bytes.length - 1), fc.integer({ min: 0, max: 7 }), (index, bit) => {
        const decoded = tryDecode(flip(bytes, index, bit));
        if (decoded === undefined) return;
        reached++;
        expect(decoded).not.toEqual(signature);
        expect(decoded.type).toBe('signature');
        expect(statementSigVerifies(decoded as StatementSignature)).toBe(false);
      }),
      { numRuns: 1000 },
    );
    // Enough of the changes must decode, or the property would hold vacuously.
    expect(reached).toBeGreaterThan(50);
  });

  it('a bit flipped anywhere in the canonical bytes of its signed body, the sig kept', () => {
    const body = canonicalBytes(signatureBody(signature));
    let reached = 0;
    fc.assert(
      fc.property(fc.nat(body.length - 1), fc.integer({ min: 0, max: 7 }), (index, bit) => {
        let value: unknown;
        try {
          value = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(flip(body, index, bit)));
        } catch {
          return;
        }
        if (value === null || typeof value !== 'object' || Array.isArray(value)) return;
        const decoded = tryDecode(canonicalBytes({ ...value, sig: signature.sig }));
        if (decoded === undefined) return;
        reached++;
        expect(statementSigVerifies(decoded as StatementSignature)).toBe(false);
      }),
      { numRuns: 1000 },
    );
    // Enough of the changes must decode, or the property would hold vacuously.
    expect(reached).toBeGreaterThan(50);
  });

  it('any field changed to any other value', () => {
    let reached = 0;
    fc.assert(
      fc.property(mutated(signature), (changed) => {
        const decoded = tryValidate(changed);
        if (decoded === undefined) return;
        reached++;
        expect(decoded.type).toBe('signature');
        expect(statementSigVerifies(decoded as StatementSignature)).toBe(false);
      }),
      { numRuns: 500 },
    );
    // Enough of the changes must decode, or the property would hold vacuously.
    expect(reached).toBeGreaterThan(25);
  });

  it('a changed signature does not count in the report', () => {
    let reached = 0;
    fc.assert(
      fc.property(mutated(signature), (changed) => {
        const decoded = tryValidate(changed);
        if (decoded === undefined || decoded.type !== 'signature') return;
        reached++;
        // Alice's genuine signature replaced by the changed one: one of the three is gone, and
        // the report never counts the changed one.
        const report = verify(statement, [decoded, ...signatures.slice(1)], [group]);
        const counted = report.groups.flatMap((g) => g.signers.map((s) => s.memberId)).sort();
        expect(counted).toEqual([bob.id, carol.id].sort());
      }),
      { numRuns: 150 },
    );
    // Enough of the changes must decode, or the property would hold vacuously.
    expect(reached).toBeGreaterThan(8);
  });
});

describe('a statement: any change leaves its signatures behind', () => {
  it('a bit flipped anywhere in its canonical bytes', () => {
    const bytes = canonicalBytes(statement);
    let reached = 0;
    fc.assert(
      fc.property(fc.nat(bytes.length - 1), fc.integer({ min: 0, max: 7 }), (index, bit) => {
        const decoded = tryDecode(flip(bytes, index, bit));
        if (decoded === undefined) return;
        reached++;
        expect(decoded.type).toBe('statement');
        if (decoded.type !== 'statement') return;
        expect(objectId(decoded)).not.toBe(statementId);
        const report = verify(decoded, signatures, [group]);
        expect(report.released).toBe(false);
        expect(report.groups.flatMap((g) => g.signers)).toEqual([]);
      }),
      { numRuns: 300 },
    );
    // Enough of the changes must decode, or the property would hold vacuously.
    expect(reached).toBeGreaterThan(15);
  });

  it('any field changed to any other value', () => {
    let reached = 0;
    fc.assert(
      fc.property(mutated(statement), (changed) => {
        const decoded = tryValidate(changed);
        if (decoded === undefined || decoded.type !== 'statement') return;
        reached++;
        const report = verify(decoded, signatures, [group]);
        expect(report.released).toBe(false);
        expect(report.groups.flatMap((g) => g.signers)).toEqual([]);
      }),
      { numRuns: 300 },
    );
    // Enough of the changes must decode, or the property would hold vacuously.
    expect(reached).toBeGreaterThan(15);
  });
});

describe('a chain link: any change fails verification', () => {
  const others = group.links.filter((l) => l !== target);
  const without = reportSnapshot(replayChain(group.id, others)).head;
  const sigVerifies = (link: ChainLink, s: { key: string; sig: string }) => ed25519Verify(linkSigningMessage(link), fromHex(s.sig), fromHex(s.key));
  const sameBody = (a: ChainLink, b: ChainLink) => objectId(a) === objectId(b);

  it('the fixture applies before it is tampered with', () => {
    const report = group.replay();
    expect(report.head?.linkId).toBe(objectId(target));
    expect(report.head?.thresholds.release).toBe(3);
    expect(stateSnapshot(report.head)).not.toEqual(without);
  });

  /** What must hold of a decoded, changed copy of `target`. */
  function checkTampered(decoded: SignedObject) {
    expect(decoded.type).toBe('link');
    const link = decoded as ChainLink;
    for (const s of link.signatures) {
      const original = target.signatures.some((o) => o.key === s.key && o.sig === s.sig);
      // A signature verifies only if neither it nor the body it covers was touched.
      expect(sigVerifies(link, s)).toBe(original && sameBody(link, target));
    }
    // And the chain never applies it: the head is as if the link were not held at all.
    const report = replayChain(group.id, [...others, link]);
    expect(stateSnapshot(report.head)).toEqual(without);
    expect(report.fork).toBeUndefined();
  }

  it('a bit flipped anywhere in its canonical bytes, signatures included', () => {
    const bytes = canonicalBytes(target);
    let reached = 0;
    fc.assert(
      fc.property(fc.nat(bytes.length - 1), fc.integer({ min: 0, max: 7 }), (index, bit) => {
        const decoded = tryDecode(flip(bytes, index, bit));
        if (decoded === undefined) return;
        reached++;
        checkTampered(decoded);
      }),
      { numRuns: 500 },
    );
    // Enough of the changes must decode, or the property would hold vacuously.
    expect(reached).toBeGreaterThan(25);
  });

  it('any field changed to any other value', () => {
    let reached = 0;
    fc.assert(
      fc.property(mutated(target), (changed) => {
        const decoded = tryValidate(changed);
        if (decoded === undefined) return;
        reached++;
        checkTampered(decoded);
      }),
      { numRuns: 500 },
    );
    // Enough of the changes must decode, or the property would hold vacuously.
    expect(reached).toBeGreaterThan(25);
  });

  it('a bit flipped in the charter makes another group whose charter carries no valid signature', () => {
    const bytes = canonicalBytes(group.charter);
    const bodyLength = canonicalBytes(linkBody(group.charter)).length;
    let reached = 0;
    fc.assert(
      fc.property(fc.nat(bytes.length - 1), fc.integer({ min: 0, max: 7 }), (index, bit) => {
        const decoded = tryDecode(flip(bytes, index, bit));
        if (decoded === undefined || decoded.type !== 'link') return;
        reached++;
        const id = objectId(decoded);
        if (id === group.id) {
          // Only a signature entry changed: the others still vouch for the same charter.
          expect(decoded.signatures.filter((s) => sigVerifies(decoded, s))).toHaveLength(2);
          return;
        }
        const report = replayChain(id, [decoded]);
        expect(report.head).toBeUndefined();
        expect(report.problems.map((p) => p.code)).toEqual(['bad-charter']);
        // The original group no longer has a charter in that set either.
        expect(replayChain(group.id, [decoded]).problems[0]?.code).toBe('bad-charter');
      }),
      { numRuns: 300 },
    );
    // Enough of the changes must decode, or the property would hold vacuously.
    expect(reached).toBeGreaterThan(15);
    expect(bodyLength).toBeLessThan(bytes.length);
  });
});

// docs/FORMAT.md's worked example is real: every value in its `example:NAME` blocks is rebuilt here
// from the fixed seeds with Samizdat's code, and checked a second time independently of that code
// (node:crypto hashes, a few-line JCS for these simple values, tweetnacl signatures, the safety
// number recomputed from the document's own description).
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import nacl from 'tweetnacl';
import { beforeAll, describe, expect, it } from 'vitest';
import { fromHex, safetyNumber, sha256Hex, verify } from '../../../src/core/crypto/index.js';
import { decodeMemberCard, encodeMemberCard } from '../../../src/core/model/card.js';
import { canonicalString } from '../../../src/core/model/canonical.js';
import { LIMITS } from '../../../src/core/model/limits.js';
import { decodeObject, linkBody, linkSigningMessage, objectId, signatureBody, statementSigningMessage } from '../../../src/core/model/objects.js';
import type { ChainLink, StatementSignature } from '../../../src/core/model/types.js';
import { replayChain } from '../../../src/core/verify/chain.js';
import { verifyStatement } from '../../../src/core/verify/statement.js';
import {
  ATTACHMENT_BYTES,
  CHARTER_NONCE,
  FORMAT_MD,
  PEOPLE,
  buildExample,
  exampleBlocks,
  keyValues,
  keysOf,
  toHex,
  type Example,
  type Person,
} from './example.js';

const utf8 = (s: string): Uint8Array => new TextEncoder().encode(s);
const hexOf = (b: Uint8Array): string => Buffer.from(b).toString('hex');
const bytesOf = (h: string): Uint8Array => new Uint8Array(Buffer.from(h, 'hex'));
const sha256 = (b: Uint8Array): string => createHash('sha256').update(b).digest('hex');

/** JCS for the values of this format (objects, arrays, strings, small non-negative integers), written from RFC 8785. */
function jcs(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(jcs).join(',')}]`;
  if (v !== null && typeof v === 'object') {
    const o = v as Record<string, unknown>;
    return `{${Object.keys(o)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${jcs(o[k])}`)
      .join(',')}}`;
  }
  if (typeof v === 'string' || (typeof v === 'number' && Number.isSafeInteger(v) && v >= 0)) return JSON.stringify(v);
  throw new Error(`no such value in this format: ${String(v)}`);
}
const without = (text: string, field: string): string => {
  const o = JSON.parse(text) as Record<string, unknown>;
  delete o[field];
  return jcs(o);
};

/** The domain-separation prefixes from the words of the spec: "samizdat/v1/" || KIND || 0x00. */
const prefix = (kind: 'link' | 'signature' | 'member-card'): Uint8Array => new Uint8Array([...utf8(`samizdat/v1/${kind}`), 0x00]);

/** The safety number exactly as docs/FORMAT.md describes it, with BigInt arithmetic. */
function safetyNumberFromSpec(group: Uint8Array): { first: string; final: string; number: string } {
  let h = createHash('sha512').update(Buffer.concat([utf8('samizdat/v1/fingerprint'), Buffer.from([0]), group])).digest();
  const first = h.toString('hex');
  for (let i = 0; i < 5200; i++) h = createHash('sha512').update(Buffer.concat([h, group])).digest();
  const digits: string[] = [];
  for (let j = 0; j < 12; j++) {
    let n = 0n;
    for (let k = 0; k < 5; k++) n = n * 256n + BigInt(h[5 * j + k] as number);
    digits.push((n % 100000n).toString().padStart(5, '0'));
  }
  return { first, final: h.toString('hex'), number: digits.join(' ') };
}

const NAMES = [
  'prefixes',
  'fingerprint-zero',
  'keys',
  'charter-body',
  'group-id',
  'charter',
  'card-dave',
  'add-body',
  'add-id',
  'add',
  'attachment',
  'statement',
  'statement-id',
  'signature-alice-body',
  'signature-alice',
  'signature-alice-id',
  'signature-carol',
  'fingerprint',
  'translation',
  'translation-id',
] as const;

let doc: Map<string, string>;
let ex: Example;
const block = (name: (typeof NAMES)[number]): string => {
  const b = doc.get(name);
  if (b === undefined) throw new Error(`docs/FORMAT.md has no block example:${name}`);
  return b;
};
const value = (name: (typeof NAMES)[number], key: string): string => {
  const v = keyValues(block(name)).get(key);
  if (v === undefined) throw new Error(`docs/FORMAT.md: example:${name} has no line ${key}`);
  return v;
};

beforeAll(() => {
  doc = exampleBlocks();
  ex = buildExample();
});

describe('docs/FORMAT.md worked example: the document', () => {
  it('has every example block, and no other', () => {
    // example:bundle is checked by bundle-example.test.ts.
    expect([...doc.keys()].sort()).toEqual([...NAMES, 'bundle'].sort());
  });

  it('has JSON blocks that are single lines with no trailing white space', () => {
    for (const name of NAMES) {
      const b = block(name);
      if (b.startsWith('{')) expect(b, name).toMatch(/^\{[^\n]*\}$/);
    }
  });
});

describe('docs/FORMAT.md worked example: built by Samizdat from the seeds', () => {
  it('lists the keys of the seeds', () => {
    for (const p of Object.keys(PEOPLE) as Person[]) {
      const k = keysOf(p);
      expect(value('keys', `${p}.sign-seed`)).toBe(toHex(PEOPLE[p].signSeed));
      expect(value('keys', `${p}.sign`)).toBe(toHex(k.sign.publicKey));
      expect(value('keys', `${p}.box-secret`)).toBe(toHex(PEOPLE[p].boxSecret));
      expect(value('keys', `${p}.box`)).toBe(toHex(k.box.publicKey));
    }
  });

  it('gives the charter bytes, signatures and group id', () => {
    expect(ex.charter.nonce).toBe(CHARTER_NONCE);
    expect(block('charter-body')).toBe(canonicalString(linkBody(ex.charter)));
    expect(block('charter')).toBe(canonicalString(ex.charter));
    expect(block('group-id')).toBe(ex.groupId);
    expect(objectId(ex.charter)).toBe(ex.groupId);
  });

  it('gives Dave\'s member card, which a reader accepts', () => {
    expect(block('card-dave')).toBe(new TextDecoder().decode(encodeMemberCard(ex.daveCard)));
    expect(decodeMemberCard(utf8(block('card-dave')), 'card')).toEqual(ex.daveCard);
    const forged = block('card-dave').replace('"name":"Dave"', '"name":"Eve"');
    expect(() => decodeMemberCard(utf8(forged), 'card')).toThrow(/self-signature/);
    expect(() => decodeMemberCard(utf8(`${block('card-dave')}\n`), 'card')).toThrow(/canonical/);
  });

  it('gives the add link', () => {
    expect(block('add-body')).toBe(canonicalString(linkBody(ex.add)));
    expect(block('add')).toBe(canonicalString(ex.add));
    expect(block('add-id')).toBe(ex.addId);
  });

  it('gives the statement, its attachment and the translation', () => {
    expect(value('attachment', 'bytes')).toBe(toHex(ATTACHMENT_BYTES));
    expect(value('attachment', 'id')).toBe(sha256Hex(ATTACHMENT_BYTES));
    expect(block('statement')).toBe(canonicalString(ex.statement));
    expect(block('statement-id')).toBe(ex.statementId);
    expect(block('translation')).toBe(canonicalString(ex.translation));
    expect(block('translation-id')).toBe(ex.translationId);
  });

  it('gives the statement signatures', () => {
    expect(block('signature-alice-body')).toBe(canonicalString(signatureBody(ex.aliceSignature)));
    expect(block('signature-alice')).toBe(canonicalString(ex.aliceSignature));
    expect(block('signature-alice-id')).toBe(objectId(ex.aliceSignature));
    expect(block('signature-carol')).toBe(canonicalString(ex.carolSignature));
  });

  it('gives the signing prefixes', () => {
    expect(value('prefixes', 'link')).toBe(hexOf(prefix('link')));
    expect(value('prefixes', 'signature')).toBe(hexOf(prefix('signature')));
    expect(value('prefixes', 'member-card')).toBe(hexOf(prefix('member-card')));
    expect(hexOf(linkSigningMessage(ex.charter))).toBe(value('prefixes', 'link') + hexOf(utf8(block('charter-body'))));
    expect(hexOf(statementSigningMessage(ex.aliceSignature))).toBe(value('prefixes', 'signature') + hexOf(utf8(block('signature-alice-body'))));
  });

  it('gives the safety numbers', () => {
    expect(value('fingerprint', 'safety-number')).toBe(safetyNumber(fromHex(ex.groupId)));
    expect(value('fingerprint-zero', 'group')).toBe('00'.repeat(32));
    expect(value('fingerprint-zero', 'safety-number')).toBe(safetyNumber(new Uint8Array(32)));
  });
});

describe('docs/FORMAT.md worked example: read back by a reader', () => {
  const JSON_BLOCKS = ['charter', 'add', 'statement', 'signature-alice', 'signature-carol', 'translation'] as const;

  it('decodes every object: canonical, and valid', () => {
    for (const name of JSON_BLOCKS) expect(() => decodeObject(utf8(block(name)), name)).not.toThrow();
  });

  it('rejects any object of the example once one byte of it changes, or a space is added', () => {
    for (const name of JSON_BLOCKS) {
      const text = block(name);
      expect(() => decodeObject(utf8(` ${text}`), name), name).toThrow(/canonical|JSON/);
      expect(() => decodeObject(utf8(text.replace('"v":1', '"v":2')), name), name).toThrow();
      expect(() => decodeObject(utf8(text.replace('{', '{"extra":"x",')), name), name).toThrow();
    }
  });

  it('replays the chain to four members at the add link, and finds the statement released', () => {
    const links = [decodeObject(utf8(block('charter'))), decodeObject(utf8(block('add')))] as ChainLink[];
    const chain = replayChain(block('group-id'), links);
    expect(chain.problems).toEqual([]);
    expect(chain.head?.linkId).toBe(block('add-id'));
    expect(chain.head?.seq).toBe(1);
    expect(chain.head?.members.size).toBe(4);
    expect(chain.head?.thresholds).toEqual({ release: 2, membership: 2 });
    expect([...(chain.head?.members.keys() ?? [])].sort()).toEqual(['alice', 'bob', 'carol', 'dave'].map((p) => value('keys', `${p}.sign`)).sort());

    const statement = decodeObject(utf8(block('statement')));
    if (statement.type !== 'statement') throw new Error('not a statement');
    const signatures = [decodeObject(utf8(block('signature-alice'))), decodeObject(utf8(block('signature-carol')))] as StatementSignature[];
    const verifyWith = (sigs: StatementSignature[]) =>
      verifyStatement({ id: block('statement-id'), statement, signatures: sigs, chain: () => chain, trust: () => 'verified' });

    const both = verifyWith(signatures);
    expect(both.released).toBe(true);
    expect(both.ok).toBe(true);
    expect(both.groups[0]?.signers.map((s) => s.name).sort()).toEqual(['Alice', 'Carol']);
    expect(both.groups[0]?.fingerprint).toBe(value('fingerprint', 'safety-number'));

    const one = verifyWith(signatures.slice(0, 1));
    expect(one.released).toBe(false);
    expect(one.groups[0]?.problems.map((p) => p.code)).toEqual(['threshold-not-met']);
  });
});

describe('docs/FORMAT.md worked example: checked independently of Samizdat', () => {
  it('has the keys that tweetnacl derives from the seeds', () => {
    for (const p of Object.keys(PEOPLE)) {
      expect(hexOf(nacl.sign.keyPair.fromSeed(bytesOf(value('keys', `${p}.sign-seed`))).publicKey)).toBe(value('keys', `${p}.sign`));
      expect(hexOf(nacl.box.keyPair.fromSecretKey(bytesOf(value('keys', `${p}.box-secret`))).publicKey)).toBe(value('keys', `${p}.box`));
    }
  });

  it('has ids that are the SHA-256 of the bytes shown (links without signatures)', () => {
    expect(sha256(utf8(block('charter-body')))).toBe(block('group-id'));
    expect(sha256(utf8(block('add-body')))).toBe(block('add-id'));
    expect(sha256(utf8(block('statement')))).toBe(block('statement-id'));
    expect(sha256(utf8(block('signature-alice')))).toBe(block('signature-alice-id'));
    expect(sha256(utf8(block('translation')))).toBe(block('translation-id'));
    expect(sha256(bytesOf(value('attachment', 'bytes')))).toBe(value('attachment', 'id'));
  });

  it('shows bodies that are the objects without their signatures, and canonical JSON throughout', () => {
    expect(without(block('charter'), 'signatures')).toBe(block('charter-body'));
    expect(without(block('add'), 'signatures')).toBe(block('add-body'));
    expect(without(block('signature-alice'), 'sig')).toBe(block('signature-alice-body'));
    for (const name of ['charter', 'add', 'statement', 'signature-alice', 'signature-carol', 'translation'] as const) {
      expect(jcs(JSON.parse(block(name))), name).toBe(block(name));
    }
  });

  it('has a member card whose self-signature tweetnacl verifies, and whose keys the add link lists', () => {
    const card = JSON.parse(block('card-dave')) as { name: string; sign: string; box: string; sig: string };
    expect(card.sign).toBe(value('keys', 'dave.sign'));
    expect(card.box).toBe(value('keys', 'dave.box'));
    const message = new Uint8Array([...prefix('member-card'), ...utf8(without(block('card-dave'), 'sig'))]);
    expect(nacl.sign.detached.verify(message, bytesOf(card.sig), bytesOf(card.sign))).toBe(true);
    const add = JSON.parse(block('add')) as { member: unknown };
    expect(add.member).toEqual({ name: card.name, sign: card.sign, box: card.box });
  });

  it('has link signatures that tweetnacl verifies over "samizdat/v1/link" || 0x00 || body', () => {
    for (const [full, body, signers] of [
      ['charter', 'charter-body', ['bob', 'alice']],
      ['add', 'add-body', ['alice', 'carol']],
    ] as const) {
      const entries = (JSON.parse(block(full)) as { signatures: Array<{ key: string; sig: string }> }).signatures;
      expect(entries.map((e) => e.key)).toEqual(signers.map((p) => value('keys', `${p}.sign`)));
      const message = new Uint8Array([...prefix('link'), ...utf8(block(body))]);
      for (const e of entries) expect(nacl.sign.detached.verify(message, bytesOf(e.sig), bytesOf(e.key))).toBe(true);
    }
  });

  it('has statement signatures that tweetnacl verifies over "samizdat/v1/signature" || 0x00 || body, built by hand', () => {
    const aliceMessage = new Uint8Array([...prefix('signature'), ...utf8(block('signature-alice-body'))]);
    const alice = JSON.parse(block('signature-alice')) as { key: string; sig: string };
    expect(alice.key).toBe(value('keys', 'alice.sign'));
    expect(nacl.sign.detached.verify(aliceMessage, bytesOf(alice.sig), bytesOf(alice.key))).toBe(true);

    const carolMessage = new Uint8Array([...prefix('signature'), ...utf8(without(block('signature-carol'), 'sig'))]);
    const carol = JSON.parse(block('signature-carol')) as { key: string; sig: string };
    expect(carol.key).toBe(value('keys', 'carol.sign'));
    expect(nacl.sign.detached.verify(carolMessage, bytesOf(carol.sig), bytesOf(carol.key))).toBe(true);

    // tweetnacl's signatures are Samizdat's, byte for byte (Ed25519 is deterministic).
    const seed = bytesOf(value('keys', 'alice.sign-seed'));
    expect(hexOf(nacl.sign.detached(aliceMessage, nacl.sign.keyPair.fromSeed(seed).secretKey))).toBe(alice.sig);
  });

  it('has signatures that fail, for tweetnacl and for Samizdat, under another domain or after any one-byte change', () => {
    const body = utf8(block('signature-alice-body'));
    const { key, sig } = JSON.parse(block('signature-alice')) as { key: string; sig: string };
    const check = (m: Uint8Array) => [nacl.sign.detached.verify(m, bytesOf(sig), bytesOf(key)), verify(m, bytesOf(sig), bytesOf(key))];
    expect(check(new Uint8Array([...prefix('signature'), ...body]))).toEqual([true, true]);
    expect(check(new Uint8Array([...prefix('link'), ...body]))).toEqual([false, false]);
    expect(check(body)).toEqual([false, false]);
    for (let i = 0; i < body.length; i += 7) {
      const changedBody = body.slice();
      changedBody[i] = (changedBody[i] as number) ^ 0x01;
      const changed = new Uint8Array([...prefix('signature'), ...changedBody]);
      expect(check(changed)).toEqual([false, false]);
    }
  });

  it('has the safety numbers that the document\'s algorithm gives', () => {
    const zero = safetyNumberFromSpec(new Uint8Array(32));
    expect(value('fingerprint-zero', 'first-hash')).toBe(zero.first);
    expect(value('fingerprint-zero', 'final-hash')).toBe(zero.final);
    expect(value('fingerprint-zero', 'safety-number')).toBe(zero.number);
    expect(value('fingerprint', 'safety-number')).toBe(safetyNumberFromSpec(bytesOf(block('group-id'))).number);
  });
});

describe('docs/FORMAT.md: the rest of the document against the code', () => {
  const markdown = (): string => readFileSync(FORMAT_MD, 'utf8');

  it('documents every limit of src/core/model/limits.ts in the Limits table', () => {
    const rows: Record<keyof typeof LIMITS, [string, string]> = {
      nameChars: ['group name (charter, `rename`)', 'member name'],
      titleChars: ['title', ''],
      bodyChars: ['body', ''],
      dateChars: ['date', ''],
      langChars: ['language tag', ''],
      attachmentNameChars: ['attachment name', ''],
      mediaTypeChars: ['media type', ''],
      members: ['founding members', 'signature entries on a link'],
      authors: ['author groups', ''],
      relations: ['relations', ''],
      attachments: ['attachments', ''],
      attachmentBytes: ['attachment size', ''],
      maxThreshold: ['thresholds', ''],
      depth: ['nesting', 'nesting of arrays and objects in one object'],
    };
    const table = new Map<string, string>();
    for (const line of markdown().split('\n')) {
      const m = /^\| ([^|]+?) \|(.*)$/.exec(line);
      if (m) table.set(m[1] as string, m[2] as string);
    }
    for (const [key, labels] of Object.entries(rows) as Array<[keyof typeof LIMITS, [string, string]]>) {
      for (const label of labels.filter(Boolean)) {
        const row = table.get(label);
        expect(row, `Limits row "${label}"`).toBeDefined();
        expect(row, `Limits row "${label}" (${key})`).toContain(LIMITS[key].toLocaleString('en-US'));
      }
    }
  });

  it('numbers its reject rules with unique numbers (1 to 56 in order; rules added later keep their own) and unique names, and defines every rule name it cites', () => {
    const section = markdown().split('\n## A reader MUST reject\n')[1]?.split('\n## ')[0] ?? '';
    const rules = [...section.matchAll(/^(\d+)\. `([RV]-[A-Z0-9-]+)`/gm)].map((m) => [Number(m[1]), m[2] as string] as const);
    expect(rules.length).toBeGreaterThan(40);
    const numbers = rules.map(([n]) => n);
    expect(new Set(numbers).size).toBe(numbers.length);
    expect(numbers.filter((n) => n <= 56)).toEqual(Array.from({ length: 56 }, (_, i) => i + 1));
    const names = rules.map(([, name]) => name);
    expect(new Set(names).size).toBe(names.length);
    const cited = new Set([...markdown().matchAll(/`([RV]-[A-Z0-9-]+)`/g)].map((m) => m[1] as string));
    for (const name of cited) expect(names, `${name} is cited but not defined`).toContain(name);
  });
});

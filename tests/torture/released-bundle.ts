// The small released bundle the tamper and truncation sweeps damage, and the means to judge what an
// import of a damaged copy left in a vault. Built from the worked example's fixed keys
// (tests/unit/format/example.ts), so the bytes are the same on every run and a failing bit can be
// replayed: the charter of a group of three (Alice, Bob, Carol; release 2, membership 2) signed by
// Alice and Bob, the example's statement with its 15-byte attachment, and Alice's and Bob's release
// signatures at the charter.
import { createHash } from 'node:crypto';
import { SamizdatError } from '../../src/core/errors.js';
import { importBundle, type ImportReport } from '../../src/core/exchange/import.js';
import { canonicalBytes } from '../../src/core/model/canonical.js';
import { makeStatementSignature } from '../../src/core/model/build.js';
import { objectId } from '../../src/core/model/objects.js';
import { Verifier } from '../../src/core/service/statements.js';
import { Vault, type AttachmentInfo, type AttachmentWriter, type GroupInput, type LinkRecord, type SignatureRecord, type StatementRecord } from '../../src/core/store/index.js';
import type { VerificationReport } from '../../src/core/verify/statement.js';
import { ascii, asyncChunks, concat, example, sha256Hex, sortRecords, written, type Item } from '../unit/bundle/helpers.js';
import { ATTACHMENT_BYTES, keysOf } from '../unit/format/example.js';

export interface Released {
  bundle: Uint8Array;
  /** Everything before the trailer line. */
  body: Uint8Array;
  records: Item[];
  groupId: string;
  groupName: string;
  statementId: string;
  attachmentId: string;
  /** The original canonical bytes of each object, by id (links with their signatures). */
  objects: Map<string, Uint8Array>;
  /** The signature entries of each original link, as `key:sig`. */
  linkSignatures: Map<string, Set<string>>;
  /** How the original statement verifies in a vault that imported the untouched bundle. */
  report: VerificationReport;
}

let cached: Promise<Released> | undefined;
export const released = (): Promise<Released> => (cached ??= build());

async function build(): Promise<Released> {
  const ex = example();
  const signature = (who: 'alice' | 'bob') => makeStatementSignature({ statement: ex.statementId, group: ex.groupId, link: ex.groupId, role: 'release' }, keysOf(who).sign);
  const item = (name: string, section: Item['section'], bytes: Uint8Array, id = sha256Hex(bytes)): Item => ({ name, section, id, bytes });
  const records = sortRecords([
    item('charter', 'link', canonicalBytes(ex.charter), ex.groupId),
    item('statement', 'statement', canonicalBytes(ex.statement), ex.statementId),
    item('signature-alice', 'signature', canonicalBytes(signature('alice'))),
    item('signature-bob', 'signature', canonicalBytes(signature('bob'))),
    item('attachment', 'attachment', ATTACHMENT_BYTES),
  ]);
  const bundle = await written(records);
  const body = bundle.subarray(0, bundle.length - `end ${'0'.repeat(64)}\n`.length);
  const objects = new Map(records.map((r) => [r.id, r.bytes]));
  const linkSignatures = new Map([[ex.groupId, new Set(ex.charter.signatures.map((s) => `${s.key}:${s.sig}`))]]);
  const vault = Vault.scratch();
  try {
    const imported = await importBundle(vault, one(bundle), { boxSecrets: [] });
    if (imported.rejected.length > 0 || imported.added.signature !== 2) throw new Error(`the untouched bundle does not import cleanly: ${JSON.stringify(imported)}`);
    const report = new Verifier(vault).verify(ex.statementId);
    if (!report.released) throw new Error('the untouched bundle does not release its statement');
    return { bundle, body, records, groupId: ex.groupId, groupName: ex.charter.name, statementId: ex.statementId, attachmentId: sha256Hex(ATTACHMENT_BYTES), objects, linkSignatures, report };
  } finally {
    vault.close();
  }
}

/** Bytes as a one-chunk stream. */
export async function* one(bytes: Uint8Array): AsyncGenerator<Uint8Array> {
  yield bytes;
}

/** `body` with a trailer that hashes it: the checksum then protects nothing that was changed in it. */
export const reframed = (body: Uint8Array): Uint8Array => concat([body, ascii(`end ${createHash('sha256').update(body).digest('hex')}\n`)]);

/** `bytes` with bit `bit` (0 = the lowest bit of byte 0) flipped. */
export function flipped(bytes: Uint8Array, bit: number): Uint8Array {
  const out = new Uint8Array(bytes);
  out[bit >> 3]! ^= 1 << (bit & 7);
  return out;
}

/** `count` distinct numbers of [0, n), all of them when count >= n, drawn with a seeded generator. */
export function sample(n: number, count: number, seed: number): number[] {
  if (count >= n) return Array.from({ length: n }, (_, i) => i);
  let state = seed >>> 0 || 1;
  const next = (): number => {
    // xorshift32: a fixed seed gives the same sample on every machine.
    state ^= state << 13;
    state >>>= 0;
    state ^= state >>> 17;
    state ^= state << 5;
    state >>>= 0;
    return state;
  };
  const chosen = new Set<number>();
  while (chosen.size < count) chosen.add(next() % n);
  return [...chosen].sort((a, b) => a - b);
}

/**
 * Every id the importer asked the vault to write, by kind. The importer gets only this proxy, so
 * nothing it stores can escape the inventory.
 */
export interface Writes {
  groups: Set<string>;
  links: Set<string>;
  statements: Set<string>;
  signatures: Set<string>;
  attachments: Set<string>;
}

export function watched(vault: Vault): { vault: Vault; writes: Writes } {
  const writes: Writes = { groups: new Set(), links: new Set(), statements: new Set(), signatures: new Set(), attachments: new Set() };
  const proxy = new Proxy(vault, {
    get(target, prop) {
      const value: unknown = Reflect.get(target, prop, target);
      if (typeof value !== 'function') return value;
      const fn = value as (...args: unknown[]) => unknown;
      switch (prop) {
        case 'upsertGroup':
          return (g: GroupInput) => (writes.groups.add(g.id), fn.call(target, g));
        case 'putLink':
          return (l: LinkRecord) => (writes.links.add(l.id), fn.call(target, l));
        case 'putStatement':
          return (s: StatementRecord) => (writes.statements.add(s.id), fn.call(target, s));
        case 'putSignature':
          return (s: SignatureRecord) => (writes.signatures.add(s.id), fn.call(target, s));
        case 'putAttachment':
          return (a: { id: string }) => (writes.attachments.add(a.id), fn.call(target, a));
        case 'beginAttachment':
          return (info: AttachmentInfo): AttachmentWriter => (writes.attachments.add(info.id), fn.call(target, info) as AttachmentWriter);
        default:
          return fn.bind(target);
      }
    },
  });
  return { vault: proxy, writes };
}

/** What one import of a damaged copy came to. */
export type Outcome =
  | { kind: 'refused'; rule: string; error: SamizdatError }
  | { kind: 'accepted'; report: ImportReport };

/**
 * Import `bytes` into `vault` through the watching proxy, as one chunk or as the chunks given. A
 * throw that is not a bundle or model SamizdatError naming a rule is rethrown.
 */
export async function importInto(vault: Vault, bytes: Uint8Array, chunks?: readonly Uint8Array[]): Promise<{ outcome: Outcome; writes: Writes }> {
  const w = watched(vault);
  try {
    const report = await importBundle(w.vault, chunks ? asyncChunks(chunks) : one(bytes), { boxSecrets: [] });
    return { outcome: { kind: 'accepted', report }, writes: w.writes };
  } catch (err) {
    if (err instanceof SamizdatError && err.rule && err.kind === 'input' && (err.layer === 'bundle' || err.layer === 'model')) {
      return { outcome: { kind: 'refused', rule: err.rule, error: err }, writes: w.writes };
    }
    throw err;
  }
}

/** What in `vault` differs from an empty vault, as messages (none: it is empty). */
export function leftovers(vault: Vault, writes: Writes, r: Released): string[] {
  const out: string[] = [];
  if (vault.listGroups().length > 0) out.push(`groups: ${vault.listGroups().map((g) => g.id).join(', ')}`);
  if (vault.countStatements() > 0) out.push(`${vault.countStatements()} statements`);
  for (const id of [...writes.links, r.groupId]) if (vault.hasLink(id)) out.push(`link ${id}`);
  for (const id of [...writes.signatures, ...r.records.filter((x) => x.section === 'signature').map((x) => x.id)]) if (vault.hasSignature(id)) out.push(`signature ${id}`);
  if (vault.getSignatures(r.statementId).length > 0) out.push(`signatures of the statement`);
  for (const id of [...writes.attachments, r.attachmentId]) if (vault.hasAttachment(id)) out.push(`attachment ${id}`);
  return out;
}

const same = (a: Uint8Array | undefined, b: Uint8Array | undefined): boolean => a !== undefined && b !== undefined && Buffer.from(a).equals(Buffer.from(b));

/** How an accepted import's vault stands against the original bundle. */
export interface Judgement {
  /** Broken promises: anything here is a failure. */
  violations: string[];
  /** Objects kept that the original does not hold (statements only, or it is a violation). */
  newStatements: string[];
  /** The original statement is held and verifies as in the original. */
  genuineAsSigned: boolean;
  /** The original statement is held and is not released (a signature lost to the damage). */
  genuineNotReleased: boolean;
  /** Original objects missing from the vault (dropped by the import). */
  missing: string[];
  /** Signature entries of the original's links that the vault does not hold. */
  droppedLinkSignatures: number;
}

/**
 * Judge a vault after an accepted import: every stored link, statement, signature and attachment
 * is byte for byte an object of the original bundle (a link: its body, with a subset of the
 * original's signature entries), except statements the original does not hold, which carry no
 * signature and are not released (a statement needs no signature to be stored: drafts circulate
 * unsigned; what must never happen is that altered content counts). The original statement, when
 * held, verifies exactly as in the original, or is not released.
 */
export function judge(vault: Vault, writes: Writes, r: Released): Judgement {
  const violations: string[] = [];
  const newStatements: string[] = [];
  const verifier = new Verifier(vault);
  for (const g of vault.listGroups()) {
    if (g.id !== r.groupId) violations.push(`a group that the original does not found: ${g.id}`);
    else if (g.name !== r.groupName) violations.push(`group ${g.id} stored under the name ${JSON.stringify(g.name)}`);
    for (const l of vault.getLinks(g.id)) writes.links.add(l.id);
  }
  for (const id of writes.links) {
    const held = vault.getLink(id);
    if (!held) continue;
    const original = r.linkSignatures.get(id);
    if (!original) {
      violations.push(`link ${id} is not in the original`);
      continue;
    }
    const originalLink = JSON.parse(Buffer.from(r.objects.get(id) as Uint8Array).toString('utf8')) as Record<string, unknown>;
    delete originalLink.signatures;
    if (!same(held.body, canonicalBytes(originalLink))) violations.push(`link ${id} stored with a body other than the original's`);
    for (const s of held.signatures) if (!original.has(`${s.key}:${s.sig}`)) violations.push(`link ${id} holds a signature entry not in the original (key ${s.key})`);
  }
  let droppedLinkSignatures = 0;
  for (const [id, entries] of r.linkSignatures) droppedLinkSignatures += vault.hasLink(id) ? entries.size - (vault.getLink(id) as LinkRecord).signatures.length : 0;
  for (const id of new Set([...writes.statements, r.statementId])) {
    const held = vault.getStatement(id);
    if (!held) continue;
    const original = r.objects.get(id);
    if (original) {
      if (!same(held.canonical, original)) violations.push(`statement ${id} stored with bytes other than the original's`);
      continue;
    }
    newStatements.push(id);
    if (objectId(JSON.parse(Buffer.from(held.canonical).toString('utf8'))) !== id) violations.push(`statement ${id} stored under an id that its bytes do not hash to`);
    if (vault.getSignatures(id).length > 0) violations.push(`statement ${id}, not in the original, holds ${vault.getSignatures(id).length} signatures`);
    const report = verifier.verify(id);
    if (report.released || report.groups.some((g) => g.released)) violations.push(`statement ${id}, not in the original, verifies as released`);
  }
  const signatureIds = new Set([...writes.signatures, ...vault.getSignatures(r.statementId).map((s) => s.id), ...newStatements.flatMap((s) => vault.getSignatures(s).map((x) => x.id))]);
  for (const id of signatureIds) {
    const held = vault.getSignature(id);
    if (!held) continue;
    if (!same(held.canonical, r.objects.get(id))) violations.push(`signature ${id} is not one of the original's`);
  }
  for (const id of new Set([...writes.attachments, r.attachmentId])) {
    const held = vault.getAttachment(id);
    if (!held) continue;
    if (!same(held.data, r.objects.get(id))) violations.push(`attachment ${id} is not the original's bytes`);
  }
  // Everything held was looked at: the counts the vault gives match what was inspected.
  const heldStatements = [...new Set([...writes.statements, r.statementId])].filter((id) => vault.hasStatement(id)).length;
  if (vault.countStatements() !== heldStatements) violations.push(`the vault holds ${vault.countStatements()} statements, ${heldStatements} of them seen`);
  const missing = r.records.filter((x) => (x.section === 'link' ? !vault.hasLink(x.id) : x.section === 'statement' ? !vault.hasStatement(x.id) : x.section === 'signature' ? !vault.hasSignature(x.id) : !vault.hasAttachment(x.id))).map((x) => x.name);
  let genuineAsSigned = false;
  let genuineNotReleased = false;
  if (vault.hasStatement(r.statementId)) {
    const report = verifier.verify(r.statementId);
    if (JSON.stringify(report) === JSON.stringify(r.report)) genuineAsSigned = true;
    else if (!report.released && !report.groups.some((g) => g.released)) genuineNotReleased = true;
    else violations.push(`the genuine statement verifies as released, but not as in the original: ${JSON.stringify(report)}`);
  }
  return { violations, newStatements, genuineAsSigned, genuineNotReleased, missing, droppedLinkSignatures };
}

/** A tally of outcomes, printed as one line per outcome, most frequent first. */
export class Tally {
  private readonly counts = new Map<string, number>();
  add(outcome: string): void {
    this.counts.set(outcome, (this.counts.get(outcome) ?? 0) + 1);
  }
  get total(): number {
    return [...this.counts.values()].reduce((a, b) => a + b, 0);
  }
  get(outcome: string): number {
    return this.counts.get(outcome) ?? 0;
  }
  keys(): string[] {
    return [...this.counts.keys()];
  }
  toString(): string {
    return [...this.counts.entries()]
      .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))
      .map(([k, n]) => `  ${String(n).padStart(6)}  ${k}`)
      .join('\n');
  }
}

// Exporting: the closure a recipient needs to verify what was chosen (the statements, every
// signature held for them, the whole chain of every group that wrote or signed them, their
// attachments), written as one clear bundle in the format's order, optionally encrypted.
import { fromHex } from '../crypto/bytes.js';
import { canonicalBytes } from '../model/canonical.js';
import { MAX_PAGE_SIZE, type VaultReader } from '../store/types.js';
import { writeBundle, type WriterRecord } from '../bundle/writer.js';
import { sealBundle, type Seal } from '../bundle/envelope.js';
import { heldChain, linkOfRecord } from '../service/links.js';
import { statementOfRecord } from '../service/statements.js';
import { SamizdatError } from '../errors.js';
import type { ChainReport } from '../verify/chain.js';
import { whyNotCounting } from '../verify/statement.js';

/** The ids a bundle will carry, each list sorted. */
export interface Closure {
  links: string[];
  statements: string[];
  signatures: string[];
  attachments: string[];
}

export interface Selection {
  statements: Iterable<string>;
  /** Also carry, transitively, the held statements that these relate to (originals, introduced, revised). */
  related?: boolean;
  /** Carry these groups' chains even when no statement needs them (a charter shared before any statement). */
  groups?: Iterable<string>;
}

const sorted = (ids: Iterable<string>): string[] => [...new Set(ids)].sort();

/**
 * Every statement held, in list order, read from the date index a page at a time with a keyset
 * cursor: linear in the number of statements (an OFFSET walk re-read every earlier page: quadratic).
 */
export function allStatementIds(vault: VaultReader): string[] {
  const ids: string[] = [];
  let after: string | undefined;
  do {
    const page = vault.listStatementIds({ after, limit: MAX_PAGE_SIZE });
    for (const id of page.items) ids.push(id);
    after = page.next ?? undefined;
  } while (after !== undefined);
  return ids;
}

export function closureOf(vault: VaultReader, selection: Selection): Closure {
  const statements = new Set<string>();
  const queue = [...selection.statements];
  while (queue.length > 0) {
    const id = queue.pop() as string;
    if (statements.has(id)) continue;
    if (!vault.hasStatement(id)) throw new SamizdatError('exchange', 'usage', 'exchange.no-such-statement', `no statement ${id.slice(0, 12)} in this vault`);
    statements.add(id);
    if (selection.related) for (const r of vault.getRelationsFrom(id)) if (vault.hasStatement(r.to)) queue.push(r.to);
  }
  const groups = new Set<string>(selection.groups ?? []);
  const signatures: string[] = [];
  const attachments: string[] = [];
  for (const id of statements) {
    const s = statementOfRecord(vault.getStatement(id) as NonNullable<ReturnType<VaultReader['getStatement']>>);
    for (const g of s.authors) groups.add(g);
    for (const a of s.attachments) if (vault.hasAttachment(a.id)) attachments.push(a.id);
    for (const sig of vault.getSignatures(id)) {
      signatures.push(sig.id);
      groups.add(sig.group);
    }
  }
  const links: string[] = [];
  for (const g of groups) if (vault.hasGroup(g)) links.push(...vault.getLinks(g).map((l) => l.id));
  return { links: sorted(links), statements: sorted(statements), signatures: sorted(signatures), attachments: sorted(attachments) };
}

export const recordCount = (c: Closure): number => c.links.length + c.statements.length + c.signatures.length + c.attachments.length;

/** The closure's records, each fetched from the vault only when it is written. */
function* records(vault: VaultReader, c: Closure, entries: ReadonlyMap<string, ReadonlySet<string>>, onRecord?: (written: number) => void): Generator<WriterRecord> {
  let n = 0;
  for (const record of fetch(vault, c, entries)) {
    yield record;
    onRecord?.(++n);
  }
}

function* fetch(vault: VaultReader, c: Closure, entries: ReadonlyMap<string, ReadonlySet<string>>): Generator<WriterRecord> {
  for (const id of c.links) {
    const link = vault.getLink(id);
    const counting = entries.get(id);
    if (link && counting) yield { kind: 'object', section: 'link', id, bytes: canonicalBytes(linkOfRecord({ ...link, signatures: link.signatures.filter((s) => counting.has(s.key)) })) };
  }
  for (const id of c.statements) yield { kind: 'object', section: 'statement', id, bytes: (vault.getStatement(id) as { canonical: Uint8Array }).canonical };
  for (const id of c.signatures) yield { kind: 'object', section: 'signature', id, bytes: (vault.getSignature(id) as { canonical: Uint8Array }).canonical };
  for (const id of c.attachments) {
    const size = (vault.getAttachmentInfo(id) as { size: number }).size;
    yield { kind: 'attachment', id, size, chunks: vault.readAttachmentChunks(id) };
  }
}

/**
 * The part of `closure` that counts, as a reader would keep it: links that can apply, each with only
 * the signature entries that count toward it, and statement signatures that count. A writer never
 * writes what a reader would refuse or drop, whatever the vault was fed (an older Samizdat kept more).
 */
function countingOnly(vault: VaultReader, c: Closure): { closure: Closure; entries: Map<string, ReadonlySet<string>> } {
  const chains = new Map<string, ChainReport>();
  const chainOf = (g: string): ChainReport | undefined => {
    if (!chains.has(g) && vault.hasGroup(g)) chains.set(g, heldChain(vault, g));
    return chains.get(g);
  };
  const entries = new Map<string, ReadonlySet<string>>();
  const links = c.links.filter((id) => {
    const record = vault.getLink(id);
    const counting = record ? chainOf(record.group)?.counting.get(id) : undefined;
    if (!record || !counting || !record.signatures.some((s) => counting.has(s.key))) return false;
    entries.set(id, counting);
    return true;
  });
  const authors = new Map<string, readonly string[] | undefined>();
  const authorsOf = (id: string) => {
    if (!authors.has(id)) {
      const held = vault.getStatement(id);
      authors.set(id, held ? statementOfRecord(held).authors : undefined);
    }
    return authors.get(id);
  };
  const signatures = c.signatures.filter((id) => {
    const sig = vault.getSignature(id);
    return sig !== undefined && whyNotCounting(sig, authorsOf(sig.statement), chainOf(sig.group)) === undefined;
  });
  return { closure: { ...c, links, signatures }, entries };
}

/** The bytes of the bundle for `closure`: clear (deterministic) unless sealed. */
export function bundleChunks(vault: VaultReader, closure: Closure, seal?: Seal, onRecord?: (written: number) => void): AsyncIterable<Uint8Array> {
  const counting = countingOnly(vault, closure);
  const clear = writeBundle(recordCount(counting.closure), records(vault, counting.closure, counting.entries, onRecord));
  return seal ? sealBundle(clear, seal) : clear;
}

/** The X25519 keys of the current members of `groups`, for a bundle that only they can open. */
export function membersOf(vault: VaultReader, groups: Iterable<string>): Uint8Array[] {
  const keys = new Set<string>();
  for (const g of groups) {
    const head = vault.hasGroup(g) ? heldChain(vault, g).head : undefined;
    if (!head) throw new SamizdatError('exchange', 'usage', 'exchange.no-chain', `group ${g.slice(0, 12)} has no valid chain in this vault: cannot encrypt to its members`);
    for (const m of head.members.values()) keys.add(m.box);
  }
  return [...keys].sort().map((k) => fromHex(k, 32, 'box key'));
}

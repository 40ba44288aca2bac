// Objects built in process (links, statements, statement signatures), framed as correct bundles by
// the real writer, imported into vaults, and what a vault then holds and writes: shared by the
// stranger, fork and chain-fuzz sweeps. A bundle here is always well formed (sorted, one record
// per id, copies of one link merged, a valid trailer), so that only the objects' meaning is tested.
import { importBundle, type ImportReport } from '../../src/core/exchange/import.js';
import { allStatementIds, bundleChunks, closureOf, type Selection } from '../../src/core/exchange/export.js';
import { canonicalBytes } from '../../src/core/model/canonical.js';
import { mergeLinkSignatures } from '../../src/core/model/build.js';
import { objectId } from '../../src/core/model/objects.js';
import type { ChainLink, Statement, StatementSignature } from '../../src/core/model/types.js';
import { Verifier } from '../../src/core/service/statements.js';
import type { Vault } from '../../src/core/store/index.js';
import type { VerificationReport } from '../../src/core/verify/statement.js';
import { asyncChunks, collect, sortRecords, written, type Item } from '../unit/bundle/helpers.js';

/** What a bundle is to carry. Several copies of one link are merged into one record (a union of entries). */
export interface Objects {
  links?: readonly ChainLink[];
  statements?: readonly Statement[];
  signatures?: readonly StatementSignature[];
}

/** The union of several sets of objects. */
export const union = (...sets: readonly Objects[]): Objects => ({
  links: sets.flatMap((s) => s.links ?? []),
  statements: sets.flatMap((s) => s.statements ?? []),
  signatures: sets.flatMap((s) => s.signatures ?? []),
});

/** The links of `objects`, copies merged, by id. */
export function mergedLinks(links: readonly ChainLink[]): Map<string, ChainLink> {
  const byId = new Map<string, ChainLink>();
  for (const l of links) {
    const id = objectId(l);
    const held = byId.get(id);
    byId.set(id, held ? mergeLinkSignatures(held, l) : l);
  }
  return byId;
}

/** The bundle records of `objects`, in the format's order, one per id. */
export function itemsOf(objects: Objects): Item[] {
  const items = new Map<string, Item>();
  for (const [id, l] of mergedLinks(objects.links ?? [])) items.set(`l${id}`, { name: `link ${l.op}`, section: 'link', id, bytes: canonicalBytes(l) });
  for (const s of objects.statements ?? []) {
    const id = objectId(s);
    items.set(`s${id}`, { name: 'statement', section: 'statement', id, bytes: canonicalBytes(s) });
  }
  for (const sig of objects.signatures ?? []) {
    const bytes = canonicalBytes(sig);
    const item: Item = { name: `signature ${sig.role}`, section: 'signature', id: objectId(sig), bytes };
    items.set(`g${item.id}`, item);
  }
  return sortRecords([...items.values()]);
}

/** `objects` as the bytes of one clear bundle, written by the real writer. */
export const bundleOf = (objects: Objects): Promise<Uint8Array> => written(itemsOf(objects));

/** Import bundle bytes (clear) in one piece; a bundle-level refusal throws. */
export const importBytes = (vault: Vault, bytes: Uint8Array): Promise<ImportReport> => importBundle(vault, asyncChunks([bytes]), { boxSecrets: [] });

export const importObjects = async (vault: Vault, objects: Objects): Promise<ImportReport> => importBytes(vault, await bundleOf(objects));

/** Everything a vault holds that can travel, as sorted ids (links with the keys of their entries). */
export interface Held {
  groups: string[];
  links: string[];
  statements: string[];
  signatures: string[];
}

export function heldSet(vault: Vault): Held {
  const groups = vault.listGroups().map((g) => g.id).sort();
  const links: string[] = [];
  const signatures = new Set<string>();
  for (const g of groups) {
    for (const l of vault.getLinks(g)) links.push(`${l.id} ${l.op} [${l.signatures.map((s) => s.key).sort().join(' ')}]`);
    for (const s of vault.getGroupSignatures(g)) signatures.add(s.id);
  }
  const statements = allStatementIds(vault).sort();
  for (const id of statements) for (const s of vault.getSignatures(id)) signatures.add(s.id);
  return { groups, links: links.sort(), statements, signatures: [...signatures].sort() };
}

/** Every statement and every group held: what `export --all` carries, and the charters shared without a statement. */
export const everything = (vault: Vault): Selection => ({ statements: allStatementIds(vault), groups: vault.listGroups().map((g) => g.id) });

/** The bytes of the bundle a vault writes for `selection`. */
export const exportBytes = (vault: Vault, selection: Selection): Promise<Uint8Array> => collect(bundleChunks(vault, closureOf(vault, selection)));

export const reportOf = (vault: Vault, statementId: string): VerificationReport => new Verifier(vault).verify(statementId);

/** A count of outcomes, printed one line per outcome, most frequent first. */
export class Counts {
  private readonly counts = new Map<string, number>();
  add(outcome: string, n = 1): void {
    this.counts.set(outcome, (this.counts.get(outcome) ?? 0) + n);
  }
  get(outcome: string): number {
    return this.counts.get(outcome) ?? 0;
  }
  get total(): number {
    return [...this.counts.values()].reduce((a, b) => a + b, 0);
  }
  toString(): string {
    return [...this.counts.entries()]
      .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))
      .map(([k, n]) => `  ${String(n).padStart(7)}  ${k}`)
      .join('\n');
  }
}

/** A seeded generator of 32-bit numbers (xorshift32): the same sequence on every machine. */
export function seeded(seed: number): () => number {
  let state = seed >>> 0 || 1;
  return () => {
    state ^= state << 13;
    state >>>= 0;
    state ^= state >>> 17;
    state ^= state << 5;
    state >>>= 0;
    return state;
  };
}

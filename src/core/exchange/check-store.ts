// What `samizdat check` keeps of one bundle while it imports it: exactly what the reports read, in
// memory, and nothing else. The import runs unchanged (importBundle, the same rules and the same
// decisions as into a vault); this store takes the place of a vault's tables for it.
//
// Why not a vault: a scratch vault wrote every object's canonical bytes, encrypted, with the
// vault's indexes and constraint checks, only to read them back once; on 2 cores that was half of
// check's time, with the verify worker idle. Kept here instead, per statement: its title, language,
// date and authors (what a report shows), the statements that say they revise it, and the fields
// of its signatures that count (not their bytes). A statement's body, a signature's bytes and an
// attachment's bytes are checked as the bundle passes and then dropped, so what is held is a small
// part of the bundle, and smaller than the report check prints.
import type { Statement, StatementSignature } from '../model/types.js';
import { SamizdatError } from '../errors.js';
import type { ImportTarget } from '../store/types.js';
import type { AttachmentWriter, GroupInput, GroupRecord, GroupTrust, HeldSignature, LinkRecord, PutLinkResult, PutResult, SignatureRecord, StatementRecord } from '../store/types.js';

/** What a statement's report shows of it. */
export type StatementHead = Pick<Statement, 'title' | 'lang' | 'date' | 'authors'>;

/** A statement signature as its report reads it, with its id. */
type KeptSignature = StatementSignature & { id: string };

/** getSignatures' order: by group, role, key, then id (strings of ASCII compare as SQLite's BINARY does). */
const bySignatureOrder = (a: KeptSignature, b: KeptSignature): number => {
  for (const k of ['group', 'role', 'key', 'id'] as const) {
    if (a[k] !== b[k]) return a[k] < b[k] ? -1 : 1;
  }
  return 0;
};

const byLinkOrder = (a: LinkRecord, b: LinkRecord): number => a.seq - b.seq || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

export class CheckStore implements ImportTarget {
  readonly #groups = new Map<string, GroupRecord>();
  readonly #links = new Map<string, LinkRecord[]>();
  readonly #statements = new Map<string, StatementHead>();
  /** Statement id to the statements that say they revise it, in the order they were stored. */
  readonly #revisedBy = new Map<string, string[]>();
  readonly #signatures = new Map<string, KeptSignature[]>();
  /** Signature id to its statement, for deleteSignature. */
  readonly #signatureStatement = new Map<string, string>();
  /**
   * One copy of each group id, link id and key: thousands of signatures name the same few, and
   * each parsed object brings its own copy of each string (about a third of what is kept).
   */
  readonly #names = new Map<string, string>();

  #one(name: string): string {
    const held = this.#names.get(name);
    if (held !== undefined) return held;
    this.#names.set(name, name);
    return name;
  }

  transactionAsync<T>(fn: () => Promise<T>): Promise<T> {
    // Nothing to roll back: a check that fails throws the whole store away.
    return fn();
  }

  hasGroup(id: string): boolean {
    return this.#groups.has(id);
  }

  getGroup(id: string): GroupRecord | undefined {
    return this.#groups.get(id);
  }

  listGroups(): GroupRecord[] {
    return [...this.#groups.values()];
  }

  upsertGroup(group: GroupInput): PutResult {
    const held = this.#groups.get(group.id);
    if (held) {
      held.name = group.name;
      return { new: false };
    }
    this.#groups.set(group.id, { id: group.id, name: group.name, trust: group.trust ?? 'unverified', origin: group.origin, firstSeenSeq: this.#groups.size + 1 });
    return { new: true };
  }

  putSafetyNumber(): void {
    // An import stores each new group's safety number for later processes; a check has none.
  }

  setTrust(groupId: string, trust: GroupTrust): void {
    const group = this.#groups.get(groupId);
    if (!group) throw new SamizdatError('vault', 'vault', 'vault.no-such-group', `no group ${groupId} in the bundle checked`);
    group.trust = trust;
  }

  getLinks(groupId: string): LinkRecord[] {
    return [...(this.#links.get(groupId) ?? [])].sort(byLinkOrder);
  }

  putLink(link: LinkRecord): PutLinkResult {
    const links = this.#links.get(link.group) ?? [];
    this.#links.set(link.group, links);
    const held = links.find((l) => l.id === link.id);
    if (!held) {
      links.push({ ...link, signatures: [...link.signatures] });
      return { new: true, newSignatures: link.signatures.length };
    }
    const fresh = link.signatures.filter((s) => !held.signatures.some((h) => h.key === s.key));
    held.signatures.push(...fresh);
    return { new: false, newSignatures: fresh.length };
  }

  deleteLinkSignature(linkId: string, key: string): boolean {
    for (const links of this.#links.values()) {
      const link = links.find((l) => l.id === linkId);
      if (!link) continue;
      const before = link.signatures.length;
      link.signatures = link.signatures.filter((s) => s.key !== key);
      return link.signatures.length < before;
    }
    return false;
  }

  putStatement(statement: StatementRecord): PutResult {
    if (this.#statements.has(statement.id)) return { new: false };
    this.#statements.set(this.#one(statement.id), { title: statement.title, lang: this.#one(statement.lang), date: statement.date, authors: statement.authors.map((g) => this.#one(g)) });
    for (const r of statement.relations) {
      if (r.type === 'revises') this.#revisedBy.set(r.id, [...(this.#revisedBy.get(r.id) ?? []), statement.id]);
    }
    return { new: true };
  }

  getStatementAuthors(id: string): string[] | undefined {
    return this.#statements.get(id)?.authors;
  }

  /** What the report of held statement `id` shows of it; undefined when it is not held. */
  statement(id: string): StatementHead | undefined {
    return this.#statements.get(id);
  }

  /** The held statements that say they revise `id`, by id (getRelationsTo's order). */
  revisionsOf(id: string): string[] {
    return [...(this.#revisedBy.get(id) ?? [])].sort();
  }

  putSignature(signature: SignatureRecord): PutResult {
    if (this.#signatureStatement.has(signature.id)) return { new: false };
    const { id, role, sig } = signature;
    const [statement, group, link, key] = [this.#one(signature.statement), this.#one(signature.group), this.#one(signature.link), this.#one(signature.key)];
    const list = this.#signatures.get(statement) ?? [];
    this.#signatures.set(statement, list);
    list.push({ type: 'signature', v: 1, id, statement, group, link, role, key, sig });
    this.#signatureStatement.set(id, statement);
    return { new: true };
  }

  deleteSignature(id: string): boolean {
    const statement = this.#signatureStatement.get(id);
    if (statement === undefined) return false;
    this.#signatureStatement.delete(id);
    const list = this.#signatures.get(statement) ?? [];
    this.#signatures.set(
      statement,
      list.filter((s) => s.id !== id),
    );
    return true;
  }

  /** The held signatures of statement `id`, in getSignatures' order. */
  signaturesOf(id: string): StatementSignature[] {
    return [...(this.#signatures.get(id) ?? [])].sort(bySignatureOrder);
  }

  getGroupSignatures(groupId: string): HeldSignature[] {
    // Only a chain change to a group held before the bundle asks, and nothing is held before a check.
    const found: HeldSignature[] = [];
    for (const list of this.#signatures.values()) {
      for (const { id, statement, group, link, role, key, sig } of list) if (group === groupId) found.push({ id, statement, group, link, role, key, sig });
    }
    return found.sort((a, b) => (a.id < b.id ? -1 : 1));
  }

  beginAttachment(): AttachmentWriter {
    // importBundle is given keepAttachments: false by check, and then never asks.
    throw new Error('check: an attachment is verified as it passes, never kept');
  }
}

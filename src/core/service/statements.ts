// Statements: writing one, listing, showing, searching, signing and verifying.
import { sha256Hex } from '../crypto/hash.js';
import { SamizdatError } from '../errors.js';
import { canonicalBytes } from '../model/canonical.js';
import { makeStatement, makeStatementSignature } from '../model/build.js';
import { objectId } from '../model/objects.js';
import type { AttachmentRef, Relation, SignatureRole, Statement, StatementSignature } from '../model/types.js';
import { verifyStatement, type VerificationReport } from '../verify/statement.js';
import type { ChainReport } from '../verify/chain.js';
import type { GroupRecord, Page, PageRequest, SearchResult, SignatureRecord, StatementRecord, StatementSummary, VaultReader, VaultWriter } from '../store/types.js';
import { findLookalikes } from '../exchange/lookalike.js';
import { myKeyIn, requireHead } from './groups.js';
import { heldChain } from './links.js';
import { storeAttachmentFile, type AttachmentFile } from './attachment-files.js';

export interface AttachmentInput {
  name: string;
  mediaType: string;
  data: Uint8Array;
}

export interface NewStatementInput {
  authors: string[];
  title: string;
  lang: string;
  date: string;
  body: string;
  relations: Relation[];
  /** Bytes in memory, or files read as they are stored (attachment-files.ts). */
  attachments: Array<AttachmentInput | AttachmentFile>;
}

const decoder = new TextDecoder();

export function statementOfRecord(record: StatementRecord): Statement {
  return JSON.parse(decoder.decode(record.canonical)) as Statement;
}

const signatureOfRecord = (r: SignatureRecord): StatementSignature => JSON.parse(decoder.decode(r.canonical)) as StatementSignature;

export function createStatement(vault: VaultWriter, input: NewStatementInput): { id: string } {
  for (const g of input.authors) {
    if (!vault.hasGroup(g)) throw new SamizdatError('cli', 'usage', 'cli.no-such-group', `no group ${g.slice(0, 12)} in this vault`);
  }
  const refs: AttachmentRef[] = input.attachments.map((a) =>
    'data' in a ? { id: sha256Hex(a.data), name: a.name, mediaType: a.mediaType, size: a.data.length } : { id: a.sha256, name: a.name, mediaType: a.mediaType, size: a.size },
  );
  const statement = makeStatement({ ...input, attachments: refs });
  const canonical = canonicalBytes(statement);
  const id = sha256Hex(canonical);
  vault.transaction(() => {
    input.attachments.forEach((a, i) => {
      const ref = refs[i] as AttachmentRef;
      if ('data' in a) vault.putAttachment({ id: ref.id, mediaType: ref.mediaType, size: ref.size, data: a.data });
      else storeAttachmentFile(vault, a);
    });
    vault.putStatement({ ...statement, id, canonical });
  });
  return { id };
}

export interface StatementListItem extends StatementSummary {
  /** Released by every author group (each threshold met). */
  released: boolean;
  /** Released, and nothing wrong anywhere in its report. */
  ok: boolean;
}

/**
 * Whether a statement is released by every author group, from the release states stored when it
 * was last verified, where they are current; where one is missing or stale (a chain change, a new
 * signature), the statement is verified again from the held objects and the states stored. Always
 * equal to `verifier.verify(id).released` (verify once: docs/SECURITY.md).
 */
export function isReleased(vault: VaultWriter, id: string, authors: readonly string[], verifier: Verifier = new Verifier(vault)): boolean {
  if (!authors.every((g) => vault.hasGroup(g))) return false; // an author's chain not held: unknown-group
  const stored = new Map(vault.getReleaseStates(id).map((s) => [s.group, s.released]));
  if (authors.every((g) => stored.has(g))) return authors.every((g) => stored.get(g) === true);
  const report = verifier.verify(id, { detail: false });
  for (const g of report.groups) vault.putReleaseState(id, { group: g.groupId, released: g.released, signers: g.signers.length });
  return report.released;
}

/** A page of statements, each with whether it is released (from the stored states: verify once). */
export function listStatements(vault: VaultWriter, page: PageRequest): Page<StatementListItem> {
  const result = vault.listStatements(page);
  const verifier = new Verifier(vault);
  return {
    ...result,
    items: result.items.map((s) => {
      // With nothing that does not count able to add a problem, a released statement is OK.
      const released = isReleased(vault, s.id, s.authors, verifier);
      return { ...s, released, ok: released };
    }),
  };
}

/** Verifies statements of one vault, replaying each group's chain once. */
export class Verifier {
  private readonly chains = new Map<string, ChainReport | undefined>();
  constructor(private readonly vault: VaultReader) {}

  chain(groupId: string): ChainReport | undefined {
    if (!this.chains.has(groupId)) this.chains.set(groupId, this.vault.hasGroup(groupId) ? heldChain(this.vault, groupId) : undefined);
    return this.chains.get(groupId);
  }

  private groups: GroupRecord[] | undefined;
  lookalikes(groupId: string, name: string): Array<{ id: string; name: string; trust: GroupRecord['trust'] }> {
    this.groups ??= this.vault.listGroups();
    return findLookalikes(name, this.groups, groupId).map((g) => ({ id: g.id, name: g.name, trust: g.trust }));
  }

  /** The report of a held statement; `detail: false` leaves out newer revisions and lookalikes, which never change a release. */
  verify(id: string, options: { detail?: boolean } = {}): VerificationReport {
    const detail = options.detail ?? true;
    const record = this.vault.getStatement(id);
    if (!record) throw new SamizdatError('cli', 'usage', 'cli.no-such-statement', `no statement ${id.slice(0, 12)} in this vault`);
    const statement = statementOfRecord(record);
    const newerRevisions = !detail
      ? []
      : this.vault
      .getRelationsTo(id)
      .filter((r) => r.type === 'revises')
      // Only a revision released by one of this statement's own author groups counts: anyone can
      // write a statement that claims to revise another.
      .filter((r) => this.vault.hasStatement(r.from) && this.verify(r.from).groups.some((g) => g.released && statement.authors.includes(g.groupId)))
      .map((r) => r.from);
    return verifyStatement({
      id,
      statement,
      signatures: this.vault.getSignatures(id).map(signatureOfRecord),
      signaturesVerified: true,
      chain: (g) => this.chain(g),
      trust: (g) => this.vault.getGroup(g)?.trust,
      newerRevisions,
      lookalikes: (g, name) => (detail ? this.lookalikes(g, name) : []),
    });
  }
}

export interface StatementView {
  id: string;
  statement: Statement;
  relationsTo: Array<{ from: string; type: string }>;
  report: VerificationReport;
}

export function showStatement(vault: VaultReader, id: string): StatementView {
  const report = new Verifier(vault).verify(id);
  const statement = statementOfRecord(vault.getStatement(id) as StatementRecord);
  return { id, statement, relationsTo: vault.getRelationsTo(id).map((r) => ({ from: r.from, type: r.type })), report };
}

export function searchStatements(vault: VaultReader, query: string, limit?: number): SearchResult {
  return vault.search(query, limit === undefined ? {} : { limit });
}

export interface SignResult {
  id: string;
  group: string;
  role: SignatureRole;
  /** False when this member had already signed this statement for this group. */
  new: boolean;
  report: VerificationReport;
}

/**
 * The groups I could sign a statement by `authors` for in `role`: for `release` its author groups,
 * for `endorse` the others, each where I am a member at the head of its held chain with a key of
 * mine; with my member id there. (A forked chain is listed: signing then asks for a branch.)
 */
export function signableGroups(
  vault: VaultReader,
  authors: readonly string[],
  role: SignatureRole,
  chain: (groupId: string) => ChainReport | undefined = (g) => heldChain(vault, g),
): Array<{ groupId: string; memberId: string }> {
  const found: Array<{ groupId: string; memberId: string }> = [];
  for (const { id } of vault.listGroups()) {
    if (authors.includes(id) !== (role === 'release')) continue;
    const head = chain(id)?.head;
    if (head === undefined) continue;
    try {
      found.push({ groupId: id, memberId: myKeyIn(vault, head, 'sign').member.id });
    } catch {
      // not a current member with a key of mine, or no identity
    }
  }
  return found;
}

/**
 * Sign a statement: `release` for an author group I am a current member of, or `endorse` for a
 * group of mine that is not an author. With several candidates, `groupId` must choose.
 */
export function signStatement(vault: VaultWriter, id: string, options: { endorse: boolean; groupId?: string }): SignResult {
  const record = vault.getStatement(id);
  if (!record) throw new SamizdatError('cli', 'usage', 'cli.no-such-statement', `no statement ${id.slice(0, 12)} in this vault`);
  const role: SignatureRole = options.endorse ? 'endorse' : 'release';
  const eligible = signableGroups(vault, record.authors, role).map((g) => g.groupId);
  let groupId = options.groupId;
  if (groupId === undefined) {
    if (eligible.length !== 1) {
      const why =
        eligible.length === 0
          ? role === 'release'
            ? 'you are not a current member of any of its author groups (to co-sign as another group, use --endorse)'
            : 'you are not a current member of any group that is not an author'
          : `you could sign for ${eligible.length} groups; choose one with --group`;
      throw new SamizdatError('cli', 'usage', 'cli.cannot-sign', `cannot sign ${id.slice(0, 12)}: ${why}`);
    }
    groupId = eligible[0] as string;
  } else if (!eligible.includes(groupId)) {
    throw new SamizdatError(
      'cli',
      'usage',
      'cli.cannot-sign',
      role === 'release' ? `cannot release for group ${groupId.slice(0, 12)}: it is not an author, or you are not a current member` : `cannot endorse for group ${groupId.slice(0, 12)}: it is an author, or you are not a current member`,
    );
  }
  const head = requireHead(heldChain(vault, groupId), 'sign');
  const { pair } = myKeyIn(vault, head, 'sign');
  const signature = makeStatementSignature({ statement: id, group: groupId, link: head.linkId, role }, pair);
  const canonical = canonicalBytes(signature);
  const signatureId = objectId(signature);
  const already = vault.getSignatures(id).find((s) => s.group === groupId && s.key === signature.key && s.role === role && s.link === head.linkId);
  const put = already ? { new: false } : vault.putSignature({ ...signature, id: signatureId, canonical });
  return { id: already?.id ?? signatureId, group: groupId, role, new: put.new, report: new Verifier(vault).verify(id) };
}

// The records the vault stores and the one typed interface through which the rest of core reads
// and writes them (Signal Desktop's `ts/sql/Interface.ts` model). The store never computes ids or
// canonical bytes: the model layer hands them over, already computed and checked. (It does hash an
// attachment's bytes as they stream in, to refuse bytes that are not what the id says.)
import type { AttachmentRef, Hex32, Hex64, LinkOp, LinkSignature, Relation, RelationType, SignatureRole } from '../model/types.js';

/** The member's own keys. Secret halves exist only inside the encrypted database. */
export interface IdentityRecord {
  name: string;
  /** Ed25519 public key, 32 bytes. */
  signPublic: Uint8Array;
  /** Ed25519 secret key, 64 bytes (seed || public), NaCl layout. */
  signSecret: Uint8Array;
  /** X25519 public key, 32 bytes. */
  boxPublic: Uint8Array;
  /** X25519 secret key, 32 bytes. */
  boxSecret: Uint8Array;
}

export type GroupTrust = 'unverified' | 'verified';
export type GroupOrigin = 'created' | 'imported';
export const GROUP_TRUSTS: readonly GroupTrust[] = ['unverified', 'verified'];
export const GROUP_ORIGINS: readonly GroupOrigin[] = ['created', 'imported'];

/** What a caller gives to `upsertGroup`. */
export interface GroupInput {
  /** The group id: the id of its charter link. */
  id: Hex32;
  /** The current name as the chain says (a cache; the chain is the truth). */
  name: string;
  /** Only used when the group is new; an existing group keeps its origin. */
  origin: GroupOrigin;
  /** Only used when the group is new (default 'unverified'); change it later with `setTrust`. */
  trust?: GroupTrust;
}

/** A group as held locally. Local only: never exported. */
export interface GroupRecord {
  id: Hex32;
  name: string;
  trust: GroupTrust;
  origin: GroupOrigin;
  /** Position in the order in which this vault first saw its groups (1, 2, 3...): a counter, not a clock. */
  firstSeenSeq: number;
}

/** A chain link: its canonical bytes WITHOUT signatures, plus the signatures held for it. */
export interface LinkRecord {
  id: Hex32;
  /** The group the link belongs to (for the charter, its own id). */
  group: Hex32;
  seq: number;
  /** The previous link; null for the charter. */
  prev: Hex32 | null;
  op: LinkOp;
  /** Canonical bytes of the link without its `signatures` member. */
  body: Uint8Array;
  signatures: LinkSignature[];
}

/**
 * A statement with its id and canonical bytes. A model `Statement` spreads into it:
 * `{ ...statement, id, canonical }` (its `type` and `v` are ignored).
 */
export interface StatementRecord {
  id: Hex32;
  title: string;
  lang: string;
  date: string;
  body: string;
  authors: Hex32[];
  relations: Relation[];
  attachments: AttachmentRef[];
  canonical: Uint8Array;
}

/** One row of the statements list: no body, no canonical bytes. */
export interface StatementSummary {
  id: Hex32;
  title: string;
  lang: string;
  date: string;
  authors: Hex32[];
}

/**
 * One page of a keyset walk: the rows after a cursor, in the walk's order, and the cursor to ask
 * for the next page with. Rows added or removed meanwhile never shift a page: a row is seen at
 * most once, and every row held from the first page to the last is seen.
 */
export interface Slice<T> {
  items: T[];
  /** Opaque: give it back as `after` for the next page. Null when this page is the last. */
  next: string | null;
}

export interface Page<T> extends Slice<T> {
  /** How many there are in all. */
  total: number;
}

export interface PageRequest {
  /**
   * A `next` cursor from an earlier page; absent (or undefined) for the first page. Anything that
   * is not a cursor the vault made is SamizdatError `vault.bad-cursor` (usage). A cursor never
   * expires and names a position, not a row: it stays good when statements are added.
   */
  after?: string | undefined;
  /** Rows to return, 1 to MAX_PAGE_SIZE. */
  limit: number;
}

/** A cursor is at most this long (the vault's own are far shorter: a statement's date is at most 64 characters). */
export const MAX_CURSOR_LENGTH = 1024;

/**
 * A detached statement signature with its id and canonical bytes. A model `StatementSignature`
 * spreads into it: `{ ...signature, id, canonical }`.
 */
export interface SignatureRecord {
  id: Hex32;
  statement: Hex32;
  group: Hex32;
  link: Hex32;
  role: SignatureRole;
  key: Hex32;
  sig: Hex64;
  canonical: Uint8Array;
}

/** Whether a statement is released by one author group, as computed against the group's chain. */
export interface ReleaseState {
  group: Hex32;
  released: boolean;
  /** Distinct current members counted. */
  signers: number;
}

/** A relation between two statements, as an edge. `to` need not be held. */
export interface RelationEdge {
  from: Hex32;
  type: RelationType;
  to: Hex32;
}

export interface AttachmentRecord {
  /** SHA-256 of `data`. The caller computes it; the vault checks it as it stores the bytes. */
  id: Hex32;
  mediaType: string;
  size: number;
  data: Uint8Array;
}

export type AttachmentInfo = Omit<AttachmentRecord, 'data'>;

/** The vault keeps an attachment's bytes in chunks of this size (the last chunk is shorter). */
export const ATTACHMENT_CHUNK_SIZE = 1024 * 1024;

/**
 * Stores one attachment piece by piece (VaultWriter.beginAttachment): the bytes go to the vault in
 * chunks as they come, and the attachment is held only once `finish` has checked them. Errors:
 * SamizdatError `vault.attachment-mismatch` (input) when the bytes are not `size` long or do not hash
 * to the id, and then nothing of the attachment is kept and the writer is closed; a write or finish
 * after the writer closed is `vault.attachment-closed` (usage).
 */
export interface AttachmentWriter {
  /** The next bytes, of any length. More than `size` bytes in all is a mismatch. */
  write(bytes: Uint8Array): void;
  /** Checks the length and the SHA-256 and keeps the attachment; `new: false` when it was already held. */
  finish(): PutResult;
  /** Gives up: whatever was written is removed. Does nothing once the writer is closed. */
  abort(): void;
}

export interface SearchOptions {
  /** At most this many results, 1 to MAX_SEARCH_LIMIT (default 20). */
  limit?: number;
  /** Put around each matched word in the snippet (default "[" and "]"). */
  open?: string;
  close?: string;
}

export interface SearchHit {
  id: Hex32;
  title: string;
  /** A short extract of this statement around its matches, plain text with `open`/`close` around matched words. */
  snippet: string;
}

/**
 * The hits, and how they were chosen. When no more than SEARCH_RANK_CAP statements match, every
 * match is ranked and the hits are the best (`order: 'best'`). When more match, ranking them would
 * cost time in proportion to the archive (see VaultQueries.search), so the hits are the newest
 * matches (`order: 'newest'`) and `capped` says so: a reader shows "more than 1,000 statements
 * match: the newest are shown; add a word to narrow the search".
 */
export interface SearchResult {
  hits: SearchHit[];
  order: 'best' | 'newest';
  /** True when more than SEARCH_RANK_CAP statements matched (and so `order` is 'newest'). */
  capped: boolean;
  /** How many statements match; null when capped (more than SEARCH_RANK_CAP). */
  matches: number | null;
}

/** Whether a put stored something the vault did not hold ("new") or not ("already held"). */
export interface PutResult {
  new: boolean;
}

export interface PutLinkResult extends PutResult {
  /** How many of the given signatures the vault did not hold yet (all of them when the link is new). */
  newSignatures: number;
}

export const MAX_PAGE_SIZE = 1000;
export const MAX_SEARCH_LIMIT = 1000;
export const DEFAULT_SEARCH_LIMIT = 20;
/** Search ranks the matches when there are at most this many; past it, it shows the newest (SearchResult.capped). */
export const SEARCH_RANK_CAP = 1000;

/** The read side of the vault. Code that only reads takes this type. */
export interface VaultReader {
  getIdentity(): IdentityRecord | undefined;
  hasIdentity(): boolean;
  /** Key pairs used before rotations, newest first. */
  getRetiredKeys(): IdentityRecord[];

  getGroup(id: Hex32): GroupRecord | undefined;
  hasGroup(id: Hex32): boolean;
  /** The stored safety number of every held group (migration 9): each is worked out once per vault. */
  safetyNumbers(): Array<{ group: Hex32; safetyNumber: string }>;
  /** All groups, in the order first seen. */
  listGroups(): GroupRecord[];

  getLink(id: Hex32): LinkRecord | undefined;
  hasLink(id: Hex32): boolean;
  /** A group's links (the charter included), by seq then id. Forks show as two links at one seq. */
  getLinks(groupId: Hex32): LinkRecord[];

  getStatement(id: Hex32): StatementRecord | undefined;
  /** A held statement's author groups, in order (what getStatement gives as `authors`, read alone); undefined when it is not held. */
  getStatementAuthors(id: Hex32): Hex32[] | undefined;
  hasStatement(id: Hex32): boolean;
  /** Newest first: date descending, then id ascending; a keyset walk (see Slice), never OFFSET. */
  listStatements(page: PageRequest): Page<StatementSummary>;
  /**
   * The ids alone, in the order of listStatements and with the same cursors, read from the date
   * index only: for walks over every statement (export, sync).
   */
  listStatementIds(page: PageRequest): Slice<Hex32>;
  countStatements(): number;
  /** Ids of held statements starting with a hex prefix, at most `limit`, in id order. */
  findStatementsByPrefix(prefix: string, limit: number): Hex32[];

  getSignature(id: Hex32): SignatureRecord | undefined;
  hasSignature(id: Hex32): boolean;
  /** All signatures held for a statement, by group, role, key, then id. */
  getSignatures(statementId: Hex32): SignatureRecord[];
  /** Every statement signature held for a group, by id. */
  getGroupSignatures(groupId: Hex32): SignatureRecord[];
  /** The statement's stored release states that are still current (see migration 0004). */
  getReleaseStates(statementId: Hex32): ReleaseState[];

  /** Relations pointing at `id` (e.g. its translations). */
  getRelationsTo(id: Hex32): RelationEdge[];
  /** Relations that statement `id` declares, in its own order. */
  getRelationsFrom(id: Hex32): RelationEdge[];

  /** The whole attachment in memory: for small ones. Large ones are read with `readAttachmentChunks`. */
  getAttachment(id: Hex32): AttachmentRecord | undefined;
  getAttachmentInfo(id: Hex32): AttachmentInfo | undefined;
  hasAttachment(id: Hex32): boolean;
  /**
   * A held attachment's bytes as its chunks, in order (ATTACHMENT_CHUNK_SIZE each, the last
   * shorter; none for an empty attachment), each read from the vault only when asked for.
   * SamizdatError `vault.no-such-attachment` at once when it is not held.
   */
  readAttachmentChunks(id: Hex32): Iterable<Uint8Array>;

  /**
   * Full-text search over titles and bodies; every word must match; best (bm25) first, or, when
   * more than SEARCH_RANK_CAP statements match, newest first (SearchResult.capped says which).
   */
  search(query: string, options?: SearchOptions): SearchResult;
}

/** The write side: everything a reader can do, plus storing. */
export interface VaultWriter extends VaultReader {
  /** Refuses to overwrite an existing identity (SamizdatError vault.identity-exists). */
  setIdentity(identity: IdentityRecord): void;
  /** Replace the identity's key pairs with new ones; the old ones are retired, never deleted. */
  rotateIdentityKeys(keys: Omit<IdentityRecord, 'name'>): void;
  /** Inserts a new group, or refreshes the cached name of a held one (trust and origin are kept). */
  upsertGroup(group: GroupInput): PutResult;
  /** SamizdatError vault.no-such-group if the group is not held. */
  setTrust(groupId: Hex32, trust: GroupTrust): void;
  /** Stores a held group's safety number (crypto/fingerprint.ts's, for its id); vault.no-such-group if not held. */
  putSafetyNumber(groupId: Hex32, safetyNumber: string): void;
  /** Stores a link, or merges its signatures into the held one (a union). */
  putLink(link: LinkRecord): PutLinkResult;
  putStatement(statement: StatementRecord): PutResult;
  putSignature(signature: SignatureRecord): PutResult;
  /**
   * Deletes a statement signature; whether it was held. For imports only: an import stores
   * signatures ahead of their (threaded) Ed25519 check and takes back, before its transaction
   * commits, those that fail it; and when a chain change makes a held signature stop counting,
   * the import that brought the change deletes it (nothing that does not count is kept). Only
   * inside a transaction (else SamizdatError `vault.no-transaction`).
   */
  deleteSignature(id: Hex32): boolean;
  /** Deletes one signature entry of a held link (one that does not count); inside a transaction only. */
  deleteLinkSignature(linkId: Hex32, key: Hex32): boolean;
  /** Stores a statement's release state by one held group, computed against that group's chain as it stands. */
  putReleaseState(statementId: Hex32, state: ReleaseState): void;
  /** A whole attachment at once (for small ones), through `beginAttachment`: the same checks. */
  putAttachment(attachment: AttachmentRecord): PutResult;
  /**
   * Starts storing an attachment whose bytes will come piece by piece. Call it, and finish the
   * writer, inside one transaction (`transaction` or, across awaits, `transactionAsync`): else
   * SamizdatError `vault.no-transaction`. When the attachment is already held, the writer only
   * checks the bytes and stores nothing. One writer at a time per attachment id.
   */
  beginAttachment(info: AttachmentInfo): AttachmentWriter;
  /** Runs `fn` in one transaction: all of its writes, or none. */
  transaction<T>(fn: () => T): T;
}

/** A writer that can also hold one transaction open across awaits, for work that streams. */
export interface StreamingVaultWriter extends VaultWriter {
  /** Runs the asynchronous `fn` in one transaction; nothing else may use the vault until it settles. */
  transactionAsync<T>(fn: () => Promise<T>): Promise<T>;
}

/** A statement signature as held, without its bytes: what the rules over a chain read of it. */
export type HeldSignature = Omit<SignatureRecord, 'canonical'>;

/**
 * What an import reads and writes (importBundle): a vault, or what `samizdat check` keeps of one
 * bundle (exchange/check-store.ts). The rules of an import are the same whichever it writes to.
 */
export type ImportTarget = Pick<
  StreamingVaultWriter,
  | 'hasGroup'
  | 'getGroup'
  | 'listGroups'
  | 'upsertGroup'
  | 'putSafetyNumber'
  | 'getLinks'
  | 'putLink'
  | 'deleteLinkSignature'
  | 'putStatement'
  | 'getStatementAuthors'
  | 'putSignature'
  | 'deleteSignature'
  | 'beginAttachment'
  | 'transactionAsync'
> & {
  /** Every statement signature held for a group, by id. */
  getGroupSignatures(groupId: Hex32): HeldSignature[];
};

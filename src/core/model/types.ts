// The signed objects of docs/FORMAT.md, as TypeScript types. Hex strings are lowercase.

export const FORMAT_VERSION = 1;

/** 64 lowercase hex characters: a SHA-256 id or an Ed25519/X25519 public key. */
export type Hex32 = string;
/** 128 lowercase hex characters: an Ed25519 signature. */
export type Hex64 = string;

export interface Member {
  name: string;
  /** Ed25519 public key. */
  sign: Hex32;
  /** X25519 public key (NaCl box). */
  box: Hex32;
}

export interface Thresholds {
  /** Distinct current members needed to release a statement. */
  release: number;
  /** Distinct members of the state before a link needed to make that link. */
  membership: number;
}

export interface LinkSignature {
  key: Hex32;
  sig: Hex64;
}

interface LinkCommon {
  type: 'link';
  v: 1;
  seq: number;
  signatures: LinkSignature[];
}

export interface CharterLink extends LinkCommon {
  op: 'charter';
  name: string;
  members: Member[];
  thresholds: Thresholds;
  nonce: string;
}

/** A link after the charter names its group and its predecessor. */
interface LaterLink extends LinkCommon {
  group: Hex32;
  prev: Hex32;
}

export interface AddLink extends LaterLink {
  op: 'add';
  member: Member;
}
export interface RemoveLink extends LaterLink {
  op: 'remove';
  /** Member id: the signing key with which the member was first listed. */
  member: Hex32;
}
export interface RotateLink extends LaterLink {
  op: 'rotate';
  member: Hex32;
  sign: Hex32;
  box: Hex32;
}
export interface CompromiseLink extends LaterLink {
  op: 'compromise';
  member: Hex32;
  /** Any signing key the member has held; signatures by it no longer count. */
  key: Hex32;
}
export interface ThresholdsLink extends LaterLink {
  op: 'thresholds';
  thresholds: Thresholds;
}
export interface RenameLink extends LaterLink {
  op: 'rename';
  name: string;
}

export type LaterChainLink = AddLink | RemoveLink | RotateLink | CompromiseLink | ThresholdsLink | RenameLink;
export type ChainLink = CharterLink | LaterChainLink;
export type LinkOp = ChainLink['op'];
export const LINK_OPS: readonly LinkOp[] = ['charter', 'add', 'remove', 'rotate', 'compromise', 'thresholds', 'rename'];

export const RELATION_TYPES = ['translation-of', 'introduces', 'revises', 'responds-to', 'retracts'] as const;
export type RelationType = (typeof RELATION_TYPES)[number];

export interface Relation {
  type: RelationType;
  id: Hex32;
}

export interface AttachmentRef {
  /** SHA-256 of the attachment's bytes. */
  id: Hex32;
  /** A label for people, never a path. */
  name: string;
  mediaType: string;
  size: number;
}

export interface Statement {
  type: 'statement';
  v: 1;
  authors: Hex32[];
  title: string;
  lang: string;
  date: string;
  body: string;
  relations: Relation[];
  attachments: AttachmentRef[];
}

export const SIGNATURE_ROLES = ['release', 'endorse'] as const;
export type SignatureRole = (typeof SIGNATURE_ROLES)[number];

export interface StatementSignature {
  type: 'signature';
  v: 1;
  statement: Hex32;
  group: Hex32;
  /** The id of the group's chain link in force when the member signed. */
  link: Hex32;
  role: SignatureRole;
  key: Hex32;
  sig: Hex64;
}

export type SignedObject = ChainLink | Statement | StatementSignature;
export type ObjectType = SignedObject['type'];

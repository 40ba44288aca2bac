// View models: what the renderer may see. They are built field by field from core data (src/app),
// so nothing else (key material, raw bundle bytes, file paths of the vault) can ride along.
// Declared as `type` aliases, not interfaces, so the compiler can check they are JSON (see contract.ts).

/** Opaque identifiers chosen by core (hashes of canonical bytes). */
export type StatementId = string;
export type GroupId = string;
export type JobId = string;

export type VaultStatus = {
  unlocked: boolean;
};

export type AuthorRef = {
  groupId: GroupId;
  /** The group's name as the user knows it (a petname; may be confusable, see verification). */
  name: string;
};

export type StatementSummary = {
  id: StatementId;
  title: string;
  lang: string;
  /** The date as the group wrote it: free text, not parsed. */
  date: string;
  authors: AuthorRef[];
  /** Released by every author group (threshold met). The full story is in statements:verify. */
  released: boolean;
};

export type Page<T> = {
  total: number;
  offset: number;
  items: T[];
};

/** As in docs/FORMAT.md. Endorsement is not a relation but a signature role (see the report). */
export type RelationKind = 'translation-of' | 'introduces' | 'revises' | 'responds-to' | 'retracts';

export type StatementRelation = {
  kind: RelationKind;
  target: StatementId;
};

export type StatementView = StatementSummary & {
  /** Plain text with light Markdown. The renderer shows it as text, never as HTML. */
  body: string;
  relations: StatementRelation[];
};

export type TrustLevel = 'verified' | 'unverified';

export type Problem = {
  /** Stable machine code, e.g. `bad-signature`, `threshold-not-met`, `lookalike-group`. */
  code: string;
  severity: 'error' | 'warning';
  message: string;
  /** The group, link, key or statement the problem is about, where there is one. */
  subject: string | null;
};

export type Signer = {
  memberId: string;
  name: string;
  /** The member key that signed (public). */
  key: string;
};

export type GroupVerification = {
  groupId: GroupId;
  /** The group's current name from its chain: a petname, not proof of anything. */
  name: string;
  /** Safety number as digit groups, to be compared aloud. */
  fingerprint: string;
  /** `unknown`: the group's chain is not held. */
  trust: TrustLevel | 'unknown';
  /** Distinct current members needed to release. */
  threshold: number;
  /** Current members, when the chain is known. */
  members: number | null;
  fork: boolean;
  signers: Signer[];
  released: boolean;
  problems: Problem[];
};

export type VerificationReport = {
  statementId: StatementId;
  /** Every author group released it. */
  released: boolean;
  /** Released, and no problem of severity error anywhere in the report. */
  ok: boolean;
  groups: GroupVerification[];
  /** Co-signatures by members of other groups. */
  endorsements: GroupVerification[];
  /** Problems not tied to one group (e.g. a newer revision exists). */
  problems: Problem[];
};

export type GroupSummary = {
  groupId: GroupId;
  name: string;
  fingerprint: string;
  trust: TrustLevel;
  members: number;
  releaseThreshold: number;
};

export type JobKind = 'import';

export type JobProgress = {
  /** What the job is doing now, in words for people (e.g. "verifying signatures"). */
  phase: string;
  done: number;
  /** Null while the total is unknown (a streamed bundle). */
  total: number | null;
};

export type JobView = {
  jobId: JobId;
  kind: JobKind;
  state: 'running' | 'done' | 'failed';
  progress: JobProgress;
  /** Set when state is 'done'. */
  result: { summary: string } | null;
  /** Set when state is 'failed'. */
  error: WireError | null;
};

/**
 * Error kinds: the core's kinds (which map to the CLI's exit codes) plus two the transports need:
 * `internal` (a bug; details withheld) and `unavailable` (a capability not built yet).
 */
export type WireErrorKind = 'verification' | 'usage' | 'vault' | 'input' | 'io' | 'internal' | 'unavailable';

export type WireError = {
  /** Stable machine code, e.g. `vault.locked`, `ipc.invalid-argument`. */
  code: string;
  kind: WireErrorKind;
  /** For people: starts with the layer prefix (`vault: ...`), never contains key material. */
  message: string;
};

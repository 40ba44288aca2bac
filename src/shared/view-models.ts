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
  items: T[];
  /** Opaque: ask for the next page with it as `after`. Null on the last page. */
  next: string | null;
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

export type JobKind = 'import' | 'export' | 'sync';

export type JobProgress = {
  /** What the job is doing now, in words for people (e.g. "verifying signatures"). */
  phase: string;
  done: number;
  /** Null while the total is unknown (a streamed bundle). */
  total: number | null;
};

/** How a bundle travels: in clear, encrypted to group members, or sealed with a passphrase. */
export type Envelope = 'clear' | 'members' | 'passphrase';

/** What a bundle carried, by kind of object. */
export type ObjectCounts = {
  links: number;
  linkSignatures: number;
  statements: number;
  signatures: number;
  attachments: number;
};

/** An object of a bundle that can never count for anyone, and why. Its message quotes the bundle: text only. */
export type Rejection = {
  kind: 'link' | 'link-signature' | 'signature';
  id: string;
  reason: string;
  message: string;
};

/** A known group whose name looks like a newly seen group's: the new one may be an impostor. */
export type LookalikeGroup = {
  groupId: GroupId;
  name: string;
  kind: 'same-name' | 'confusable';
};

/** A group first seen in a bundle: unverified until its fingerprint is compared in person. */
export type NewGroup = {
  groupId: GroupId;
  /** From the bundle, that is from anyone: text only, and maybe confusable. */
  name: string;
  fingerprint: string;
  lookalikes: LookalikeGroup[];
};

/** One bundle file imported. Lists are bounded (see the counts beside them). */
export type BundleImport = {
  /** The file as the user (or the OS) named it. */
  path: string;
  envelope: Envelope;
  added: ObjectCounts;
  held: ObjectCounts;
  /** The first rejections; `rejectedCount` counts them all. */
  rejected: Rejection[];
  rejectedCount: number;
  newGroups: NewGroup[];
  /** Statements the bundle carries, new or held. */
  statements: number;
};

/** A bundle file that could not be imported at all (nothing of it was). */
export type BundleFailure = {
  path: string;
  error: WireError;
};

export type ImportResult = {
  files: BundleImport[];
  failed: BundleFailure[];
};

export type ExportMode = 'auto' | 'clear' | 'members' | 'passphrase';

/** Why an export got its envelope (see bundles:export). */
export type SealReason = 'passphrase' | 'groups-named' | 'clear-requested' | 'all-released' | 'drafts';

export type ExportResult = {
  out: string;
  bytes: number;
  sha256: string;
  envelope: Envelope;
  /** The groups whose current members can open it (envelope `members`). */
  encryptedTo: GroupId[];
  /** Member keys it is encrypted to. */
  recipients: number;
  reason: SealReason;
  /** Statements not released yet that made `auto` encrypt it. */
  drafts: number;
  counts: { links: number; statements: number; signatures: number; attachments: number };
};

export type WrittenBundle = {
  path: string;
  bytes: number;
  sha256: string;
  envelope: 'clear' | 'members';
  records: number;
};

export type SyncResult = {
  folder: string;
  /** Bundle files of the folder this vault read. */
  bundlesRead: number;
  /** The bundles that brought something new, a rejection or a new group (bounded). */
  imported: BundleImport[];
  /** Bundles encrypted to keys this vault does not have, or sealed with a passphrase: left alone. */
  notForUs: string[];
  failed: BundleFailure[];
  written: WrittenBundle[];
};

/** A job's outcome for programs, beside its summary for people. */
export type JobDetails =
  | { kind: 'import'; import: ImportResult }
  | { kind: 'export'; export: ExportResult }
  | { kind: 'sync'; sync: SyncResult };

export type JobResult = {
  /** For people: several lines of plain text. */
  summary: string;
  /** Null for jobs that have no structured outcome. */
  details: JobDetails | null;
};

export type JobView = {
  jobId: JobId;
  kind: JobKind;
  state: 'running' | 'done' | 'failed';
  progress: JobProgress;
  /** Set when state is 'done'. */
  result: JobResult | null;
  /** Set when state is 'failed'. */
  error: WireError | null;
};

/** A USB stick or SD card mounted now: where bundles can be written or found. */
export type RemovableDrive = {
  /** Where it is mounted (`/media/alice/STICK`, `/Volumes/STICK`, `E:\`). */
  path: string;
  /** The file-system label, else the device name. */
  label: string;
  /** `/dev/sdb1`, `E:`; empty where the platform does not say. */
  device: string;
  fsType: string;
  /** Null when it cannot be read. */
  sizeBytes: number | null;
  freeBytes: number | null;
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

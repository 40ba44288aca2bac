// View models: what the renderer may see. They are built field by field from core data (src/app),
// so nothing else (key material, raw bundle bytes, file paths of the vault) can ride along.
// Declared as `type` aliases, not interfaces, so the compiler can check they are JSON (see contract.ts).

/** Opaque identifiers chosen by core (hashes of canonical bytes). */
export type StatementId = string;
export type GroupId = string;
export type JobId = string;

export type VaultStatus = {
  /** A vault exists in the folder the app was started on (false: first run, or after a wipe). */
  exists: boolean;
  unlocked: boolean;
  /** My identity, once the vault is unlocked and I created one (null otherwise). */
  identity: IdentityView | null;
};

/** Passphrase hardening, as `samizdat init --kdf`. */
export type KdfPreset = 'interactive' | 'moderate' | 'sensitive';

export type Settings = {
  /** Minutes without activity before the vault locks itself (1 to 240). */
  idleLockMinutes: number;
};

/** My member keys (public halves only). */
export type IdentityView = {
  name: string;
  /** Signing key, 64 hex characters: my member id in the groups I found or join. */
  sign: string;
  /** Encryption key, 64 hex characters. */
  box: string;
};

/**
 * How far a group can be trusted, wherever its name appears. Words first in the UI (see UI.md):
 * a lookalike or unverified group's statement never wears the look of a verified release.
 */
export type GroupTrust =
  | { state: 'verified' }
  | { state: 'mine' }
  /** Trust on first use: seen in a bundle, its fingerprint never compared. `from`: the file's name, if known. */
  | { state: 'unverified'; firstSeen: { from: string | null; at: string | null } }
  /** Its name is confusable with (or equal to) a group known before it: possibly an impostor. */
  | { state: 'lookalike'; looksLike: { groupId: GroupId; name: string }[] }
  /** A fork, or a chain that cannot be replayed: nothing it signs counts until the members act. */
  | { state: 'broken'; problem: string };

export type AuthorRef = {
  groupId: GroupId;
  /** The group's name as the user knows it (a petname; may be confusable, see verification). */
  name: string;
  /** Unknown groups (chain not held) are `unverified` with no first sighting. */
  trust: GroupTrust;
};

/** The statement's state in one word, for badges and filters (the full story is statements:verify). */
export type StatementStatus = 'released' | 'waiting' | 'problem';

export type StatementSummary = {
  id: StatementId;
  title: string;
  lang: string;
  /** The date as the group wrote it: free text, not parsed. */
  date: string;
  authors: AuthorRef[];
  /** Released by every author group (threshold met). The full story is in statements:verify. */
  released: boolean;
  status: StatementStatus;
  /** While waiting: the signatures that count, and the threshold, of the author group furthest from it. */
  signatures: { have: number; need: number } | null;
};

export type StatementFilter = {
  /** Full-text search (FTS5 syntax is not exposed: words, matched as typed). */
  query?: string;
  groupId?: GroupId;
  lang?: string;
  status?: StatementStatus;
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

/** A relation, resolved for display: the other statement's title when it is held. */
export type RelatedStatement = {
  kind: RelationKind;
  id: StatementId;
  /** Null when the other statement is not in this vault. */
  title: string | null;
  lang: string | null;
};

export type AttachmentView = {
  name: string;
  mediaType: string;
  bytes: number;
  sha256: string;
};

export type StatementView = StatementSummary & {
  /** Plain text with light Markdown. The renderer shows it as text, never as HTML. */
  body: string;
  relations: StatementRelation[];
  /** What this statement points at (its relations), resolved. */
  outgoing: RelatedStatement[];
  /** Statements held that point at this one: its translations, introductions, responses, revisions. */
  incoming: RelatedStatement[];
  attachments: AttachmentView[];
  /** Whether I (my identity) may sign it for an author group, or endorse it, now. */
  canSign: boolean;
  canEndorse: boolean;
};

export type NewStatement = {
  authors: GroupId[];
  title: string;
  lang: string;
  /** Free text as the group writes it; the UI proposes today's date (YYYY-MM-DD). */
  date: string;
  body: string;
  relations: StatementRelation[];
  /** Absolute paths of files to attach (chosen with the file dialog or uploaded in browser mode). */
  attachments: string[];
};

export type SignOutcome = {
  statementId: StatementId;
  role: 'author' | 'endorsement';
  groupId: GroupId;
  /** Released now (for an author signature). */
  released: boolean;
  have: number;
  need: number;
};

export type TextExportResult = {
  dir: string;
  files: string[];
  signer: { name: string; key: string };
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
  /** As stored (compared or not); `state` below is what the UI shows. */
  trust: TrustLevel;
  state: GroupTrust;
  /** I am a current member. */
  mine: boolean;
  members: number;
  releaseThreshold: number;
  membershipThreshold: number;
  /** Changes waiting for signatures. */
  pending: number;
  fork: boolean;
};

export type MemberView = {
  memberId: string;
  name: string;
  /** Current signing key; null while it is marked compromised and not yet rotated. */
  signKey: string | null;
  me: boolean;
};

export type LinkOp = 'charter' | 'add' | 'remove' | 'rotate' | 'compromise' | 'thresholds' | 'rename';

/** One applied link of a chain, as words need it (the UI writes the sentence). */
export type ChainEvent = {
  linkId: string;
  seq: number;
  op: LinkOp;
  /** The member added, removed, rotated; the key marked compromised; the new name or thresholds. */
  subject: string | null;
  thresholds: { release: number; membership: number } | null;
  signers: string[];
};

export type PendingChange = {
  linkId: string;
  op: LinkOp;
  subject: string | null;
  signatures: number;
  needed: number;
  /** I signed it already. */
  signedByMe: boolean;
  /** What it would do beyond `subject`, so that nobody approves blind: the name an addition gives the new member, the new thresholds. */
  memberName: string | null;
  thresholds: { release: number; membership: number } | null;
  /** At a fork: the branch (its first link) whose head it follows; null when it follows the head. */
  branch: string | null;
};

/** One branch of a fork: its first link, who signed it (member ids), and the group as that branch leaves it. */
export type ForkBranch = {
  linkId: string;
  op: LinkOp;
  seq: number;
  signers: string[];
  name: string;
  /** The members current at the branch's head. */
  members: { memberId: string; name: string }[];
  thresholds: { release: number; membership: number };
};

/** GroupSummary with the members and the pending changes themselves in place of their counts. */
export type GroupDetail = Omit<GroupSummary, 'members' | 'pending'> & {
  members: MemberView[];
  removed: { memberId: string; name: string }[];
  history: ChainEvent[];
  pending: PendingChange[];
  branches: ForkBranch[];
  problems: Problem[];
};

/** The fingerprint with its QR code as a matrix of modules (true = dark), drawn by the renderer without HTML. */
export type Fingerprint = {
  groupId: GroupId;
  name: string;
  /** Twelve groups of five digits, space-separated. */
  digits: string;
  qr: boolean[][];
};

export type GroupChange =
  | { op: 'add'; card: string }
  | { op: 'remove'; memberId: string }
  | { op: 'rotate' }
  | { op: 'compromise'; key: string }
  | { op: 'thresholds'; release: number; membership: number }
  | { op: 'rename'; name: string };

export type LinkOutcome = {
  linkId: string;
  op: LinkOp;
  applied: boolean;
  signatures: number;
  needed: number;
  /** Codes, e.g. `membership-below-majority`; the UI words them. */
  warnings: string[];
};

/** A folder as the folder picker of browser mode lists it (Electron uses the native dialog). */
export type FolderListing = {
  dir: string;
  parent: string | null;
  folders: { name: string; path: string }[];
};

export type JobKind = 'import' | 'export' | 'sync';

/**
 * What a job is doing, for the UI to word in the person's language: `starting`; `finding` the
 * bundle files of the paths given; `folder`, listing a sync folder; `reading` a bundle file (done
 * and total count its bytes); `collecting` what an export carries; `writing` a bundle's records
 * in clear, or `encrypting` them (done and total count records).
 */
export type JobStep = 'starting' | 'finding' | 'folder' | 'reading' | 'collecting' | 'writing' | 'encrypting';

export type JobProgress = {
  /** What the job is doing now, in English (logs, the CLI-like text); the UI words `step` instead. */
  phase: string;
  step: JobStep;
  /** The base name of the bundle file read or written now, if known. From a folder, that is from anyone: text only. */
  file: string | null;
  /** That file's place (from 1) among the job's files, and how many there are; null when not counted. */
  fileIndex: number | null;
  files: number | null;
  /** Bytes while `reading`, records while `writing` or `encrypting`. */
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

// Importing a bundle (docs/FORMAT.md, "What a reader does with a bundle"): the whole bundle in one
// transaction, rolled back on any MUST-reject rule; then each well-formed object on its own: what
// can never count is rejected with its reason, what is new is stored, what is held is counted.
import { setImmediate as nextTurn } from 'node:timers/promises';
import { fromHex } from '../crypto/bytes.js';
import { verify as ed25519Verify } from '../crypto/ed25519.js';
import { sharedVerifyPool, type VerifyItem, type VerifyPool } from '../crypto/verify-pool.js';
import { linkSigningMessage, statementSigningMessageOf } from '../model/objects.js';
import type { ChainLink, Statement, StatementSignature } from '../model/types.js';
import { openBundle, type Envelope, type Openers } from '../bundle/envelope.js';
import { readBundle } from '../bundle/reader.js';
import { replayChain, type ChainReport } from '../verify/chain.js';
import { short } from '../verify/problems.js';
import { groupFingerprint, rememberGroupFingerprint, whyNotCounting, type IgnoredReason } from '../verify/statement.js';
import { heldChain, linkOfRecord, recordOfLink } from '../service/links.js';
import { refreshGroupName } from '../service/groups.js';
import { pruneGroupSignatures } from '../service/prune.js';
import type { AttachmentWriter, ImportTarget, StatementRecord } from '../store/types.js';
import { IdList } from './id-list.js';
import { lookalikeFinder, type Lookalike } from './lookalike.js';

export type ObjectKind = 'link' | 'link-signature' | 'statement' | 'signature' | 'attachment';
export type Counts = Record<ObjectKind, number>;

/**
 * An object that does not count, so import ignores it and does not keep it (docs/FORMAT.md, "What
 * a reader does with a bundle"). Anyone can make one: it is reported, never a failure.
 */
export interface Rejection {
  kind: 'link' | 'link-signature' | 'signature';
  id: string;
  reason: IgnoredReason | 'rejected-link' | 'bad-charter' | 'orphan-link' | 'no-signer';
  message: string;
}

export interface NewGroup {
  id: string;
  name: string;
  fingerprint: string;
  /** Known groups whose names look the same: a spoofed group may be one of them. */
  lookalikes: Lookalike[];
}

export interface ImportReport {
  envelope: Envelope;
  added: Counts;
  held: Counts;
  rejected: Rejection[];
  newGroups: NewGroup[];
  /** Every statement the bundle carries, new or held, in the bundle's order. */
  statements: IdList;
}

/** Statement signatures sent to the verify pool at a time. */
const SIGNATURE_BATCH = 256;
/**
 * Batches in flight before the reader waits for the oldest to be decided: back-pressure from the
 * verify pool to the reader, so that an import holds a bounded window of signatures whatever the
 * bundle's size (DESIGN.md, "Budgets": 300 MB for any bundle).
 */
const BATCHES_IN_FLIGHT = 8;
/** Statements stored together in one run of inserts. */
const STATEMENTS_STORED_TOGETHER = 256;
/** Statements whose authors the importer keeps at hand for the signatures that follow them. */
const AUTHORS_CACHED = 10_000;

/** A statement signature whose Ed25519 check is in flight, in bundle order. */
interface PendingSignature {
  id: string;
  sig: StatementSignature;
  /** Why it can never count even with a valid signature (role, member), checked at once. */
  problem: Pick<Rejection, 'reason' | 'message'> | undefined;
  /** Stored ahead of its check (when it has no other problem): whether the vault did not hold it before. */
  stored: { new: boolean } | undefined;
  /** Its bytes, until its batch stores it (only when it has no other problem). */
  canonical: Uint8Array | undefined;
}

const zero = (): Counts => ({ link: 0, 'link-signature': 0, statement: 0, signature: 0, attachment: 0 });

/** A link's group: its own id for a charter. */
const groupOf = (link: ChainLink, id: string): string => (link.op === 'charter' ? id : link.group);

class Importer {
  readonly report: Omit<ImportReport, 'envelope'> = { added: zero(), held: zero(), rejected: [], newGroups: [], statements: new IdList() };
  private readonly links = new Map<string, ChainLink>();
  private linksSettled = false;
  private readonly chains = new Map<string, ChainReport | undefined>();
  /** Authors of the bundle's statements, and the media type by which they reference each attachment. */
  private readonly authors = new Map<string, readonly string[]>();
  private readonly mediaTypes = new Map<string, string>();
  /** The attachment being stored, piece by piece as the bundle gives it. */
  private attachment: AttachmentWriter | undefined;

  private readonly seen: Set<string> | undefined;
  private readonly keepAttachments: boolean;
  private readonly pool: VerifyPool;
  /**
   * Statement signatures are verified on worker threads while the import goes on: each is
   * stored ahead of its check, and decided (a failed one deleted again) when its batch's check
   * comes back, oldest batch first, before the transaction commits. `batches` holds the batches
   * sent, `unsent` the one being filled.
   */
  private readonly batches: Array<{ items: PendingSignature[]; check: Promise<boolean[]>; answered: boolean }> = [];
  private unsent: { items: PendingSignature[]; checks: VerifyItem[] } = { items: [], checks: [] };

  constructor(
    private readonly vault: ImportTarget,
    options: ImportOptions,
  ) {
    this.seen = options.seen;
    this.keepAttachments = options.keepAttachments ?? true;
    this.pool = options.verifyPool ?? sharedVerifyPool();
  }

  private reject(r: Rejection): void {
    this.report.rejected.push(r);
  }

  addLink(id: string, link: ChainLink): void {
    // A signature entry that does not verify can never count for anyone: drop it, keep the rest.
    const message = linkSigningMessage(link);
    const good = link.signatures.filter((s) => {
      if (ed25519Verify(message, fromHex(s.sig), fromHex(s.key))) return true;
      this.reject({ kind: 'link-signature', id, reason: 'bad-signature', message: `link ${short(id)}: the signature entry of key ${short(s.key)} is not a valid signature; dropped` });
      return false;
    });
    this.links.set(id, { ...link, signatures: good } as ChainLink);
    this.seen?.add(contentKey.link(id));
    for (const s of good) this.seen?.add(contentKey.linkSignature(id, s.key));
  }

  /** Once every link of the bundle is known: decide each against its group's chain, and store. */
  settleLinks(): void {
    if (this.linksSettled) return;
    this.linksSettled = true;
    const byGroup = new Map<string, Array<[string, ChainLink]>>();
    for (const [id, link] of this.links) {
      const g = groupOf(link, id);
      byGroup.set(g, [...(byGroup.get(g) ?? []), [id, link]]);
    }
    for (const [groupId, incoming] of byGroup) this.settleGroup(groupId, incoming);
    this.startFingerprints();
  }

  /** The new groups' safety numbers, worked out on the pool's workers while the import reads on. */
  private fingerprints: Promise<string[]> | undefined;

  private startFingerprints(): void {
    const ids = this.report.newGroups.map((g) => fromHex(g.id, 32, 'group id'));
    if (ids.length === 0 || this.pool.safetyNumbers === undefined) return;
    this.fingerprints = this.pool.safetyNumbers(ids);
    // Awaited in finish; marked handled now, as the signature checks are.
    this.fingerprints.catch(() => undefined);
  }

  private settleGroup(groupId: string, incoming: Array<[string, ChainLink]>): void {
    const wasHeld = this.vault.hasGroup(groupId);
    const held = wasHeld ? this.vault.getLinks(groupId) : [];
    // Held entries were verified when stored, the bundle's in addLink: replay does not verify again.
    const chain = replayChain(groupId, [...held.map(linkOfRecord), ...incoming.map(([, l]) => l)], { verified: true });
    if (!chain.charter) {
      for (const [id] of incoming) this.reject({ kind: 'link', id, reason: 'orphan-link', message: `link ${short(id)} belongs to group ${short(groupId)}, whose charter is neither held nor in the bundle` });
      return;
    }
    if (!chain.head) {
      for (const [id] of incoming) this.reject({ kind: 'link', id, reason: 'bad-charter', message: `group ${short(groupId)}: its charter carries no valid signature of a founding member` });
      return;
    }
    const why = (id: string) => chain.problems.find((p) => p.code === 'rejected-link' && p.subject === id && !p.message.includes('carries a signature'))?.message;
    const kept: Array<[string, ChainLink]> = [];
    for (const [id, link] of incoming) {
      const counting = chain.counting.get(id);
      // A link that does not apply as an operation to the state before it, or follows one that
      // does not, can never apply; nor can one no member of the state before it signed.
      const refusal = why(id) ?? (counting ? undefined : `link ${short(id)} (${link.op}) follows link ${short(link.op === 'charter' ? id : link.prev)}, which does not apply to the group's chain`);
      if (refusal || !counting) {
        this.reject({ kind: 'link', id, reason: 'rejected-link', message: refusal ?? '' });
        continue;
      }
      // A link keeps only the signature entries that count toward it (V-LINK-SIGNER).
      const signatures = link.signatures.filter((s) => counting.has(s.key));
      for (const s of link.signatures) {
        if (!counting.has(s.key)) this.reject({ kind: 'link-signature', id, reason: 'unknown-signer', message: `link ${short(id)}: key ${short(s.key)} is not a counting member key of the state before the link; its entry is dropped` });
      }
      if (signatures.length === 0) {
        this.reject({ kind: 'link', id, reason: 'no-signer', message: `link ${short(id)} (${link.op}) carries no signature of a member of the state before it` });
        continue;
      }
      kept.push([id, { ...link, signatures } as ChainLink]);
    }
    // A link whose predecessor was dropped above can never apply either: drop it too, in chain order.
    const standing = new Set([groupId, ...held.map((r) => r.id)]);
    kept.sort(([, a], [, b]) => a.seq - b.seq);
    for (const [id, link] of [...kept]) {
      if (link.op === 'charter' || standing.has(link.prev)) {
        standing.add(id);
        continue;
      }
      kept.splice(kept.findIndex(([k]) => k === id), 1);
      this.reject({ kind: 'link', id, reason: 'orphan-link', message: `link ${short(id)} (${link.op}) follows link ${short(link.prev)}, which is not kept` });
    }
    this.chains.set(groupId, chain);
    // Entries held from before that do not count (a vault written by an older Samizdat) go too.
    let changed = false;
    for (const record of held) {
      const counting = chain.counting.get(record.id);
      for (const s of record.signatures) if (!counting?.has(s.key)) changed = this.vault.deleteLinkSignature(record.id, s.key) || changed;
    }
    if (kept.length === 0 && !changed) return;
    if (!wasHeld) {
      this.vault.upsertGroup({ id: groupId, name: chain.head.name, origin: 'imported' });
      // The fingerprint is filled in by finish.
      this.report.newGroups.push({ id: groupId, name: chain.head.name, fingerprint: '', lookalikes: [] });
    }
    // Charter first: every later link refers to its group's row.
    kept.sort(([, a], [, b]) => a.seq - b.seq);
    for (const [, link] of kept) {
      const result = this.vault.putLink(recordOfLink(link));
      if (result.new) this.report.added.link++;
      else this.report.held.link++;
      this.report.added['link-signature'] += result.newSignatures;
      this.report.held['link-signature'] += link.signatures.length - result.newSignatures;
      changed ||= result.new || result.newSignatures > 0;
    }
    if (wasHeld && changed) {
      refreshGroupName(this.vault, groupId);
      this.pruneSignatures(groupId, chain);
    }
  }

  /** A chain change can make held statement signatures stop counting (a signer removed, a key compromised): they go. */
  private pruneSignatures(groupId: string, chain: ChainReport): void {
    for (const p of pruneGroupSignatures(this.vault, groupId, chain, (s) => this.authors.get(s) ?? this.heldAuthors(s))) {
      this.reject({ kind: 'signature', id: p.id, reason: p.reason, message: `a held signature no longer counts and is dropped: ${p.message}` });
    }
  }

  private chain(groupId: string): ChainReport | undefined {
    if (!this.chains.has(groupId)) this.chains.set(groupId, this.vault.hasGroup(groupId) ? heldChain(this.vault, groupId) : undefined);
    return this.chains.get(groupId);
  }

  addStatement(id: string, statement: Statement, bytes: Uint8Array): void {
    this.settleLinks();
    // A cache, bounded: a statement of the bundle is in the vault already, where heldAuthors finds it.
    if (this.authors.size >= AUTHORS_CACHED) this.authors.clear();
    this.authors.set(id, statement.authors);
    for (const a of statement.attachments) if (!this.mediaTypes.has(a.id)) this.mediaTypes.set(a.id, a.mediaType);
    this.report.statements.push(id);
    this.seen?.add(contentKey.statement(id));
    this.pool.warm(); // signatures usually follow: let the workers start meanwhile
    this.unstored.push({ ...statement, id, canonical: bytes });
    if (this.unstored.length >= STATEMENTS_STORED_TOGETHER) this.storeStatements();
  }

  /**
   * Statements read but not yet stored: they are stored in runs (a run of inserts measured faster
   * than inserts spread between the reading of each record), and always before anything reads
   * the vault's statements or the bundle goes on past its statements.
   */
  private unstored: StatementRecord[] = [];

  private storeStatements(): void {
    if (this.unstored.length === 0) return; // every signature asks: most often there are none
    for (const statement of this.unstored) {
      const result = this.vault.putStatement(statement);
      this.report[result.new ? 'added' : 'held'].statement++;
    }
    this.unstored = [];
  }

  /**
   * The authors of a statement held before this bundle (or stored by it and no longer cached), if
   * it is held: one indexed read, not cached (signatures come in the order of their own ids, so a
   * statement read here is seldom asked for again before it would leave the cache).
   */
  private heldAuthors(id: string): readonly string[] | undefined {
    this.storeStatements();
    return this.vault.getStatementAuthors(id);
  }

  /** Why a statement signature does not count though its Ed25519 signature be valid, or undefined when it counts. */
  private signatureProblem(sig: StatementSignature): Pick<Rejection, 'reason' | 'message'> | undefined {
    return whyNotCounting(sig, this.authors.get(sig.statement) ?? this.heldAuthors(sig.statement), this.chain(sig.group));
  }

  /** Takes a signature; true when that filled a batch and sent it to the pool (the caller then calls `relieve`). */
  addSignature(id: string, sig: StatementSignature, bytes: Uint8Array): boolean {
    this.storeStatements();
    this.settleLinks();
    this.seen?.add(contentKey.signature(id));
    this.pool.warm();
    this.unsent.checks.push({ message: statementSigningMessageOf(sig, bytes), sig: fromHex(sig.sig), key: fromHex(sig.key) });
    const problem = this.signatureProblem(sig);
    // Stored with its batch (sendBatch), undone in decideOldest if it turns out not to verify.
    this.unsent.items.push({ id, sig, problem, stored: undefined, canonical: problem ? undefined : bytes });
    if (this.unsent.items.length < SIGNATURE_BATCH) return false;
    this.sendBatch();
    return true;
  }

  private sendBatch(): void {
    if (this.unsent.items.length === 0) return;
    // The batch's signatures are stored together, ahead of their check: one run of inserts
    // measured faster than inserts spread between the reading of each record.
    for (const p of this.unsent.items) {
      if (p.canonical === undefined) continue;
      p.stored = this.vault.putSignature({ ...p.sig, id: p.id, canonical: p.canonical });
      p.canonical = undefined;
    }
    const check = this.pool.verifyBatch(this.unsent.checks);
    const batch = { items: this.unsent.items, check, answered: false };
    // Awaited in decideOldest; marked handled now so that an import that fails before it gets
    // there does not leave an unhandled rejection behind.
    check.then(
      () => (batch.answered = true),
      () => (batch.answered = true),
    );
    this.batches.push(batch);
    this.unsent = { items: [], checks: [] };
  }

  /** Whether the reader should wait for a batch to be decided before it reads on. */
  private get backlogged(): boolean {
    return this.batches.length > BATCHES_IN_FLIGHT;
  }

  /**
   * Called after each batch sent. First the event loop gets a turn: the reader can go through a
   * megabyte of buffered records without one, and a worker is given its next batch only when the
   * answer to its last has come in on this thread (measured: without this turn the worker sat idle
   * half of an import). Every batch whose check has come back is then decided, oldest first.
   * Where the reader is still too far ahead of the checks and more batches wait for the workers
   * than one (the workers are the bottleneck), this thread checks the newest itself, so that every
   * core verifies; it leaves the last one to them, which would otherwise run out of work while this
   * thread reads on. Then, if still too far ahead, the oldest is waited for.
   */
  async relieve(): Promise<void> {
    await nextTurn();
    while (this.batches[0]?.answered) await this.decideOldest();
    if (!this.backlogged) return;
    if ((this.pool.queued ?? 2) >= 2) await this.pool.assist(1);
    if (!this.batches[0]?.answered) await this.decideOldest();
    while (this.batches[0]?.answered) await this.decideOldest();
  }

  /**
   * Waits for the oldest batch's check and decides each of its signatures as one check after the
   * other would have, in bundle order: bad-signature first, then its role or member problem; a
   * stored one that does not verify is deleted again (unless the vault held it before this
   * import: it was verified when it was stored). A failed check (a worker gone) throws, which
   * rolls the import back.
   */
  async decideOldest(): Promise<void> {
    const batch = this.batches.shift();
    if (!batch) return;
    const results = await batch.check;
    if (results.length !== batch.items.length) throw new Error('import: signature checks out of step with the signatures');
    batch.items.forEach((p, i) => {
      if (!results[i]) {
        if (p.stored?.new === true) this.vault.deleteSignature(p.id);
        this.reject({ kind: 'signature', id: p.id, reason: 'bad-signature', message: `the signature of key ${short(p.sig.key)} on statement ${short(p.sig.statement)} is not valid` });
      } else if (p.problem) {
        this.reject({ kind: 'signature', id: p.id, ...p.problem });
      } else if (p.stored) {
        this.report[p.stored.new ? 'added' : 'held'].signature++;
      }
    });
  }

  /** Decides every signature still in flight. Call it inside the import's transaction, before it commits. */
  async settleSignatures(): Promise<void> {
    this.storeStatements();
    this.sendBatch();
    // The bundle is read: rather than wait, take a share of the batches no worker has begun.
    await this.pool.assist();
    while (this.batches.length > 0) await this.decideOldest();
  }

  startAttachment(id: string, size: number): void {
    this.storeStatements();
    this.settleLinks();
    this.seen?.add(contentKey.attachment(id));
    // The reader checks the bytes against the id whether or not they are kept.
    if (!this.keepAttachments) return;
    this.attachment = this.vault.beginAttachment({ id, size, mediaType: this.mediaTypes.get(id) ?? 'application/octet-stream' });
  }

  attachmentData(data: Uint8Array): void {
    this.attachment?.write(data);
  }

  /** The reader has checked the bytes against the id; the vault checks them again, and skips an attachment it holds. */
  endAttachment(): void {
    const a = this.attachment;
    if (!a) return;
    this.attachment = undefined;
    const result = a.finish();
    this.report[result.new ? 'added' : 'held'].attachment++;
  }

  async finish(): Promise<void> {
    this.storeStatements();
    this.settleLinks();
    const numbers = this.fingerprints ? await this.fingerprints : undefined;
    this.report.newGroups.forEach((g, i) => {
      const fingerprint = numbers?.[i];
      if (fingerprint === undefined) {
        g.fingerprint = groupFingerprint(g.id);
      } else {
        g.fingerprint = fingerprint;
        rememberGroupFingerprint(g.id, fingerprint);
      }
      // Stored, so that no later process works it out again (migration 9).
      this.vault.putSafetyNumber(g.id, g.fingerprint);
    });
    const known = this.vault.listGroups().map((g) => ({ id: g.id, name: g.name }));
    const lookalikes = lookalikeFinder(known);
    for (const g of this.report.newGroups) g.lookalikes = lookalikes(g.name, g.id);
  }
}

/** Names for what a bundle carries, to compare a folder's bundles with a vault (sync). */
export const contentKey = {
  link: (id: string) => `link:${id}`,
  linkSignature: (id: string, key: string) => `link-signature:${id}:${key}`,
  statement: (id: string) => `statement:${id}`,
  signature: (id: string) => `signature:${id}`,
  attachment: (id: string) => `attachment:${id}`,
};

export interface ImportOptions {
  /** Receives a key for every object the bundle carries (see contentKey). */
  seen?: Set<string>;
  /** Store attachments' bytes (default); `check` only verifies them, so as not to hold them in memory. */
  keepAttachments?: boolean;
  /** Where statement signatures are verified; default the process's shared pool. */
  verifyPool?: VerifyPool;
}

/** Import one bundle (clear or encrypted) in one transaction. */
export async function importBundle(vault: ImportTarget, chunks: AsyncIterable<Uint8Array>, openers: Openers, options: ImportOptions = {}): Promise<ImportReport> {
  const opened = await openBundle(chunks, openers);
  const importer = new Importer(vault, options);
  await vault.transactionAsync(async () => {
    for await (const record of readBundle(opened.plaintext)) {
      switch (record.kind) {
        case 'object': {
          const o = record.object;
          if (o.type === 'link') importer.addLink(record.id, o);
          else if (o.type === 'statement') importer.addStatement(record.id, o, record.bytes);
          else {
            if (importer.addSignature(record.id, o, record.bytes)) await importer.relieve();
          }
          break;
        }
        case 'attachment-start':
          importer.startAttachment(record.id, record.size);
          break;
        case 'attachment-data':
          importer.attachmentData(record.data);
          break;
        case 'attachment-end':
          importer.endAttachment();
          break;
      }
    }
    await importer.settleSignatures();
    await importer.finish();
  });
  return { envelope: opened.envelope, ...importer.report };
}


// Checking a bundle with no vault (`samizdat check`): import it into a vault that lives in memory
// only, so that exactly the rules of a real import apply, then report on every statement it carries.
//
// Verify once: the import verified every signature (Ed25519, strictly, once) and kept only those
// that count, and replayed every chain. The reports are then made from what it kept, as
// Verifier.verify makes them (the same verifyStatement over the same evidence: the held statement,
// its held signatures in the same order, each group's chain replayed once, its trust, the newer
// revisions released by one of its own groups, the lookalike groups), but read a page of
// statements at a time (three queries a page, not six a statement) and with each group's trust,
// chain and lookalikes worked out once, not once a statement. No signature is verified again.
import { parseSafetyNumber } from '../crypto/fingerprint.js';
import type { Statement, StatementSignature } from '../model/types.js';
import { Vault } from '../store/vault.js';
import type { GroupRecord } from '../store/types.js';
import { heldChain } from '../service/links.js';
import type { ChainReport } from '../verify/chain.js';
import { groupFingerprint, verifyStatement, type StatementEvidence, type VerificationReport } from '../verify/statement.js';
import type { Openers } from '../bundle/envelope.js';
import { importBundle, type ImportReport } from './import.js';
import { lookalikeFinder } from './lookalike.js';

export interface CheckReport {
  import: ImportReport;
  statements: VerificationReport[];
  /** Author groups not among the fingerprints the user gave (only when some were given). */
  untrusted: Array<{ id: string; name: string; fingerprint: string }>;
  /** Every statement released with nothing wrong, and every author group trusted where trust was required. */
  ok: boolean;
}

const digitsOf = (fingerprint: string): string => fingerprint.replace(/\D/g, '');

/** Statements reported on per page read from the scratch vault. */
const PAGE = 512;

const decoder = new TextDecoder();
const parsed = <T>(canonical: Uint8Array): T => JSON.parse(decoder.decode(canonical)) as T;

/** What the reports of one scratch vault share: each group's chain, trust and lookalikes, worked out once. */
class Reporter {
  private readonly chains = new Map<string, ChainReport | undefined>();
  private readonly trusts = new Map<string, GroupRecord['trust'] | undefined>();
  private readonly lookalikeCache = new Map<string, Array<{ id: string; name: string; trust: GroupRecord['trust'] }>>();
  private readonly findLookalikes: ReturnType<typeof lookalikeFinder<GroupRecord>>;

  constructor(private readonly vault: Vault) {
    this.findLookalikes = lookalikeFinder(vault.listGroups());
  }

  private chain(groupId: string): ChainReport | undefined {
    if (!this.chains.has(groupId)) this.chains.set(groupId, this.vault.hasGroup(groupId) ? heldChain(this.vault, groupId) : undefined);
    return this.chains.get(groupId);
  }

  private trust(groupId: string): GroupRecord['trust'] | undefined {
    if (!this.trusts.has(groupId)) this.trusts.set(groupId, this.vault.getGroup(groupId)?.trust);
    return this.trusts.get(groupId);
  }

  private lookalikes(groupId: string, name: string): Array<{ id: string; name: string; trust: GroupRecord['trust'] }> {
    const key = `${groupId}\n${name}`;
    let found = this.lookalikeCache.get(key);
    if (found === undefined) {
      found = this.findLookalikes(name, groupId).map((g) => ({ id: g.id, name: g.name, trust: g.trust }));
      this.lookalikeCache.set(key, found);
    }
    return found;
  }

  private evidence(id: string, statement: Statement, signatures: StatementSignature[], detail: { newerRevisions: string[] } | undefined): StatementEvidence {
    return {
      id,
      statement,
      signatures,
      signaturesVerified: true,
      chain: (g) => this.chain(g),
      trust: (g) => this.trust(g),
      newerRevisions: detail?.newerRevisions ?? [],
      lookalikes: (g, name) => (detail ? this.lookalikes(g, name) : []),
    };
  }

  /** Whether held statement `from` is released by one of `authors` (newer revisions and lookalikes never change a release). */
  private revisionCounts(from: string, authors: readonly string[]): boolean {
    const record = this.vault.getStatement(from);
    if (!record) return false;
    const signatures = this.vault.getSignatures(from).map((s) => parsed<StatementSignature>(s.canonical));
    const report = verifyStatement(this.evidence(from, parsed<Statement>(record.canonical), signatures, undefined));
    return report.groups.some((g) => g.released && authors.includes(g.groupId));
  }

  /** The reports of `ids` (held statements), in that order: what Verifier.verify(id) gives for each. */
  *reports(ids: readonly string[]): Generator<VerificationReport> {
    const pages = this.vault.statementPages();
    for (let at = 0; at < ids.length; at += PAGE) {
      const page = ids.slice(at, at + PAGE);
      let first = page[0] as string;
      let last = first;
      for (const id of page) {
        if (id < first) first = id;
        if (id > last) last = id;
      }
      const read = pages.between(first, last);
      const statements = new Map(read.statements.map((s) => [s.id, s.canonical]));
      const signatures = new Map<string, StatementSignature[]>();
      for (const s of read.signatures) {
        const list = signatures.get(s.statement);
        const sig = parsed<StatementSignature>(s.canonical);
        if (list) list.push(sig);
        else signatures.set(s.statement, [sig]);
      }
      const revisedBy = new Map<string, string[]>();
      for (const r of read.revisions) revisedBy.set(r.to, [...(revisedBy.get(r.to) ?? []), r.from]);
      for (const id of page) {
        const canonical = statements.get(id);
        if (canonical === undefined) throw new Error(`check: statement ${id} of the bundle is not in the scratch vault`);
        const statement = parsed<Statement>(canonical);
        const newerRevisions = (revisedBy.get(id) ?? []).filter((from) => this.revisionCounts(from, statement.authors));
        yield verifyStatement(this.evidence(id, statement, signatures.get(id) ?? [], { newerRevisions }));
      }
    }
  }
}

export async function checkBundle(chunks: AsyncIterable<Uint8Array>, options: { trust: string[]; passphrase?: Openers['passphrase'] }): Promise<CheckReport> {
  const trusted = new Set(options.trust.map((t) => parseSafetyNumber(t)));
  // On disk, encrypted under a throwaway key: an archive of 100,000 statements must not be built in RAM.
  const scratch = Vault.scratchOnDisk();
  try {
    const imported = await importBundle(scratch, chunks, { boxSecrets: [], ...(options.passphrase ? { passphrase: options.passphrase } : {}) }, { keepAttachments: false });
    for (const g of scratch.listGroups()) if (trusted.has(digitsOf(groupFingerprint(g.id)))) scratch.setTrust(g.id, 'verified');
    const statements = [...new Reporter(scratch).reports(imported.statements)];
    const untrusted = new Map<string, CheckReport['untrusted'][number]>();
    if (trusted.size > 0) {
      for (const report of statements) {
        for (const g of report.groups) {
          if (!trusted.has(digitsOf(g.fingerprint))) untrusted.set(g.groupId, { id: g.groupId, name: g.name, fingerprint: g.fingerprint });
        }
      }
    }
    return { import: imported, statements, untrusted: [...untrusted.values()], ok: statements.every((r) => r.ok) && untrusted.size === 0 };
  } finally {
    scratch.close();
  }
}

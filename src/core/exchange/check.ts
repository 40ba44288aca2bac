// Checking a bundle with no vault (`samizdat check`): import it, so that exactly the rules of a
// real import apply, into a CheckStore (what the reports read, in memory, and nothing else; see
// check-store.ts), then report on every statement it carries.
//
// Verify once: the import verified every signature (Ed25519, strictly, once) and kept only those
// that count, and replayed every chain. The reports are then made from what it kept, as
// Verifier.verify makes them (the same verifyStatement over the same evidence: the held statement,
// its held signatures in the same order, each group's chain replayed once, its trust, the newer
// revisions released by one of its own groups, the lookalike groups), with each group's trust,
// chain and lookalikes worked out once, not once a statement. No signature is verified again.
import { parseSafetyNumber } from '../crypto/fingerprint.js';
import type { StatementSignature } from '../model/types.js';
import type { GroupRecord } from '../store/types.js';
import { heldChain } from '../service/links.js';
import type { ChainReport } from '../verify/chain.js';
import { groupFingerprint, verifyStatement, type StatementEvidence, type VerificationReport } from '../verify/statement.js';
import type { Openers } from '../bundle/envelope.js';
import { CheckStore, type StatementHead } from './check-store.js';
import { importBundle, type ImportReport } from './import.js';
import { lookalikeFinder } from './lookalike.js';

/** An author group whose fingerprint is not among those the user gave. */
export interface UntrustedGroup {
  id: string;
  name: string;
  fingerprint: string;
}

/**
 * A bundle checked: what its import did, then each statement's report, made as it is read (an
 * archive's reports are larger than the archive: they are never all held at once).
 */
export interface CheckRun {
  import: ImportReport;
  /** Each statement's report, in the bundle's order. Read it once. */
  statements(): Generator<VerificationReport>;
  /**
   * Once every report has been read: the author groups not among the fingerprints the user gave
   * (only when some were given), and whether every statement is released with nothing wrong and
   * every author group trusted where trust was required.
   */
  verdict(): { untrusted: UntrustedGroup[]; ok: boolean };
}

/** A whole check at once, its reports held: for a bundle known to be small. */
export interface CheckReport {
  import: ImportReport;
  statements: VerificationReport[];
  untrusted: UntrustedGroup[];
  ok: boolean;
}

export function wholeCheck(run: CheckRun): CheckReport {
  const statements = [...run.statements()];
  return { import: run.import, statements, ...run.verdict() };
}

const digitsOf = (fingerprint: string): string => fingerprint.replace(/\D/g, '');

/** What the reports of one bundle share: each group's chain, trust and lookalikes, worked out once. */
class Reporter {
  private readonly chains = new Map<string, ChainReport | undefined>();
  private readonly lookalikeCache = new Map<string, Array<{ id: string; name: string; trust: GroupRecord['trust'] }>>();
  private readonly findLookalikes: ReturnType<typeof lookalikeFinder<GroupRecord>>;

  constructor(private readonly store: CheckStore) {
    this.findLookalikes = lookalikeFinder(store.listGroups());
  }

  private chain(groupId: string): ChainReport | undefined {
    if (!this.chains.has(groupId)) this.chains.set(groupId, this.store.hasGroup(groupId) ? heldChain(this.store, groupId) : undefined);
    return this.chains.get(groupId);
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

  private evidence(id: string, statement: StatementHead, signatures: StatementSignature[], detail: { newerRevisions: string[] } | undefined): StatementEvidence {
    return {
      id,
      statement,
      signatures,
      signaturesVerified: true,
      chain: (g) => this.chain(g),
      trust: (g) => this.store.getGroup(g)?.trust,
      newerRevisions: detail?.newerRevisions ?? [],
      lookalikes: (g, name) => (detail ? this.lookalikes(g, name) : []),
    };
  }

  /** Whether held statement `from` is released by one of `authors` (newer revisions and lookalikes never change a release). */
  private revisionCounts(from: string, authors: readonly string[]): boolean {
    const statement = this.store.statement(from);
    if (!statement) return false;
    const report = verifyStatement(this.evidence(from, statement, this.store.signaturesOf(from), undefined));
    return report.groups.some((g) => g.released && authors.includes(g.groupId));
  }

  /** The report of held statement `id`: what Verifier.verify(id) gives. */
  report(id: string): VerificationReport {
    const statement = this.store.statement(id);
    if (statement === undefined) throw new Error(`check: statement ${id} of the bundle was not kept`);
    const newerRevisions = this.store.revisionsOf(id).filter((from) => this.revisionCounts(from, statement.authors));
    return verifyStatement(this.evidence(id, statement, this.store.signaturesOf(id), { newerRevisions }));
  }
}

export async function checkBundle(chunks: AsyncIterable<Uint8Array>, options: { trust: string[]; passphrase?: Openers['passphrase'] }): Promise<CheckRun> {
  const trusted = new Set(options.trust.map((t) => parseSafetyNumber(t)));
  const store = new CheckStore();
  const imported = await importBundle(store, chunks, { boxSecrets: [], ...(options.passphrase ? { passphrase: options.passphrase } : {}) }, { keepAttachments: false });
  for (const g of store.listGroups()) if (trusted.has(digitsOf(groupFingerprint(g.id)))) store.setTrust(g.id, 'verified');
  const reporter = new Reporter(store);
  const untrusted = new Map<string, UntrustedGroup>();
  let allOk = true;
  let read = 0;
  return {
    import: imported,
    *statements() {
      for (const id of imported.statements) {
        const report = reporter.report(id);
        allOk &&= report.ok;
        for (const g of report.groups) {
          if (trusted.size > 0 && !trusted.has(digitsOf(g.fingerprint))) untrusted.set(g.groupId, { id: g.groupId, name: g.name, fingerprint: g.fingerprint });
        }
        read++;
        yield report;
      }
    },
    verdict() {
      if (read < imported.statements.length) throw new Error('check: the verdict is asked for before every report was read');
      return { untrusted: [...untrusted.values()], ok: allOk && untrusted.size === 0 };
    },
  };
}

// Checking a bundle with no vault (`samizdat check`): import it into a vault that lives in memory
// only, so that exactly the rules of a real import apply, then verify every statement it carries.
import { parseSafetyNumber } from '../crypto/fingerprint.js';
import { Vault } from '../store/vault.js';
import { Verifier } from '../service/statements.js';
import { groupFingerprint, type VerificationReport } from '../verify/statement.js';
import type { Openers } from '../bundle/envelope.js';
import { importBundle, type ImportReport } from './import.js';

export interface CheckReport {
  import: ImportReport;
  statements: VerificationReport[];
  /** Author groups not among the fingerprints the user gave (only when some were given). */
  untrusted: Array<{ id: string; name: string; fingerprint: string }>;
  /** Every statement released with nothing wrong, and every author group trusted where trust was required. */
  ok: boolean;
}

const digitsOf = (fingerprint: string): string => fingerprint.replace(/\D/g, '');

export async function checkBundle(chunks: AsyncIterable<Uint8Array>, options: { trust: string[]; passphrase?: Openers['passphrase'] }): Promise<CheckReport> {
  const trusted = new Set(options.trust.map((t) => parseSafetyNumber(t)));
  // On disk, encrypted under a throwaway key: an archive of 100,000 statements must not be built in RAM.
  const scratch = Vault.scratchOnDisk();
  try {
    const imported = await importBundle(scratch, chunks, { boxSecrets: [], ...(options.passphrase ? { passphrase: options.passphrase } : {}) }, { keepAttachments: false });
    for (const g of scratch.listGroups()) if (trusted.has(digitsOf(groupFingerprint(g.id)))) scratch.setTrust(g.id, 'verified');
    const verifier = new Verifier(scratch);
    const statements = imported.statements.map((id) => verifier.verify(id));
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

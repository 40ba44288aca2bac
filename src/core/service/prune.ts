// Nothing that does not count is kept (docs/FORMAT.md, V-IGNORE): after a change to a group's
// chain, the held statement signatures of that group that stopped counting (a signer removed, a
// key compromised, a branch superseded) are deleted. Import and the local link commands share it.
import type { ChainReport } from '../verify/chain.js';
import { whyNotCounting, type IgnoredReason } from '../verify/statement.js';
import type { ImportTarget } from '../store/types.js';

export interface Pruned {
  id: string;
  reason: Exclude<IgnoredReason, 'bad-signature'>;
  message: string;
}

/** Delete the group's held statement signatures that do not count against `chain`; what was deleted. Inside a transaction. */
export function pruneGroupSignatures(vault: Pick<ImportTarget, 'getGroupSignatures' | 'deleteSignature'>, groupId: string, chain: ChainReport, authorsOf: (statement: string) => readonly string[] | undefined): Pruned[] {
  const pruned: Pruned[] = [];
  for (const sig of vault.getGroupSignatures(groupId)) {
    const problem = whyNotCounting(sig, authorsOf(sig.statement), chain);
    if (!problem) continue;
    vault.deleteSignature(sig.id);
    pruned.push({ id: sig.id, ...problem });
  }
  return pruned;
}

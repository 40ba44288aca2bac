// What the handler table needs from the core, and nothing more. The adapter from the real core
// (vault, store, verify, exchange) to this interface is written separately; tests use a fake.
//
// Methods return the shared view-model shapes, but handlers still copy them field by field
// (project.ts): a structurally typed adapter may hand over objects carrying more than they declare.

import type {
  GroupSummary,
  StatementSummary,
  StatementView,
  VerificationReport,
} from '../shared/view-models.js';

export interface AppCore {
  /** Whether the vault is open (its key is in memory). */
  isUnlocked(): boolean;
  /** Opens the vault. Throws a SamizdatError (`vault.wrong-passphrase`, `vault.missing`, ...) on failure. */
  unlock(passphrase: string): Promise<void>;
  /** Closes the vault and forgets its key. Idempotent. */
  lock(): Promise<void>;
  /** One page of statements, in the store's display order; `total` counts all of them. */
  listStatements(offset: number, limit: number): Promise<{ total: number; items: StatementSummary[] }>;
  /** Null when no statement has this id. */
  getStatement(id: string): Promise<StatementView | null>;
  /** Null when no statement has this id. */
  verifyStatement(id: string): Promise<VerificationReport | null>;
  listGroups(): Promise<GroupSummary[]>;
}

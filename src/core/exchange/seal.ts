// Choosing a bundle's envelope, and what opens one, for every front end (the CLI's export, the
// app's bundles:export and imports). By default drafts travel encrypted to the members of their
// author groups and released statements travel in clear: a draft is the group's own business
// until enough of its members have signed it.
import type { Envelope, Openers, Seal } from '../bundle/envelope.js';
import type { VaultReader, VaultWriter } from '../store/types.js';
import { Verifier, isReleased } from '../service/statements.js';
import { membersOf, type Closure } from './export.js';

/** What the user asked for: the default (`auto`), clear, the members of named groups, or a passphrase. */
export type SealChoice =
  | { mode: 'auto' }
  | { mode: 'clear' }
  | { mode: 'members'; groups: string[] }
  | { mode: 'passphrase'; passphrase: string };

/** Why a bundle got its envelope; each front end words it in its own terms. */
export type SealReason = 'passphrase' | 'groups-named' | 'clear-requested' | 'all-released' | 'drafts';

export interface SealDecision {
  /** Undefined: the bundle is written in clear. */
  seal: Seal | undefined;
  envelope: Envelope;
  /** The groups whose current members can open it (empty unless `members`). */
  to: string[];
  reason: SealReason;
  /** Statements of the closure not released yet (counted for `auto` only). */
  drafts: number;
}

/** Statements of the closure that are not released by all their groups yet: drafts. */
export function draftsIn(vault: VaultWriter, closure: Closure): string[] {
  const verifier = new Verifier(vault);
  return closure.statements.filter((id) => !isReleased(vault, id, vault.getStatement(id)?.authors ?? [], verifier));
}

/** The envelope for `closure`, as `choice` asks; `auto` encrypts drafts to their author groups. */
export function chooseSeal(vault: VaultWriter, closure: Closure, choice: SealChoice): SealDecision {
  switch (choice.mode) {
    case 'passphrase':
      return { seal: { passphrase: choice.passphrase }, envelope: 'passphrase', to: [], reason: 'passphrase', drafts: 0 };
    case 'members':
      return { seal: { to: membersOf(vault, choice.groups) }, envelope: 'members', to: choice.groups, reason: 'groups-named', drafts: 0 };
    case 'clear':
      return { seal: undefined, envelope: 'clear', to: [], reason: 'clear-requested', drafts: 0 };
    case 'auto': {
      const drafts = draftsIn(vault, closure);
      if (drafts.length === 0) return { seal: undefined, envelope: 'clear', to: [], reason: 'all-released', drafts: 0 };
      const groups = [...new Set(drafts.flatMap((id) => vault.getStatement(id)?.authors ?? []))].sort();
      return { seal: { to: membersOf(vault, groups) }, envelope: 'members', to: groups, reason: 'drafts', drafts: drafts.length };
    }
  }
}

/** The vault's X25519 secret keys, current and retired: what opens a bundle encrypted to its member. */
export function boxSecretsOf(vault: VaultReader): Uint8Array[] {
  const identity = vault.getIdentity();
  return identity ? [identity.boxSecret, ...vault.getRetiredKeys().map((k) => k.boxSecret)] : [];
}

/** Openers for this vault, and a bundle passphrase when one was given (asked for nothing more). */
export function openersFor(vault: VaultReader, passphrase?: string): Openers {
  return { boxSecrets: boxSecretsOf(vault), ...(passphrase === undefined ? {} : { passphrase: async () => passphrase }) };
}

// identity:*: my member keys (public halves only ever leave core).

import { wipe } from '../../core/crypto/bytes.js';
import { SamizdatError } from '../../core/errors.js';
import { writeMemberCard } from '../../core/exchange/member-card.js';
import { createIdentity, identityView } from '../../core/service/identity.js';
import type { VaultReader } from '../../core/store/types.js';
import type { IdentityView } from '../../shared/view-models.js';
import type { AppCore } from '../ports.js';
import type { DomainHandlers, HandlerContext } from './context.js';

export const view = (v: IdentityView): IdentityView => ({ name: v.name, sign: v.sign, box: v.box });

/**
 * My identity as last read from each core's vault, for vault:status while a job holds the vault
 * (handlers/vault.ts). Every read of it by a handler updates it; null: none, or not read yet.
 */
const lastRead = new WeakMap<AppCore, IdentityView | null>();

export function rememberedIdentity(core: AppCore): IdentityView | null {
  const known = lastRead.get(core);
  return known === undefined || known === null ? null : view(known);
}

export function rememberIdentity(core: AppCore, identity: IdentityView | null): void {
  lastRead.set(core, identity === null ? null : view(identity));
}

/** My identity's public view, or null before I created one. The secret keys read with it are wiped at once. */
export function identityOf(vault: Pick<VaultReader, 'getIdentity'>): IdentityView | null {
  const record = vault.getIdentity();
  if (record === undefined) return null;
  try {
    return view(identityView(record));
  } finally {
    wipe(record.signSecret);
    wipe(record.boxSecret);
  }
}

/** Core asks for member keys in the CLI's terms; the app has a screen for them. Same code. */
function inAppTerms(err: unknown): unknown {
  if (err instanceof SamizdatError && err.code === 'cli.no-identity') {
    return new SamizdatError(err.layer, err.kind, err.code, 'this vault has no member keys yet: create your identity first, then export your member card', {
      cause: err,
    });
  }
  return err;
}

export function identityHandlers({ core }: HandlerContext): DomainHandlers<'identity:show' | 'identity:create' | 'identity:card'> {
  return {
    'identity:show': async () => {
      const mine = await core.withVault(identityOf);
      rememberIdentity(core, mine);
      return mine;
    },
    'identity:create': async ({ name }) => {
      const mine = view(await core.withVault((v) => createIdentity(v, name)));
      rememberIdentity(core, mine);
      return mine;
    },
    'identity:card': async ({ out }) => {
      try {
        const card = await core.withVault((v) => writeMemberCard(v, out));
        return { out: card.out, name: card.name };
      } catch (err) {
        throw inAppTerms(err);
      }
    },
  };
}

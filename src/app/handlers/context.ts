// What every domain's handlers share: the core, the job registry, and the hooks a shell gives.

import type { JobRegistry } from '../jobs.js';
import type { AppCore } from '../ports.js';
import type { Handlers } from '../handlers.js';
import type { Channel } from '../../shared/contract.js';
import { vaultLocked } from '../errors.js';

export interface HandlerContext {
  readonly core: AppCore;
  readonly jobs: JobRegistry;
  /** Throws `vault.locked` unless the vault is open. */
  requireUnlocked(): void;
}

export function handlerContext(core: AppCore, jobs: JobRegistry): HandlerContext {
  return {
    core,
    jobs,
    requireUnlocked: () => {
      if (!core.isUnlocked()) throw vaultLocked();
    },
  };
}

/** The handlers of some channels: a domain's file returns exactly its own. */
export type DomainHandlers<C extends Channel> = Pick<Handlers, C>;

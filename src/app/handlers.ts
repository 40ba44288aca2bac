// The handler table: the contract of src/shared implemented over the core, knowing nothing of
// Electron or HTTP. Both transports call the same table; each handler runs only after its argument
// has passed the channel's schema, so a handler never sees malformed input from either transport.

import type { z } from 'zod';
import { CHANNELS } from '../shared/channels.js';
import type { Args, Channel, Result } from '../shared/contract.js';
import { ARG_SCHEMAS } from '../shared/schemas.js';
import { invalidArgument } from './errors.js';
import { JobRegistry } from './jobs.js';
import type { AppCore } from './ports.js';
import type { SessionHooks } from './session.js';
import { handlerContext } from './handlers/context.js';
import { exchangeHandlers } from './handlers/exchange.js';
import { groupHandlers } from './handlers/groups.js';
import { identityHandlers } from './handlers/identity.js';
import { statementHandlers } from './handlers/statements.js';
import { vaultHandlers } from './handlers/vault.js';

/** One async function per channel. A channel of the contract without a handler does not compile. */
export type Handlers = { readonly [C in Channel]: (args: Args<C>) => Promise<Result<C>> };

export interface HandlerOptions {
  /** Shared with whoever else starts jobs (main starts imports for files opened through the OS). */
  jobs?: JobRegistry;
  /** The shell's idle lock and, in browser mode, its watch over open pages (session.ts). */
  session?: SessionHooks;
}

export function createHandlers(core: AppCore, options: HandlerOptions = {}): Handlers {
  const ctx = handlerContext(core, options.jobs ?? new JobRegistry());
  // One file a domain (src/app/handlers/); a channel no domain handles does not compile here.
  const table: Handlers = {
    ...vaultHandlers(ctx, options.session),
    ...identityHandlers(ctx),
    ...groupHandlers(ctx),
    ...statementHandlers(ctx),
    ...exchangeHandlers(ctx),
  };

  return validating(table);
}

/** Wraps every handler so that its argument is parsed by the channel's schema first. */
function validating(table: Handlers): Handlers {
  const wrapped: Partial<Record<Channel, (args: unknown) => Promise<unknown>>> = {};
  for (const channel of CHANNELS) {
    const schema: z.ZodType = ARG_SCHEMAS[channel];
    const handler = table[channel] as (args: unknown) => Promise<unknown>;
    wrapped[channel] = async (args: unknown) => {
      const parsed = schema.safeParse(args);
      if (!parsed.success) throw invalidArgument(channel, describeIssues(parsed.error));
      return handler(parsed.data);
    };
  }
  return Object.freeze(wrapped) as unknown as Handlers;
}

function describeIssues(error: z.ZodError): string {
  return error.issues
    .map((issue) => `${issue.path.length > 0 ? issue.path.join('.') : '(argument)'}: ${issue.message}`)
    .join('; ');
}

// The single entry point both transports use: a channel name and an argument from outside (both
// untrusted), an Outcome back. Nothing thrown escapes, so a transport never has to serialize an error.

import { isChannel } from '../shared/channels.js';
import type { Json } from '../shared/json.js';
import type { Outcome } from '../shared/contract.js';
import { ContractError, toWireError, unknownChannel } from './errors.js';
import { SamizdatError } from '../core/errors.js';
import type { Handlers } from './handlers.js';

export type InternalErrorHook = (channel: string, err: unknown) => void;

export async function dispatch(
  handlers: Handlers,
  channel: string,
  args: unknown,
  onInternalError?: InternalErrorHook,
): Promise<Outcome<Json>> {
  try {
    if (!isChannel(channel)) throw unknownChannel(channel);
    const handler = handlers[channel] as (args: unknown) => Promise<Json>;
    return { ok: true, value: await handler(args) };
  } catch (err) {
    if (!(err instanceof SamizdatError) && !(err instanceof ContractError)) onInternalError?.(channel, err);
    return { ok: false, error: toWireError(err) };
  }
}

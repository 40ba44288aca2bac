// Builds `window.samizdat`: exactly one function per contract channel, each forwarding its argument
// to main on that channel. No ipcRenderer, no generic `invoke(anyChannel)`, no event listeners:
// a compromised renderer can call the contract's channels and nothing else.

import { CHANNELS } from '../shared/channels.js';
import type { Channel, SamizdatApi } from '../shared/contract.js';

export type Invoke = (channel: Channel, args: unknown) => Promise<unknown>;

export function buildApi(invoke: Invoke): SamizdatApi {
  const api: Record<string, (args: unknown) => Promise<unknown>> = {};
  for (const channel of CHANNELS) {
    // The argument is passed on as is: main parses it against the channel's schema.
    api[channel] = (args: unknown) => invoke(channel, args);
  }
  return Object.freeze(api) as unknown as SamizdatApi;
}

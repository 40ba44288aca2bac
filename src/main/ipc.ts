// Electron's transport for the handler table: one ipcMain.handle per contract channel. The sender is
// checked first, then src/app parses the argument and runs the handler; the reply is an Outcome.

import { countsAsActivity } from '../app/activity.js';
import { dispatch, type InternalErrorHook } from '../app/dispatch.js';
import type { Handlers } from '../app/handlers.js';
import { CHANNELS } from '../shared/channels.js';
import type { Channel, Outcome } from '../shared/contract.js';
import type { Json } from '../shared/json.js';
import { senderAllowed, type SenderFrame } from './security/sender.js';

export interface IpcEventLike {
  senderFrame: SenderFrame | null;
}

export interface IpcOptions {
  handlers: Handlers;
  devServerOrigin: string | null;
  onActivity?: (channel: Channel) => void;
  /** After a call has completed (main uses it to start imports queued until the vault opened). */
  afterCall?: (channel: Channel, outcome: Outcome<Json>) => void;
  onRefused?: (channel: Channel, url: string) => void;
  onInternalError?: InternalErrorHook;
}

export type IpcListener = (event: IpcEventLike, args: unknown) => Promise<Outcome<Json>>;

export function ipcListener(channel: Channel, options: IpcOptions): IpcListener {
  return async (event, args) => {
    if (!senderAllowed(event.senderFrame, options.devServerOrigin)) {
      options.onRefused?.(channel, event.senderFrame?.url ?? '(no frame)');
      return {
        ok: false,
        error: { code: 'ipc.untrusted-sender', kind: 'usage', message: 'ipc: refused: the sender is not the app' },
      };
    }
    if (countsAsActivity(channel)) options.onActivity?.(channel);
    const outcome = await dispatch(options.handlers, channel, args, options.onInternalError);
    options.afterCall?.(channel, outcome);
    return outcome;
  };
}

export interface IpcMainLike {
  handle(channel: string, listener: IpcListener): void;
}

/** Registers exactly the contract's channels, nothing else. */
export function registerIpc(ipcMain: IpcMainLike, options: IpcOptions): void {
  for (const channel of CHANNELS) ipcMain.handle(channel, ipcListener(channel, options));
}

// Every IPC message is checked before its arguments are even parsed: it must come from the main
// frame of a page of the app's own origin (or of the dev server in development). An iframe, or a
// page that somehow navigated elsewhere, is not allowed to speak to main.

import { isAppUrl, isDevServerUrl } from './origin.js';

/** The parts of Electron's `event.senderFrame` that matter. */
export interface SenderFrame {
  url: string;
  parent: unknown;
}

export function senderAllowed(frame: SenderFrame | null | undefined, devServerOrigin: string | null): boolean {
  if (!frame || frame.parent !== null) return false;
  return isAppUrl(frame.url) || isDevServerUrl(frame.url, devServerOrigin);
}

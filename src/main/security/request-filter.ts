// The app works offline by design: the session cancels every request that is not to the app's own
// protocol. Remote content (http, https, ws, wss, ftp), local files (file:) and inline documents
// (data:, blob:) are all refused. With electron-vite's dev server, its origin and DevTools are let
// through; a packaged app never has a dev server origin.

import { isAppUrl, isDevServerUrl } from './origin.js';

export function requestAllowed(url: string, devServerOrigin: string | null): boolean {
  if (isAppUrl(url)) return true;
  if (devServerOrigin === null) return false;
  return isDevServerUrl(url, devServerOrigin) || url.startsWith('devtools://');
}

/** For `session.webRequest.onBeforeRequest`. */
export function requestFilter(devServerOrigin: string | null) {
  return (details: { url: string }, callback: (response: { cancel: boolean }) => void): void => {
    callback({ cancel: !requestAllowed(details.url, devServerOrigin) });
  };
}

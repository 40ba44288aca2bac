// Browser mode's stand-in for the preload: the same `window.samizdat`, carried over HTTP to the
// loopback server (src/server). It installs itself only when no preload provided the API, and only
// on an http: page, so under Electron it never does anything.
//
// The token arrives in the URL fragment (never sent to any server, never in a Referer), is removed
// from the address bar at once, and is kept in sessionStorage so that a reload of this tab still works.

import { CHANNELS } from '../shared/channels.js';
import type { Channel, Outcome, SamizdatApi } from '../shared/contract.js';

const TOKEN_HEADER = 'X-Samizdat-Token';
const STORAGE_KEY = 'samizdat.token';

/** Reads the token from `#token=...`, strips it from the URL, remembers it for this tab. */
export function takeToken(): string | null {
  const fromHash = new URLSearchParams(window.location.hash.slice(1)).get('token');
  if (fromHash) {
    window.history.replaceState(null, '', window.location.pathname + window.location.search);
    window.sessionStorage.setItem(STORAGE_KEY, fromHash);
    return fromHash;
  }
  return window.sessionStorage.getItem(STORAGE_KEY);
}

function failure(code: string, message: string): Outcome<never> {
  return { ok: false, error: { code, kind: 'usage', message } };
}

export function createHttpApi(token: string | null): SamizdatApi {
  const post = async (channel: Channel, args: unknown): Promise<Outcome<unknown>> => {
    if (token === null) {
      return failure('bridge.no-token', 'browser mode: no access token; open the link that `samizdat ui` printed');
    }
    let response: Response;
    try {
      response = await fetch(`/api/${channel}`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', [TOKEN_HEADER]: token },
        body: JSON.stringify(args),
        credentials: 'omit',
        cache: 'no-store',
        referrerPolicy: 'no-referrer',
      });
    } catch {
      return failure('bridge.unreachable', 'browser mode: the Samizdat server is not answering (was it stopped?)');
    }
    try {
      return (await response.json()) as Outcome<unknown>;
    } catch {
      return failure('bridge.bad-response', `browser mode: unexpected answer from the server (HTTP ${response.status})`);
    }
  };
  const api: Record<string, (args: unknown) => Promise<Outcome<unknown>>> = {};
  for (const channel of CHANNELS) api[channel] = (args) => post(channel, args);
  return Object.freeze(api) as unknown as SamizdatApi;
}

export function installBridge(): void {
  if (window.samizdat !== undefined || window.location.protocol !== 'http:') return;
  Object.defineProperty(window, 'samizdat', {
    value: createHttpApi(takeToken()),
    writable: false,
    configurable: false,
    enumerable: false,
  });
}

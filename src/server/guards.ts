// The guards of browser mode, as pure functions of the request's headers, so each refusal is easy
// to reason about and to test. The server (server.ts) applies them in order, before any routing.

import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

/** The header the bridge sends the token in. A custom header also forces a CORS preflight, which we never answer. */
export const TOKEN_HEADER = 'x-samizdat-token';

/** A fresh 256-bit token for one run of the server. */
export function newToken(): string {
  return randomBytes(32).toString('hex');
}

/**
 * Constant-time comparison. Both sides are hashed first so that the comparison takes the same time
 * whatever the length of the guess (timingSafeEqual itself demands equal lengths).
 */
export function tokenMatches(presented: string | string[] | undefined, token: string): boolean {
  if (typeof presented !== 'string') return false;
  const digest = (s: string): Buffer => createHash('sha256').update(s, 'utf8').digest();
  return timingSafeEqual(digest(presented), digest(token));
}

/** The only names this server answers to. Anything else is a DNS-rebinding attempt or a misdirected request. */
export function ownHosts(port: number): string[] {
  return [`127.0.0.1:${port}`, `localhost:${port}`];
}

export function hostAllowed(host: string | undefined, port: number): boolean {
  return host !== undefined && ownHosts(port).includes(host.toLowerCase());
}

export function ownOrigins(port: number): string[] {
  return ownHosts(port).map((h) => `http://${h}`);
}

/**
 * An absent Origin is allowed (same-origin GETs and non-browser clients send none; they still need
 * the token for the API). A present one must be ours: `null`, other ports, other hosts are refused.
 */
export function originAllowed(origin: string | undefined, port: number): boolean {
  return origin === undefined || ownOrigins(port).includes(origin.toLowerCase());
}

/**
 * Fetch metadata, where the browser sends it: API calls must come from our own pages. `same-site`
 * is refused too, since another port on localhost is the same site but a different origin.
 */
export function fetchSiteAllowed(site: string | undefined): boolean {
  return site === undefined || site === 'same-origin';
}

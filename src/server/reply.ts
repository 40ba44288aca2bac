// How the server answers: JSON outcomes, refusals with a stable code, and the two guards every
// authenticated endpoint (the API, the file endpoints) applies before anything else.

import type { IncomingMessage, ServerResponse } from 'node:http';
import type { WireErrorKind } from '../shared/view-models.js';
import { fetchSiteAllowed, TOKEN_HEADER, tokenMatches } from './guards.js';

export type Refusal = { ok: false; error: { code: string; kind: WireErrorKind; message: string } };

export function refusal(code: string, message: string, kind: WireErrorKind = 'usage'): Refusal {
  return { ok: false, error: { code, kind, message } };
}

export function sendJson(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'Content-Type': 'application/json; charset=utf-8', 'Content-Length': Buffer.byteLength(text) });
  res.end(text);
}

export function header(req: IncomingMessage, name: string): string | undefined {
  const value = req.headers[name];
  return Array.isArray(value) ? value[0] : value;
}

/** Fetch metadata, then the token: answers the refusal and returns false when either fails. */
export function authenticated(req: IncomingMessage, res: ServerResponse, token: string): boolean {
  if (!fetchSiteAllowed(header(req, 'sec-fetch-site'))) {
    sendJson(res, 403, refusal('server.cross-site', 'server: refused: cross-site request'));
    return false;
  }
  if (!tokenMatches(req.headers[TOKEN_HEADER], token)) {
    sendJson(res, 401, refusal('server.unauthorized', 'server: refused: missing or wrong token'));
    return false;
  }
  return true;
}

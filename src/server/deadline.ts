// The time a client has to send its whole request. Node's own `requestTimeout` is one figure for
// the whole server, and an upload of a bundle from a slow stick needs far longer than any other
// request; so the server arms this deadline on every request instead, and the upload endpoint,
// once the request is authenticated, lifts it for an idle timeout of its own (files.ts).

import type { IncomingMessage, ServerResponse } from 'node:http';
import { refusal, sendJson } from './reply.js';

export const REQUEST_TIMEOUT_MS = 30_000;

const deadlines = new WeakMap<IncomingMessage, NodeJS.Timeout>();

/** A request still arriving after `ms` is answered 408 (if it can still be) and its connection closed. */
export function armDeadline(req: IncomingMessage, res: ServerResponse, ms: number = REQUEST_TIMEOUT_MS): void {
  const timer = setTimeout(() => {
    if (req.complete) return;
    if (res.headersSent) return void req.socket.destroy();
    res.setHeader('Connection', 'close');
    res.once('finish', () => req.socket.destroy());
    sendJson(res, 408, refusal('server.timeout', 'server: the request took too long to arrive'));
  }, ms);
  timer.unref();
  deadlines.set(req, timer);
  res.once('close', () => clearTimeout(timer));
}

export function liftDeadline(req: IncomingMessage): void {
  clearTimeout(deadlines.get(req));
  deadlines.delete(req);
}

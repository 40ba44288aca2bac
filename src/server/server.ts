// Browser mode: the handler table of src/app over HTTP on 127.0.0.1, serving only the built renderer,
// POST /api/<channel> and the file endpoints under /files/ (files.ts). For machines where Electron
// cannot run. Every request passes, in order: the Host guard (DNS rebinding), the Origin guard
// (CSRF), then for the API the fetch-metadata guard, the token (constant time), method, content
// type, channel and body size.

import { createReadStream } from 'node:fs';
import { access } from 'node:fs/promises';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import path from 'node:path';
import { countsAsActivity } from '../app/activity.js';
import { dispatch, type InternalErrorHook } from '../app/dispatch.js';
import type { Handlers } from '../app/handlers.js';
import { resolveRendererFile } from '../app/renderer-files.js';
import { CHANNEL_PATTERN, isChannel } from '../shared/channels.js';
import { MAX_UPLOAD_BYTES } from '../shared/files.js';
import { BodyTooLarge, readBody } from './body.js';
import { armDeadline, REQUEST_TIMEOUT_MS } from './deadline.js';
import { fileRoutes } from './files.js';
import { hostAllowed, newToken, originAllowed } from './guards.js';
import { applySecurityHeaders } from './headers.js';
import { authenticated, refusal, sendJson } from './reply.js';
import { Staging } from './staging.js';

export const LOOPBACK = '127.0.0.1';
export const DEFAULT_MAX_BODY_BYTES = 64 * 1024;

export interface ServerOptions {
  handlers: Handlers;
  /** The built renderer (out/renderer). Nothing outside it is ever served. */
  rendererDir: string;
  /** 0 or absent: a random free port. */
  port?: number;
  /** Runs once when the server closes, e.g. to lock the vault. */
  onClose?: () => void | Promise<void>;
  /** Called for each authenticated API call that is user activity (for an idle lock). */
  onActivity?: () => void;
  onInternalError?: InternalErrorHook;
  maxBodyBytes?: number;
  /** Browser mode's uploads (files.ts): the largest file, default MAX_UPLOAD_BYTES. */
  maxUploadBytes?: number;
  /** Where the private staging folder is made (default: the OS's temp folder). */
  stagingParent?: string;
  /** The time a request has to arrive whole, uploads excepted (default REQUEST_TIMEOUT_MS). */
  requestTimeoutMs?: number;
  /** An upload that sends nothing for this long is dropped (default REQUEST_TIMEOUT_MS). */
  uploadIdleMs?: number;
  /** How often the lock is looked at while files are staged (default 2 s). */
  lockPollMs?: number;
}

export interface RunningServer {
  /** Open this: it carries the token in the fragment, which browsers never send to a server. */
  url: string;
  token: string;
  port: number;
  /** Stops listening, drops open connections, then runs onClose. Idempotent. */
  close(): Promise<void>;
}

export class ServerError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(`server: ${message}`, options);
    this.name = 'ServerError';
  }
}

export async function startServer(options: ServerOptions): Promise<RunningServer> {
  const rendererDir = path.resolve(options.rendererDir);
  try {
    await access(path.join(rendererDir, 'index.html'));
  } catch {
    throw new ServerError(`the renderer is not built (no index.html in ${rendererDir}); run \`npx electron-vite build\``);
  }
  const token = newToken();
  const maxBody = options.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES;
  const sockets = new Set<Socket>();
  let port = 0;
  const files = fileRoutes({
    token,
    staging: new Staging(options.stagingParent),
    maxUploadBytes: options.maxUploadBytes ?? MAX_UPLOAD_BYTES,
    maxBodyBytes: maxBody,
    uploadIdleMs: options.uploadIdleMs ?? REQUEST_TIMEOUT_MS,
    lockPollMs: options.lockPollMs ?? 2_000,
    isUnlocked: async () => (await options.handlers['vault:status']({})).unlocked,
    onActivity: () => options.onActivity?.(),
  });

  const server = createServer((req, res) => {
    armDeadline(req, res, options.requestTimeoutMs);
    route(req, res).catch(() => {
      if (!res.headersSent) sendJson(res, 500, refusal('server.internal', 'server: internal error'));
      else res.destroy();
    });
  });
  server.headersTimeout = 10_000;
  // Each request has REQUEST_TIMEOUT_MS to arrive (deadline.ts), but an upload may take longer.
  server.requestTimeout = 0;
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });

  async function route(req: IncomingMessage, res: ServerResponse): Promise<void> {
    applySecurityHeaders(res);
    if (!hostAllowed(req.headers.host, port)) {
      return sendJson(res, 403, refusal('server.bad-host', 'server: refused: the Host header is not this server (DNS rebinding guard)'));
    }
    if (!originAllowed(req.headers.origin, port)) {
      return sendJson(res, 403, refusal('server.bad-origin', 'server: refused: requests from another origin are not accepted'));
    }
    const target = req.url ?? '';
    if (!target.startsWith('/')) return sendJson(res, 400, refusal('server.bad-target', 'server: refused: bad request target'));
    const pathname = new URL(target, `http://${LOOPBACK}`).pathname;
    if (pathname === '/api' || pathname.startsWith('/api/')) return api(req, res, pathname.slice('/api/'.length));
    if (pathname.startsWith('/files/')) return files.route(req, res, pathname);
    return serveStatic(req, res, pathname);
  }

  async function api(req: IncomingMessage, res: ServerResponse, name: string): Promise<void> {
    res.setHeader('Cache-Control', 'no-store');
    if (!authenticated(req, res, token)) return;
    if (req.method !== 'POST') {
      res.setHeader('Allow', 'POST');
      return sendJson(res, 405, refusal('server.method', 'server: the API accepts POST only'));
    }
    const type = (req.headers['content-type'] ?? '').split(';')[0]?.trim().toLowerCase();
    if (type !== 'application/json') {
      return sendJson(res, 415, refusal('server.content-type', 'server: the API accepts application/json only'));
    }
    if (!CHANNEL_PATTERN.test(name) || !isChannel(name)) {
      return sendJson(res, 404, refusal('ipc.unknown-channel', 'server: unknown channel'));
    }
    let args: unknown;
    try {
      const body = await readBody(req, maxBody);
      args = JSON.parse(body.toString('utf8'));
    } catch (err) {
      if (err instanceof BodyTooLarge) {
        res.setHeader('Connection', 'close');
        return sendJson(res, 413, refusal('server.too-large', err.message));
      }
      return sendJson(res, 400, refusal('server.bad-json', 'server: the body is not valid JSON'));
    }
    if (countsAsActivity(name)) options.onActivity?.();
    const outcome = await dispatch(options.handlers, name, args, options.onInternalError);
    if (outcome.ok && (name === 'vault:lock' || name === 'vault:wipe')) await files.discard();
    sendJson(res, 200, outcome);
  }

  async function serveStatic(req: IncomingMessage, res: ServerResponse, pathname: string): Promise<void> {
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.setHeader('Allow', 'GET, HEAD');
      return sendJson(res, 405, refusal('server.method', 'server: static files accept GET and HEAD only'));
    }
    const found = await resolveRendererFile(rendererDir, pathname);
    if (!found) return sendJson(res, 404, refusal('server.not-found', 'server: not found'));
    res.writeHead(200, { 'Content-Type': found.contentType, 'Cache-Control': 'no-cache' });
    if (req.method === 'HEAD') return void res.end();
    await new Promise<void>((resolve, reject) => {
      createReadStream(found.file).on('error', reject).on('end', resolve).pipe(res);
    });
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', (err: NodeJS.ErrnoException) => {
      const why = err.code === 'EADDRINUSE' ? `port ${options.port} is in use` : `cannot listen: ${err.message}`;
      reject(new ServerError(why, { cause: err }));
    });
    server.listen(options.port ?? 0, LOOPBACK, () => resolve());
  });
  port = (server.address() as AddressInfo).port;

  let closing: Promise<void> | undefined;
  const close = (): Promise<void> => {
    closing ??= (async () => {
      await stopListening(server, sockets);
      try {
        await options.onClose?.();
      } finally {
        await files.close(); // after the lock: a job still reading a staged file has finished
      }
    })();
    return closing;
  };

  return { url: `http://${LOOPBACK}:${port}/#token=${token}`, token, port, close };
}

function stopListening(server: Server, sockets: Set<Socket>): Promise<void> {
  return new Promise((resolve) => {
    server.close(() => resolve());
    for (const socket of sockets) socket.destroy();
  });
}

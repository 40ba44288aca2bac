// Browser mode's file endpoints, behind `window.samizdatFiles` (src/renderer/bridge-files.ts), so
// that the person never types a path: the browser's own picker and download, streamed to and from
// a private staging folder (staging.ts), never a whole file in memory.
//
//   POST /files/upload?name=NAME   body: the file's bytes (application/octet-stream)
//                                  -> { ok, value: { path } }          the staged file
//   POST /files/reserve            { purpose, suggestedName }
//                                  -> { ok, value: { path, download } }  a path for a handler to write
//   POST /files/ticket             { download }
//                                  -> { ok, value: { url } }           a one-time download link
//   GET  /files/download/TICKET    the file, as an attachment; then it is removed
//
// The POSTs need the token (header) and pass the fetch-metadata guard, like the API. The download
// cannot carry a header (it is a plain link the browser follows), so its ticket is what a token
// holder asked for a moment ago: 256 random bits, good once, for a minute.
//
// Staged files go when they are delivered, when the vault locks (through the API at once; any
// other way, such as the idle lock, within `lockPollMs` of it) and when the server stops.

import type { IncomingMessage, ServerResponse } from 'node:http';
import { pipeline } from 'node:stream/promises';
import { z } from 'zod';
import { FILE_ENDPOINTS } from '../shared/files.js';
import { BodyTooLarge, readBody } from './body.js';
import { liftDeadline } from './deadline.js';
import { fetchSiteAllowed } from './guards.js';
import { authenticated, header, refusal, sendJson } from './reply.js';
import { StagingError, tooLarge, type Download, type Staging } from './staging.js';

export interface FileRoutesOptions {
  token: string;
  staging: Staging;
  maxUploadBytes: number;
  /** For the JSON bodies of reserve and ticket. */
  maxBodyBytes: number;
  /** An upload that sends nothing for this long is dropped. */
  uploadIdleMs: number;
  /** How often the lock is looked at while something is staged. */
  lockPollMs: number;
  isUnlocked: () => Promise<boolean>;
  onActivity?: () => void;
}

export interface FileRoutes {
  /** Handles any path under /files/. */
  route(req: IncomingMessage, res: ServerResponse, pathname: string): Promise<void>;
  /** The vault locked: everything staged goes. */
  discard(): Promise<void>;
  /** The server stops: everything staged goes, and nothing is watched any more. */
  close(): Promise<void>;
}

const TICKET = /^[0-9a-f]{64}$/;

const reserveArgs = z.strictObject({
  purpose: z.enum(['bundle', 'card', 'attachment']),
  suggestedName: z.string().min(1).max(1024),
});
const ticketArgs = z.strictObject({ download: z.string().regex(TICKET) });

export function fileRoutes(options: FileRoutesOptions): FileRoutes {
  const { staging, token } = options;
  let timer: NodeJS.Timeout | null = null;
  let sawUnlocked = false;
  let closed = false;

  const stopWatching = (): void => {
    if (timer !== null) clearInterval(timer);
    timer = null;
  };
  const discard = async (): Promise<void> => {
    sawUnlocked = false;
    stopWatching();
    await staging.clear();
  };
  // However the vault locks (the idle lock, a closed tab), the staged files go with it.
  const observe = async (): Promise<void> => {
    let unlocked: boolean;
    try {
      unlocked = await options.isUnlocked();
    } catch {
      return;
    }
    if (unlocked) sawUnlocked = true;
    else if (sawUnlocked) await discard();
  };
  const watch = async (): Promise<void> => {
    await observe();
    if (timer !== null || closed) return;
    timer = setInterval(() => {
      if (!staging.busy) return stopWatching();
      void observe();
    }, options.lockPollMs);
    timer.unref();
  };

  async function route(req: IncomingMessage, res: ServerResponse, pathname: string): Promise<void> {
    res.setHeader('Cache-Control', 'no-store');
    if (pathname.startsWith(FILE_ENDPOINTS.download)) return download(req, res, pathname.slice(FILE_ENDPOINTS.download.length));
    // Refused uploads leave their body unread: the connection goes with the answer.
    if (pathname === FILE_ENDPOINTS.upload) res.setHeader('Connection', 'close');
    if (!authenticated(req, res, token)) return;
    if (req.method !== 'POST') {
      res.setHeader('Allow', 'POST');
      return sendJson(res, 405, refusal('server.method', 'server: the file endpoints accept POST only'));
    }
    switch (pathname) {
      case FILE_ENDPOINTS.upload:
        return upload(req, res);
      case FILE_ENDPOINTS.reserve:
        return withJson(req, res, reserveArgs, async ({ purpose, suggestedName }) => {
          const reserved = await staging.reserve(purpose, suggestedName);
          await watch();
          return { path: reserved.path, download: reserved.id };
        });
      case FILE_ENDPOINTS.ticket:
        return withJson(req, res, ticketArgs, async ({ download: id }) => ({ url: `${FILE_ENDPOINTS.download}${await staging.ticket(id)}` }));
      default:
        return sendJson(res, 404, refusal('server.not-found', 'server: not found'));
    }
  }

  async function upload(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const type = (header(req, 'content-type') ?? '').split(';')[0]?.trim().toLowerCase();
    if (type !== 'application/octet-stream') {
      return sendJson(res, 415, refusal('server.content-type', 'server: an upload is sent as application/octet-stream'));
    }
    const name = new URL(req.url ?? '/', 'http://localhost').searchParams.get('name');
    if (name === null || name === '' || name.length > 1024) {
      return sendJson(res, 400, refusal('files.no-name', 'server: an upload needs the file’s name (?name=...)'));
    }
    const declared = Number(header(req, 'content-length'));
    if (Number.isFinite(declared) && declared > options.maxUploadBytes) {
      return fail(res, tooLarge(options.maxUploadBytes));
    }
    options.onActivity?.();
    // From here the body may take as long as it needs, as long as it keeps coming.
    liftDeadline(req);
    const idle = setTimeout(() => req.destroy(), options.uploadIdleMs);
    idle.unref();
    try {
      const path = await staging.upload(name, req, { maxBytes: options.maxUploadBytes, onData: () => idle.refresh() });
      await watch();
      sendJson(res, 200, { ok: true, value: { path } });
    } catch (err) {
      fail(res, err);
    } finally {
      clearTimeout(idle);
    }
  }

  async function download(req: IncomingMessage, res: ServerResponse, ticket: string): Promise<void> {
    if (req.method !== 'GET') {
      res.setHeader('Allow', 'GET');
      return sendJson(res, 405, refusal('server.method', 'server: a download accepts GET only'));
    }
    // A plain link: no token, but still only from our own pages (or typed in), never from another site.
    if (!fetchSiteAllowed(header(req, 'sec-fetch-site'))) {
      return sendJson(res, 403, refusal('server.cross-site', 'server: refused: cross-site request'));
    }
    let found: Download | null = null;
    try {
      if (TICKET.test(ticket)) found = await staging.take(ticket);
    } catch (err) {
      return fail(res, err);
    }
    if (found === null) {
      return sendJson(res, 404, refusal('files.no-such-download', 'files: this download link was used already or has expired; save again'));
    }
    const { name, size, stream, done } = found;
    try {
      res.writeHead(200, {
        'Content-Type': 'application/octet-stream',
        'Content-Length': size,
        'Content-Disposition': contentDisposition(name),
      });
      await pipeline(stream, res);
    } catch {
      res.destroy(); // the browser went away mid-download: the file goes all the same (the ticket was single use)
    } finally {
      await done();
    }
  }

  async function withJson<T extends z.ZodType, R>(
    req: IncomingMessage,
    res: ServerResponse,
    schema: T,
    run: (args: z.infer<T>) => Promise<R>,
  ): Promise<void> {
    const type = (header(req, 'content-type') ?? '').split(';')[0]?.trim().toLowerCase();
    if (type !== 'application/json') return sendJson(res, 415, refusal('server.content-type', 'server: this endpoint accepts application/json only'));
    let args: unknown;
    try {
      args = JSON.parse((await readBody(req, options.maxBodyBytes)).toString('utf8'));
    } catch (err) {
      if (err instanceof BodyTooLarge) {
        res.setHeader('Connection', 'close');
        return sendJson(res, 413, refusal('server.too-large', err.message));
      }
      return sendJson(res, 400, refusal('server.bad-json', 'server: the body is not valid JSON'));
    }
    const parsed = schema.safeParse(args);
    if (!parsed.success) {
      const where = parsed.error.issues.map((i) => `${i.path.join('.') || '(argument)'}: ${i.message}`).join('; ');
      return sendJson(res, 400, refusal('files.invalid-argument', `files: invalid argument: ${where}`));
    }
    options.onActivity?.();
    try {
      sendJson(res, 200, { ok: true, value: await run(parsed.data) });
    } catch (err) {
      fail(res, err);
    }
  }

  return {
    route,
    discard,
    close: async () => {
      closed = true;
      await discard();
    },
  };
}

function fail(res: ServerResponse, err: unknown): void {
  if (res.headersSent) return void res.destroy();
  if (err instanceof StagingError) {
    if (err.status === 413) res.setHeader('Connection', 'close');
    return sendJson(res, err.status, refusal(err.code, err.message, err.status >= 500 ? 'io' : 'usage'));
  }
  sendJson(res, 500, refusal('server.internal', 'server: internal error'));
}

/** `attachment` with an ASCII fallback and the exact name in RFC 5987 form. */
export function contentDisposition(name: string): string {
  const ascii = name.replace(/[^\x20-\x7e]/g, '_').replace(/["\\]/g, '_');
  const exact = encodeURIComponent(name).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  return `attachment; filename="${ascii}"; filename*=UTF-8''${exact}`;
}

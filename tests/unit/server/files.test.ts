// Browser mode's file endpoints over real HTTP (src/server/files.ts, staging.ts): uploads and
// downloads need what the API needs, are streamed (a file far over the JSON body limit goes
// through byte for byte, reaching the disk while it is still being sent), never serve anything
// outside the staging folder, and leave nothing behind after delivery, a lock or the server's end.

import { createHash, randomBytes } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { lstat, mkdir, mkdtemp, readdir, readFile, rm, stat, symlink, writeFile } from 'node:fs/promises';
import { request, type IncomingHttpHeaders } from 'node:http';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { createHandlers } from '../../../src/app/handlers.js';
import { BUNDLE_LIMITS } from '../../../src/core/bundle/format.js';
import { startServer, type RunningServer, type ServerOptions } from '../../../src/server/server.js';
import { TICKET_TTL_MS } from '../../../src/server/staging.js';
import { MAX_UPLOAD_BYTES } from '../../../src/shared/files.js';
import { createFakeCore, FAKE_PASSPHRASE, type FakeCore } from '../app/fake-core.js';
import { send } from './http.js';

let base: string;
let rendererDir: string;

beforeAll(async () => {
  base = await mkdtemp(path.join(tmpdir(), 'samizdat-files-'));
  rendererDir = path.join(base, 'renderer');
  await mkdir(rendererDir, { recursive: true });
  await writeFile(path.join(rendererDir, 'index.html'), '<!doctype html><title>Samizdat</title>');
  await writeFile(path.join(base, 'outside-secret.txt'), 'TOP SECRET OUTSIDE');
});

afterAll(async () => {
  await rm(base, { recursive: true, force: true });
});

interface Running {
  server: RunningServer;
  core: FakeCore;
  /** The folder the staging folder is made in (nothing else is there). */
  parent: string;
}

const running: Running[] = [];

async function start(options: Partial<ServerOptions> = {}): Promise<Running> {
  const core = createFakeCore();
  const parent = await mkdtemp(path.join(base, 'staging-parent-'));
  const server = await startServer({ handlers: createHandlers(core), rendererDir, stagingParent: parent, onClose: () => core.lock(), ...options });
  const r = { server, core, parent };
  running.push(r);
  return r;
}

afterEach(async () => {
  vi.restoreAllMocks();
  for (const r of running.splice(0)) await r.server.close();
});

/** Every file under the staging parent, relative to it. */
async function stagedFiles(parent: string): Promise<string[]> {
  const entries = await readdir(parent, { recursive: true, withFileTypes: true });
  return entries.filter((e) => !e.isDirectory()).map((e) => path.relative(parent, path.join(e.parentPath, e.name)));
}

const auth = (s: RunningServer) => ({ 'x-samizdat-token': s.token });

interface StreamReply {
  status: number;
  headers: IncomingHttpHeaders;
  body: Buffer;
}

/** A raw request whose body is a stream, answered in full (kept in memory: for small answers). Buffers are compared with `equals` (toEqual is slow on megabytes). */
function stream(port: number, options: { method?: string; path: string; headers?: Record<string, string | number>; body?: Readable }): Promise<StreamReply> {
  return new Promise((resolve, reject) => {
    const req = request(
      { host: '127.0.0.1', port, method: options.method ?? 'POST', path: options.path, agent: false, headers: { host: `127.0.0.1:${port}`, ...options.headers } },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }));
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    if (options.body) options.body.pipe(req);
    else req.end();
  });
}

function upload(s: RunningServer, name: string, bytes: Buffer | Readable, headers: Record<string, string | number> = {}): Promise<StreamReply> {
  const body = Buffer.isBuffer(bytes) ? Readable.from([bytes]) : bytes;
  const length: Record<string, number> = Buffer.isBuffer(bytes) ? { 'content-length': bytes.length } : {};
  return stream(s.port, {
    path: `/files/upload?name=${encodeURIComponent(name)}`,
    headers: { 'content-type': 'application/octet-stream', ...length, ...auth(s), ...headers },
    body,
  });
}

const json = (reply: StreamReply) => JSON.parse(reply.body.toString('utf8'));

const post = (s: RunningServer, endpoint: string, body: unknown, headers: Record<string, string> = {}) =>
  send(s.port, { method: 'POST', path: endpoint, headers: { 'content-type': 'application/json', ...auth(s), ...headers }, body: JSON.stringify(body) });

async function reserve(s: RunningServer, purpose: string, suggestedName: string): Promise<{ path: string; download: string }> {
  const res = await post(s, '/files/reserve', { purpose, suggestedName });
  expect(res.status, res.body).toBe(200);
  return JSON.parse(res.body).value;
}

async function ticketUrl(s: RunningServer, download: string): Promise<string> {
  const res = await post(s, '/files/ticket', { download });
  expect(res.status, res.body).toBe(200);
  return JSON.parse(res.body).value.url;
}

describe('uploads', () => {
  it('stream a file into a private staging folder under its own (sanitised) name, and return the path', async () => {
    const { server, parent } = await start();
    const bytes = randomBytes(10_000);
    const res = await upload(server, '../../outside/Kras Statement №1.samizdat', bytes);
    expect(res.status).toBe(200);
    const { path: staged } = json(res).value as { path: string };
    expect(path.isAbsolute(staged)).toBe(true);
    expect(path.basename(staged)).toBe('Kras Statement №1.samizdat');
    expect(staged.startsWith(parent + path.sep)).toBe(true);
    expect((await readFile(staged)).equals(bytes)).toBe(true);
    const root = path.join(parent, path.relative(parent, staged).split(path.sep)[0]!);
    if (process.platform !== 'win32') {
      expect((await stat(root)).mode & 0o777).toBe(0o700);
      expect((await stat(path.dirname(staged))).mode & 0o777).toBe(0o700);
      expect((await stat(staged)).mode & 0o777).toBe(0o600);
    }
  });

  it('keep two files of the same name apart', async () => {
    const { server } = await start();
    const a = json(await upload(server, 'same.samizdat', Buffer.from('first'))).value.path;
    const b = json(await upload(server, 'same.samizdat', Buffer.from('second'))).value.path;
    expect(a).not.toBe(b);
    expect(path.basename(a)).toBe('same.samizdat');
    expect(path.basename(b)).toBe('same.samizdat');
    expect(await readFile(a, 'utf8')).toBe('first');
    expect(await readFile(b, 'utf8')).toBe('second');
  });

  it('need the token, our own site, our own Host, POST and application/octet-stream; and leave nothing when refused', async () => {
    const { server, parent } = await start();
    const body = Buffer.from('bytes');
    expect((await upload(server, 'a.samizdat', body, { 'x-samizdat-token': 'wrong' })).status).toBe(401);
    const noToken = await stream(server.port, { path: '/files/upload?name=a', headers: { 'content-type': 'application/octet-stream' }, body: Readable.from([body]) });
    expect(noToken.status).toBe(401);
    expect((await upload(server, 'a.samizdat', body, { 'sec-fetch-site': 'cross-site' })).status).toBe(403);
    expect((await upload(server, 'a.samizdat', body, { 'sec-fetch-site': 'same-site' })).status).toBe(403);
    expect((await upload(server, 'a.samizdat', body, { origin: 'http://evil.example' })).status).toBe(403);
    expect((await upload(server, 'a.samizdat', body, { host: 'evil.example' })).status).toBe(403);
    expect((await upload(server, 'a.samizdat', body, { 'content-type': 'application/json' })).status).toBe(415);
    expect((await send(server.port, { path: '/files/upload?name=a', headers: auth(server) })).status).toBe(405);
    const noName = await stream(server.port, { path: '/files/upload', headers: { 'content-type': 'application/octet-stream', ...auth(server) }, body: Readable.from([body]) });
    expect(noName.status).toBe(400);
    expect(json(noName).error.code).toBe('files.no-name');
    expect(await stagedFiles(parent)).toEqual([]);
  });

  it('refuse a file over the limit by its declared length, before reading it, with a clear error', async () => {
    const { server, parent } = await start({ maxUploadBytes: 1000 });
    const res = await upload(server, 'big.samizdat', randomBytes(1001));
    expect(res.status).toBe(413);
    expect(json(res).error).toEqual({
      code: 'files.too-large',
      kind: 'usage',
      message: 'files: the file is larger than 1000 bytes, the most browser mode takes in one file (no bundle is larger)',
    });
    expect(await stagedFiles(parent)).toEqual([]);
    expect((await upload(server, 'fits.samizdat', randomBytes(1000))).status).toBe(200);
  });

  it('refuse a chunked body that grows past the limit, and remove what was written of it', async () => {
    const { server, parent } = await start({ maxUploadBytes: 64 * 1024 });
    const chunks = Array.from({ length: 40 }, () => randomBytes(4096)); // 160 KiB, no Content-Length
    const res = await upload(server, 'big.samizdat', Readable.from(chunks));
    expect(res.status).toBe(413);
    expect(json(res).error.code).toBe('files.too-large');
    expect(await stagedFiles(parent)).toEqual([]);
  });

  it('allow by default exactly the largest bundle a reader accepts', () => {
    expect(MAX_UPLOAD_BYTES).toBe(BUNDLE_LIMITS.fileBytes);
  });

  it('reach the disk while the body is still arriving (streamed, not buffered)', async () => {
    const { server, parent } = await start();
    const first = randomBytes(3 * 1024 * 1024);
    const rest = randomBytes(1024 * 1024);
    const body = new Readable({ read() {} });
    const reply = upload(server, 'slow.samizdat', body);
    body.push(first);
    // The request is not over; yet the staged file already holds the first part.
    await expect.poll(async () => {
      const [file] = await stagedFiles(parent);
      return file === undefined ? 0 : (await stat(path.join(parent, file))).size;
    }, { timeout: 10_000 }).toBe(first.length);
    body.push(rest);
    body.push(null);
    const res = await reply;
    expect(res.status).toBe(200);
    expect((await readFile(json(res).value.path)).equals(Buffer.concat([first, rest]))).toBe(true);
  });

  it('drop an upload that stops sending, and remove its partial file', async () => {
    const { server, parent } = await start({ uploadIdleMs: 300 });
    const body = new Readable({ read() {} });
    const reply = upload(server, 'stalled.samizdat', body).catch((err: NodeJS.ErrnoException) => err.code);
    body.push(randomBytes(1024));
    await expect.poll(() => stagedFiles(parent)).toHaveLength(1);
    expect(await reply).toBe('ECONNRESET');
    await expect.poll(() => stagedFiles(parent)).toEqual([]);
  });

  it('may take longer than the request deadline as long as bytes keep coming; other requests may not', async () => {
    const { server } = await start({ requestTimeoutMs: 300, uploadIdleMs: 300 });
    const body = new Readable({ read() {} });
    const reply = upload(server, 'long.samizdat', body);
    for (let i = 0; i < 8; i++) {
      body.push(Buffer.alloc(1024, i));
      await new Promise((r) => setTimeout(r, 100));
    }
    body.push(null);
    const res = await reply; // 800 ms in all, past the 300 ms deadline
    expect(res.status).toBe(200);
    expect((await readFile(json(res).value.path)).length).toBe(8 * 1024);
    // An API body that trickles in is cut at the deadline, as Node's requestTimeout did.
    const slow = new Readable({ read() {} });
    const api = stream(server.port, {
      path: '/api/vault:unlock',
      headers: { 'content-type': 'application/json', ...auth(server), 'content-length': 100 },
      body: slow,
    });
    slow.push('{"passphrase":');
    const answer = await api;
    expect(answer.status).toBe(408);
    expect(json(answer).error.code).toBe('server.timeout');
    slow.destroy();
  });
});

describe('saving and downloads', () => {
  it('reserves a fresh path with the purpose’s extension, and delivers what a handler wrote there once', async () => {
    const { server, parent } = await start();
    const target = await reserve(server, 'bundle', 'KRAS statement');
    expect(path.basename(target.path)).toBe('KRAS statement.samizdat');
    expect(target.path.startsWith(parent + path.sep)).toBe(true);
    await expect(stat(target.path)).rejects.toMatchObject({ code: 'ENOENT' }); // exports refuse to replace a file
    expect(target.download).toMatch(/^[0-9a-f]{64}$/);

    const notYet = await post(server, '/files/ticket', { download: target.download });
    expect(notYet.status).toBe(409);
    expect(JSON.parse(notYet.body).error.code).toBe('files.not-written');

    const bytes = randomBytes(50_000);
    await writeFile(target.path, bytes);
    const url = await ticketUrl(server, target.download);
    expect(url).toMatch(/^\/files\/download\/[0-9a-f]{64}$/);
    const res = await stream(server.port, { method: 'GET', path: url });
    expect(res.status).toBe(200);
    expect(res.body.equals(bytes)).toBe(true);
    expect(res.headers['content-type']).toBe('application/octet-stream');
    expect(res.headers['content-length']).toBe(String(bytes.length));
    expect(res.headers['content-disposition']).toBe(`attachment; filename="KRAS statement.samizdat"; filename*=UTF-8''KRAS%20statement.samizdat`);
    expect(res.headers['cache-control']).toBe('no-store');
    expect(res.headers['x-content-type-options']).toBe('nosniff');

    // Delivered: the file is gone, the ticket is spent, and the reservation with it.
    await expect.poll(() => stagedFiles(parent)).toEqual([]);
    expect((await stream(server.port, { method: 'GET', path: url })).status).toBe(404);
    expect((await post(server, '/files/ticket', { download: target.download })).status).toBe(404);
  });

  it('names a download in UTF-8 with an ASCII fallback', async () => {
    const { server } = await start();
    const target = await reserve(server, 'card', 'Ольга "Кузнецова"');
    await writeFile(target.path, 'card');
    const res = await stream(server.port, { method: 'GET', path: await ticketUrl(server, target.download) });
    expect(path.basename(target.path)).toBe('Ольга _Кузнецова_.member');
    expect(res.headers['content-disposition']).toBe(
      `attachment; filename="_____ ___________.member"; filename*=UTF-8''${encodeURIComponent('Ольга _Кузнецова_.member')}`,
    );
  });

  it('needs the token to reserve or to get a ticket, but a ticket alone to download', async () => {
    const { server } = await start();
    const target = await reserve(server, 'bundle', 'x');
    await writeFile(target.path, 'x');
    expect((await post(server, '/files/reserve', { purpose: 'bundle', suggestedName: 'x' }, { 'x-samizdat-token': 'nope' })).status).toBe(401);
    expect((await post(server, '/files/ticket', { download: target.download }, { 'x-samizdat-token': 'nope' })).status).toBe(401);
    expect((await post(server, '/files/ticket', { download: target.download }, { 'sec-fetch-site': 'cross-site' })).status).toBe(403);
    const url = await ticketUrl(server, target.download);
    expect((await send(server.port, { method: 'GET', path: url, headers: { 'sec-fetch-site': 'cross-site' } })).status).toBe(403);
    expect((await send(server.port, { method: 'POST', path: url, body: '' })).status).toBe(405);
    expect((await send(server.port, { method: 'HEAD', path: url })).status).toBe(405);
    // None of the refusals spent the ticket.
    expect((await stream(server.port, { method: 'GET', path: url, headers: { 'sec-fetch-site': 'same-origin' } })).body.toString()).toBe('x');
  });

  it('refuses bad arguments: a folder purpose, unknown fields, a malformed id', async () => {
    const { server } = await start();
    for (const body of [{ purpose: 'text', suggestedName: 'x' }, { purpose: 'bundle' }, { purpose: 'bundle', suggestedName: 'x', dir: '/etc' }]) {
      const res = await post(server, '/files/reserve', body);
      expect(res.status).toBe(400);
      expect(JSON.parse(res.body).error.code).toBe('files.invalid-argument');
    }
    expect((await post(server, '/files/ticket', { download: '../../outside-secret.txt' })).status).toBe(400);
    expect((await post(server, '/files/ticket', { download: 'f'.repeat(64) })).status).toBe(404);
    expect((await send(server.port, { method: 'POST', path: '/files/reserve', headers: { 'content-type': 'application/json', ...auth(server) }, body: '{' })).status).toBe(400);
    expect((await post(server, '/files/nothing', {})).status).toBe(404);
  });

  it('a ticket expires; a new one replaces the old', async () => {
    const { server } = await start();
    const target = await reserve(server, 'bundle', 'x');
    await writeFile(target.path, 'payload');
    const old = await ticketUrl(server, target.download);
    const fresh = await ticketUrl(server, target.download);
    expect(fresh).not.toBe(old);
    expect((await send(server.port, { method: 'GET', path: old })).status).toBe(404);
    const later = Date.now() + TICKET_TTL_MS + 1;
    vi.spyOn(Date, 'now').mockReturnValue(later);
    const expired = await send(server.port, { method: 'GET', path: fresh });
    expect(expired.status).toBe(404);
    expect(JSON.parse(expired.body).error.code).toBe('files.no-such-download');
    // The reservation still stands: a new ticket, taken in time, works.
    const again = await ticketUrl(server, target.download);
    expect((await send(server.port, { method: 'GET', path: again })).body).toBe('payload');
  });

  it.each([
    '/files/download/',
    '/files/download/../../outside-secret.txt',
    '/files/download/..%2f..%2f..%2foutside-secret.txt',
    '/files/download/%2e%2e%2f%2e%2e%2foutside-secret.txt',
    '/files/download/..%5c..%5coutside-secret.txt',
    `/files/download/${'0'.repeat(64)}`,
    `/files/download/${'0'.repeat(64)}/../../outside-secret.txt`,
    '/files/download/%2fetc%2fpasswd',
  ])('never serves anything but a ticket’s file: %s', async (p) => {
    const { server } = await start();
    const target = await reserve(server, 'bundle', 'x');
    await writeFile(target.path, 'x');
    await ticketUrl(server, target.download);
    const res = await send(server.port, { method: 'GET', path: p });
    // 404, or 401 where `..` took the path to another endpoint, which wants the token.
    expect([401, 404]).toContain(res.status);
    expect(res.body).not.toMatch(/TOP SECRET|root:/);
  });

  it('never follows a link written at the reserved path out of the staging folder', async () => {
    const { server } = await start();
    const target = await reserve(server, 'bundle', 'x');
    await symlink(path.join(base, 'outside-secret.txt'), target.path);
    const res = await post(server, '/files/ticket', { download: target.download });
    expect(res.status).toBe(409);
    expect(res.body).not.toMatch(/TOP SECRET/);
    await rm(target.path);
    await mkdir(target.path); // nor a folder
    expect((await post(server, '/files/ticket', { download: target.download })).status).toBe(409);
  });

  it('swapping the file for a link after the ticket was issued is refused too', async () => {
    const { server } = await start();
    const target = await reserve(server, 'bundle', 'x');
    await writeFile(target.path, 'x');
    const url = await ticketUrl(server, target.download);
    await rm(target.path);
    await symlink(path.join(base, 'outside-secret.txt'), target.path);
    const res = await send(server.port, { method: 'GET', path: url });
    expect(res.status).toBe(409);
    expect(res.body).not.toMatch(/TOP SECRET/);
  });
});

describe('a file larger than the JSON body limit', () => {
  it('uploads and downloads byte for byte, streamed, without the memory growing with it', async () => {
    const { server, parent } = await start({ lockPollMs: 60_000 });
    const size = 96 * 1024 * 1024; // 1,536 times the API's 64 KiB body limit
    const source = path.join(base, 'large.bin');
    const hash = createHash('sha256');
    await pipeline(
      Readable.from(
        (function* () {
          for (let done = 0; done < size; done += 1024 * 1024) {
            const chunk = randomBytes(1024 * 1024);
            hash.update(chunk);
            yield chunk;
          }
        })(),
      ),
      createWriteStream(source),
    );
    const digest = hash.digest('hex');
    global.gc?.();
    const before = process.memoryUsage().rss;
    let peak = before;
    const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 20);

    const res = await upload(server, 'large.samizdat', createReadStream(source), { 'content-length': size });
    expect(res.status).toBe(200);
    const staged = json(res).value.path as string;
    expect((await stat(staged)).size).toBe(size);

    const target = await reserve(server, 'bundle', 'large');
    await pipeline(createReadStream(staged), createWriteStream(target.path));
    const url = await ticketUrl(server, target.download);
    const downloaded = createHash('sha256');
    let received = 0;
    await new Promise<void>((resolve, reject) => {
      request({ host: '127.0.0.1', port: server.port, path: url, agent: false, headers: { host: `127.0.0.1:${server.port}` } }, (r) => {
        expect(r.headers['content-length']).toBe(String(size));
        r.on('data', (c: Buffer) => {
          received += c.length;
          downloaded.update(c);
        });
        r.on('end', resolve);
        r.on('error', reject);
      })
        .on('error', reject)
        .end();
    });
    clearInterval(sampler);
    expect(received).toBe(size);
    expect(downloaded.digest('hex')).toBe(digest);
    expect(createHash('sha256').update(await readFile(staged)).digest('hex')).toBe(digest);
    // Loosely: holding the file whole even once would add its 96 MiB.
    expect(peak - before).toBeLessThan(48 * 1024 * 1024);
    await rm(source);
    await expect.poll(async () => (await stagedFiles(parent)).filter((f) => f.endsWith('large.samizdat') && f !== path.relative(parent, staged))).toEqual([]);
  }, 120_000);
});

describe('staged files go', () => {
  let r: Running;
  let uploaded: string;
  let reserved: { path: string; download: string };

  beforeEach(async () => {
    r = await start({ lockPollMs: 50 });
    await r.core.unlock(FAKE_PASSPHRASE);
    uploaded = json(await upload(r.server, 'in.samizdat', Buffer.from('in'))).value.path;
    reserved = await reserve(r.server, 'bundle', 'out');
    await writeFile(reserved.path, 'out');
    expect(await stagedFiles(r.parent)).toHaveLength(2);
  });

  const gone = async () => {
    await expect(lstat(uploaded)).rejects.toMatchObject({ code: 'ENOENT' });
    await expect(lstat(reserved.path)).rejects.toMatchObject({ code: 'ENOENT' });
    expect(await readdir(r.parent)).toEqual([]);
    expect((await post(r.server, '/files/ticket', { download: reserved.download })).status).toBe(404);
  };

  it('when the vault is locked through the API, at once', async () => {
    const res = await send(r.server.port, { method: 'POST', path: '/api/vault:lock', headers: { 'content-type': 'application/json', ...auth(r.server) }, body: '{}' });
    expect(JSON.parse(res.body).ok).toBe(true);
    await gone();
  });

  it('when the vault locks any other way (the idle lock, a closed tab), soon after', async () => {
    await r.core.lock();
    await expect.poll(() => readdir(r.parent), { timeout: 5_000 }).toEqual([]);
    await gone();
  });

  it('when the server stops', async () => {
    await r.server.close();
    expect(await readdir(r.parent)).toEqual([]);
  });

  it('and staging starts afresh after a lock', async () => {
    await r.core.lock();
    await expect.poll(() => readdir(r.parent), { timeout: 5_000 }).toEqual([]);
    await r.core.unlock(FAKE_PASSPHRASE);
    const again = json(await upload(r.server, 'again.samizdat', Buffer.from('again'))).value.path as string;
    expect(await readFile(again, 'utf8')).toBe('again');
  });

  it('but not while the vault stays open', async () => {
    await new Promise((resolve) => setTimeout(resolve, 300)); // six looks at the lock
    expect(await stagedFiles(r.parent)).toHaveLength(2);
  });
});

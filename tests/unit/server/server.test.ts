// Browser mode over real HTTP: each guard refuses what it must, and the contract works behind them.

import { mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import { connect, createServer as createTcpServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createHandlers } from '../../../src/app/handlers.js';
import { startServer, type RunningServer } from '../../../src/server/server.js';
import { CONTENT_SECURITY_POLICY } from '../../../src/shared/csp.js';
import { createFakeCore, FAKE_PASSPHRASE, type FakeCore } from '../app/fake-core.js';
import { send } from './http.js';

let rendererDir: string;
let server: RunningServer;
let core: FakeCore;
const onClose = vi.fn(async () => {
  await core.lock();
});
const onActivity = vi.fn();

const api = (channel: string, body: unknown, headers: Record<string, string> = {}) =>
  send(server.port, {
    method: 'POST',
    path: `/api/${channel}`,
    headers: { 'content-type': 'application/json', 'x-samizdat-token': server.token, ...headers },
    body: JSON.stringify(body),
  });

beforeAll(async () => {
  const base = await mkdtemp(path.join(tmpdir(), 'samizdat-server-'));
  rendererDir = path.join(base, 'renderer');
  await mkdir(path.join(rendererDir, 'assets'), { recursive: true });
  await writeFile(path.join(rendererDir, 'index.html'), '<!doctype html><title>Samizdat</title>');
  await writeFile(path.join(rendererDir, 'assets', 'app.js'), 'export {}');
  await writeFile(path.join(base, 'outside-secret.txt'), 'TOP SECRET OUTSIDE');
  core = createFakeCore({ statements: 700 });
  server = await startServer({ handlers: createHandlers(core), rendererDir, onClose, onActivity });
});

afterAll(async () => {
  await server.close();
});

describe('startServer', () => {
  it('listens on 127.0.0.1 at a random port and prints the token in the fragment only', () => {
    expect(server.port).toBeGreaterThan(0);
    expect(server.token).toMatch(/^[0-9a-f]{64}$/);
    expect(server.url).toBe(`http://127.0.0.1:${server.port}/#token=${server.token}`);
  });

  it('refuses to start without a built renderer', async () => {
    await expect(startServer({ handlers: createHandlers(core), rendererDir: path.join(rendererDir, 'nope') })).rejects.toThrow(
      /^server: the renderer is not built/,
    );
  });

  it('reports a port in use', async () => {
    const blocker = createTcpServer().listen(0, '127.0.0.1');
    await new Promise((r) => blocker.once('listening', r));
    const port = (blocker.address() as { port: number }).port;
    await expect(startServer({ handlers: createHandlers(core), rendererDir, port })).rejects.toThrow(`server: port ${port} is in use`);
    blocker.close();
  });
});

describe('static files', () => {
  it('serves the renderer with the Electron CSP and hardening headers, and no CORS header', async () => {
    const res = await send(server.port, { path: '/' });
    expect(res.status).toBe(200);
    expect(res.body).toContain('<title>Samizdat</title>');
    expect(res.headers['content-security-policy']).toBe(CONTENT_SECURITY_POLICY);
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['x-frame-options']).toBe('DENY');
    expect(res.headers['referrer-policy']).toBe('no-referrer');
    expect(Object.keys(res.headers).filter((h) => h.startsWith('access-control-'))).toEqual([]);
  });

  it('needs no token (the build is public; the token guards the API)', async () => {
    expect((await send(server.port, { path: '/assets/app.js' })).status).toBe(200);
  });

  it.each([
    '/../outside-secret.txt',
    '/../../../../etc/passwd',
    '/..%2foutside-secret.txt',
    '/%2e%2e/outside-secret.txt',
    '/%2e%2e%2foutside-secret.txt',
    '/assets/..%2f..%2foutside-secret.txt',
    '/assets/..%5c..%5coutside-secret.txt',
    '/%2fetc%2fpasswd',
    '//etc/passwd',
    '/index.html%00.txt',
  ])('never serves outside the renderer: %s', async (p) => {
    const res = await send(server.port, { path: p });
    expect(res.status).toBe(404);
    expect(res.body).not.toMatch(/TOP SECRET|root:/);
  });

  it('refuses an absolute-form request target', async () => {
    expect((await send(server.port, { path: 'http://evil.example/' })).status).toBe(400);
  });

  it('accepts only GET and HEAD', async () => {
    expect((await send(server.port, { method: 'PUT', path: '/index.html', body: 'x' })).status).toBe(405);
    const head = await send(server.port, { method: 'HEAD', path: '/' });
    expect(head.status).toBe(200);
    expect(head.body).toBe('');
  });
});

describe('guards', () => {
  it.each(['evil.example', `evil.example:PORT`, `127.0.0.1:1`, 'localhost', `127.0.0.2:PORT`, `[::1]:PORT`])(
    'refuses Host %s (DNS rebinding), on static files and API alike',
    async (host) => {
      const h = host.replace('PORT', String(server.port));
      expect((await send(server.port, { path: '/', headers: { host: h } })).status).toBe(403);
      expect((await api('vault:status', {}, { host: h })).status).toBe(403);
    },
  );

  it('accepts localhost:<port> as its own name', async () => {
    expect((await send(server.port, { path: '/', headers: { host: `localhost:${server.port}` } })).status).toBe(200);
  });

  it('refuses a request with no Host at all', async () => {
    const status = await new Promise<string>((resolve) => {
      const socket = connect(server.port, '127.0.0.1', () => socket.end('GET / HTTP/1.0\r\n\r\n'));
      let data = '';
      socket.on('data', (d) => (data += d.toString()));
      socket.on('close', () => resolve(data.split('\r\n')[0] ?? ''));
    });
    expect(status).toMatch(/^HTTP\/1\.[01] (400|403)/);
  });

  it.each(['http://evil.example', 'null', 'http://127.0.0.1:1', 'http://localhost:1'])('refuses Origin %s (CSRF)', async (origin) => {
    expect((await api('vault:status', {}, { origin })).status).toBe(403);
    expect((await send(server.port, { path: '/', headers: { origin } })).status).toBe(403);
  });

  it('accepts its own Origin', async () => {
    expect((await api('vault:status', {}, { origin: `http://127.0.0.1:${server.port}` })).status).toBe(200);
  });

  it('refuses cross-site and same-site fetches by their metadata', async () => {
    expect((await api('vault:status', {}, { 'sec-fetch-site': 'cross-site' })).status).toBe(403);
    expect((await api('vault:status', {}, { 'sec-fetch-site': 'same-site' })).status).toBe(403);
    expect((await api('vault:status', {}, { 'sec-fetch-site': 'same-origin' })).status).toBe(200);
  });

  it('refuses the API without the token, with a wrong one, or with the token anywhere but its header', async () => {
    const noToken = await send(server.port, { method: 'POST', path: '/api/vault:status', headers: { 'content-type': 'application/json' }, body: '{}' });
    expect(noToken.status).toBe(401);
    expect(JSON.parse(noToken.body)).toMatchObject({ ok: false, error: { code: 'server.unauthorized' } });
    expect((await api('vault:status', {}, { 'x-samizdat-token': 'f'.repeat(64) })).status).toBe(401);
    expect((await api('vault:status', {}, { 'x-samizdat-token': server.token.slice(1) })).status).toBe(401);
    expect((await api('vault:status', {}, { 'x-samizdat-token': '' })).status).toBe(401);
    const inQuery = await send(server.port, {
      method: 'POST',
      path: `/api/vault:status?token=${server.token}`,
      headers: { 'content-type': 'application/json', authorization: `Bearer ${server.token}`, cookie: `token=${server.token}` },
      body: '{}',
    });
    expect(inQuery.status).toBe(401);
  });

  it('checks the token before revealing whether a channel exists', async () => {
    const res = await send(server.port, { method: 'POST', path: '/api/no:such', headers: { 'content-type': 'application/json' }, body: '{}' });
    expect(res.status).toBe(401);
  });

  it('answers a CORS preflight without any CORS header', async () => {
    const res = await send(server.port, {
      method: 'OPTIONS',
      path: '/api/vault:unlock',
      headers: { origin: `http://127.0.0.1:${server.port}`, 'access-control-request-method': 'POST', 'access-control-request-headers': 'x-samizdat-token' },
    });
    expect(res.status).toBeGreaterThanOrEqual(400);
    expect(Object.keys(res.headers).filter((h) => h.startsWith('access-control-'))).toEqual([]);
  });
});

describe('the API', () => {
  it('accepts only POST of application/json', async () => {
    expect((await send(server.port, { path: '/api/vault:status', headers: { 'x-samizdat-token': server.token } })).status).toBe(405);
    expect((await api('vault:status', {}, { 'content-type': 'text/plain' })).status).toBe(415);
    expect((await api('vault:status', {}, { 'content-type': 'application/x-www-form-urlencoded' })).status).toBe(415);
  });

  it.each(['no:such', 'vault:format', '__proto__', 'constructor', 'vault%3Astatus%2F..', 'VAULT:STATUS', ''])('answers 404 for channel %s', async (c) => {
    expect((await api(c, {})).status).toBe(404);
  });

  it('limits the body size', async () => {
    const res = await send(server.port, {
      method: 'POST',
      path: '/api/vault:unlock',
      headers: { 'content-type': 'application/json', 'x-samizdat-token': server.token },
      body: JSON.stringify({ passphrase: 'x'.repeat(70 * 1024) }),
    });
    expect(res.status).toBe(413);
  });

  it('limits the body size without Content-Length (chunked)', async () => {
    const { request } = await import('node:http');
    const status = await new Promise<number>((resolve, reject) => {
      const req = request(
        { host: '127.0.0.1', port: server.port, method: 'POST', path: '/api/vault:unlock', agent: false,
          headers: { host: `127.0.0.1:${server.port}`, 'content-type': 'application/json', 'x-samizdat-token': server.token, 'transfer-encoding': 'chunked' } },
        (res) => {
          res.resume();
          resolve(res.statusCode ?? 0);
        },
      );
      req.on('error', reject);
      for (let i = 0; i < 80; i++) req.write('x'.repeat(1024));
      req.end();
    });
    expect(status).toBe(413);
  });

  it('answers malformed JSON with 400', async () => {
    const res = await send(server.port, {
      method: 'POST',
      path: '/api/vault:status',
      headers: { 'content-type': 'application/json', 'x-samizdat-token': server.token },
      body: '{not json',
    });
    expect(res.status).toBe(400);
  });

  it('carries the contract: unlock, then a page of statements, with typed errors as outcomes', async () => {
    const wrong = await api('vault:unlock', { passphrase: 'nope' });
    expect(wrong.status).toBe(200);
    expect(JSON.parse(wrong.body)).toEqual({ ok: false, error: { code: 'vault.wrong-passphrase', kind: 'vault', message: 'vault: wrong passphrase' } });
    expect(JSON.parse((await api('vault:unlock', { passphrase: FAKE_PASSPHRASE })).body)).toEqual({ ok: true, value: { exists: true, unlocked: true, identity: null } });
    const first = JSON.parse((await api('statements:list', { after: null, limit: 500 })).body);
    expect(first.value.items).toHaveLength(500);
    const page = await api('statements:list', { after: first.value.next, limit: 500 });
    expect(page.headers['cache-control']).toBe('no-store');
    const body = JSON.parse(page.body);
    expect(body.value.total).toBe(700);
    expect(body.value.items).toHaveLength(200);
    expect(body.value.next).toBeNull();
    expect(page.body).not.toMatch(/SECRET/);
    expect(JSON.parse((await api('statements:list', { after: null, limit: 501 })).body)).toMatchObject({ ok: false, error: { code: 'ipc.invalid-argument' } });
  });

  it('reports user activity for real calls only, not for polling', async () => {
    onActivity.mockClear();
    await api('vault:status', {});
    await api('jobs:list', {});
    expect(onActivity).not.toHaveBeenCalled();
    await api('groups:list', {});
    expect(onActivity).toHaveBeenCalledOnce();
  });
});

describe('close', () => {
  it('stops listening, drops open connections and runs onClose (locking the vault) once', async () => {
    const own = createFakeCore();
    const closeHook = vi.fn(async () => own.lock());
    const s = await startServer({ handlers: createHandlers(own), rendererDir, onClose: closeHook });
    await own.unlock(FAKE_PASSPHRASE);
    const keepAlive = connect(s.port, '127.0.0.1');
    await new Promise((r) => keepAlive.once('connect', r));
    const closed = new Promise((r) => keepAlive.once('close', r));
    await Promise.all([s.close(), s.close()]);
    await closed;
    expect(closeHook).toHaveBeenCalledOnce();
    expect(own.isUnlocked()).toBe(false);
    await expect(send(s.port, { path: '/' })).rejects.toMatchObject({ code: 'ECONNREFUSED' });
  });
});

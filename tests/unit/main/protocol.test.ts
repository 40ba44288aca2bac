// The app:// protocol handler: the built renderer with the CSP, nothing else.

import { mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { appProtocolHandler } from '../../../src/main/protocol.js';
import { CONTENT_SECURITY_POLICY } from '../../../src/shared/csp.js';

let handler: (request: Request) => Promise<Response>;

beforeAll(async () => {
  const base = await mkdtemp(path.join(tmpdir(), 'samizdat-protocol-'));
  const renderer = path.join(base, 'renderer');
  await mkdir(path.join(renderer, 'assets'), { recursive: true });
  await writeFile(path.join(renderer, 'index.html'), '<!doctype html><title>Samizdat</title>');
  await writeFile(path.join(renderer, 'assets', 'app.js'), 'console.log(1)');
  await writeFile(path.join(base, 'secret.txt'), 'outside');
  handler = appProtocolHandler(renderer, CONTENT_SECURITY_POLICY);
});

describe('appProtocolHandler', () => {
  it('serves the renderer with its type and the CSP', async () => {
    const res = await handler(new Request('app://samizdat/index.html'));
    expect(res.status).toBe(200);
    expect(await res.text()).toContain('<title>Samizdat</title>');
    expect(res.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(res.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    const js = await handler(new Request('app://samizdat/assets/app.js'));
    expect(js.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
  });

  it.each([
    'app://samizdat/../secret.txt',
    'app://samizdat/..%2fsecret.txt',
    'app://samizdat/missing.html',
    'app://other/index.html',
  ])('answers 404 with the CSP for %s', async (url) => {
    const res = await handler(new Request(url));
    expect(res.status).toBe(404);
    expect(res.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
    expect(await res.text()).not.toContain('outside');
  });

  it('answers only GET', async () => {
    expect((await handler(new Request('app://samizdat/index.html', { method: 'POST', body: 'x' }))).status).toBe(404);
  });
});

// Static file resolution shared by app:// and browser mode: nothing outside the renderer directory,
// however the path is spelled.

import { mkdir, mkdtemp, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { resolveRendererFile } from '../../../src/app/renderer-files.js';

let base: string;
let renderer: string;

beforeAll(async () => {
  base = await mkdtemp(path.join(tmpdir(), 'samizdat-renderer-'));
  renderer = path.join(base, 'renderer');
  await mkdir(path.join(renderer, 'assets'), { recursive: true });
  await writeFile(path.join(renderer, 'index.html'), '<!doctype html>');
  await writeFile(path.join(renderer, 'assets', 'app.js'), 'export {}');
  await writeFile(path.join(renderer, '.env'), 'SECRET=1');
  await writeFile(path.join(base, 'secret.html'), 'outside');
  await symlink(path.join(base, 'secret.html'), path.join(renderer, 'escape.html'));
});

describe('resolveRendererFile', () => {
  it('serves index.html for / and assets with their types', async () => {
    expect(await resolveRendererFile(renderer, '/')).toMatchObject({ contentType: 'text/html; charset=utf-8' });
    expect(await resolveRendererFile(renderer, '/assets/app.js')).toMatchObject({
      file: expect.stringMatching(/assets\/app\.js$/),
      contentType: 'text/javascript; charset=utf-8',
    });
  });

  it.each([
    '/../secret.html',
    '/assets/../../secret.html',
    '/..%2fsecret.html',
    '/%2e%2e/secret.html',
    '/%2e%2e%2fsecret.html',
    '/assets/..%5c..%5csecret.html',
    '/assets\\..\\..\\secret.html',
    '/index.html%00.js',
    '//etc/passwd',
    '/.env',
    '/escape.html',
    '/missing.js',
    '/assets',
    '/assets/app.exe',
    '/%E0%A4%A',
  ])('refuses %s', async (p) => {
    expect(await resolveRendererFile(renderer, p)).toBeNull();
  });
});

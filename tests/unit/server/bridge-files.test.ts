// Browser mode's FilesApi (src/renderer/bridge-files.ts) against the real server: Node's fetch
// stands in for the page's, a file-backed Blob for a picked File (read from disk as it is sent), and
// the picker and the download link are recorded. The DOM glue itself runs in tests/e2e.

import { createHash, randomBytes } from 'node:crypto';
import { openAsBlob } from 'node:fs';
import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { createHandlers } from '../../../src/app/handlers.js';
import { acceptFor, createHttpFiles, type ChosenFile, type FilesTransport } from '../../../src/renderer/bridge-files.js';
import { startServer, type RunningServer } from '../../../src/server/server.js';
import { MAX_UPLOAD_BYTES, type FilesApi } from '../../../src/shared/files.js';
import { createFakeCore } from '../app/fake-core.js';

class Failure extends Error {
  constructor(
    readonly code: string,
    readonly kind: string,
    message: string,
  ) {
    super(message);
  }
}

let base: string;
let parent: string;
let server: RunningServer;
let picks: { accept: string; multiple: boolean }[];
let nextPick: ChosenFile[] | null;
let downloads: string[];
const fetchSpy = vi.fn((input: string | URL | Request, init?: RequestInit) => fetch(input, init));

function transport(overrides: Partial<FilesTransport> = {}): FilesTransport {
  return {
    base: `http://127.0.0.1:${server.port}`,
    token: server.token,
    fetch: fetchSpy as typeof fetch,
    pick: (options) => {
      picks.push(options);
      return Promise.resolve(nextPick);
    },
    download: (url) => void downloads.push(url),
    fail: (code, kind, message) => new Failure(code, kind, message),
    ...overrides,
  };
}

let files: FilesApi;

const named = (blob: Blob, name: string): ChosenFile => Object.assign(blob, { name });

beforeAll(async () => {
  base = await mkdtemp(path.join(tmpdir(), 'samizdat-bridge-files-'));
  await mkdir(path.join(base, 'renderer'));
  await writeFile(path.join(base, 'renderer', 'index.html'), '<!doctype html>');
  parent = path.join(base, 'staging');
  await mkdir(parent);
  server = await startServer({ handlers: createHandlers(createFakeCore()), rendererDir: path.join(base, 'renderer'), stagingParent: parent });
});

afterAll(async () => {
  await server.close();
  await rm(base, { recursive: true, force: true });
});

beforeEach(() => {
  picks = [];
  nextPick = null;
  downloads = [];
  fetchSpy.mockClear();
  files = createHttpFiles(transport());
});

describe('open', () => {
  it('shows the picker with the purpose’s filter, uploads each file chosen, and returns the staged paths', async () => {
    const onDisk = path.join(base, 'kras.samizdat');
    const bytes = randomBytes(200_000);
    await writeFile(onDisk, bytes);
    nextPick = [named(await openAsBlob(onDisk), 'kras.samizdat'), named(new Blob(['second']), 'fed.samizdat')];
    const paths = await files.open({ purpose: 'bundle', multiple: true });
    expect(picks).toEqual([{ accept: '.samizdat', multiple: true }]);
    expect(paths).toHaveLength(2);
    expect(paths!.map((p) => path.basename(p))).toEqual(['kras.samizdat', 'fed.samizdat']);
    for (const p of paths!) expect(p.startsWith(parent + path.sep)).toBe(true);
    expect(createHash('sha256').update(await readFile(paths![0]!)).digest('hex')).toBe(createHash('sha256').update(bytes).digest('hex'));
    expect(await readFile(paths![1]!, 'utf8')).toBe('second');
    // Each file its own request, with the token in its header and the file as the body.
    expect(fetchSpy).toHaveBeenCalledTimes(2);
    const [url, init] = fetchSpy.mock.calls[0]!;
    expect(url).toBe(`http://127.0.0.1:${server.port}/files/upload?name=kras.samizdat`);
    expect(init).toMatchObject({ method: 'POST', headers: { 'Content-Type': 'application/octet-stream', 'X-Samizdat-Token': server.token }, credentials: 'omit' });
    expect(init!.body).toBe(nextPick[0]);
  });

  it('shows the picker before anything else happens (the click still counts as the person’s gesture)', () => {
    void files.open({ purpose: 'card', multiple: false });
    expect(picks).toEqual([{ accept: '.member', multiple: false }]); // synchronously
    void files.open({ purpose: 'attachment', multiple: true });
    expect(picks[1]).toEqual({ accept: '', multiple: true });
  });

  it('answers null when the person cancels, without a request', async () => {
    expect(await files.open({ purpose: 'bundle', multiple: false })).toBeNull();
    nextPick = [];
    expect(await files.open({ purpose: 'bundle', multiple: false })).toBeNull();
    expect(fetchSpy).not.toHaveBeenCalled();
  });

  it('refuses a folder purpose: a browser hands over files only', async () => {
    await expect(files.open({ purpose: 'text', multiple: false })).rejects.toMatchObject({ code: 'files.use-folders', kind: 'usage' });
    await expect(files.save({ purpose: 'text', suggestedName: 'x' })).rejects.toMatchObject({ code: 'files.use-folders' });
    expect(picks).toEqual([]);
  });

  it('refuses a file over the limit before sending any of it', async () => {
    const huge = { name: 'huge.samizdat', size: MAX_UPLOAD_BYTES + 1 } as unknown as ChosenFile;
    nextPick = [huge];
    await expect(files.open({ purpose: 'bundle', multiple: false })).rejects.toMatchObject({ code: 'files.too-large', kind: 'usage' });
    expect(fetchSpy).not.toHaveBeenCalled();
  });
});

describe('dropped', () => {
  it('uploads the dropped files like open', async () => {
    const paths = await files.dropped([named(new Blob(['card']), 'olga.member')] as unknown as File[]);
    expect(paths.map((p) => path.basename(p))).toEqual(['olga.member']);
    expect(await readFile(paths[0]!, 'utf8')).toBe('card');
    expect(await files.dropped([])).toEqual([]);
  });
});

describe('save and deliver', () => {
  it('reserve a path a handler can write, then have the browser download it once', async () => {
    const target = await files.save({ purpose: 'bundle', suggestedName: 'for-olga' });
    expect(target).not.toBeNull();
    expect(path.basename(target!.path)).toBe('for-olga.samizdat');
    expect(target!.download).toMatch(/^[0-9a-f]{64}$/);
    await writeFile(target!.path, 'the bundle');
    await files.deliver(target!);
    expect(downloads).toHaveLength(1);
    expect(downloads[0]).toMatch(new RegExp(`^http://127\\.0\\.0\\.1:${server.port}/files/download/[0-9a-f]{64}$`));
    const res = await fetch(downloads[0]!);
    expect(res.headers.get('content-disposition')).toContain('filename="for-olga.samizdat"');
    expect(await res.text()).toBe('the bundle');
    expect((await fetch(downloads[0]!)).status).toBe(404);
    await expect.poll(async () => (await readdir(path.dirname(target!.path)).catch(() => null)) === null).toBe(true);
  });

  it('deliver of an Electron target does nothing', async () => {
    await files.deliver({ path: '/home/anna/x.samizdat', download: null });
    expect(fetchSpy).not.toHaveBeenCalled();
    expect(downloads).toEqual([]);
  });

  it('deliver before anything was written says so', async () => {
    const target = await files.save({ purpose: 'card', suggestedName: 'me' });
    await expect(files.deliver(target!)).rejects.toMatchObject({ code: 'files.not-written', kind: 'usage' });
    expect(downloads).toEqual([]);
  });

  it('folder is null in browser mode (files:folders lists folders instead)', async () => {
    expect(await files.folder()).toBeNull();
  });
});

describe('failures', () => {
  it('no token, no server, a wrong token, an odd answer: each with its own code', async () => {
    await expect(createHttpFiles(transport({ token: null })).save({ purpose: 'bundle', suggestedName: 'x' })).rejects.toMatchObject({ code: 'bridge.no-token' });
    await expect(createHttpFiles(transport({ base: 'http://127.0.0.1:1' })).save({ purpose: 'bundle', suggestedName: 'x' })).rejects.toMatchObject({
      code: 'bridge.unreachable',
      kind: 'unavailable',
    });
    await expect(createHttpFiles(transport({ token: 'wrong' })).save({ purpose: 'bundle', suggestedName: 'x' })).rejects.toMatchObject({ code: 'server.unauthorized' });
    const odd = createHttpFiles(transport({ fetch: (async () => new Response('<html>', { status: 502 })) as typeof fetch }));
    await expect(odd.save({ purpose: 'bundle', suggestedName: 'x' })).rejects.toMatchObject({ code: 'bridge.bad-response', message: expect.stringContaining('HTTP 502') });
  });

  it('the API object is frozen', () => {
    expect(Object.isFrozen(files)).toBe(true);
    expect(acceptFor('attachment')).toBe('');
  });
});

// Browser mode's `window.samizdatFiles` in Debian's Chromium, against startServer with the fake
// AppCore: the browser's own picker (a real file chooser, a file read from disk as it is sent) puts
// the chosen files in the server's staging folder; a save is delivered as the browser's own
// download, byte for byte, under its name, once; dropped files upload like chosen ones; the CSP is
// never tripped by any of it.

import { createHash, randomBytes } from 'node:crypto';
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHandlers } from '../../src/app/handlers.js';
import { startServer, type RunningServer } from '../../src/server/server.js';
import type { FilesApi, SaveTarget } from '../../src/shared/files.js';
import { createFakeCore } from '../unit/app/fake-core.js';
import { closeHarness, CHROMIUM, ensureBuilt, haveChromium, newContext, RENDERER_DIR } from './harness/index.js';
import type { PageWindow } from './page-globals.js';

type FilesWindow = PageWindow & {
  samizdatFiles?: FilesApi;
  __picked?: string[] | null | 'pending';
  document: PageWindow['document'] & {
    createElement(tag: 'button'): { id: string; textContent: string; addEventListener(type: 'click', fn: () => void): void };
  };
};

let server: RunningServer;
let context: BrowserContext;
let page: Page;
let dir: string;
let staging: string;

const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex');

describe.skipIf(!haveChromium)(haveChromium ? 'browser mode’s files in Chromium' : `skipped: no Chromium at ${CHROMIUM}`, () => {
  beforeAll(async () => {
    await ensureBuilt();
    dir = await mkdtemp(path.join(tmpdir(), 'samizdat-e2e-files-'));
    staging = path.join(dir, 'staging');
    await import('node:fs/promises').then((fs) => fs.mkdir(staging));
    server = await startServer({ handlers: createHandlers(createFakeCore()), rendererDir: RENDERER_DIR, stagingParent: staging });
    context = await newContext('en');
    page = await context.newPage();
    await page.addInitScript(() => {
      const w = globalThis as unknown as PageWindow;
      w.__violations = [];
      w.document.addEventListener('securitypolicyviolation', (e) => w.__violations.push({ directive: e.effectiveDirective, blocked: e.blockedURI }));
    });
    await page.goto(server.url);
    await page.waitForFunction(() => (globalThis as unknown as FilesWindow).samizdatFiles !== undefined);
    // A button of the test's own, so that the picker opens from a real click, as from the app's.
    await page.evaluate(() => {
      const w = globalThis as unknown as FilesWindow;
      const button = w.document.createElement('button');
      button.id = 'probe-open';
      button.textContent = 'open';
      button.addEventListener('click', () => {
        w.__picked = 'pending';
        void w.samizdatFiles!.open({ purpose: 'bundle', multiple: true }).then((paths) => (w.__picked = paths));
      });
      w.document.body.append(button);
    });
  }, 180_000);

  afterAll(async () => {
    await context?.close();
    await server?.close();
    await closeHarness();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it('open: the browser’s own picker, filtered by purpose; each chosen file streamed to the staging folder', async () => {
    const big = randomBytes(12 * 1024 * 1024); // far over the API's 64 KiB body limit
    await writeFile(path.join(dir, 'kras.samizdat'), big);
    await writeFile(path.join(dir, 'fed.samizdat'), 'fed');
    const chooser = page.waitForEvent('filechooser');
    await page.click('#probe-open');
    const picker = await chooser;
    expect(picker.isMultiple()).toBe(true);
    expect(await picker.element().getAttribute('accept')).toBe('.samizdat');
    await picker.setFiles([path.join(dir, 'kras.samizdat'), path.join(dir, 'fed.samizdat')]);
    await expect.poll(() => page.evaluate(() => (globalThis as unknown as FilesWindow).__picked), { timeout: 30_000 }).not.toBe('pending');
    const paths = (await page.evaluate(() => (globalThis as unknown as FilesWindow).__picked)) as string[];
    expect(paths.map((p) => path.basename(p))).toEqual(['kras.samizdat', 'fed.samizdat']);
    for (const p of paths) expect(p.startsWith(staging + path.sep)).toBe(true);
    expect(sha(await readFile(paths[0]!))).toBe(sha(big));
    expect(await readFile(paths[1]!, 'utf8')).toBe('fed');
    // The hidden input is gone again.
    expect(await page.locator('input[type=file]').count()).toBe(0);
  });

  it('open: cancelling the picker answers null', async () => {
    const chooser = page.waitForEvent('filechooser');
    await page.click('#probe-open');
    await (await chooser).setFiles([]);
    await expect.poll(() => page.evaluate(() => (globalThis as unknown as FilesWindow).__picked)).toBeNull();
  });

  it('save and deliver: the browser downloads what the handler wrote, under its name, once', async () => {
    const target = await page.evaluate(() => (globalThis as unknown as FilesWindow).samizdatFiles!.save({ purpose: 'bundle', suggestedName: 'для Ольги' }));
    expect(target).not.toBeNull();
    expect(path.basename(target!.path)).toBe('для Ольги.samizdat');
    const bytes = randomBytes(3 * 1024 * 1024);
    await writeFile(target!.path, bytes); // as bundles:export would
    const downloading = page.waitForEvent('download');
    await page.evaluate((t: SaveTarget) => (globalThis as unknown as FilesWindow).samizdatFiles!.deliver(t), target!);
    const download = await downloading;
    expect(download.suggestedFilename()).toBe('для Ольги.samizdat');
    expect(sha(await readFile((await download.path())!))).toBe(sha(bytes));
    // Delivered once: the staged copy is gone, and the same save cannot be delivered again.
    await expect.poll(async () => (await readdir(path.dirname(target!.path)).catch(() => 'gone'))).toBe('gone');
    const again = await page.evaluate(
      (t: SaveTarget) =>
        (globalThis as unknown as FilesWindow).samizdatFiles!.deliver(t).then(
          () => 'delivered',
          (e: { code?: string }) => e.code ?? 'no code',
        ),
      target!,
    );
    expect(again).toBe('files.no-such-save');
  });

  it('dropped: files dropped on the page upload like chosen ones', async () => {
    const paths = await page.evaluate(() => {
      const w = globalThis as unknown as FilesWindow & { File: new (parts: string[], name: string) => File };
      return w.samizdatFiles!.dropped([new w.File(['olga’s card'], 'olga.member')]);
    });
    expect(paths.map((p) => path.basename(p))).toEqual(['olga.member']);
    expect(await readFile(paths[0]!, 'utf8')).toBe('olga’s card');
  });

  it('folder is null (the folder picker lists folders over files:folders), and nothing tripped the CSP', async () => {
    expect(await page.evaluate(() => (globalThis as unknown as FilesWindow).samizdatFiles!.folder())).toBeNull();
    expect(await page.evaluate(() => (globalThis as unknown as PageWindow).__violations)).toEqual([]);
  });
});

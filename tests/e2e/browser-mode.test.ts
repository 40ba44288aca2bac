// Browser mode in Debian's Chromium: open the URL `samizdat ui` prints, unlock, page through the
// statements, read one as text, run an import and a sync from the Exchange panel and read their
// reports as text, and prove the CSP blocks remote fetches, eval and inline script. Runs against
// startServer with the fake AppCore; browser-mode-real-vault.test.ts runs the real one.

import { existsSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHandlers } from '../../src/app/handlers.js';
import { JobRegistry } from '../../src/app/jobs.js';
import { startServer, type RunningServer } from '../../src/server/server.js';
import { createFakeCore, FAKE_PASSPHRASE, HOSTILE_BODY, HOSTILE_GROUP_NAME, type FakeCore } from '../unit/app/fake-core.js';
import { buildInto, projectRoot } from './build.js';
import type { PageWindow } from './page-globals.js';
import { remoteFetchOutcome } from './remote-fetch.js';

const CHROMIUM = process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium';
const haveChromium = existsSync(CHROMIUM);
const screenshots = path.join(projectRoot, 'test-results', 'browser-mode');

let browser: Browser;
let server: RunningServer;
let core: FakeCore;
let page: Page;

describe.skipIf(!haveChromium)(haveChromium ? 'browser mode in Chromium' : `skipped: no Chromium at ${CHROMIUM}`, () => {
  beforeAll(async () => {
    const out = buildInto('e2e-browser');
    core = createFakeCore({ statements: 120 });
    server = await startServer({ handlers: createHandlers(core, { jobs: new JobRegistry() }), rendererDir: path.join(out, 'renderer') });
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: ['--no-sandbox', '--disable-background-networking', '--disable-component-update', '--disable-gpu', '--no-first-run'],
    });
    page = await browser.newPage();
    await page.addInitScript(() => {
      const w = globalThis as unknown as PageWindow;
      w.__violations = [];
      w.document.addEventListener('securitypolicyviolation', (e) =>
        w.__violations.push({ directive: e.effectiveDirective, blocked: e.blockedURI }),
      );
    });
    mkdirSync(screenshots, { recursive: true });
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('opens the printed URL, takes the token out of the address bar, and shows the lock screen', async () => {
    await page.goto(server.url);
    await page.getByRole('heading', { name: 'The vault is locked' }).waitFor();
    expect(page.url()).toBe(`http://127.0.0.1:${server.port}/`);
    const kinds = await page.evaluate(() => {
      const w = globalThis as unknown as PageWindow;
      return [typeof w.require, typeof w.process];
    });
    expect(kinds).toEqual(['undefined', 'undefined']);
    await page.screenshot({ path: path.join(screenshots, '1-locked.png') });
  });

  it('shows a wrong passphrase as an error and stays locked', async () => {
    await page.getByLabel('Passphrase').fill('not the passphrase');
    await page.getByRole('button', { name: 'Unlock' }).click();
    await expect.poll(() => page.getByRole('alert').textContent()).toBe('vault: wrong passphrase');
    expect(core.isUnlocked()).toBe(false);
  });

  it('unlocks and lists the first page of statements, asking for a page only', async () => {
    await page.getByLabel('Passphrase').fill(FAKE_PASSPHRASE);
    await page.getByRole('button', { name: 'Unlock' }).click();
    await page.getByTestId('range').waitFor();
    expect(await page.getByTestId('range').textContent()).toBe('1–50 of 120');
    const items = page.locator('ul.statements > li');
    expect(await items.count()).toBe(50);
    const first = items.first();
    expect(await first.locator('.title').textContent()).toBe('Statement 1 against the war');
    expect(await first.locator('.groups').textContent()).toBe('KRAS-IWA');
    expect(await first.locator('.badge').textContent()).toBe('released');
    expect(await items.nth(1).locator('.badge').textContent()).toBe('not released');
    // The app itself never trips its own policy.
    expect(await page.evaluate(() => (globalThis as unknown as PageWindow).__violations)).toEqual([]);
    await page.screenshot({ path: path.join(screenshots, '2-list.png') });
  });

  it('pages forward on request, never fetching everything', async () => {
    await page.getByRole('button', { name: 'Next' }).click();
    await expect.poll(() => page.getByTestId('range').textContent()).toBe('51–100 of 120');
    const lists = core.calls.filter((c) => c.startsWith('list '));
    expect(lists).toContain('list at50 50');
    for (const call of lists) expect(Number(call.split(' ')[2])).toBeLessThanOrEqual(50);
    await page.getByRole('button', { name: 'Previous' }).click();
    await expect.poll(() => page.getByTestId('range').textContent()).toBe('1–50 of 120');
  });

  it('shows a statement’s hostile text as text, never as HTML', async () => {
    await page.locator('ul.statements > li').first().locator('button').click();
    const body = page.getByTestId('statement-body');
    await body.waitFor();
    expect(await body.textContent()).toBe(HOSTILE_BODY);
    expect(await body.locator('img, script').count()).toBe(0);
    expect(await page.evaluate(() => (globalThis as unknown as PageWindow).__pwned)).toBeUndefined();
    await page.screenshot({ path: path.join(screenshots, '3-statement.png') });
    await page.getByRole('button', { name: '← Statements' }).click();
  });

  it('imports from the Exchange panel and shows the job’s report as text, group names from the bundle included', async () => {
    await page.getByLabel('Bundle file or folder').fill('relative/kras.samizdat');
    await page.getByRole('button', { name: 'Import' }).click();
    await expect.poll(() => page.locator('form[aria-label="Import bundles"] [role=alert]').textContent()).toMatch(/paths\.0: expected an absolute path/);

    await page.getByLabel('Bundle file or folder').fill('/media/stick/kras.samizdat');
    await page.getByRole('button', { name: 'Import' }).click();
    const done = page.locator('.jobs li.done').first();
    await expect.poll(() => done.textContent(), { timeout: 10_000 }).toContain('first seen: group "' + HOSTILE_GROUP_NAME + '"');
    expect(await done.textContent()).toMatch(/WARNING: its name looks like that of group "KRAS-IWA"/);
    expect(await page.locator('.jobs img, .jobs script').count()).toBe(0);
    expect(await page.evaluate(() => (globalThis as unknown as PageWindow).__pwned)).toBeUndefined();
    expect(core.calls).toContain('import /media/stick/kras.samizdat');
    await page.screenshot({ path: path.join(screenshots, '4-import.png') });
  });

  it('lists the removable drives, and one click makes a drive the sync folder', async () => {
    const drives = page.getByRole('region', { name: 'Removable drives' });
    await expect.poll(() => drives.textContent()).toContain('/media/anna/STICK');
    expect(await drives.textContent()).toContain('12 GB free of 16 GB');
    await drives.getByRole('button', { name: 'Use this drive' }).click();
    expect(await page.getByLabel('Sync folder').inputValue()).toBe('/media/anna/STICK');
    await page.getByRole('button', { name: 'Sync' }).click();
    await expect.poll(() => page.locator('.jobs').textContent(), { timeout: 10_000 }).toContain('synced with /media/anna/STICK');
    expect(core.calls).toContain('sync /media/anna/STICK');
  });

  it('blocks a remote fetch, eval and inline script by CSP', async () => {
    expect(await remoteFetchOutcome(page)).toBe('blocked');
    // Code injected by the test itself is exempt from CSP; a callback the page runs later is not.
    const evaluated = await page.evaluate(
      () =>
        new Promise<string>((resolve) =>
          setTimeout(() => {
            try {
              resolve(String((0, eval)('1 + 1')));
            } catch (e) {
              resolve((e as Error).name);
            }
          }, 0),
        ),
    );
    expect(evaluated).toBe('EvalError');
    await page.evaluate(() => {
      const { document } = globalThis as unknown as PageWindow;
      const s = document.createElement('script');
      s.textContent = 'window.__inline = 1';
      document.body.append(s);
    });
    expect(await page.evaluate(() => (globalThis as unknown as PageWindow).__inline)).toBeUndefined();
    const violations = await page.evaluate(() => (globalThis as unknown as PageWindow).__violations);
    expect(violations).toEqual(
      expect.arrayContaining([
        { directive: 'connect-src', blocked: 'https://example.com/' },
        expect.objectContaining({ directive: 'script-src', blocked: 'eval' }),
        expect.objectContaining({ directive: 'script-src-elem', blocked: 'inline' }),
      ]),
    );
  });

  it('survives a reload (the token is kept for this tab) and locks on request', async () => {
    await page.reload();
    await page.getByTestId('range').waitFor();
    await page.getByRole('button', { name: 'Lock' }).click();
    await page.getByRole('heading', { name: 'The vault is locked' }).waitFor();
    expect(core.isUnlocked()).toBe(false);
  });

  it('without the token, says what to do instead of working', async () => {
    const stranger = await browser.newPage();
    await stranger.goto(`http://127.0.0.1:${server.port}/`);
    await expect.poll(() => stranger.getByRole('alert').textContent()).toMatch(/no access token; open the link that `samizdat ui` printed/);
    await stranger.close();
  });
});

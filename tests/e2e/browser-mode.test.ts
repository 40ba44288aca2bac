// Browser mode's transport and frame in Debian's Chromium, against startServer with the fake
// AppCore (its state is in this process, so the test can see what the page did to it): the token
// leaves the address bar and survives a reload of the tab, a page without it says what to do, the
// renderer has no Node, the lock screen speaks the person's language and refuses a wrong
// passphrase in words, and the CSP blocks remote fetches, eval and inline script while the app
// itself never trips it. browser-mode-real-vault.test.ts runs `samizdat ui` on a real vault.

import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHandlers } from '../../src/app/handlers.js';
import { JobRegistry } from '../../src/app/jobs.js';
import { startServer, type RunningServer } from '../../src/server/server.js';
import { createFakeCore, FAKE_PASSPHRASE, type FakeCore } from '../unit/app/fake-core.js';
import { REPO_ROOT } from '../helpers/cli.js';
import { appReady, chooseLanguage, closeHarness, ensureBuilt, errorWords, haveChromium, CHROMIUM, newContext, pageLanguage, RENDERER_DIR, words } from './harness/index.js';
import type { PageWindow } from './page-globals.js';
import { remoteFetchOutcome } from './remote-fetch.js';

const screenshots = path.join(REPO_ROOT, 'test-results', 'browser-mode');
/** Two cores shared with other test files: give the page time. */
const POLL = { timeout: 15_000 };

let server: RunningServer;
let core: FakeCore;
let context: BrowserContext;
let page: Page;

const lockHeading = (p: Page, lang: 'en' | 'ru' | 'uk') => p.getByRole('heading', { name: words(lang, 'lock:title'), exact: true });

describe.skipIf(!haveChromium)(haveChromium ? 'browser mode in Chromium' : `skipped: no Chromium at ${CHROMIUM}`, () => {
  beforeAll(async () => {
    await ensureBuilt();
    core = createFakeCore({ statements: 3 });
    server = await startServer({ handlers: createHandlers(core, { jobs: new JobRegistry() }), rendererDir: RENDERER_DIR });
    context = await newContext('en');
    page = await context.newPage();
    await page.addInitScript(() => {
      const w = globalThis as unknown as PageWindow;
      w.__violations = [];
      w.document.addEventListener('securitypolicyviolation', (e) => w.__violations.push({ directive: e.effectiveDirective, blocked: e.blockedURI }));
    });
    mkdirSync(screenshots, { recursive: true });
  }, 120_000);

  afterAll(async () => {
    await context?.close();
    await server?.close();
    await closeHarness();
  });

  it('opens the printed URL, takes the token out of the address bar, and shows the lock screen; the page has no Node', async () => {
    expect(server.url).toMatch(/#token=[^&]{20,}$/);
    await page.goto(server.url);
    await lockHeading(page, 'en').waitFor();
    expect(page.url()).toBe(`http://127.0.0.1:${server.port}/`);
    const kinds = await page.evaluate(() => {
      const w = globalThis as unknown as PageWindow;
      return [typeof w.require, typeof w.process];
    });
    expect(kinds).toEqual(['undefined', 'undefined']);
    await page.screenshot({ path: path.join(screenshots, '1-locked.png') });
  });

  it('refuses a wrong passphrase in words (the errors catalogue by code, not core’s message), clears the field and stays locked', async () => {
    await page.getByLabel(words('en', 'lock:passphrase'), { exact: true }).fill('not the passphrase');
    await page.getByRole('button', { name: words('en', 'lock:unlock'), exact: true }).click();
    const alert = page.getByRole('alert');
    await expect.poll(() => alert.textContent(), POLL).toBe(errorWords('en', 'vault.wrong-passphrase', 'vault', 'lock'));
    expect(await alert.getAttribute('data-code')).toBe('vault.wrong-passphrase');
    expect(await alert.textContent()).not.toMatch(/^vault: /);
    expect(await page.getByLabel(words('en', 'lock:passphrase'), { exact: true }).inputValue()).toBe('');
    expect(core.isUnlocked()).toBe(false);
    expect(core.calls.filter((c) => c === 'unlock')).toHaveLength(1);
  });

  it('unlocks with the passphrase typed by its label, and the app never trips its own policy', async () => {
    await page.getByLabel(words('en', 'lock:passphrase'), { exact: true }).fill(FAKE_PASSPHRASE);
    await page.getByRole('button', { name: words('en', 'lock:unlock'), exact: true }).click();
    await expect.poll(() => core.isUnlocked(), POLL).toBe(true);
    // The fake core holds no identity: the app goes on to the first run, which asks for one.
    await page.getByRole('heading', { name: words('en', 'firstrun:title'), exact: true }).waitFor();
    expect(await page.evaluate(() => (globalThis as unknown as PageWindow).__violations)).toEqual([]);
  });

  it('survives a reload: the token is kept for this tab, and the page still reads the open vault', async () => {
    await page.reload();
    await page.getByRole('heading', { name: words('en', 'firstrun:title'), exact: true }).waitFor();
    expect(page.url()).toBe(`http://127.0.0.1:${server.port}/`);
    // The first run shows only when the server said the vault is open: a page that lost its token
    // would show the no-token alert instead.
    expect(await page.getByRole('alert').count()).toBe(0);
    expect(core.isUnlocked()).toBe(true);
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

  it('without the token, says in words what to do instead of working, and calls nothing on the core', async () => {
    const stranger = await context.newPage();
    const calls = core.calls.length;
    await stranger.goto(`http://127.0.0.1:${server.port}/`);
    const alert = stranger.getByRole('alert');
    await expect.poll(() => alert.textContent(), POLL).toBe(errorWords('en', 'bridge.no-token', 'usage'));
    expect(await alert.getAttribute('data-code')).toBe('bridge.no-token');
    expect(core.calls.length).toBe(calls);
    await stranger.close();
  });

  it('speaks the language the browser asks for, and the picker switches it, kept across a reload', async () => {
    await core.lock();
    const ru = await newContext('ru');
    try {
      const p = await ru.newPage();
      await p.goto(server.url);
      await lockHeading(p, 'ru').waitFor();
      expect(await pageLanguage(p)).toBe('ru');
      await p.getByLabel(words('ru', 'lock:passphrase'), { exact: true }).fill('не та фраза');
      await p.getByRole('button', { name: words('ru', 'lock:unlock'), exact: true }).click();
      await expect.poll(() => p.getByRole('alert').textContent(), POLL).toBe(errorWords('ru', 'vault.wrong-passphrase', 'vault', 'lock'));

      await chooseLanguage(p, 'uk');
      await lockHeading(p, 'uk').waitFor();
      // The error already shown is said again in the new language.
      await expect.poll(() => p.getByRole('alert').textContent(), POLL).toBe(errorWords('uk', 'vault.wrong-passphrase', 'vault', 'lock'));
      await p.reload();
      await lockHeading(p, 'uk').waitFor();
      await appReady(p);
      expect(await pageLanguage(p)).toBe('uk');
      await p.screenshot({ path: path.join(screenshots, '2-locked-uk.png') });
    } finally {
      await ru.close();
    }
    expect(core.isUnlocked()).toBe(false);
  });
});

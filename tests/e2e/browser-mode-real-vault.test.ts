// The smoke test of issue 4 against the real core: a vault made with the CLI, `samizdat ui` started
// as a user starts it, Debian's Chromium unlocking it, listing its statements through the contract,
// showing hostile text as text, and the CSP refusing a remote fetch.
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { device, SAMIZDAT_BIN, REPO_ROOT, tempDir } from '../helpers/cli.js';
import type { PageWindow } from './page-globals.js';
import { remoteFetchOutcome } from './remote-fetch.js';

const CHROMIUM = process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium';
const haveChromium = existsSync(CHROMIUM);
const HTML_BODY = '<img src=x onerror="window.__pwned=1"><script>window.__pwned=2</script> Нет войне';

/** Start `samizdat ui --no-open --json` and read the URL it prints. */
function startUi(env: Record<string, string>): Promise<{ child: ChildProcess; url: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [SAMIZDAT_BIN, '--json', 'ui', '--no-open'], { env: { PATH: process.env.PATH ?? '', ...env } });
    let out = '';
    let err = '';
    child.stdout.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      try {
        resolve({ child, url: (JSON.parse(out) as { url: string }).url });
      } catch {
        // not the whole JSON object yet
      }
    });
    child.stderr.on('data', (chunk: Buffer) => (err += chunk.toString()));
    child.on('exit', (code) => reject(new Error(`samizdat ui exited with ${code}: ${err}`)));
  });
}

describe.skipIf(!haveChromium)(haveChromium ? 'browser mode on a real vault' : `skipped: no Chromium at ${CHROMIUM}`, () => {
  const tmp = tempDir();
  const olga = device(tmp.path, 'olga');
  let ui: { child: ChildProcess; url: string };
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    expect(existsSync(path.join(REPO_ROOT, 'out', 'renderer', 'index.html')), 'run `npm run build` first').toBe(true);
    for (const args of [
      ['init', '--kdf', 'interactive'],
      ['me', 'create', '--name', 'Olga'],
      ['group', 'create', '--name', 'KRAS-IWA', '--threshold', '1'],
    ]) {
      expect(olga.run(args).status).toBe(0);
    }
    const body = path.join(tmp.path, 'body.txt');
    writeFileSync(body, HTML_BODY);
    const id = olga.run(['--json', 'statement', 'new', '--group', 'KRAS-IWA', '--title', 'Against the war', '--lang', 'ru', '--body', body]).json().id;
    expect(olga.run(['sign', id]).status).toBe(0);
    writeFileSync(body, 'A draft nobody signed yet.');
    expect(olga.run(['statement', 'new', '--group', 'KRAS-IWA', '--title', 'Draft', '--lang', 'en', '--date', '2020-01-01', '--body', body]).status).toBe(0);

    ui = await startUi({ SAMIZDAT_VAULT: olga.vault });
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: ['--no-sandbox', '--disable-background-networking', '--disable-component-update', '--disable-gpu', '--no-first-run'],
    });
    page = await browser.newPage();
    mkdirSync(path.join(REPO_ROOT, 'test-results', 'browser-mode-real'), { recursive: true });
  });

  afterAll(async () => {
    await browser?.close();
    ui?.child.kill('SIGINT');
    tmp.remove();
  });

  it('unlocks the vault with its passphrase and lists its statements, released or not', async () => {
    await page.goto(ui.url);
    await page.getByLabel('Passphrase').fill('not it at all');
    await page.getByRole('button', { name: 'Unlock' }).click();
    await expect.poll(() => page.getByRole('alert').textContent()).toMatch(/^vault: wrong passphrase/);
    await page.getByLabel('Passphrase').fill(olga.env.SAMIZDAT_PASSPHRASE);
    await page.getByRole('button', { name: 'Unlock' }).click();
    await page.getByTestId('range').waitFor();
    expect(await page.getByTestId('range').textContent()).toBe('1–2 of 2');
    const items = page.locator('ul.statements > li');
    expect(await items.locator('.title').allTextContents()).toEqual(['Against the war', 'Draft']);
    expect(await items.first().locator('.badge').textContent()).toBe('released');
    expect(await items.nth(1).locator('.badge').textContent()).not.toBe('released');
    await page.screenshot({ path: path.join(REPO_ROOT, 'test-results', 'browser-mode-real', 'list.png') });
  });

  it('shows the statement text as text, never as HTML', async () => {
    await page.locator('ul.statements > li').first().locator('button').click();
    const body = page.getByTestId('statement-body');
    await body.waitFor();
    expect(await body.textContent()).toBe(HTML_BODY);
    expect(await body.locator('img, script').count()).toBe(0);
    expect(await page.evaluate(() => (globalThis as unknown as PageWindow).__pwned)).toBeUndefined();
  });

  it('refuses a remote fetch by its Content-Security-Policy', async () => {
    expect(await remoteFetchOutcome(page)).toBe('blocked');
    const response = await page.request.get(ui.url.replace(/#.*$/, ''));
    expect(response.headers()['content-security-policy']).toMatch(/default-src 'none'|connect-src 'self'/);
  });
});

// The smoke test of issue 4 against the real core: a vault made with the CLI, `samizdat ui` started
// as a user starts it, Debian's Chromium unlocking it, listing its statements through the contract,
// showing hostile text as text, and the CSP refusing a remote fetch. Then exchange through the UI:
// a bundle exported by another member's CLI imported from the Exchange panel (its statement in the
// list), and the open statement exported to a file that the CLI checks.
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { device, runCli, SAMIZDAT_BIN, REPO_ROOT, tempDir } from '../helpers/cli.js';
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
  const anna = device(tmp.path, 'anna');
  const annaBundle = path.join(tmp.path, 'from-anna.samizdat');
  const exported = path.join(tmp.path, 'exported-from-the-ui.samizdat');
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

    // Another member, another union, another vault: her released statement reaches Olga as a bundle.
    for (const args of [
      ['init', '--kdf', 'interactive'],
      ['me', 'create', '--name', 'Anna'],
      ['group', 'create', '--name', 'Federation', '--threshold', '1'],
    ]) {
      expect(anna.run(args).status).toBe(0);
    }
    writeFileSync(body, 'Solidarity from the federation.');
    const annaId = anna.run(['--json', 'statement', 'new', '--group', 'Federation', '--title', 'From the federation', '--lang', 'en', '--date', '2021-01-01', '--body', body]).json().id;
    expect(anna.run(['sign', annaId]).status).toBe(0);
    expect(anna.run(['export', annaId, '--out', annaBundle]).status).toBe(0);

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

  it('imports a bundle from the Exchange panel and lists its statement', async () => {
    await page.getByRole('button', { name: '← Statements' }).click();
    await page.getByTestId('range').waitFor();
    await page.getByLabel('Bundle file or folder').fill(annaBundle);
    await page.getByRole('button', { name: 'Import' }).click();
    const done = page.locator('.jobs li.done').first();
    await expect.poll(() => done.textContent(), { timeout: 20_000 }).toContain(annaBundle);
    const report = (await done.textContent()) ?? '';
    expect(report).toContain('new: 1 statement, 1 signature, 1 chain link, 1 link signature');
    expect(report).toMatch(/first seen: group "Federation" [0-9a-f]{12}, fingerprint [0-9 ]+: unverified/);
    // The list reloads when the job ends.
    await expect.poll(() => page.getByTestId('range').textContent(), { timeout: 10_000 }).toBe('1–3 of 3');
    expect(await page.locator('ul.statements .title').allTextContents()).toContain('From the federation');
    await page.screenshot({ path: path.join(REPO_ROOT, 'test-results', 'browser-mode-real', 'import.png') });
  });

  it('exports the open statement to a file that the CLI checks', async () => {
    await page.locator('ul.statements > li').filter({ hasText: 'Against the war' }).locator('button').click();
    await page.getByTestId('statement-body').waitFor();
    await page.getByLabel('Export to file').fill(exported);
    await page.getByRole('button', { name: 'Export' }).click();
    await expect.poll(() => page.locator('.jobs li.done').first().textContent(), { timeout: 20_000 }).toContain(`wrote ${exported}`);
    expect(await page.locator('.jobs li.done').first().textContent()).toContain('in clear: every statement is released');
    expect(readFileSync(exported).subarray(0, 18).toString()).toBe('samizdat-bundle/v1');
    const checked = runCli(['--json', 'check', exported]);
    expect(checked.status, checked.stderr).toBe(0);
    // Never replaced: the same file again is refused, and the job says why.
    await page.getByLabel('Export to file').fill(exported);
    await page.getByRole('button', { name: 'Export' }).click();
    await expect.poll(() => page.locator('.jobs li.failed').first().textContent(), { timeout: 20_000 }).toMatch(/exists; nothing was written/);
  });
});

// Browser mode against the real core, as a person uses it: a vault made with the CLI, `samizdat ui`
// started on it (tests/e2e/harness), Debian's Chromium unlocking it by the lock screen's label,
// the open app with its six places, a group name and a statement body written to run script
// shown as text and run never, the CSP served and refusing a remote fetch, a reload that keeps
// the token and the open statement, and the sidebar's Lock closing the vault.
// What each place shows and does is tested by its own spec; browser-mode.test.ts covers the
// transport with the fake core.

import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CONTENT_SECURITY_POLICY } from '../../src/shared/csp.js';
import { device, REPO_ROOT, tempDir } from '../helpers/cli.js';
import { closeHarness, CHROMIUM, ensureBuilt, errorWords, haveChromium, lock, sidebar, startApp, unlock, words, type App } from './harness/index.js';
import type { HarnessWindow } from './harness/page.js';
import type { PageWindow } from './page-globals.js';
import { remoteFetchOutcome } from './remote-fetch.js';

const HOSTILE_BODY = '<img src=x onerror="window.__pwned=1"><script>window.__pwned=2</script> Нет войне';
const HOSTILE_GROUP = '<img src=x onerror="window.__pwned=3">KRAS-IWA';
const TITLE = 'Against the war';
const DRAFT = 'A draft nobody signed yet';
const shots = path.join(REPO_ROOT, 'test-results', 'browser-mode-real');
/** Two cores shared with other test files: give the page time. */
const POLL = { timeout: 15_000 };

/** Nothing the vault's text could have made: no element from it, no script it carried run. */
async function nothingInjected(app: App): Promise<void> {
  expect(await app.page.locator('img[src="x"], [onerror], main script').count()).toBe(0);
  expect(await app.page.evaluate(() => (globalThis as unknown as PageWindow).__pwned)).toBeUndefined();
}

describe.skipIf(!haveChromium)(haveChromium ? 'browser mode on a real vault' : `skipped: no Chromium at ${CHROMIUM}`, () => {
  const tmp = tempDir();
  const olga = device(tmp.path, 'olga');
  let app: App;

  beforeAll(async () => {
    await ensureBuilt();
    for (const args of [
      ['init', '--kdf', 'interactive'],
      ['me', 'create', '--name', 'Olga'],
      ['group', 'create', '--name', HOSTILE_GROUP, '--threshold', '1'],
    ]) {
      expect(olga.run(args).status).toBe(0);
    }
    const body = path.join(tmp.path, 'body.txt');
    writeFileSync(body, HOSTILE_BODY);
    const id = olga.run(['--json', 'statement', 'new', '--group', HOSTILE_GROUP, '--title', TITLE, '--lang', 'ru', '--body', body]).json().id;
    expect(olga.run(['sign', id]).status).toBe(0);
    writeFileSync(body, 'Not signed yet.');
    expect(olga.run(['statement', 'new', '--group', HOSTILE_GROUP, '--title', DRAFT, '--lang', 'en', '--date', '2020-01-01', '--body', body]).status).toBe(0);
    app = await startApp({ vaultDir: olga.vault, language: 'en' });
  }, 120_000);

  afterAll(async () => {
    await app?.close();
    await closeHarness();
    tmp.remove();
  });

  it('refuses a wrong passphrase in words, then unlocks with the right one; the heading of Statements takes focus', async () => {
    await expect(unlock(app.page, 'not it at all')).rejects.toThrow(errorWords('en', 'vault.wrong-passphrase', 'vault', 'lock'));
    expect(await app.page.getByRole('alert').getAttribute('data-code')).toBe('vault.wrong-passphrase');
    await unlock(app.page, olga.env.SAMIZDAT_PASSPHRASE);
    const nav = sidebar(app.page, 'en');
    for (const place of ['statements', 'write', 'groups', 'contacts', 'exchange', 'settings']) {
      await nav.getByRole('button', { name: words('en', `common:nav.${place}`), exact: true }).waitFor();
    }
    const heading = app.page.getByRole('heading', { level: 1, name: words('en', 'statements:title'), exact: true });
    await heading.waitFor();
    await expect.poll(() => heading.evaluate((h) => h === (h.ownerDocument as unknown as { activeElement: unknown }).activeElement), POLL).toBe(true);
    expect(app.page.url()).toBe(`${app.origin}/`);
    await app.page.screenshot({ path: path.join(shots, 'open.png') });
  });

  it('lists the statements, released or not, with the hostile group name shown as text', async () => {
    const shown = (text: string) => app.page.getByText(text, { exact: true }).filter({ visible: true }).first();
    await shown(TITLE).waitFor({ timeout: 10_000 });
    await shown(DRAFT).waitFor();
    await shown(HOSTILE_GROUP).waitFor();
    await nothingInjected(app);
    await app.page.screenshot({ path: path.join(shots, 'list.png') });
  });

  it('shows the statement’s hostile text as text, never as HTML', async () => {
    await app.page.getByText(TITLE, { exact: true }).filter({ visible: true }).first().click();
    await app.page.getByRole('heading', { level: 1, name: TITLE, exact: true }).waitFor();
    // The whole body, markup and all, is there to read as words.
    await app.page.getByText(HOSTILE_BODY, { exact: true }).filter({ visible: true }).first().waitFor();
    await nothingInjected(app);
    await app.page.screenshot({ path: path.join(shots, 'statement.png') });
  });

  it('serves the CSP with the page, and it refuses a remote fetch', async () => {
    expect(await remoteFetchOutcome(app.page)).toBe('blocked');
    const response = await app.page.request.get(`${app.origin}/`);
    expect(response.headers()['content-security-policy']).toBe(CONTENT_SECURITY_POLICY);
  });

  it('survives a reload: the token is kept for this tab, the vault stays open and the statement too', async () => {
    await app.page.reload();
    await app.page.getByRole('heading', { level: 1, name: TITLE, exact: true }).waitFor();
    expect(app.page.url()).toBe(`${app.origin}/`);
    await sidebar(app.page, 'en').waitFor();
  });

  it('locks from the sidebar: the lock screen, and the vault is closed', async () => {
    await lock(app.page);
    const status = await app.page.evaluate(() => (globalThis as unknown as HarnessWindow).samizdat!['vault:status']({}));
    expect(status).toEqual({ ok: true, value: expect.objectContaining({ exists: true, unlocked: false, identity: null }) });
    expect(await app.page.getByText(TITLE).count()).toBe(0);
  });
});

// Settings in a real browser, clicking as a person does (roles and the words of the UI's own
// catalogues): `samizdat ui` on a vault made with the CLI, Debian's Chromium through the harness.
// The idle lock's minutes, once chosen, are still chosen after a lock and an unlock; a change of
// passphrase refuses a wrong current one in words (nothing changed: the old one still opens the
// vault), then the old passphrase stops working and the new one works; the panic wipe asks in an
// alertdialog, Escape and Cancel keep everything, a wrong word is refused, the word destroys the
// vault: the app shows the first run and the folder holds nothing of the vault. axe on each.

import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { device, tempDir } from '../helpers/cli.js';
import { assertA11y, closeHarness, CHROMIUM, ensureBuilt, errorWords, haveChromium, lock, sidebar, startApp, unlock, words, type App, type Language } from './harness/index.js';

const lang: Language = 'en';
const OLD = 'the first passphrase of olga';
const NEW = 'lantern quarry thimble oboe';
const w = (ref: string, vars?: Record<string, string | number>) => words(lang, ref, vars);

interface FocusWindow {
  document: { activeElement: unknown };
}
const isFocused = (page: Page, label: string): Promise<boolean> =>
  page.getByLabel(label, { exact: true }).evaluate((el: unknown) => el === (globalThis as unknown as FocusWindow).document.activeElement);

async function openSettings(page: Page): Promise<void> {
  await sidebar(page, lang).getByRole('button', { name: w('common:nav.settings'), exact: true }).click();
  await page.getByRole('heading', { name: w('settings:title'), exact: true }).waitFor();
}

/** The idle lock's select: its button is named by its label and the value shown. */
const idleSelect = (page: Page) => page.getByRole('button', { name: w('settings:idle.label') });

/** The bytes of every file under a folder, to look for anything of the vault in them. */
function everyFile(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir).flatMap((name) => {
    const p = path.join(dir, name);
    return statSync(p).isDirectory() ? everyFile(p) : [p];
  });
}

describe.skipIf(!haveChromium)(haveChromium ? 'settings' : `skipped: no Chromium at ${CHROMIUM}`, () => {
  const tmp = tempDir('samizdat-settings-');
  const olga = device(tmp.path, 'olga', OLD);
  let app: App;

  beforeAll(async () => {
    await ensureBuilt();
    for (const args of [
      ['init', '--kdf', 'interactive'],
      ['me', 'create', '--name', 'Olga'],
    ]) {
      const r = olga.run(args);
      if (r.status !== 0) throw new Error(`${args.join(' ')}: ${r.stderr}`);
    }
    app = await startApp({ vaultDir: olga.vault, language: lang, passphrase: OLD });
  }, 240_000);

  afterAll(async () => {
    await app?.close();
    await closeHarness();
    tmp.remove();
  });

  it('keeps the idle lock time chosen across a lock and an unlock', async () => {
    const { page } = app;
    await openSettings(page);
    expect(await idleSelect(page).innerText()).toContain(w('settings:idle.minutes_other', { count: 10 }));
    await assertA11y(page, 'settings (en)');

    await idleSelect(page).click();
    await page.getByRole('option', { name: w('settings:idle.minutes_other', { count: 15 }), exact: true }).click();
    await page.getByRole('status').filter({ hasText: w('settings:idle.saved', { time: w('settings:idle.minutes_other', { count: 15 }) }) }).waitFor();

    await lock(page);
    await unlock(page, OLD);
    await openSettings(page);
    expect(await idleSelect(page).innerText()).toContain(w('settings:idle.minutes_other', { count: 15 }));

    // Hours are worded as hours.
    await idleSelect(page).click();
    await page.getByRole('option', { name: w('settings:idle.hours_one', { count: 1 }), exact: true }).click();
    await page.getByRole('status').filter({ hasText: w('settings:idle.saved', { time: w('settings:idle.hours_one', { count: 1 }) }) }).waitFor();
    await lock(page);
    await unlock(page, OLD);
    await openSettings(page);
    expect(await idleSelect(page).innerText()).toContain(w('settings:idle.hours_one', { count: 1 }));
  }, 120_000);

  it('changes the passphrase: a wrong current one changes nothing; afterwards the old one fails and the new one opens the vault', async () => {
    const { page } = app;
    await openSettings(page);
    const current = w('settings:passwd.current');
    const submit = page.getByRole('button', { name: w('settings:passwd.submit'), exact: true });

    await page.getByLabel(current, { exact: true }).fill('not my passphrase');
    await page.getByLabel(w('settings:passwd.next'), { exact: true }).fill(NEW);
    await page.getByLabel(w('passphrase:confirm.label'), { exact: true }).fill(NEW);
    await page.getByText(w('passphrase:strength.centuries', { level: w('passphrase:strength.level.strong') }), { exact: true }).waitFor();
    await submit.click();
    const refused = page.getByRole('alert').filter({ hasText: errorWords(lang, 'vault.wrong-passphrase', 'vault', 'settings') });
    await refused.waitFor({ timeout: 30_000 });
    expect(await refused.innerText()).toBe(w('settings:error.vault.wrong-passphrase'));
    expect(await isFocused(page, current)).toBe(true);
    expect((await page.getByLabel(current, { exact: true }).getAttribute('aria-describedby'))?.split(' ')).toContain(await refused.getAttribute('id'));
    await assertA11y(page, 'settings, wrong current passphrase (en)');

    // Nothing changed: the old passphrase still opens the vault.
    await lock(page);
    await unlock(page, OLD);
    await openSettings(page);

    await page.getByLabel(current, { exact: true }).fill(OLD);
    await page.getByLabel(w('settings:passwd.next'), { exact: true }).fill(NEW);
    await page.getByLabel(w('passphrase:confirm.label'), { exact: true }).fill(NEW);
    await submit.click();
    await page.getByRole('status').filter({ hasText: w('settings:passwd.done') }).waitFor({ timeout: 30_000 });
    // The fields are emptied: the passphrases stay in the page no longer than needed.
    expect(await page.getByLabel(current, { exact: true }).inputValue()).toBe('');
    expect(await page.getByLabel(w('settings:passwd.next'), { exact: true }).inputValue()).toBe('');

    await lock(page);
    await expect(unlock(page, OLD)).rejects.toThrow(w('errors:vault.wrong-passphrase'));
    await unlock(page, NEW);
    await sidebar(page, lang).waitFor();
  }, 120_000);

  it('panic wipe: Escape and Cancel keep the vault, a wrong word is refused, the word destroys it and the first run shows', async () => {
    const { page } = app;
    await openSettings(page);
    const before = readdirSync(olga.vault);
    expect(before.length).toBeGreaterThan(0);
    const open = page.getByRole('button', { name: w('settings:wipe.open'), exact: true });
    const dialog = page.getByRole('alertdialog', { name: w('settings:wipe.title') });
    const typeWord = w('settings:wipe.typeLabel', { word: w('settings:wipe.word') });

    await open.click();
    await dialog.waitFor();
    await dialog.getByText(w('settings:wipe.explain'), { exact: true }).waitFor();
    expect(await isFocused(page, typeWord)).toBe(true);
    await assertA11y(page, 'settings, panic wipe dialog (en)');
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'detached' });
    expect(readdirSync(olga.vault)).toEqual(before);
    // Focus returns to the button that opened it.
    expect(await open.evaluate((el: unknown) => el === (globalThis as unknown as FocusWindow).document.activeElement)).toBe(true);

    await open.click();
    await dialog.getByLabel(typeWord, { exact: true }).fill(w('settings:wipe.word'));
    await dialog.getByRole('button', { name: w('common:cancel'), exact: true }).click();
    await dialog.waitFor({ state: 'detached' });
    expect(readdirSync(olga.vault)).toEqual(before);
    await sidebar(page, lang).waitFor();

    await open.click();
    // Reopened empty: the word typed before is not kept.
    expect(await dialog.getByLabel(typeWord, { exact: true }).inputValue()).toBe('');
    await dialog.getByLabel(typeWord, { exact: true }).fill('delete');
    await dialog.getByRole('button', { name: w('settings:wipe.confirm'), exact: true }).click();
    await dialog.getByRole('alert').filter({ hasText: w('settings:wipe.mismatch', { word: w('settings:wipe.word') }) }).waitFor();
    expect(readdirSync(olga.vault)).toEqual(before);

    const vaultBytes = before.map((name) => path.join(olga.vault, name)).filter((p) => statSync(p).isFile()).map((p) => readFileSync(p).subarray(0, 64));
    await dialog.getByLabel(typeWord, { exact: true }).fill(w('settings:wipe.word'));
    await dialog.getByRole('button', { name: w('settings:wipe.confirm'), exact: true }).click();

    // The first run, offering to create a vault: no lock screen, no sidebar.
    await page.getByRole('heading', { name: w('firstrun:title'), exact: true }).waitFor({ timeout: 30_000 });
    await page.getByRole('heading', { name: w('firstrun:vault.heading'), exact: true }).waitFor();
    expect(await page.getByRole('heading', { name: w('lock:title'), exact: true }).count()).toBe(0);
    expect(await sidebar(page, lang).count()).toBe(0);

    // Nothing recognisable remains: the folder is gone, or holds nothing that was the vault's.
    const left = everyFile(olga.vault);
    for (const p of left) {
      const bytes = readFileSync(p);
      expect(before).not.toContain(path.basename(p));
      for (const head of vaultBytes) expect(bytes.includes(head)).toBe(false);
    }
    expect(left).toEqual([]);

    // And the first run works there again.
    await page.getByLabel(w('firstrun:vault.passphrase'), { exact: true }).fill(NEW);
    await page.getByLabel(w('passphrase:confirm.label'), { exact: true }).fill(NEW);
    await page.getByText(w('firstrun:kdf.interactive'), { exact: true }).click();
    await page.getByRole('button', { name: w('firstrun:vault.create'), exact: true }).click();
    await page.getByRole('heading', { name: w('firstrun:identity.heading'), exact: true }).waitFor({ timeout: 30_000 });
  }, 120_000);
});

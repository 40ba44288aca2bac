// What a person does, by the words she reads in the UI's language: unlock, lock, choose a language.

import type { Page } from 'playwright-core';
import type { HarnessWindow } from './page.js';
import { LANGUAGES, words, type Language } from './words.js';

/** The UI language the page shows (<html lang> follows i18next). */
export async function pageLanguage(page: Page): Promise<Language> {
  const lang = await page.evaluate(() => (globalThis as unknown as HarnessWindow).document.documentElement.lang);
  if (!(LANGUAGES as readonly string[]).includes(lang)) throw new Error(`the page's language is "${lang}", not one of ${LANGUAGES.join(', ')}`);
  return lang as Language;
}

/** The sidebar of the open app (its six places and the lock). */
export const sidebar = (page: Page, lang: Language) => page.getByRole('navigation', { name: words(lang, 'common:nav.label'), exact: true });

/**
 * Types the passphrase into the lock screen's field, found by its label, and presses Unlock; waits
 * for the open app (the sidebar, or the first run when the vault holds no identity yet). A refusal
 * shown on the lock screen is thrown with its words.
 */
export async function unlock(page: Page, passphrase: string): Promise<void> {
  const lang = await pageLanguage(page);
  // An alert left by an earlier attempt is not this attempt's answer.
  await page.getByRole('alert').evaluateAll((alerts) => alerts.forEach((a) => a.setAttribute('data-harness-seen', '')));
  await page.getByLabel(words(lang, 'lock:passphrase'), { exact: true }).fill(passphrase);
  await page.getByRole('button', { name: words(lang, 'lock:unlock'), exact: true }).click();
  const open = sidebar(page, lang).or(page.getByRole('heading', { name: words(lang, 'firstrun:title'), exact: true }));
  const refused = page.locator('[role=alert]:not([data-harness-seen])');
  await open.or(refused).first().waitFor({ timeout: 30_000 });
  if (await refused.count()) throw new Error(`unlock refused: ${await refused.first().textContent()}`);
}

/** Presses the sidebar's Lock and waits for the lock screen. */
export async function lock(page: Page): Promise<void> {
  const lang = await pageLanguage(page);
  await sidebar(page, lang).getByRole('button', { name: words(lang, 'common:lock.now') }).click();
  await page.getByRole('heading', { name: words(lang, 'lock:title'), exact: true }).waitFor({ timeout: 30_000 });
}

/**
 * Chooses the UI language in the language picker (a React Aria Select labelled "Language",
 * "Язык" or "Мова"; on the lock screen, the first run and Settings) and waits until the page
 * speaks it.
 */
export async function chooseLanguage(page: Page, to: Language): Promise<void> {
  const from = await pageLanguage(page);
  // The Select's button is named by its label and the language shown.
  await page.getByRole('button', { name: words(from, 'common:language.label') }).click();
  await page.getByRole('option', { name: words(from, `common:language.${to}`), exact: true }).click();
  await page.waitForFunction((lang) => (globalThis as unknown as HarnessWindow).document.documentElement.lang === lang, to);
}

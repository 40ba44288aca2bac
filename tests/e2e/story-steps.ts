// The steps of tests/e2e/story.test.ts: what one person does on her own device (a vault folder,
// its own `samizdat ui`, its own page), by the roles and the words of the UI's catalogues in her
// language, and what she sees afterwards. Files travel through a folder that stands in for a
// stick: downloads are saved into it, the file chooser and the folder chooser pick from it.

import { mkdirSync, readdirSync } from 'node:fs';
import path from 'node:path';
import type { Download, Locator, Page } from 'playwright-core';
import { expect } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { assertA11y, chooseLanguage, pageLanguage, sidebar, startApp, words, lookup, type App, type Language } from './harness/index.js';

export const w = (lang: Language, ref: string, vars?: Record<string, string | number>) => words(lang, ref, vars);

/** A plural key in the form i18next picks for `count` in `lang` (en: one/other; ru, uk: one/few/many/other). */
export function plural(lang: Language, ref: string, count: number, vars: Record<string, string | number> = {}): string {
  const form = new Intl.PluralRules(lang).select(count);
  const all = { ...vars, count };
  return lookup(lang, `${ref}_${form}`, all) ?? words(lang, `${ref}_other`, all);
}

/** No DOM types on this side (see page-globals.ts). */
interface FocusWindow {
  document: { activeElement: unknown };
}

export const isFocused = (l: Locator): Promise<boolean> => l.evaluate((el: unknown) => el === (globalThis as unknown as FocusWindow).document.activeElement);

export interface Device {
  name: string;
  lang: Language;
  app: App;
  page: Page;
  vault: string;
  passphrase: string;
  /** The CLI on this device's vault. */
  cli(args: string[]): ReturnType<typeof runCli>;
  /** How many reports the Exchange place of this page has shown (they are kept in the page). */
  reports: number;
}

/**
 * A device: an empty vault folder under `root`, `samizdat ui` on it with HOME = root (so that the
 * folder chooser starts where the stick folder is), a page in a browser whose language is `browserLang`.
 */
export async function openDevice(root: string, folder: string, name: string, lang: Language, browserLang: Language = lang): Promise<Device> {
  const vault = path.join(root, folder);
  mkdirSync(vault, { recursive: true });
  const app = await startApp({ vaultDir: vault, language: browserLang, env: { HOME: root } });
  const passphrase = `${name} keeps this passphrase in her head`;
  return {
    name,
    lang,
    app,
    page: app.page,
    vault,
    passphrase,
    cli: (args) => runCli(args, { SAMIZDAT_VAULT: vault, SAMIZDAT_PASSPHRASE: passphrase, HOME: root }),
    reports: 0,
  };
}

/** The CLI's JSON, or the command's failure with its stderr. */
export function cliJson(d: Device, args: string[]): any { // eslint-disable-line @typescript-eslint/no-explicit-any -- the CLI's own JSON
  const r = d.cli(['--json', ...args]);
  if (r.status !== 0) throw new Error(`${d.name}: samizdat ${args.join(' ')} failed (${r.status}): ${r.stderr}`);
  return r.json();
}

export const heading = (page: Page, text: string) => page.getByRole('heading', { name: text, exact: true });

/** The page's h1 shows `text` and has focus (PageHeading takes it on every navigation). */
export async function expectFocusedHeading(page: Page, text: string): Promise<void> {
  const h = page.getByRole('heading', { name: text, exact: true, level: 1 });
  await h.waitFor({ timeout: 30_000 });
  await expect.poll(() => isFocused(h), { timeout: 5_000 }).toBe(true);
}

/** Goes to a place by the sidebar and waits for its heading to have focus. */
export async function go(d: Device, place: 'statements' | 'write' | 'groups' | 'contacts' | 'exchange' | 'settings', title: string): Promise<void> {
  await sidebar(d.page, d.lang).getByRole('button', { name: w(d.lang, `common:nav.${place}`), exact: true }).click();
  await expectFocusedHeading(d.page, title);
}

/** Saves what the browser downloads when `press` runs into `folder`, under the name the app proposed. */
export async function download(page: Page, folder: string, press: () => Promise<void>): Promise<string> {
  const coming: Promise<Download> = page.waitForEvent('download', { timeout: 60_000 });
  await press();
  const file = await coming;
  const to = path.join(folder, file.suggestedFilename());
  await file.saveAs(to);
  return to;
}

/**
 * The first run by mouse and typing: the language first when asked, the vault with the quick
 * protection, my identity, my member card saved into the stick folder; the app opens. Returns the card's path.
 */
export async function firstRun(d: Device, stick: string, chooseFrom?: Language): Promise<string> {
  const { page, lang } = d;
  if (chooseFrom) {
    await heading(page, w(chooseFrom, 'firstrun:title')).waitFor();
    await chooseLanguage(page, lang);
  }
  await heading(page, w(lang, 'firstrun:title')).waitFor();
  expect(await pageLanguage(page)).toBe(lang);
  await page.getByLabel(w(lang, 'firstrun:vault.passphrase'), { exact: true }).fill(d.passphrase);
  await page.getByLabel(w(lang, 'passphrase:confirm.label'), { exact: true }).fill(d.passphrase);
  await page.getByText(w(lang, 'firstrun:kdf.interactive'), { exact: true }).click();
  expect(await page.getByRole('radio', { name: w(lang, 'firstrun:kdf.interactive') }).isChecked()).toBe(true);
  await page.getByRole('button', { name: w(lang, 'firstrun:vault.create'), exact: true }).click();
  const step2 = heading(page, w(lang, 'firstrun:identity.heading'));
  await step2.waitFor({ timeout: 30_000 });
  await expect.poll(() => isFocused(step2), { timeout: 5_000 }).toBe(true);

  await page.getByLabel(w(lang, 'firstrun:name.label'), { exact: true }).fill(d.name);
  await page.getByRole('button', { name: w(lang, 'firstrun:identity.create'), exact: true }).click();
  await heading(page, w(lang, 'firstrun:card.heading')).waitFor({ timeout: 30_000 });
  await page.getByText(w(lang, 'firstrun:card.ready', { name: d.name }), { exact: true }).waitFor();
  const card = await download(page, stick, () => page.getByRole('button', { name: w(lang, 'firstrun:card.save'), exact: true }).click());
  await page.getByRole('status').filter({ hasText: w(lang, 'firstrun:card.downloaded', { file: path.basename(card) }) }).waitFor();
  await page.getByRole('button', { name: w(lang, 'firstrun:done'), exact: true }).click();
  await sidebar(page, lang).waitFor({ timeout: 30_000 });
  // The vault agrees: my identity under my name.
  expect(cliJson(d, ['me', 'show'])).toMatchObject({ name: d.name });
  return card;
}

/** Groups → Found a group: the name, the others' cards picked with the browser's file chooser, the release threshold as "k of n". */
export async function foundGroup(d: Device, name: string, cards: string[], release: number): Promise<void> {
  const { page, lang } = d;
  await go(d, 'groups', w(lang, 'groups:title'));
  await page.getByRole('button', { name: w(lang, 'groups:found.open'), exact: true }).click();
  const dialog = page.getByRole('dialog', { name: w(lang, 'groups:found.title') });
  await dialog.waitFor();
  await dialog.getByLabel(w(lang, 'groups:found.name'), { exact: true }).fill(name);
  if (cards.length > 0) {
    const chooser = page.waitForEvent('filechooser');
    await dialog.getByRole('button', { name: w(lang, 'groups:found.chooseCards'), exact: true }).click();
    await (await chooser).setFiles(cards);
    const chosen = dialog.getByRole('list', { name: w(lang, 'groups:found.chosen') });
    for (const card of cards) await chosen.getByText(path.basename(card), { exact: true }).waitFor();
  }
  const members = cards.length + 1;
  const of = (k: number) => plural(lang, 'groups:of', members, { k });
  // The release threshold: a list of "k of n members", never a number typed out of range.
  const releaseSelect = dialog.getByRole('button', { name: w(lang, 'groups:found.release') });
  if (!(await releaseSelect.innerText()).includes(of(release))) {
    await releaseSelect.click();
    await page.getByRole('option', { name: of(release), exact: true }).click();
  }
  expect(await releaseSelect.innerText()).toContain(of(release));
  await dialog.getByRole('button', { name: w(lang, 'groups:found.submit'), exact: true }).click();
  await expectFocusedHeading(page, name);
  await page.getByRole('status').filter({ hasText: w(lang, 'groups:founded.done', { name }) }).waitFor();
  await page.getByText(w(lang, 'common:trust.mine'), { exact: true }).first().waitFor();
}

/** The fingerprint as its group page shows it: twelve groups of five digits, read off the screen. */
export async function readFingerprint(d: Device, group: string): Promise<string[]> {
  const { page, lang } = d;
  await go(d, 'groups', w(lang, 'groups:title'));
  await page.getByRole('list', { name: w(lang, 'groups:list.label') }).getByRole('button', { name: group, exact: true }).click();
  await expectFocusedHeading(page, group);
  const grid = page.locator('.fingerprint-grid').first();
  await grid.waitFor();
  const groups = (await grid.locator('span').allInnerTexts()).map((s) => s.trim());
  expect(groups).toHaveLength(12);
  for (const g of groups) expect(g).toMatch(/^\d{5}$/);
  return groups;
}

/** The reports list of the Exchange place; waits for one more report than before and returns the newest. */
async function nextReport(d: Device): Promise<Locator> {
  const list = d.page.getByRole('list', { name: w(d.lang, 'exchange:activity.reports'), exact: true });
  // The reports themselves, not the lists of files inside them.
  const items = list.locator(':scope > li');
  d.reports += 1;
  await expect.poll(() => items.count(), { timeout: 60_000 }).toBe(d.reports);
  const report = items.first().locator(':scope > article');
  await expect.poll(async () => (await report.getAttribute('data-tone')) ?? '', { timeout: 60_000 }).toMatch(/^(ok|warning|partial|failed)$/);
  return report;
}

/** Exchange → Sync with the stick folder, chosen in the folder chooser (from the home folder). Returns the report's tone. */
export async function syncWithStick(d: Device, stick: string): Promise<string> {
  const { page, lang } = d;
  await go(d, 'exchange', w(lang, 'exchange:title'));
  await page.getByRole('tab', { name: w(lang, 'exchange:tab.sync'), exact: true }).click();
  await page.getByRole('button', { name: w(lang, 'exchange:sync.chooseAndGo'), exact: true }).click();
  const dialog = page.getByRole('dialog', { name: w(lang, 'exchange:sync.chooseTitle') });
  await dialog.getByRole('button', { name: path.basename(stick), exact: true }).click();
  await expect.poll(() => dialog.locator('code').first().textContent()).toBe(stick);
  await dialog.getByRole('button', { name: w(lang, 'exchange:sync.chooseHere'), exact: true }).click();
  const report = await nextReport(d);
  expect(await report.getAttribute('data-kind')).toBe('sync');
  const tone = (await report.getAttribute('data-tone')) ?? '';
  expect(await report.innerText()).toContain(w(lang, `exchange:tone.sync.${tone}`));
  return tone;
}

/** Exchange → Bring in → Choose bundle files…, the files picked from the stick with the browser's file chooser. */
export async function importFiles(d: Device, files: string[]): Promise<Locator> {
  const { page, lang } = d;
  await go(d, 'exchange', w(lang, 'exchange:title'));
  await page.getByRole('tab', { name: w(lang, 'exchange:tab.import'), exact: true }).click();
  const chooser = page.waitForEvent('filechooser');
  await page.getByRole('button', { name: w(lang, 'exchange:import.choose'), exact: true }).click();
  await (await chooser).setFiles(files);
  const report = await nextReport(d);
  expect(await report.getAttribute('data-kind')).toBe('import');
  expect(['ok', 'warning']).toContain(await report.getAttribute('data-tone'));
  return report;
}

/** Compares the fingerprint group by group, as read aloud from another device, and marks the group verified. */
export async function compareAndVerify(d: Device, group: string, readAloud: string[], justArrived = true): Promise<void> {
  const { page, lang } = d;
  const title = w(lang, 'contacts:compare.title', { name: group });
  if (justArrived) await expectFocusedHeading(page, title);
  else await heading(page, title).waitFor();
  for (const [i, digits] of readAloud.entries()) await page.getByLabel(w(lang, 'contacts:compare.field', { n: i + 1 }), { exact: true }).fill(digits);
  await page.getByRole('status').filter({ hasText: plural(lang, 'contacts:compare.progress', 12, { same: 12 }) }).waitFor();
  expect(await page.getByText(w(lang, 'contacts:compare.same'), { exact: true }).count()).toBe(12);
  await page.getByRole('button', { name: w(lang, 'contacts:compare.submit'), exact: true }).click();
  await expectFocusedHeading(page, group);
  await page.getByRole('status').filter({ hasText: w(lang, 'contacts:compare.done', { name: group }) }).waitFor();
}

/** A comparison with a group misheard: that group "Different", the refusal in words, the page still on the comparison. */
export async function refusedComparison(d: Device, group: string, misheard: string[]): Promise<void> {
  const { page, lang } = d;
  await expectFocusedHeading(page, w(lang, 'contacts:compare.title', { name: group }));
  for (const [i, digits] of misheard.entries()) await page.getByLabel(w(lang, 'contacts:compare.field', { n: i + 1 }), { exact: true }).fill(digits);
  await page.getByText(w(lang, 'contacts:compare.different'), { exact: true }).waitFor();
  await page.getByRole('button', { name: w(lang, 'contacts:compare.submit'), exact: true }).click();
  const refusal = page.getByRole('alert').filter({ hasText: w(lang, 'contacts:error.verify.fingerprint-mismatch') });
  await refusal.waitFor({ timeout: 30_000 });
  expect(await refusal.innerText()).toContain(plural(lang, 'contacts:compare.differ', 1, { groups: '12' }));
  // Still on the comparison (no page says it is verified), the group still not verified.
  await heading(page, w(lang, 'contacts:compare.title', { name: group })).waitFor();
  expect(await page.locator('.page-title').innerText()).not.toContain(w(lang, 'common:trust.verified'));
  await assertA11y(page, `story: a fingerprint refused (${lang})`);
  for (let i = 1; i <= 12; i++) await page.getByLabel(w(lang, 'contacts:compare.field', { n: i }), { exact: true }).fill('');
}

/** A member of a group she received: My groups shows it not verified; she compares it there and it becomes "Your group". */
export async function memberVerifies(d: Device, group: string, readAloud: string[]): Promise<void> {
  const { page, lang } = d;
  await go(d, 'groups', w(lang, 'groups:title'));
  const card = page.getByRole('listitem').filter({ has: page.getByRole('button', { name: group, exact: true }) });
  await card.waitFor();
  // The note and its button share a line: the note's words, then "Compare the fingerprint".
  await card.getByText(w(lang, 'groups:list.unverified')).waitFor();
  await card.getByText(w(lang, 'common:trust.unverifiedFrom', { from: '' })).waitFor();
  expect(await card.innerText()).not.toContain(w(lang, 'common:trust.mine'));
  await card.getByRole('button', { name: w(lang, 'groups:action.compare'), exact: true }).click();
  await compareAndVerify(d, group, readAloud);
  expect(await page.locator('.page-title').innerText()).toContain(w(lang, 'common:trust.mine'));
  const trust = cliJson(d, ['group', 'list']).groups.find((g: { name: string }) => g.name === group);
  expect(trust).toMatchObject({ trust: 'verified', mine: true });
}

/** Write → a new statement for my (only) group, saved as a draft; returns to the draft page. */
export async function writeDraft(d: Device, title: string, body: string, heading_ = w(d.lang, 'write:title')): Promise<void> {
  const { page, lang } = d;
  await expectFocusedHeading(page, heading_);
  await page.getByLabel(w(lang, 'write:field.title'), { exact: true }).fill(title);
  await page.getByLabel(w(lang, 'write:field.body'), { exact: true }).fill(body);
  await page.getByRole('button', { name: w(lang, 'write:save'), exact: true }).click();
  await expectFocusedHeading(page, w(lang, 'write:draft.heading'));
  await page.getByRole('status').filter({ hasText: w(lang, 'write:draft.saved') }).waitFor();
}

/** The badge of the draft page or of a statement's heading. */
export const headBadge = (page: Page) => page.locator('.draft-title [data-verdict], .statement-head [data-verdict]').first();

/** On the draft page: Sign now (for my one group); the outcome in words. */
export async function signDraftNow(d: Device, group: string, have: number, need: number): Promise<void> {
  const { page, lang } = d;
  await page.getByRole('button', { name: plural(lang, 'write:sign.now', 1), exact: true }).click();
  const done = have >= need ? w(lang, 'write:sign.done.released', { group }) : plural(lang, 'write:sign.done.waiting', need, { group, have });
  await page.getByRole('status').filter({ hasText: done }).waitFor({ timeout: 30_000 });
}

/** On the draft page: send it as a file (browser mode: a download), saved into the stick. */
export async function sendDraftToStick(d: Device, stick: string): Promise<string> {
  const { page, lang } = d;
  expect(await page.getByRole('radio', { name: w(lang, 'write:send.file') }).isChecked()).toBe(true);
  const file = await download(page, stick, () => page.getByRole('button', { name: w(lang, 'write:send.toFile'), exact: true }).click());
  await page.getByRole('status').filter({ hasText: w(lang, 'write:sent.downloaded', { file: path.basename(file) }) }).waitFor();
  return file;
}

/**
 * Statements → the row of `title`: its badge's words (once they are `settled`, when given: a list
 * held from before a change is shown at once and refreshed a moment later); then opens it.
 */
export async function openStatement(d: Device, title: string, settled?: string): Promise<string> {
  const { page, lang } = d;
  await go(d, 'statements', w(lang, 'statements:title'));
  const list = page.getByRole('list', { name: w(lang, 'statements:list.label'), exact: true });
  const item = list.getByRole('listitem').filter({ has: page.getByRole('button', { name: title, exact: true }) });
  await item.waitFor({ timeout: 30_000 });
  const rowBadge = async () => (await item.locator('[data-verdict]').innerText()).trim();
  if (settled !== undefined) await expect.poll(rowBadge, { timeout: 15_000 }).toBe(settled);
  const badge = await rowBadge();
  await list.getByRole('button', { name: title, exact: true }).click();
  await expectFocusedHeading(page, title);
  return badge;
}

/** On a statement's page: Sign, confirmed in the dialog; the outcome in words. */
export async function signStatement(d: Device, group: string, have: number, need: number): Promise<void> {
  const { page, lang } = d;
  await page.getByRole('button', { name: w(lang, 'statements:action.sign'), exact: true }).click();
  const dialog = page.getByRole('dialog', { name: w(lang, 'statements:sign.title') });
  await dialog.getByText(group, { exact: true }).waitFor();
  await dialog.getByRole('button', { name: w(lang, 'statements:sign.confirm'), exact: true }).click();
  const key = have >= need ? 'statements:sign.done.released' : 'statements:sign.done.waiting';
  await page.getByRole('status').filter({ hasText: w(lang, key, { group, have, need, count: need }) }).waitFor({ timeout: 30_000 });
}

/** On a statement's page: Export → Exchange's Send, with it chosen, as a file into the stick. */
export async function exportToStick(d: Device, stick: string, title: string): Promise<string> {
  const { page, lang } = d;
  await page.getByRole('button', { name: w(lang, 'statements:action.export'), exact: true }).click();
  await expectFocusedHeading(page, w(lang, 'exchange:title'));
  expect(await page.getByRole('tab', { name: w(lang, 'exchange:tab.export'), exact: true }).getAttribute('aria-selected')).toBe('true');
  const panel = page.getByRole('tabpanel', { name: w(lang, 'exchange:tab.export') });
  await panel.getByText(title).first().waitFor();
  expect(await panel.getByRole('radio', { name: w(lang, 'exchange:export.toFile') }).isChecked()).toBe(true);
  const file = await download(page, stick, () => panel.getByRole('button', { name: w(lang, 'exchange:export.go'), exact: true }).click());
  const report = await nextReport(d);
  expect(await report.getAttribute('data-kind')).toBe('export');
  return file;
}

/** The bundles in the stick folder. */
export const bundlesIn = (stick: string): string[] => readdirSync(stick).filter((n) => n.endsWith('.samizdat'));

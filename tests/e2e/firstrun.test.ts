// The first run in a real browser, clicking as a person does (roles and the words of the UI's own
// catalogues): `samizdat ui` on an empty folder, Debian's Chromium through the harness. The first
// screen offers to create a vault (it never says "locked", never sends anyone to a terminal); a
// weak passphrase is called weak in words and refused until the person ticks "use it anyway"; two
// different passphrases are refused in words, focus on the field to fix; then the vault, my
// identity, and my member card downloaded by the browser (a real card: its JSON fields, its keys
// mine); the app opens; lock, a wrong passphrase refused in the errors' words with focus kept in
// the field that describes it, a Caps Lock hint, unlock. The same in Russian, chosen on the first screen. Then
// keyboard only: Tab, arrows, Space and Enter, no mouse. axe on every step.

import { readFileSync, readdirSync, existsSync } from 'node:fs';
import type { Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { IdentityView } from '../../src/shared/view-models.js';
import {
  assertA11y,
  chooseLanguage,
  closeHarness,
  CHROMIUM,
  emptyVaultDir,
  ensureBuilt,
  errorWords,
  haveChromium,
  lock,
  sidebar,
  startApp,
  words,
  type App,
  type Language,
} from './harness/index.js';

const STRONG = { en: 'kettle orbit vinegar mitten', ru: 'солидарность рабочих навсегда' } as const;

const w = (lang: Language, ref: string, vars?: Record<string, string | number>) => words(lang, ref, vars);

/** No DOM types on this side (see page-globals.ts): what evaluate needs, typed here. */
interface FocusWindow {
  document: { activeElement: unknown };
  samizdat: { 'identity:show': (args: Record<string, never>) => Promise<{ ok: true; value: IdentityView | null }> };
}

const isFocused = (l: Locator): Promise<boolean> => l.evaluate((el: unknown) => el === (globalThis as unknown as FocusWindow).document.activeElement);

const passphraseField = (page: Page, lang: Language) => page.getByLabel(w(lang, 'firstrun:vault.passphrase'), { exact: true });
const confirmField = (page: Page, lang: Language) => page.getByLabel(w(lang, 'passphrase:confirm.label'), { exact: true });
const createButton = (page: Page, lang: Language) => page.getByRole('button', { name: w(lang, 'firstrun:vault.create'), exact: true });
const heading = (page: Page, text: string) => page.getByRole('heading', { name: text, exact: true });

/** The vault's files in the folder (none before creation). */
const vaultFiles = (dir: string): string[] => (existsSync(dir) ? readdirSync(dir) : []);

/** The page says nothing of a lock or a terminal while there is no vault. */
async function neverLockedNorTerminal(page: Page, lang: Language): Promise<void> {
  const text = await page.locator('body').innerText();
  expect(text).not.toContain(w(lang, 'lock:title'));
  const locked = { en: /locked/i, ru: /заблокир/i, uk: /заблоков/i }[lang as 'en' | 'ru' | 'uk'];
  expect(text).not.toMatch(locked);
  expect(text).not.toMatch(/terminal|терминал|термінал|samizdat ui|samizdat init/i);
}

/** Saves the member card through the browser's download and returns what the file holds. */
async function saveCard(page: Page, lang: Language, press: () => Promise<void>): Promise<{ card: Record<string, unknown>; name: string }> {
  const download = page.waitForEvent('download', { timeout: 30_000 });
  await press();
  const file = await download;
  const saved = await file.path();
  const card = JSON.parse(readFileSync(saved, 'utf8')) as Record<string, unknown>;
  await page.getByRole('status').filter({ hasText: file.suggestedFilename() }).waitFor();
  expect(await page.getByRole('status').filter({ hasText: file.suggestedFilename() }).innerText()).toBe(w(lang, 'firstrun:card.downloaded', { file: file.suggestedFilename() }));
  return { card, name: file.suggestedFilename() };
}

/** The card is a member card of my identity: its fields, and its keys those the vault holds. */
async function expectMyCard(page: Page, card: Record<string, unknown>, name: string): Promise<void> {
  expect(Object.keys(card).sort()).toEqual(['box', 'name', 'sig', 'sign', 'type', 'v']);
  expect(card).toMatchObject({ type: 'member-card', v: 1, name });
  expect(card['sign']).toMatch(/^[0-9a-f]{64}$/);
  expect(card['box']).toMatch(/^[0-9a-f]{64}$/);
  expect(card['sig']).toMatch(/^[0-9a-f]{128}$/);
  const mine = await page.evaluate(async () => (await (globalThis as unknown as FocusWindow).samizdat['identity:show']({})).value);
  expect(mine).toEqual({ name, sign: card['sign'], box: card['box'] });
}

/** The whole first run by mouse and typing, in `lang`; leaves the app open at Statements. */
async function firstRun(app: App, lang: Language, name: string): Promise<void> {
  const { page } = app;
  await heading(page, w(lang, 'firstrun:title')).waitFor();
  await heading(page, w(lang, 'firstrun:vault.heading')).waitFor();
  await neverLockedNorTerminal(page, lang);
  await assertA11y(page, `first run, step 1 (${lang})`);

  // A weak passphrase: weak in words, on the meter, and refused until accepted.
  await passphraseField(page, lang).fill('password1');
  const weakWords = w(lang, 'passphrase:strength.instant', { level: w(lang, 'passphrase:strength.level.weak') });
  await page.getByText(weakWords, { exact: true }).waitFor();
  expect(await page.getByRole('meter', { name: w(lang, 'passphrase:meter.label') }).getAttribute('aria-valuetext')).toBe(w(lang, 'passphrase:strength.level.weak'));
  await confirmField(page, lang).fill('password1');
  await createButton(page, lang).click();
  const weakAlert = page.getByRole('alert').filter({ hasText: w(lang, 'passphrase:problem.weak') });
  await weakAlert.waitFor();
  expect(await isFocused(page.getByRole('checkbox', { name: w(lang, 'passphrase:acceptWeak') }))).toBe(true);
  expect(vaultFiles(app.vaultDir)).toEqual([]);
  await assertA11y(page, `first run, weak passphrase refused (${lang})`);

  // A strong one, typed differently twice: refused in words, focus on the second field.
  await passphraseField(page, lang).fill(STRONG[lang as 'en' | 'ru']);
  await page.getByText(w(lang, 'passphrase:strength.centuries', { level: w(lang, 'passphrase:strength.level.strong') }), { exact: true }).waitFor();
  expect(await page.getByRole('checkbox', { name: w(lang, 'passphrase:acceptWeak') }).count()).toBe(0);
  await confirmField(page, lang).fill(`${STRONG[lang as 'en' | 'ru']}!`);
  await createButton(page, lang).click();
  await page.getByRole('alert').filter({ hasText: w(lang, 'passphrase:problem.mismatch') }).waitFor();
  expect(await isFocused(confirmField(page, lang))).toBe(true);
  expect(vaultFiles(app.vaultDir)).toEqual([]);

  // The same twice, the quick protection (the default is the balanced one), and the vault is made.
  await confirmField(page, lang).fill(STRONG[lang as 'en' | 'ru']);
  expect(await page.getByRole('radio', { name: w(lang, 'firstrun:kdf.moderate') }).isChecked()).toBe(true);
  await page.getByText(w(lang, 'firstrun:kdf.interactive'), { exact: true }).click();
  expect(await page.getByRole('radio', { name: w(lang, 'firstrun:kdf.interactive') }).isChecked()).toBe(true);
  await createButton(page, lang).click();
  const step2 = heading(page, w(lang, 'firstrun:identity.heading'));
  await step2.waitFor({ timeout: 30_000 });
  expect(await isFocused(step2)).toBe(true);
  expect(vaultFiles(app.vaultDir).length).toBeGreaterThan(0);
  await neverLockedNorTerminal(page, lang);
  await assertA11y(page, `first run, step 2 (${lang})`);

  // My name: empty is refused in words; then my keys.
  const makeKeys = page.getByRole('button', { name: w(lang, 'firstrun:identity.create'), exact: true });
  await makeKeys.click();
  await page.getByRole('alert').filter({ hasText: w(lang, 'firstrun:name.empty') }).waitFor();
  await page.getByLabel(w(lang, 'firstrun:name.label'), { exact: true }).fill(name);
  await makeKeys.click();
  const cardHeading = heading(page, w(lang, 'firstrun:card.heading'));
  await cardHeading.waitFor({ timeout: 30_000 });
  await page.getByText(w(lang, 'firstrun:card.ready', { name }), { exact: true }).waitFor();
  await page.getByText(w(lang, 'firstrun:card.body'), { exact: true }).waitFor();
  await assertA11y(page, `first run, member card (${lang})`);

  // The card, through the browser's download. The status poll has seen my identity meanwhile;
  // the first run still waits for me.
  const { card } = await saveCard(page, lang, () => page.getByRole('button', { name: w(lang, 'firstrun:card.save'), exact: true }).click());
  await expectMyCard(page, card, name);
  await page.waitForTimeout(5_500); // one status poll
  expect(await cardHeading.isVisible()).toBe(true);

  await page.getByRole('button', { name: w(lang, 'firstrun:done'), exact: true }).click();
  await sidebar(page, lang).waitFor();
}

describe.skipIf(!haveChromium)(haveChromium ? 'the first run' : `skipped: no Chromium at ${CHROMIUM}`, () => {
  beforeAll(async () => {
    await ensureBuilt();
  }, 240_000);
  afterAll(() => closeHarness());

  describe('in English, by mouse', () => {
    let app: App;
    beforeAll(async () => {
      app = await startApp({ vaultDir: emptyVaultDir('first-run-en'), language: 'en' });
    }, 60_000);
    afterAll(() => app?.close());

    it('creates the vault, my identity and my member card; then locks, refuses a wrong passphrase in words, and unlocks', async () => {
      const { page } = app;
      await firstRun(app, 'en', 'Olga');

      await lock(page);
      const field = page.getByLabel(w('en', 'lock:passphrase'), { exact: true });
      expect(await isFocused(field)).toBe(true);
      await field.fill('not the passphrase');
      await page.getByRole('button', { name: w('en', 'lock:unlock'), exact: true }).click();
      const refused = page.getByRole('alert');
      await refused.waitFor({ timeout: 30_000 });
      expect(await refused.innerText()).toBe(errorWords('en', 'vault.wrong-passphrase', 'vault', 'lock'));
      expect(await refused.innerText()).toBe(w('en', 'errors:vault.wrong-passphrase'));
      // Focus stays in the field, which is described by the refusal.
      expect(await isFocused(field)).toBe(true);
      expect((await field.getAttribute('aria-describedby'))?.split(' ')).toContain(await refused.getAttribute('id'));
      expect(await field.getAttribute('aria-invalid')).toBe('true');
      await assertA11y(page, 'lock screen, wrong passphrase (en)');

      // Caps Lock on: a hint the field is described by, gone when it is off. (A headless browser
      // has no Caps Lock of its own: the key events carry the state, as the OS's would.)
      const key = (type: string, caps: boolean) =>
        field.evaluate(
          (el: unknown, [t, c]) => {
            const g = globalThis as unknown as { KeyboardEvent: new (type: string, init: object) => unknown };
            (el as { dispatchEvent(e: unknown): void }).dispatchEvent(new g.KeyboardEvent(t as string, { key: 'a', bubbles: true, modifierCapsLock: c }));
          },
          [type, caps] as const,
        );
      const capsHint = page.getByText(w('en', 'passphrase:capsLock'), { exact: true });
      await key('keydown', true);
      await capsHint.waitFor();
      expect((await field.getAttribute('aria-describedby'))?.split(' ')).toContain(await capsHint.getAttribute('id'));
      await key('keyup', false);
      await capsHint.waitFor({ state: 'hidden' });

      await field.fill(STRONG.en);
      await page.getByRole('button', { name: w('en', 'lock:unlock'), exact: true }).click();
      await sidebar(page, 'en').waitFor({ timeout: 30_000 });
    }, 180_000);
  });

  describe('a weak passphrase, accepted explicitly', () => {
    let app: App;
    beforeAll(async () => {
      app = await startApp({ vaultDir: emptyVaultDir('first-run-weak'), language: 'en' });
    }, 60_000);
    afterAll(() => app?.close());

    it('makes the vault once the person ticks "use it anyway"', async () => {
      const { page } = app;
      await passphraseField(page, 'en').fill('password1');
      await confirmField(page, 'en').fill('password1');
      await page.getByText(w('en', 'firstrun:kdf.interactive'), { exact: true }).click();
      await page.getByText(w('en', 'passphrase:acceptWeak'), { exact: true }).click();
      expect(await page.getByRole('checkbox', { name: w('en', 'passphrase:acceptWeak') }).isChecked()).toBe(true);
      await createButton(page, 'en').click();
      await heading(page, w('en', 'firstrun:identity.heading')).waitFor({ timeout: 30_000 });
      expect(vaultFiles(app.vaultDir).length).toBeGreaterThan(0);
    }, 120_000);
  });

  describe('in Russian, chosen on the first screen', () => {
    let app: App;
    beforeAll(async () => {
      app = await startApp({ vaultDir: emptyVaultDir('first-run-ru'), language: 'en' });
    }, 60_000);
    afterAll(() => app?.close());

    it('goes the same way in Russian words', async () => {
      await heading(app.page, w('en', 'firstrun:title')).waitFor();
      await chooseLanguage(app.page, 'ru');
      await firstRun(app, 'ru', 'Ольга');
    }, 180_000);
  });

  describe('keyboard only', () => {
    let app: App;
    beforeAll(async () => {
      app = await startApp({ vaultDir: emptyVaultDir('first-run-keys'), language: 'en' });
    }, 60_000);
    afterAll(() => app?.close());

    /** Presses Tab until `target` has focus, as a person listens for the label she wants. */
    async function tabTo(target: Locator, what: string): Promise<void> {
      for (let i = 0; i < 30; i++) {
        await app.page.keyboard.press('Tab');
        if (await isFocused(target)) return;
      }
      throw new Error(`Tab never reached ${what}`);
    }

    it('creates the vault, the identity and the card with Tab, arrows, Space and Enter', async () => {
      const { page } = app;
      const kb = page.keyboard;
      await heading(page, w('en', 'firstrun:title')).waitFor();

      await tabTo(passphraseField(page, 'en'), 'the passphrase');
      await kb.type(STRONG.en);
      await tabTo(confirmField(page, 'en'), 'the confirmation');
      await kb.type(STRONG.en);
      // The radio group is one Tab stop, on the chosen preset; an arrow chooses another.
      const balanced = page.getByRole('radio', { name: w('en', 'firstrun:kdf.moderate') });
      await tabTo(balanced, 'the protection');
      await kb.press('ArrowUp');
      const quick = page.getByRole('radio', { name: w('en', 'firstrun:kdf.interactive') });
      expect(await quick.isChecked()).toBe(true);
      await tabTo(createButton(page, 'en'), 'Create the vault');
      await kb.press('Enter');

      const step2 = heading(page, w('en', 'firstrun:identity.heading'));
      await step2.waitFor({ timeout: 30_000 });
      expect(await isFocused(step2)).toBe(true);
      await tabTo(page.getByLabel(w('en', 'firstrun:name.label'), { exact: true }), 'my name');
      await kb.type('Anna');
      await kb.press('Enter');

      const cardHeading = heading(page, w('en', 'firstrun:card.heading'));
      await cardHeading.waitFor({ timeout: 30_000 });
      expect(await isFocused(cardHeading)).toBe(true);
      const save = page.getByRole('button', { name: w('en', 'firstrun:card.save'), exact: true });
      await tabTo(save, 'Save my member card');
      const { card } = await saveCard(page, 'en', () => kb.press('Enter'));
      await expectMyCard(page, card, 'Anna');

      await tabTo(page.getByRole('button', { name: w('en', 'firstrun:done'), exact: true }), 'Open Samizdat');
      await kb.press('Space');
      await sidebar(page, 'en').waitFor();
    }, 180_000);
  });
});

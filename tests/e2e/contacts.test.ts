// The Contacts place in a real browser, clicking as a person does (roles and the words of the UI's
// own catalogues), on `samizdat demo`'s vault: every group that is not mine with its trust in
// words (verified, not verified with where it was first seen, a fork, the lookalike naming the
// group it looks like); a group's fingerprint as twelve groups of five digits with its QR code
// drawn as rectangles; the comparison: a wrong group refuses in plain words and changes nothing
// (the CLI says so too), the right ones mark the group verified, and its badge changes in the list
// and beside its statements. THE IMPOSTOR: "KRАS-IWA" (a Cyrillic А) from a stranger carries the
// lookalike warning naming KRAS-IWA in the list, on its page and on its comparison. axe finds no
// serious or critical violation on the list, a group and the comparison in en, ru and uk.

import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { groupFingerprint } from '../../src/core/verify/statement.js';
import { runCli } from '../helpers/cli.js';
import { assertA11y, closeHarness, CHROMIUM, demoVault, ensureBuilt, haveChromium, startApp, type App, type VaultFixture } from './harness/index.js';
import { words, type Language } from './harness/words.js';

const shots = process.env['SAMIZDAT_SHOTS'] ?? path.join(process.cwd(), 'test-results', 'contacts');

const c = (lang: Language, key: string, vars?: Record<string, string | number>) => words(lang, `contacts:${key}`, vars);
/** A name quoted as the language quotes it (“…” or «…»). */
const q = (lang: Language, name: string) => c(lang, 'quote', { name });
const common = (lang: Language, key: string, vars?: Record<string, string | number>) => words(lang, `common:${key}`, vars);

const KRAS = 'KRAS-IWA';
const IMPOSTOR = 'KR\u0410S-IWA';
const TRANSLATORS = 'Вільний переклад — Львів';
const TEACHERS = 'Учителя против войны';

async function shot(page: Page, name: string): Promise<void> {
  mkdirSync(shots, { recursive: true });
  await page.screenshot({ path: path.join(shots, `${name}.png`), fullPage: true });
}

const nav = (page: Page, lang: Language, place: string) =>
  page.getByRole('navigation', { name: common(lang, 'nav.label') }).getByRole('button', { name: common(lang, `nav.${place}`), exact: true }).click();

/** A group's card in the list: the article holding the button named by its name (exactly: the impostor's differs by one letter). */
const card = (page: Page, name: string) => page.locator('article.group-card').filter({ has: page.getByRole('button', { name, exact: true }) });
const badgeOf = async (page: Page, name: string) => ((await card(page, name).locator('.trust').first().textContent()) ?? '').trim();

interface CliGroup {
  id: string;
  name: string;
  trust: string;
}

describe.skipIf(!haveChromium)(haveChromium ? 'the contacts place' : `skipped: no Chromium at ${CHROMIUM}`, () => {
  let demo: VaultFixture;
  let app: App;
  let page: Page;
  let groups: CliGroup[];
  const env = () => ({ SAMIZDAT_VAULT: demo.dir, SAMIZDAT_PASSPHRASE: demo.passphrase });
  const cliGroups = (): CliGroup[] => (runCli(['--json', 'group', 'list'], env()).json() as { groups: CliGroup[] }).groups;
  const id = (name: string) => groups.find((g) => g.name === name)?.id as string;

  beforeAll(async () => {
    await ensureBuilt();
    demo = demoVault();
    groups = cliGroups();
    app = await startApp({ vaultDir: demo.dir, passphrase: demo.passphrase, language: 'en' });
    page = app.page;
  }, 240_000);

  afterAll(async () => {
    await app?.close();
    await closeHarness();
  });

  it('lists every group that is not mine with its trust in words; the impostor names the group it looks like', async () => {
    const lang = 'en';
    await nav(page, lang, 'contacts');
    await page.getByRole('heading', { name: c(lang, 'title'), exact: true, level: 1 }).waitFor();
    const list = page.getByRole('list', { name: c(lang, 'list.label') });
    await list.waitFor();
    const names = await list.locator('.group-card-name').allTextContents();
    expect(names.sort()).toEqual([KRAS, IMPOSTOR, TRANSLATORS, TEACHERS].sort());
    expect(names).not.toContain(demo.groups.find((g) => g.mine)?.name);
    expect(await badgeOf(page, KRAS)).toBe(common(lang, 'trust.verified'));
    expect(await badgeOf(page, TRANSLATORS)).toMatch(/^Not verified — first seen on import from .+\.samizdat$/);
    expect(await badgeOf(page, TEACHERS)).toBe(common(lang, 'trust.broken.fork'));
    // THE IMPOSTOR, in the list: never verified, the warning names KRAS-IWA and its Cyrillic letter.
    expect(await badgeOf(page, IMPOSTOR)).toBe(common(lang, 'trust.lookalike', { names: `“${KRAS}”` }));
    const warning = card(page, IMPOSTOR).locator('.lookalike-note');
    expect(await warning.textContent()).toBe(`${c(lang, 'lookalike.title', { name: q(lang, IMPOSTOR), others: q(lang, KRAS) })} Look closely: in its name, “А” is a Cyrillic letter; the others are Latin.`);
    expect(await card(page, KRAS).locator('.lookalike-note').count()).toBe(0);
    await shot(page, 'list-en');
    await assertA11y(page, 'contacts list en');
  });

  it('THE IMPOSTOR: its page and its comparison warn, naming KRAS-IWA', async () => {
    const lang = 'en';
    await card(page, IMPOSTOR).getByRole('button', { name: IMPOSTOR, exact: true }).click();
    await page.getByRole('heading', { name: IMPOSTOR, exact: true, level: 1 }).waitFor();
    const warning = page.locator('.lookalike-note');
    expect(await warning.textContent()).toContain(c(lang, 'lookalike.title', { name: q(lang, IMPOSTOR), others: q(lang, KRAS) }));
    expect(await warning.textContent()).toContain(c(lang, 'lookalike.todo'));
    expect(await warning.getAttribute('data-looks-like')).toBe(KRAS);
    expect(await page.locator('.page-title .trust').textContent()).toBe(common(lang, 'trust.lookalike', { names: `“${KRAS}”` }));
    await shot(page, 'impostor-en');
    await assertA11y(page, 'impostor en');
    await page.getByRole('button', { name: c(lang, 'action.compare') }).click();
    await page.getByRole('heading', { name: c(lang, 'compare.title', { name: IMPOSTOR }), level: 1 }).waitFor();
    expect(await page.locator('.lookalike-note').textContent()).toContain(`looks like “${KRAS}”`);
    // The way to the group it imitates: the real KRAS-IWA, verified, with no warning.
    await page.getByRole('button', { name: c(lang, 'lookalike.open', { name: KRAS }) }).click();
    await page.getByRole('heading', { name: KRAS, exact: true, level: 1 }).waitFor();
    expect(await page.locator('.page-title .trust').textContent()).toBe(common(lang, 'trust.verified'));
    expect(await page.locator('.lookalike-note').count()).toBe(0);
    await nav(page, lang, 'contacts');
  });

  it('shows a group’s fingerprint as twelve groups of five digits and a QR code of rectangles', async () => {
    const lang = 'en';
    await card(page, TRANSLATORS).getByRole('button', { name: TRANSLATORS, exact: true }).click();
    await page.getByRole('heading', { name: TRANSLATORS, level: 1 }).waitFor();
    const fp = page.getByRole('region', { name: c(lang, 'fingerprint.heading') });
    // The heading can come before the group's own answer: wait for the last group of digits.
    await fp.locator('.fingerprint-group').nth(11).waitFor();
    const digits = await fp.locator('.fingerprint-group').allTextContents();
    expect(digits.join(' ')).toBe(groupFingerprint(id(TRANSLATORS)));
    // Four to a line, in a monospace face.
    const tops = await fp.locator('.fingerprint-group').evaluateAll((els) => els.map((e) => Math.round((e as unknown as { getBoundingClientRect(): { top: number } }).getBoundingClientRect().top)));
    expect(new Set(tops).size).toBe(3);
    expect(await fp.locator('.fingerprint-grid').evaluate((e) => (globalThis as unknown as { getComputedStyle(el: unknown): { fontFamily: string } }).getComputedStyle(e).fontFamily)).toMatch(/mono/i);
    const qr = fp.getByRole('img', { name: c(lang, 'fingerprint.qr', { name: TRANSLATORS }) });
    expect(await qr.evaluate((e) => (e as unknown as { tagName: string }).tagName.toLowerCase())).toBe('svg');
    expect(await qr.locator('rect').count()).toBeGreaterThan(50);
    expect(await fp.locator('img, image, foreignObject').count()).toBe(0);
    expect(await page.getByText(c(lang, 'unverified.todo'), { exact: false }).count()).toBe(1);
    await shot(page, 'contact-en');
    await assertA11y(page, 'contact en');
  });

  it('a wrong group refuses in plain words and changes nothing; the right ones mark the group verified, everywhere', async () => {
    const lang = 'en';
    await page.getByRole('button', { name: c(lang, 'action.compare') }).click();
    await page.getByRole('heading', { name: c(lang, 'compare.title', { name: TRANSLATORS }), level: 1 }).waitFor();
    const read = groupFingerprint(id(TRANSLATORS)).split(' ');
    const field = (n: number) => page.getByRole('textbox', { name: c(lang, 'compare.field', { n }), exact: true });
    // She reads; Olga types each group as she hears it. Group 7 is misheard.
    const misheard = read.map((group, i) => (i === 6 ? group.replace(/^./, (d) => String((Number(d) + 1) % 10)) : group));
    for (const [i, group] of misheard.entries()) await field(i + 1).fill(group);
    const row7 = page.getByRole('row').filter({ has: field(7) });
    expect(await row7.textContent()).toContain(c(lang, 'compare.different'));
    expect(await page.getByRole('row').filter({ has: field(1) }).textContent()).toContain(c(lang, 'compare.same'));
    await page.getByRole('button', { name: c(lang, 'compare.submit') }).click();
    const alert = page.getByRole('alert');
    await alert.waitFor();
    expect(await alert.textContent()).toBe(`${c(lang, 'error.verify.fingerprint-mismatch')} ${c(lang, 'compare.differ_one', { groups: '7' })}`);
    await shot(page, 'compare-mismatch-en');
    await assertA11y(page, 'compare mismatch en');
    // Nothing changed: not in the vault, not in the list.
    expect(cliGroups().find((g) => g.name === TRANSLATORS)?.trust).toBe('unverified');

    // The right digits, typed again: verified.
    await field(7).fill(read[6] as string);
    expect(await row7.textContent()).toContain(c(lang, 'compare.same'));
    await page.getByRole('button', { name: c(lang, 'compare.submit') }).click();
    await page.getByRole('heading', { name: TRANSLATORS, level: 1 }).waitFor();
    await page.getByText(c(lang, 'compare.done', { name: TRANSLATORS })).waitFor();
    expect(await page.locator('.page-title .trust').textContent()).toBe(common(lang, 'trust.verified'));
    expect(cliGroups().find((g) => g.name === TRANSLATORS)?.trust).toBe('verified');
    await shot(page, 'verified-en');

    await page.getByRole('button', { name: c(lang, 'back') }).click();
    await card(page, TRANSLATORS).waitFor();
    expect(await badgeOf(page, TRANSLATORS)).toBe(common(lang, 'trust.verified'));
    // Beside its statements, too.
    await nav(page, lang, 'statements');
    const rows = page.getByRole('list', { name: words(lang, 'statements:list.label') }).getByRole('listitem').filter({ hasText: TRANSLATORS });
    await rows.first().waitFor();
    await expect.poll(async () => (await rows.allTextContents()).every((t) => t.includes(`${TRANSLATORS} ${common(lang, 'trust.verified')}`))).toBe(true);
  });

  for (const lang of ['ru', 'uk'] as const) {
    it(`reads in ${lang}: the list, a group and the comparison, with no serious or critical axe violation`, async () => {
      const other = await startApp({ vaultDir: demo.dir, passphrase: demo.passphrase, language: lang });
      try {
        const p = other.page;
        await nav(p, lang, 'contacts');
        await p.getByRole('heading', { name: c(lang, 'title'), exact: true, level: 1 }).waitFor();
        await card(p, IMPOSTOR).waitFor();
        expect(await badgeOf(p, IMPOSTOR)).toBe(common(lang, 'trust.lookalike', { names: `“${KRAS}”` }));
        expect(await card(p, IMPOSTOR).locator('.lookalike-note').textContent()).toContain(c(lang, 'lookalike.title', { name: q(lang, IMPOSTOR), others: q(lang, KRAS) }));
        expect(await p.getByRole('status').filter({ hasText: lang === 'ru' ? /^4 группы$/ : /^4 групи$/ }).count()).toBe(1);
        await shot(p, `list-${lang}`);
        await assertA11y(p, `contacts list ${lang}`);
        await card(p, IMPOSTOR).getByRole('button', { name: IMPOSTOR, exact: true }).click();
        await p.getByRole('heading', { name: IMPOSTOR, exact: true, level: 1 }).waitFor();
        expect(await p.locator('.lookalike-note').textContent()).toContain(c(lang, 'lookalike.title', { name: q(lang, IMPOSTOR), others: q(lang, KRAS) }));
        await shot(p, `impostor-${lang}`);
        await assertA11y(p, `contact ${lang}`);
        await p.getByRole('button', { name: c(lang, 'action.compare') }).click();
        await p.getByRole('heading', { name: c(lang, 'compare.title', { name: IMPOSTOR }), level: 1 }).waitFor();
        await p.getByRole('textbox', { name: c(lang, 'compare.field', { n: 1 }), exact: true }).fill('00000');
        await shot(p, `compare-${lang}`);
        await assertA11y(p, `compare ${lang}`);
      } finally {
        await other.close();
      }
    });
  }
});

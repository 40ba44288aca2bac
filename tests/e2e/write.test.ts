// The Write place in a real browser, clicking as a person does (roles and the words of the UI's own
// catalogues): `samizdat ui` on Olga's vault, made with the CLI on two devices, Olga's and Ivan's.
// Olga is in "Solidarity Network" (2 of 2, with Ivan) and alone in "Рабочая газета" (1 of 1), which
// released "Стачка в депо". Bad input (no title, no group, no text) is refused in words with
// nothing created; a statement in Ukrainian with **bold** shows <strong> in its preview and never
// an element of the HTML in its text; saved with an attached file, signed (1 of 2), it waits in the drafts;
// sent to a folder standing in for a stick it is encrypted to the members (`samizdat check` with no
// key exits 3) and Ivan's vault imports it, file and all; sent as a file it is a download, also
// encrypted; the same name twice on the stick is refused in words; a translation started from
// "Стачка в депо" carries the relation (`statement show --json`). axe on every step, and on the
// form in English, Russian and Ukrainian.

import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Page, Route } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RemovableDrive } from '../../src/shared/view-models.js';
import { device, runCli, tempDir } from '../helpers/cli.js';
import { assertA11y, chooseLanguage, CHROMIUM, closeHarness, ensureBuilt, haveChromium, startApp, words, type App, type Language } from './harness/index.js';

type Device = ReturnType<typeof device>;

const PASSPHRASE = 'a passphrase for the write place';
const SOLIDARITY = 'Solidarity Network';
const PRESS = 'Рабочая газета';
const ORIGINAL = 'Стачка в депо';
const UK_TITLE = 'Страйк у депо';
const UK_BODY = ['**Солідарність** з водіями депо.', '', '<b>не жирний</b> <img src=x onerror="window.__pwned=1">', ''].join('\n');
const TRANSLATION = 'Strike at the depot';
const shots = process.env['SAMIZDAT_SHOTS'] ?? path.join(process.cwd(), 'test-results', 'write');

const w = (lang: Language, key: string, vars?: Record<string, string | number>) => words(lang, `write:${key}`, vars);
const common = (lang: Language, key: string, vars?: Record<string, string | number>) => words(lang, `common:${key}`, vars);

function ok(d: Device, args: string[]) {
  const r = d.run(['--json', ...args]);
  if (r.status !== 0) throw new Error(`${d.name}: samizdat ${args.join(' ')} exited ${r.status}: ${r.stderr}`);
  return r.json();
}

/** Olga's statements as the CLI lists them (the same vault the app has open). */
const listed = (d: Device): { id: string; title: string }[] => ok(d, ['statement', 'list', '--limit', '1000']).items;

/** drives:list as the page sees it: a stick "plugged in" is a real folder, reported as a removable drive. */
class FakeDrives {
  drives: RemovableDrive[] = [];
  async install(page: Page): Promise<void> {
    await page.route('**/api/drives:list', (route: Route) => route.fulfill({ status: 200, contentType: 'application/json', body: JSON.stringify({ ok: true, value: this.drives }) }));
  }
  plug(dir: string, label: string): void {
    this.drives = [{ path: dir, label, device: '/dev/sdz1', fsType: 'vfat', sizeBytes: 8 * 1024 ** 3, freeBytes: 5 * 1024 ** 3 }];
  }
}

async function shot(page: Page, name: string): Promise<void> {
  mkdirSync(shots, { recursive: true });
  await page.screenshot({ path: path.join(shots, `${name}.png`), fullPage: true });
}

/** Ticks a group of mine as an author, by clicking its name as a person does. */
async function tick(page: Page, lang: Language, group: string): Promise<void> {
  const groups = page.getByRole('group', { name: w(lang, 'field.authors') });
  await groups.getByText(group, { exact: true }).click();
  await expect.poll(() => groups.getByRole('checkbox', { name: new RegExp(group) }).isChecked()).toBe(true);
}

async function goWrite(page: Page, lang: Language): Promise<void> {
  await page.getByRole('navigation', { name: common(lang, 'nav.label') }).getByRole('button', { name: common(lang, 'nav.write'), exact: true }).click();
  await page.getByRole('heading', { name: w(lang, 'title'), exact: true }).waitFor();
}

describe.skipIf(!haveChromium)(haveChromium ? 'the write place' : `skipped: no Chromium at ${CHROMIUM}`, () => {
  const tmp = tempDir('samizdat-write-');
  const home = path.join(tmp.path, 'home');
  const stick = path.join(tmp.path, 'STICK');
  let olga: Device;
  let ivan: Device;
  let original: string;
  let app: App;
  let page: Page;
  const drives = new FakeDrives();
  const lang = 'en';

  beforeAll(async () => {
    await ensureBuilt();
    mkdirSync(home);
    mkdirSync(stick);
    olga = device(tmp.path, 'olga', PASSPHRASE);
    ivan = device(tmp.path, 'ivan');
    for (const d of [olga, ivan]) {
      ok(d, ['init', '--kdf', 'interactive']);
      ok(d, ['me', 'create', '--name', d === olga ? 'Olga' : 'Ivan']);
      ok(d, ['me', 'export', '--out', path.join(tmp.path, `${d.name}.card`)]);
    }
    ok(olga, ['group', 'create', '--name', SOLIDARITY, '--member', path.join(tmp.path, 'ivan.card'), '--threshold', '2']);
    ok(olga, ['group', 'create', '--name', PRESS, '--threshold', '1']);
    // Ivan holds the group's charter, as a member does once it was carried to him.
    ok(olga, ['export', '--group', SOLIDARITY, '--out', path.join(tmp.path, 'charter.samizdat')]);
    ok(ivan, ['import', path.join(tmp.path, 'charter.samizdat')]);
    writeFileSync(path.join(tmp.path, 'original.md'), 'Водители депо **бастуют** с понедельника.\n');
    original = ok(olga, ['statement', 'new', '--group', PRESS, '--title', ORIGINAL, '--lang', 'ru', '--body', path.join(tmp.path, 'original.md')]).id;
    ok(olga, ['sign', original]);
    writeFileSync(path.join(tmp.path, 'leaflet.txt'), 'Листовка: все на собрание в пятницу.\n'.repeat(40));
    writeFileSync(path.join(tmp.path, 'not-this.pdf'), Buffer.alloc(2048, 1));

    app = await startApp({ vaultDir: olga.vault, passphrase: PASSPHRASE, language: lang, env: { HOME: home } });
    page = app.page;
    await drives.install(page);
  }, 240_000);

  afterAll(async () => {
    await app?.close();
    await closeHarness();
    tmp.remove();
  });

  it('refuses a statement with no title, no group and no text, in words, with focus on the title, and creates nothing', async () => {
    await goWrite(page, lang);
    // Two groups of mine: none is chosen for her.
    for (const name of [SOLIDARITY, PRESS]) expect(await page.getByRole('checkbox', { name: new RegExp(name) }).isChecked()).toBe(false);
    await page.getByRole('button', { name: w(lang, 'save'), exact: true }).click();
    const alert = page.getByRole('alert').filter({ hasText: w(lang, 'problems.summary_other', { count: 3, fields: 'title, groups, and text' }) });
    await alert.waitFor();
    const title = page.getByLabel(w(lang, 'field.title'), { exact: true });
    expect(await title.getAttribute('aria-invalid')).toBe('true');
    await expect.poll(() => title.evaluate((el) => el === (globalThis as unknown as { document: { activeElement: unknown } }).document.activeElement)).toBe(true);
    await page.getByText(w(lang, 'problem.title.empty'), { exact: true }).waitFor();
    await page.getByText(w(lang, 'problem.authors.none'), { exact: true }).waitFor();
    await page.getByText(w(lang, 'problem.body.empty'), { exact: true }).waitFor();
    // The field says what is wrong with it: its error describes it.
    const describedBy = (await title.getAttribute('aria-describedby')) ?? '';
    const descriptions = await Promise.all(describedBy.split(' ').filter(Boolean).map((id) => page.locator(`[id="${id}"]`).textContent()));
    expect(descriptions).toContain(w(lang, 'problem.title.empty'));
    // A title alone is not enough either: still no group.
    await title.fill('Без группы');
    await page.getByLabel(w(lang, 'field.body'), { exact: true }).fill('Текст.');
    await page.getByRole('button', { name: w(lang, 'save'), exact: true }).click();
    await page.getByRole('alert').filter({ hasText: w(lang, 'problems.summary_one', { count: 1, fields: 'groups' }) }).waitFor();
    // Focus on the first of the groups to choose from.
    await expect.poll(() => page.evaluate(() => (globalThis as unknown as { document: { activeElement: { getAttribute(n: string): string | null } | null } }).document.activeElement?.getAttribute('type'))).toBe('checkbox');
    await shot(page, 'compose-refused-en');
    await assertA11y(page, 'write compose refused en');
    expect(listed(olga).map((s) => s.title)).toEqual([ORIGINAL]);
  });

  it('writes a statement in Ukrainian with **bold**: the preview shows <strong>, and never HTML from the text', async () => {
    await page.getByRole('navigation', { name: common(lang, 'nav.label') }).getByRole('button', { name: common(lang, 'nav.statements'), exact: true }).click();
    await goWrite(page, lang); // a fresh form
    const today = new Date();
    const iso = `${today.getFullYear()}-${String(today.getMonth() + 1).padStart(2, '0')}-${String(today.getDate()).padStart(2, '0')}`;
    expect(await page.getByLabel(w(lang, 'field.date'), { exact: true }).inputValue()).toBe(iso);
    await page.getByLabel(w(lang, 'field.title'), { exact: true }).fill(UK_TITLE);
    await page.getByRole('button', { name: w(lang, 'field.lang') }).click();
    await page.getByRole('option', { name: /^Ukrainian/ }).click();
    await tick(page, lang, SOLIDARITY);
    await page.getByLabel(w(lang, 'field.body'), { exact: true }).fill(UK_BODY);
    const preview = page.getByRole('region', { name: w(lang, 'preview.heading') });
    await expect.poll(() => preview.locator('strong').allTextContents()).toEqual(['Солідарність']);
    expect(await preview.locator('[lang]').first().getAttribute('lang')).toBe('uk');
    expect(await preview.locator('b, img, script').count()).toBe(0);
    // The HTML in the text is never HTML: no element of it, nothing run; its words are still there.
    expect(await preview.textContent()).toContain('не жирний');
    expect(await page.evaluate(() => (globalThis as unknown as { __pwned?: number }).__pwned)).toBeUndefined();

    // Files: chosen with the browser's picker, shown with name and size, removable before saving.
    const attach = async (file: string) => {
      const chooser = page.waitForEvent('filechooser');
      await page.getByRole('button', { name: w(lang, 'attachments.add'), exact: true }).click();
      await (await chooser).setFiles(path.join(tmp.path, file));
      await page.getByRole('button', { name: w(lang, 'attachments.remove', { name: file }) }).waitFor();
    };
    await attach('leaflet.txt');
    await attach('not-this.pdf');
    const files = page.getByRole('region', { name: w(lang, 'field.attachments') }).getByRole('listitem');
    await expect.poll(() => files.allTextContents()).toEqual([expect.stringMatching(/^leaflet\.txt [\d.]+ kB/), expect.stringMatching(/^not-this\.pdf 2 kB/)]);
    await page.getByRole('button', { name: w(lang, 'attachments.remove', { name: 'not-this.pdf' }) }).click();
    await expect.poll(() => files.count()).toBe(1);
    await shot(page, 'compose-uk-en');
    await assertA11y(page, 'write compose filled en');

    await page.getByRole('button', { name: w(lang, 'save'), exact: true }).click();
    await page.getByRole('heading', { name: w(lang, 'draft.heading'), exact: true }).waitFor();
    await page.getByRole('status').filter({ hasText: w(lang, 'draft.saved') }).waitFor();
    const saved = listed(olga).find((s) => s.title === UK_TITLE);
    expect(saved).toBeDefined();
    const shown = ok(olga, ['statement', 'show', saved!.id]);
    expect(shown.statement).toMatchObject({ lang: 'uk', date: iso, body: UK_BODY, relations: [] });
    expect(shown.statement.attachments.map((a: { name: string; size: number }) => [a.name, a.size])).toEqual([['leaflet.txt', readFileSync(path.join(tmp.path, 'leaflet.txt')).length]]);
  });

  it('signs it now for Solidarity Network: 1 of 2, in words and on its badge', async () => {
    await page.getByRole('button', { name: w(lang, 'sign.now_one'), exact: true }).click();
    await page.getByText(w(lang, 'sign.done.waiting_other', { group: SOLIDARITY, have: 1, count: 2 })).waitFor();
    await expect.poll(() => page.locator('.draft-title [data-verdict]').textContent()).toBe(common(lang, 'status.waitingCount_other', { have: 1, count: 2 }));
    await expect.poll(() => page.getByRole('button', { name: w(lang, 'sign.now_one'), exact: true }).count()).toBe(0);
    await shot(page, 'draft-signed-en');
    await assertA11y(page, 'write draft signed en');
  });

  it('lists it among the drafts waiting for signatures, 1 of 2, and opens the statement from there', async () => {
    await goWrite(page, lang);
    // Above the form, that one is waiting, and the way to it.
    await page.getByText(w(lang, 'drafts.note_one', { count: 1 })).waitFor();
    await page.getByRole('link', { name: w(lang, 'drafts.note.go') }).click();
    await expect.poll(() => page.evaluate(() => (globalThis as unknown as { document: { activeElement: { textContent: string | null } | null } }).document.activeElement?.textContent)).toBe(w(lang, 'drafts.heading'));
    const drafts = page.getByRole('region', { name: w(lang, 'drafts.heading') });
    const row = drafts.getByRole('listitem').filter({ hasText: UK_TITLE });
    await row.waitFor();
    // The released original is not a draft.
    expect(await drafts.getByRole('listitem').filter({ hasText: ORIGINAL }).count()).toBe(0);
    expect(await row.locator('[data-verdict]').textContent()).toBe(common(lang, 'status.waitingCount_other', { have: 1, count: 2 }));
    await shot(page, 'drafts-en');
    await row.getByRole('button', { name: UK_TITLE, exact: true }).click();
    await page.getByRole('heading', { name: UK_TITLE, exact: true }).waitFor();
  });

  it('sends it to a stick (a folder standing in for one): encrypted to the members; check without their key exits 3; Ivan imports it, file and all', async () => {
    await goWrite(page, lang);
    await page.getByRole('region', { name: w(lang, 'drafts.heading') }).getByRole('listitem').filter({ hasText: UK_TITLE }).getByRole('button', { name: w(lang, 'drafts.send') }).click();
    await page.getByRole('heading', { name: w(lang, 'draft.heading'), exact: true }).waitFor();
    await page.getByText(w(lang, 'sign.already', { groups: SOLIDARITY })).waitFor();
    await page.getByText(w(lang, 'send.drives.none')).waitFor();
    drives.plug(stick, 'STICK');
    const onStick = page.getByRole('radio', { name: /STICK/ });
    await expect.poll(() => onStick.isChecked(), { timeout: 15_000 }).toBe(true);
    await page.getByText(w(lang, 'send.encrypted', { groups: SOLIDARITY })).waitFor();
    await page.getByRole('button', { name: w(lang, 'send.toDrive', { label: 'STICK' }), exact: true }).click();
    const outcome = page.locator('.send-outcome');
    await outcome.waitFor({ timeout: 30_000 });
    await expect.poll(() => outcome.textContent()).toContain(w(lang, 'sent.members_other', { count: 2 }));
    const file = path.join(stick, `${UK_TITLE}.samizdat`);
    expect(await outcome.textContent()).toContain(`Written to STICK: ${UK_TITLE}.samizdat`);
    await shot(page, 'draft-sent-stick-en');
    await assertA11y(page, 'write draft sent en');

    const bytes = readFileSync(file);
    expect(bytes.subarray(0, 22).toString()).toBe('age-encryption.org/v1\n');
    expect(bytes.includes(Buffer.from('Солідарність'))).toBe(false);
    expect(runCli(['check', file], { HOME: home }).status).toBe(3);
    const imported = ok(ivan, ['import', file]);
    expect(imported.files[0]).toMatchObject({ envelope: 'members', added: { statement: 1, signature: 1 } });
    const his = listed(ivan).find((s) => s.title === UK_TITLE);
    expect(his).toBeDefined();
    expect(ok(ivan, ['statement', 'show', his!.id]).statement.attachments.map((a: { name: string }) => a.name)).toEqual(['leaflet.txt']);

    // The same name again: refused in words, nothing replaced.
    await page.getByRole('button', { name: w(lang, 'send.toDrive', { label: 'STICK' }), exact: true }).click();
    await page.locator('[data-code="exchange.out-exists"]').filter({ hasText: w(lang, 'error.exchange.out-exists') }).waitFor({ timeout: 30_000 });
    expect(readFileSync(file).equals(bytes)).toBe(true);
  });

  it('sends it as a file: the browser downloads it, encrypted to the members', async () => {
    const where = page.getByRole('radiogroup', { name: w(lang, 'send.where') });
    await where.getByText(w(lang, 'send.file'), { exact: true }).click();
    await expect.poll(() => where.getByRole('radio', { name: w(lang, 'send.file') }).isChecked()).toBe(true);
    const download = page.waitForEvent('download');
    await page.getByRole('button', { name: w(lang, 'send.toFile'), exact: true }).click();
    const got = path.join(tmp.path, 'downloaded.samizdat');
    await (await download).saveAs(got);
    expect(readFileSync(got).subarray(0, 22).toString()).toBe('age-encryption.org/v1\n');
    expect(runCli(['check', got], { HOME: home }).status).toBe(3);
    await page.getByText(w(lang, 'sent.downloaded', { file: `${UK_TITLE}.samizdat` })).waitFor();
  });

  it('a translation started from a statement shows what it translates, proposes another language, and carries the relation', async () => {
    await page.getByRole('navigation', { name: common(lang, 'nav.label') }).getByRole('button', { name: common(lang, 'nav.statements'), exact: true }).click();
    await page.getByRole('button', { name: ORIGINAL, exact: true }).click();
    await page.getByRole('heading', { name: ORIGINAL, exact: true }).waitFor();
    await page.getByRole('button', { name: words(lang, 'statements:action.write') }).click();
    await page.getByRole('menuitem', { name: words(lang, 'statements:write.translation-of') }).click();
    await page.getByRole('heading', { name: w(lang, 'heading.translation-of'), exact: true }).waitFor();
    const about = page.locator('.related-to');
    expect(await about.textContent()).toContain(`${w(lang, 'relation.translation-of')} ${ORIGINAL} (Russian)`);
    // The original is Russian: English (her language) is proposed.
    expect(await page.getByRole('button', { name: w(lang, 'field.lang') }).textContent()).toContain('English');
    // Not in the list: typed as its tag, and named back.
    await page.getByRole('button', { name: w(lang, 'field.lang') }).click();
    await page.getByRole('option', { name: w(lang, 'lang.other') }).click();
    const tag = page.getByLabel(w(lang, 'field.tag'), { exact: true });
    await tag.fill('PT-br');
    await page.getByText(w(lang, 'field.tag.named', { name: 'Brazilian Portuguese' })).waitFor();
    await page.getByLabel(w(lang, 'field.title'), { exact: true }).fill(TRANSLATION);
    // The original's group, which is hers, is proposed as the author.
    const groups = page.getByRole('group', { name: w(lang, 'field.authors') });
    expect(await groups.getByRole('checkbox', { name: new RegExp(PRESS) }).isChecked()).toBe(true);
    expect(await groups.getByRole('checkbox', { name: new RegExp(SOLIDARITY) }).isChecked()).toBe(false);
    await page.getByLabel(w(lang, 'field.body'), { exact: true }).fill('The depot drivers are **on strike** from Monday.\n');
    await shot(page, 'compose-translation-en');
    await assertA11y(page, 'write translation en');
    await page.getByRole('button', { name: w(lang, 'save'), exact: true }).click();
    await page.getByRole('heading', { name: w(lang, 'draft.heading'), exact: true }).waitFor();
    const made = listed(olga).find((s) => s.title === TRANSLATION);
    expect(made).toBeDefined();
    const shown = ok(olga, ['statement', 'show', made!.id]);
    expect(shown.statement).toMatchObject({ lang: 'pt-BR', relations: [{ type: 'translation-of', id: original }] });
    expect(ok(olga, ['statement', 'show', original]).relationsTo).toEqual([{ from: made!.id, type: 'translation-of' }]);
  });

  it('has no serious or critical axe violation on the form in English, Russian and Ukrainian', async () => {
    for (const to of ['ru', 'uk', 'en'] as const) {
      const from = await page.evaluate(() => (globalThis as unknown as { document: { documentElement: { lang: string } } }).document.documentElement.lang as Language);
      await page.getByRole('navigation', { name: common(from, 'nav.label') }).getByRole('button', { name: common(from, 'nav.settings'), exact: true }).click();
      await chooseLanguage(page, to);
      await goWrite(page, to);
      await page.getByRole('button', { name: w(to, 'save'), exact: true }).click();
      await page.getByRole('alert').first().waitFor();
      await shot(page, `compose-${to}`);
      await assertA11y(page, `write compose ${to}`);
    }
    expect(existsSync(path.join(shots, 'compose-uk.png'))).toBe(true);
  });
});

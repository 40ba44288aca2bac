// The Exchange place in a real browser (Debian's Chromium, browser mode through the harness),
// clicking as a person does, by the words of the UI's own catalogues, on vaults made with the CLI
// as members make them. Anna holds her group "KRAS-IWA"; Olga, elsewhere, founded "KRАS-IWA" (a
// Cyrillic А) and sends released statements; Vera sends hers on a stick that also carries a copy
// cut short. Proved here: a bundle brought in through the browser's own file picker shows what
// was new and what was already held, and the group seen for the first time with its lookalike
// warning naming "KRAS-IWA"; a stick plugged in shows and is announced, and bringing in everything
// on it shows the cut copy as a failed file (a failure, never a success) in words; a sealed
// bundle asks for its passphrase in its report; a released statement exported to a file arrives
// as a download that `samizdat check` accepts; a draft in clear asks first; an existing file on
// the stick is refused in words; a sync with a folder chosen in the folder picker writes bundles
// there; a job's report waits while the person is elsewhere; the reports go on lock. Nowhere a raw
// code ("ENOENT", "B-TRUNCATED", "ipc:"). axe finds no serious or critical violation in en, ru, uk.

import { copyFileSync, existsSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Page, Route } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RemovableDrive } from '../../src/shared/view-models.js';
import { device, runCli, tempDir } from '../helpers/cli.js';
import { assertA11y, closeBrowser, CHROMIUM, ensureBuilt, haveChromium, lock, startApp, unlock, type App } from './harness/index.js';
import { errorWords, words, type Language } from './harness/words.js';

const PASSPHRASE = 'a passphrase for the exchange screen';
const BUNDLE_PASSPHRASE = 'only for Anna, told in person';
const IMPOSTOR = 'KR\u0410S-IWA';
const shots = path.join(process.cwd(), 'test-results', 'exchange');

const w = (lang: Language, key: string, vars?: Record<string, string | number>) => words(lang, `exchange:${key}`, vars);
const common = (lang: Language, key: string) => words(lang, `common:${key}`);

type Device = ReturnType<typeof device>;

/** What a drop needs in the page (no DOM types on this side: see page-globals.ts). */
interface DropGlobals {
  atob(data: string): string;
  DataTransfer: new () => { items: { add(file: unknown): void } };
  File: new (parts: unknown[], name: string) => unknown;
}

function must(d: Device, args: string[]): ReturnType<typeof runCli> {
  const r = d.run(args);
  if (r.status !== 0) throw new Error(`${d.name}: samizdat ${args.join(' ')} failed (${r.status}): ${r.stderr}`);
  return r;
}

/** A member's device with her identity and her group of one. */
function member(root: string, name: string, group: string): Device {
  const d = device(root, name, `passphrase of ${name}`);
  must(d, ['init', '--kdf', 'interactive']);
  must(d, ['me', 'create', '--name', name]);
  must(d, ['group', 'create', '--name', group, '--threshold', '1']);
  return d;
}

function statement(d: Device, root: string, group: string, title: string, sign: boolean): string {
  const body = path.join(root, `${d.name}-body.md`);
  writeFileSync(body, `${title}.\n\nThe text of the statement.\n`);
  const id = must(d, ['--json', 'statement', 'new', '--group', group, '--title', title, '--lang', 'en', '--body', body]).json().id as string;
  if (sign) must(d, ['sign', id]);
  return id;
}

interface Fixture {
  anna: Device;
  released: string;
  draft: string;
  olga1: string;
  olga2: string;
  sealed: string;
  /** A folder standing in for a stick: Vera's bundle and a copy of it cut short. */
  stick: string;
  home: string;
  drop: string;
}

async function makeFixture(root: string): Promise<Fixture> {
  const anna = device(root, 'anna', PASSPHRASE);
  must(anna, ['init', '--kdf', 'interactive']);
  must(anna, ['me', 'create', '--name', 'Anna']);
  must(anna, ['group', 'create', '--name', 'KRAS-IWA', '--threshold', '1']);
  const released = statement(anna, root, 'KRAS-IWA', 'We will not work for the war', true);
  const draft = statement(anna, root, 'KRAS-IWA', 'Strike plan (draft)', false);

  const olga = member(root, 'olga', IMPOSTOR);
  const first = statement(olga, root, IMPOSTOR, 'We now support the war', true);
  const olga1 = path.join(root, 'olga-1.samizdat');
  must(olga, ['export', first, '--out', olga1]);
  const second = statement(olga, root, IMPOSTOR, 'Join us', true);
  const olga2 = path.join(root, 'olga-2.samizdat');
  must(olga, ['export', first, second, '--out', olga2]);
  const sealed = path.join(root, 'sealed.samizdat');
  // The bundle's passphrase from the environment, as a script gives it.
  const sealing = runCli(['export', second, '--seal-with-passphrase', '--out', sealed], { ...olga.env, SAMIZDAT_BUNDLE_PASSPHRASE: BUNDLE_PASSPHRASE });
  if (sealing.status !== 0) throw new Error(`sealing failed: ${sealing.stderr}`);

  const vera = member(root, 'vera', 'Federation');
  const veraId = statement(vera, root, 'Federation', 'Solidarity with the dockers', true);
  const stick = path.join(root, 'STICK');
  mkdirSync(stick);
  must(vera, ['export', veraId, '--out', path.join(stick, 'vera.samizdat')]);
  const whole = readFileSync(path.join(stick, 'vera.samizdat'));
  writeFileSync(path.join(stick, 'vera-copy.samizdat'), whole.subarray(0, Math.floor(whole.length / 2)));

  const home = path.join(root, 'home');
  const drop = path.join(home, 'drop');
  mkdirSync(drop, { recursive: true });
  return { anna, released, draft, olga1, olga2, sealed, stick, home, drop };
}

/** drives:list as the page sees it: a stick "plugged in" is a real folder, reported as a removable drive. */
class FakeDrives {
  drives: RemovableDrive[] = [];
  async install(page: Page): Promise<void> {
    await page.route('**/api/drives:list', (route: Route) => route.fulfill({ status: 200, contentType: 'application/json', body: JSON.stringify({ ok: true, value: this.drives }) }));
  }
  plug(dir: string, label: string): void {
    this.drives = [{ path: dir, label, device: '/dev/sdz1', fsType: 'vfat', sizeBytes: 8 * 1024 ** 3, freeBytes: 5 * 1024 ** 3 }];
  }
  pull(): void {
    this.drives = [];
  }
}

async function shot(page: Page, name: string): Promise<void> {
  mkdirSync(shots, { recursive: true });
  await page.screenshot({ path: path.join(shots, `${name}.png`), fullPage: true });
}

const nav = (page: Page, lang: Language, place: string) =>
  page.getByRole('navigation', { name: common(lang, 'nav.label') }).getByRole('button', { name: common(lang, `nav.${place}`), exact: true });

async function openExchange(page: Page, lang: Language): Promise<void> {
  await nav(page, lang, 'exchange').click();
  await page.getByRole('heading', { name: w(lang, 'title'), exact: true, level: 1 }).waitFor();
}

const tab = (page: Page, lang: Language, which: string) => page.getByRole('tab', { name: w(lang, `tab.${which}`), exact: true });
const reports = (page: Page, lang: Language) => page.getByRole('list', { name: w(lang, 'activity.reports'), exact: true });
/** The reports themselves (a report has lists of its own). */
const reportItems = (page: Page, lang: Language) => reports(page, lang).locator(':scope > li');
/** The newest report (reports are newest first). */
const newest = (page: Page, lang: Language) => reportItems(page, lang).first().locator('article');
/** A radio button by its words (React Aria draws its own; the input beneath is visually hidden). */
const radio = (page: Page, name: string | RegExp) => page.getByRole('radio', { name });
const choose = (page: Page, name: string | RegExp) => radio(page, name).check({ force: true });
const literally = (text: string) => new RegExp(text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
const announcement = (page: Page) => page.locator('.exchange-announce');

/** Waits for the number of reports to reach n (each job ends in one). */
async function reportsCount(page: Page, lang: Language, n: number): Promise<void> {
  await expect.poll(() => reportItems(page, lang).count(), { timeout: 30_000 }).toBe(n);
}

/** The text the person can read on the page, for "no developer text" checks. */
const pageText = (page: Page) => page.locator('body').innerText();

async function pickFiles(page: Page, lang: Language, files: string[]): Promise<void> {
  await tab(page, lang, 'import').click();
  const chooser = page.waitForEvent('filechooser');
  await page.getByRole('button', { name: w(lang, 'import.choose'), exact: true }).click();
  await (await chooser).setFiles(files);
}

function noDeveloperText(text: string): void {
  for (const raw of ['ENOENT', 'B-TRUNCATED', 'B-MAGIC', 'ipc:', 'exchange:', 'bundle:', 'Error:', 'undefined', '[object']) expect(text, `the page shows "${raw}"`).not.toContain(raw);
}

describe.skipIf(!haveChromium)(haveChromium ? 'the exchange place' : `skipped: no Chromium at ${CHROMIUM}`, () => {
  const tmp = tempDir('samizdat-exchange-');
  let fx: Fixture;

  beforeAll(async () => {
    await ensureBuilt();
    fx = await makeFixture(tmp.path);
  }, 300_000);

  afterAll(async () => {
    await closeBrowser();
    tmp.remove();
  });

  describe('in English', () => {
    const lang = 'en';
    let app: App;
    let page: Page;
    const drives = new FakeDrives();
    let reportCount = 0;
    const nextReport = async () => reportsCount(page, lang, ++reportCount);

    beforeAll(async () => {
      app = await startApp({ vaultDir: fx.anna.vault, passphrase: PASSPHRASE, language: lang, env: { HOME: fx.home } });
      page = app.page;
      await drives.install(page);
      await openExchange(page, lang);
    }, 120_000);

    afterAll(async () => app?.close());

    it('opens on bringing in: no stick yet, the file picker, and no reports', async () => {
      expect(await tab(page, lang, 'import').getAttribute('aria-selected')).toBe('true');
      await page.getByText(w(lang, 'drives.none')).waitFor();
      await page.getByText(w(lang, 'activity.none')).waitFor();
      await assertA11y(page, 'exchange en');
    });

    it('brings in a bundle chosen in the browser’s own picker: what is new, and the lookalike group with its warning', async () => {
      await pickFiles(page, lang, [fx.olga1]);
      await nextReport();
      const report = newest(page, lang);
      await expect.poll(() => report.getAttribute('data-tone')).toBe('warning');
      expect(await report.getByText(w(lang, 'tone.import.warning')).count()).toBe(1);
      expect(await report.locator('.report-new').textContent()).toBe('New: 1 statement, 1 signature, 1 record of a group’s keys, and 1 signature on such a record.');
      // The group seen for the first time: its name with its trust in words, the warning naming the group it looks like, its fingerprint.
      const seen = report.locator('.first-seen');
      expect(await seen.locator('.group-name').textContent()).toBe(`${IMPOSTOR} ${common(lang, 'trust.lookalike').replace('{{names}}', '“KRAS-IWA”')}`);
      const warning = (await seen.locator('.lookalike-warning').textContent()) ?? '';
      expect(warning).toContain(w(lang, 'firstSeen.confusable', { name: 'KRAS-IWA' }));
      expect(warning).toContain('“А” is a Cyrillic letter; the others are Latin.');
      expect(warning).toContain(w(lang, 'firstSeen.lookalikeNext'));
      expect(await seen.locator('.digit-group').count()).toBe(12);
      expect(await announcement(page).textContent()).toContain(w(lang, 'announce.done.import'));
      await shot(page, 'import-lookalike-en');
      await assertA11y(page, 'exchange import report en');
    });

    it('a second bundle: what was new and what was already held', async () => {
      await pickFiles(page, lang, [fx.olga2]);
      await nextReport();
      const report = newest(page, lang);
      expect(await report.locator('.report-new').textContent()).toBe('New: 1 statement and 1 signature.');
      expect(await report.locator('.report-held').textContent()).toBe('Already held: 1 statement, 1 signature, 1 record of a group’s keys, and 1 signature on such a record.');
      // Seen before: no longer "first seen".
      expect(await report.locator('.first-seen').count()).toBe(0);
      expect(await report.getAttribute('data-tone')).toBe('ok');
    });

    it('a stick plugged in shows and is announced; bringing in everything on it shows the cut copy as failed, in words', async () => {
      drives.plug(fx.stick, 'STICK');
      await expect.poll(() => announcement(page).textContent(), { timeout: 15_000 }).toContain(w(lang, 'drives.plugged', { label: 'STICK' }));
      await page.getByRole('button', { name: w(lang, 'import.fromDrive.label', { label: 'STICK' }), exact: true }).click();
      await nextReport();
      const report = newest(page, lang);
      expect(await report.getAttribute('data-tone')).toBe('partial');
      expect(await report.locator('.tone-line').textContent()).toContain(w(lang, 'tone.import.partial'));
      expect(await report.locator('.failed-count').textContent()).toContain('1 of 2 files could not be brought in');
      const failure = report.locator('.failure');
      expect(await failure.count()).toBe(1);
      expect(await failure.getAttribute('data-code')).toBe('bundle.b-truncated');
      const text = (await failure.textContent()) ?? '';
      expect(text).toContain('vera-copy.samizdat');
      expect(text).toContain(errorWords(lang, 'bundle.b-truncated', 'input', 'exchange'));
      // The good file came in; its group is first seen, not verified.
      expect(await report.locator('.file-reports li').count()).toBe(1);
      expect(await report.locator('.first-seen .group-name').textContent()).toContain('Federation');
      noDeveloperText(await pageText(page));
      await shot(page, 'import-stick-partial-en');
      drives.pull();
      await expect.poll(() => announcement(page).textContent(), { timeout: 15_000 }).toContain(w(lang, 'drives.pulled', { label: 'STICK' }));
      await page.getByText(w(lang, 'drives.none')).waitFor();
    });

    it('a sealed bundle asks for its passphrase in its report; a wrong one is said, the right one opens it', async () => {
      await pickFiles(page, lang, [fx.sealed]);
      await nextReport();
      let report = newest(page, lang);
      expect(await report.getAttribute('data-tone')).toBe('failed');
      expect(await report.locator('p.error').textContent()).toBe(errorWords(lang, 'bundle.needs-passphrase', 'usage', 'exchange'));
      const field = report.getByLabel(w(lang, 'passphrase.label_one', { names: 'sealed.samizdat' }), { exact: true });
      await field.fill('not the passphrase');
      await report.getByRole('button', { name: w(lang, 'passphrase.open'), exact: true }).click();
      await nextReport();
      report = newest(page, lang);
      expect(await report.locator('p.error').textContent()).toBe(errorWords(lang, 'bundle.wrong-passphrase', 'usage', 'exchange'));
      // The first report no longer offers the field; the newer one does, and says the last try failed.
      expect(await reportItems(page, lang).nth(1).getByText(w(lang, 'passphrase.retried')).count()).toBe(1);
      expect(await report.getByText(w(lang, 'passphrase.wrong')).count()).toBe(1);
      await report.getByLabel(w(lang, 'passphrase.label_one', { names: 'sealed.samizdat' }), { exact: true }).fill(BUNDLE_PASSPHRASE);
      await report.getByRole('button', { name: w(lang, 'passphrase.open'), exact: true }).click();
      await nextReport();
      report = newest(page, lang);
      expect(await report.getAttribute('data-tone')).toBe('ok');
      expect(await report.getByText(w(lang, 'envelope.passphrase')).count()).toBe(1);
    });

    it('exports a released statement to a file: the browser downloads it, and `samizdat check` accepts it', async () => {
      await tab(page, lang, 'export').click();
      await page.getByRole('button', { name: w(lang, 'export.pick'), exact: true }).click();
      const dialog = page.getByRole('dialog', { name: w(lang, 'picker.title.export') });
      await dialog.getByRole('option', { name: /We will not work for the war/ }).click();
      // Released statements only: the draft is not offered.
      expect(await dialog.getByRole('option', { name: /Strike plan/ }).count()).toBe(0);
      await assertA11y(page, 'exchange statement picker en');
      await dialog.getByRole('button', { name: 'Choose 1 statement', exact: true }).click();
      await expect.poll(() => page.locator('.chosen-statements').textContent()).toContain('We will not work for the war');
      // No stick: the file it is. Automatic is the default, said in one sentence.
      expect(await radio(page, literally(w(lang, 'mode.auto'))).isChecked()).toBe(true);
      expect(await radio(page, w(lang, 'export.toFile')).isChecked()).toBe(true);
      const downloading = page.waitForEvent('download');
      await page.getByRole('button', { name: w(lang, 'export.go'), exact: true }).click();
      const download = await downloading;
      expect(download.suggestedFilename()).toBe('We will not work for the war.samizdat');
      const saved = path.join(tmp.path, 'downloaded.samizdat');
      await download.saveAs(saved);
      await nextReport();
      const report = newest(page, lang);
      expect(await report.getAttribute('data-kind')).toBe('export');
      expect(await report.locator('.report-body').textContent()).toContain(w(lang, 'seal.all-released'));
      await expect.poll(() => report.textContent()).toContain(w(lang, 'exported.delivered', { name: 'We will not work for the war.samizdat' }));
      const checked = runCli(['--json', 'check', saved], { HOME: fx.home });
      expect(checked.status, checked.stderr).toBe(0);
      await shot(page, 'export-done-en');
    });

    it('a draft in clear asks first, naming the draft; going back starts nothing', async () => {
      // From the draft's own page, as a person would: Export takes it to the exchange with the draft chosen.
      await nav(page, lang, 'statements').click();
      await page.getByRole('button', { name: 'Strike plan (draft)', exact: true }).click();
      await page.getByRole('button', { name: words(lang, 'statements:action.export'), exact: true }).click();
      await page.getByRole('heading', { name: w(lang, 'title'), exact: true, level: 1 }).waitFor();
      expect(await tab(page, lang, 'export').getAttribute('aria-selected')).toBe('true');
      await expect.poll(() => page.locator('.chosen-statements').textContent()).toContain('Strike plan (draft)');
      await choose(page, literally(w(lang, 'mode.clear')));
      expect(await page.getByText(w(lang, 'export.clearDrafts_one')).count()).toBe(1);
      const before = await reportItems(page, lang).count();
      await page.getByRole('button', { name: w(lang, 'export.go'), exact: true }).click();
      const ask = page.getByRole('alertdialog', { name: w(lang, 'clear.title') });
      await ask.waitFor();
      expect(await ask.textContent()).toContain('Strike plan (draft)');
      await shot(page, 'export-draft-clear-en');
      await assertA11y(page, 'exchange draft in clear en');
      await ask.getByRole('button', { name: w(lang, 'clear.back'), exact: true }).click();
      await ask.waitFor({ state: 'hidden' });
      await page.waitForTimeout(500);
      expect(await reportItems(page, lang).count()).toBe(before);
      // Asked again and confirmed: it goes, in clear.
      await page.getByRole('button', { name: w(lang, 'export.go'), exact: true }).click();
      const downloading = page.waitForEvent('download');
      await page.getByRole('alertdialog').getByRole('button', { name: w(lang, 'clear.confirm'), exact: true }).click();
      const saved = path.join(tmp.path, 'draft-clear.samizdat');
      await (await downloading).saveAs(saved);
      await nextReport();
      expect(await newest(page, lang).locator('.report-body').textContent()).toContain(w(lang, 'seal.clear-requested'));
      expect(readFileSync(saved).subarray(0, 18).toString()).toBe('samizdat-bundle/v1');
    });

    it('refuses an existing file on a stick, in words', async () => {
      drives.plug(fx.stick, 'STICK');
      await expect.poll(() => radio(page, /STICK/).count(), { timeout: 15_000 }).toBe(1);
      await choose(page, /STICK/);
      await choose(page, literally(w(lang, 'mode.auto')));
      await page.getByRole('textbox', { name: w(lang, 'export.name'), exact: true }).fill('vera');
      expect(await page.getByText(w(lang, 'export.name.stick', { path: path.join(fx.stick, 'vera.samizdat') })).count()).toBe(1);
      const before = readFileSync(path.join(fx.stick, 'vera.samizdat'));
      await page.getByRole('button', { name: w(lang, 'export.go'), exact: true }).click();
      await nextReport();
      const report = newest(page, lang);
      expect(await report.getAttribute('data-tone')).toBe('failed');
      expect(await report.locator('p.error').textContent()).toBe(errorWords(lang, 'exchange.out-exists', 'usage', 'exchange'));
      expect(readFileSync(path.join(fx.stick, 'vera.samizdat')).equals(before)).toBe(true);
      noDeveloperText(await pageText(page));
      drives.pull();
    });

    it('syncs with a folder chosen in the folder picker: the folder gets bundles; the sentence is honest', async () => {
      await tab(page, lang, 'sync').click();
      expect(await page.getByText(w(lang, 'sync.intro')).count()).toBe(1);
      expect(await pageText(page)).not.toContain('Nothing is ever deleted');
      await expect.poll(() => radio(page, w(lang, 'sync.folder')).isChecked(), { timeout: 15_000 }).toBe(true);
      await page.getByRole('button', { name: w(lang, 'sync.chooseAndGo'), exact: true }).click();
      const dialog = page.getByRole('dialog', { name: w(lang, 'sync.chooseTitle') });
      await dialog.getByRole('button', { name: 'drop', exact: true }).click();
      await expect.poll(() => dialog.locator('.folder-here code').textContent()).toBe(fx.drop);
      await assertA11y(page, 'exchange folder chooser en');
      await dialog.getByRole('button', { name: w(lang, 'sync.chooseHere'), exact: true }).click();
      await nextReport();
      const report = newest(page, lang);
      expect(await report.getAttribute('data-kind')).toBe('sync');
      expect(await report.locator('.report-written').textContent()).toMatch(/^Wrote \d+ bundles? into the folder/);
      const written = readdirSync(fx.drop).filter((n) => n.endsWith('.samizdat'));
      expect(written.length).toBeGreaterThan(0);
      expect(await report.textContent()).toContain(`With the folder ${fx.drop}`);
      await shot(page, 'sync-en');
    });

    it('files dropped on the page are brought in; anything else dropped is named, not sent', async () => {
      await tab(page, lang, 'sync').click();
      const dataTransfer = await page.evaluateHandle((b64: string) => {
        const g = globalThis as unknown as DropGlobals;
        const bin = g.atob(b64);
        const bytes = new Uint8Array(bin.length);
        for (let i = 0; i < bin.length; i++) bytes[i] = bin.charCodeAt(i);
        const dt = new g.DataTransfer();
        dt.items.add(new g.File([bytes], 'dropped.samizdat'));
        dt.items.add(new g.File(['a note'], 'notes.txt'));
        return dt;
      }, readFileSync(fx.olga1).toString('base64'));
      await page.dispatchEvent('main', 'dragenter', { dataTransfer });
      await page.getByText(w(lang, 'import.dropHere')).waitFor();
      await page.dispatchEvent('main', 'drop', { dataTransfer });
      await nextReport();
      // The place turns to bringing in, says what it left out, and the bundle's report follows.
      expect(await tab(page, lang, 'import').getAttribute('aria-selected')).toBe('true');
      await page.getByText(w(lang, 'import.notBundles_one', { names: 'notes.txt' })).waitFor();
      expect(await newest(page, lang).locator('.report-source').textContent()).toBe('From dropped.samizdat, dropped here');
      expect(await page.getByText(w(lang, 'import.dropHere')).count()).toBe(0);
    });

    it('a job’s report waits while the person is elsewhere; the reports are gone after a lock', async () => {
      copyFileSync(fx.olga2, path.join(tmp.path, 'again.samizdat'));
      await pickFiles(page, lang, [path.join(tmp.path, 'again.samizdat')]);
      // At once elsewhere: the job goes on, and its report is here on return.
      await nav(page, lang, 'statements').click();
      await page.getByRole('heading', { name: words(lang, 'statements:title'), exact: true }).waitFor();
      await openExchange(page, lang);
      await nextReport();
      expect(await newest(page, lang).locator('.report-source').textContent()).toBe('From again.samizdat');
      noDeveloperText(await pageText(page));
      await shot(page, 'reports-en');
      await lock(page);
      await unlock(page, PASSPHRASE);
      await openExchange(page, lang);
      await page.getByText(w(lang, 'activity.none')).waitFor();
      expect(await reports(page, lang).count()).toBe(0);
      reportCount = 0;
    });
  });

  for (const lang of ['ru', 'uk'] as const) {
    describe(`in ${lang === 'ru' ? 'Russian' : 'Ukrainian'}`, () => {
      let app: App;
      let page: Page;

      beforeAll(async () => {
        app = await startApp({ vaultDir: fx.anna.vault, passphrase: PASSPHRASE, language: lang, env: { HOME: fx.home } });
        page = app.page;
        await openExchange(page, lang);
      }, 120_000);

      afterAll(async () => app?.close());

      it('reads in the language, with its plural forms, and axe finds nothing serious', async () => {
        await assertA11y(page, `exchange ${lang}`);
        await pickFiles(page, lang, [fx.olga2, fx.sealed]);
        await reportsCount(page, lang, 1);
        const report = newest(page, lang);
        // Held already: both statements and their signatures.
        expect(await report.locator('.report-held').first().textContent()).toBe(
          lang === 'ru' ? 'Уже было: 2 заявления, 2 подписи, 1 запись ключей группы и 1 подпись под такой записью.' : 'Уже було: 2 заяви, 2 підписи, 1 запис ключів групи і 1 підпис під таким записом.',
        );
        expect(await report.locator('.failure').getAttribute('data-code')).toBe('bundle.needs-passphrase');
        expect(await report.locator('.failure').textContent()).toContain(errorWords(lang, 'bundle.needs-passphrase', 'usage', 'exchange'));
        noDeveloperText(await pageText(page));
        await shot(page, `reports-${lang}`);
        await assertA11y(page, `exchange report ${lang}`);
        await tab(page, lang, 'export').click();
        await assertA11y(page, `exchange export ${lang}`);
        await tab(page, lang, 'sync').click();
        expect(await page.getByText(w(lang, 'sync.intro')).count()).toBe(1);
        await tab(page, lang, 'text').click();
        await assertA11y(page, `exchange text ${lang}`);
      });
    });
  }

  it('the plain text of a released statement is reachable here, and lands in the folder chosen', async () => {
    const lang = 'en';
    const app = await startApp({ vaultDir: fx.anna.vault, passphrase: PASSPHRASE, language: lang, env: { HOME: fx.home } });
    try {
      const page = app.page;
      await openExchange(page, lang);
      await tab(page, lang, 'text').click();
      await page.getByRole('button', { name: w(lang, 'text.pick'), exact: true }).click();
      const dialog = page.getByRole('dialog', { name: w(lang, 'picker.title.text') });
      await dialog.getByRole('option', { name: /We will not work for the war/ }).click();
      await dialog.getByRole('button', { name: w(lang, 'picker.chooseOne'), exact: true }).click();
      await page.getByRole('button', { name: w(lang, 'text.go'), exact: true }).click();
      const folders = page.getByRole('dialog', { name: w(lang, 'text.folderTitle') });
      await folders.getByRole('button', { name: words(lang, 'statements:folders.choose'), exact: true }).click();
      await expect.poll(() => page.locator('.text-outcome').textContent(), { timeout: 30_000 }).toContain('VERIFY.txt');
      const target = path.join(fx.home, 'We will not work for the war');
      expect(existsSync(path.join(target, 'VERIFY.txt'))).toBe(true);
    } finally {
      await app.close();
    }
  });
});

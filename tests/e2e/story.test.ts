// The whole story through the UI (issue 9), clicking as people do, by roles and the words of the
// UI's own catalogues, each device a vault folder of its own with its own `samizdat ui` and page,
// in Debian's Chromium (browser mode). A folder stands in for a USB stick: downloads are saved
// into it, the browser's file chooser and the Exchange place's folder chooser pick from it.
//
// Olga, Ivan and Anna each create a vault and an identity on the first screen and save their
// member cards on the stick. Olga founds a 2-of-3 group from Ivan's and Anna's cards; she syncs
// with the stick, so do Ivan and Anna, who each see the group "not verified", compare its
// fingerprint as Olga reads it from her screen, and mark it verified. Olga writes a statement,
// signs it (1 of 2) and sends the draft to the stick; Ivan brings it in, signs it (2 of 2:
// released) and exports the release to the stick. Pavel, of another group he founds in the UI,
// brings in the release: released by a group he has not verified; he compares its fingerprint
// and marks it verified ("Released and verified"), then writes an introduction to it, signed by
// his group: the original's page lists it under its introductions. The CLI on each vault agrees.
// Then the same story in Russian, the language chosen on the first screen. Then keyboard only: a first
// run, a group, a statement written and signed with Tab, Shift+Tab, arrows, Enter and Space.

import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { Locator, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { tempDir } from '../helpers/cli.js';
import { assertA11y, closeHarness, CHROMIUM, ensureBuilt, haveChromium, sidebar, type Language } from './harness/index.js';
import {
  bundlesIn,
  cliJson,
  compareAndVerify,
  download,
  expectFocusedHeading,
  exportToStick,
  firstRun,
  foundGroup,
  go,
  headBadge,
  heading,
  importFiles,
  isFocused,
  memberVerifies,
  openDevice,
  openStatement,
  plural,
  refusedComparison,
  readFingerprint,
  sendDraftToStick,
  signDraftNow,
  signStatement,
  syncWithStick,
  w,
  writeDraft,
  type Device,
} from './story-steps.js';

interface Cast {
  lang: Language;
  olga: string;
  ivan: string;
  anna: string;
  group: string;
  title: string;
  body: string;
  pavel: string;
  pavelGroup: string;
  intro: string;
  introBody: string;
}

const CASTS: Record<'en' | 'ru', Cast> = {
  en: {
    lang: 'en',
    olga: 'Olga',
    ivan: 'Ivan',
    anna: 'Anna',
    group: 'Metro Workers',
    title: 'We will not carry the soldiers',
    body: 'The **metro workers** of the city will not drive the trains that take the mobilised to the front.\n\nSolidarity.',
    pavel: 'Pavel',
    pavelGroup: 'Press Abroad',
    intro: 'Why we pass on the metro workers’ statement',
    introBody: 'Read what the metro workers of the city say, and pass it on.',
  },
  ru: {
    lang: 'ru',
    olga: 'Ольга',
    ivan: 'Иван',
    anna: 'Анна',
    group: 'Работники метро',
    title: 'Мы не повезём мобилизованных',
    body: '**Работники метро** города не поведут поезда, которые везут мобилизованных на фронт.\n\nСолидарность.',
    pavel: 'Павел',
    pavelGroup: 'Пресса за рубежом',
    intro: 'Почему мы передаём заявление работников метро',
    introBody: 'Прочтите, что говорят работники метро, и передайте дальше.',
  },
};

const root = tempDir('samizdat-story-');
const devices: Device[] = [];

async function device(storyRoot: string, folder: string, name: string, lang: Language, browserLang?: Language): Promise<Device> {
  const d = await openDevice(storyRoot, folder, name, lang, browserLang);
  devices.push(d);
  return d;
}

interface Story {
  cast: Cast;
  stick: string;
  root: string;
  olga?: Device;
  ivan?: Device;
  anna?: Device;
  cards: string[];
  fingerprint: string[];
  draftFile?: string;
  releaseFile?: string;
  statementId?: string;
}

/** A device an earlier step opened (a step after a failed one fails at once, saying so). */
function need(d: Device | undefined): Device {
  if (!d) throw new Error('an earlier step of the story did not get this far');
  return d;
}

function newStory(cast: Cast): Story {
  const storyRoot = path.join(root.path, cast.lang);
  const stick = path.join(storyRoot, 'STICK');
  mkdirSync(stick, { recursive: true });
  return { cast, stick, root: storyRoot, cards: [], fingerprint: [] };
}

/** Steps 1–4 of the story in the cast's language, as `it`s; the browser's language is English, the person chooses hers on the first screen. */
function stepsOneToFour(story: Story): void {
  const { cast } = story;
  const lang = cast.lang;
  const choose = lang === 'en' ? undefined : ('en' as const);

  it('1. three vaults created on the first screen, each saving her member card on the stick', async () => {
    // Three people at three computers, at the same time.
    [story.olga, story.ivan, story.anna] = await Promise.all([
      device(story.root, 'olga', cast.olga, lang, 'en'),
      device(story.root, 'ivan', cast.ivan, lang, 'en'),
      device(story.root, 'anna', cast.anna, lang, 'en'),
    ]);
    const [, ivanCard, annaCard] = await Promise.all([story.olga, story.ivan, story.anna].map((d) => firstRun(d, story.stick, choose)));
    story.cards.push(ivanCard as string, annaCard as string);
    expect(bundlesIn(story.stick)).toEqual([]);
    for (const card of story.cards) expect(card.endsWith('.member')).toBe(true);
    // Each lands on Statements, its heading focused.
    await expectFocusedHeading(story.olga.page, w(lang, 'statements:title'));
  }, 150_000);

  it('2. Olga founds a 2-of-3 group from Ivan’s and Anna’s cards, picked with the file chooser', async () => {
    const olga = need(story.olga);
    await foundGroup(olga, cast.group, story.cards, 2);
    // Its page says the rules in words.
    await olga.page.getByText(w(lang, 'groups:rules.now', { release: plural(lang, 'groups:rule.release', 2), membership: plural(lang, 'groups:rule.membership', 2) }), { exact: true }).waitFor();
    const listed = cliJson(olga, ['group', 'list']).groups as { name: string; members: { name: string }[]; mine: boolean; trust: string }[];
    expect(listed).toHaveLength(1);
    expect(listed[0]).toMatchObject({ name: cast.group, mine: true, trust: 'verified' });
    expect(listed[0]?.members.map((m) => m.name).sort()).toEqual([cast.anna, cast.ivan, cast.olga].sort());
    story.fingerprint = await readFingerprint(olga, cast.group);
    const shown = cliJson(olga, ['group', 'show', cast.group]) as { fingerprint: string; thresholds: { release: number } };
    expect(shown.thresholds.release).toBe(2);
    expect(shown.fingerprint.replace(/\D/g, '')).toBe(story.fingerprint.join(''));
  }, 60_000);

  it('3. the group travels by syncing with the stick; Ivan and Anna compare its fingerprint and mark it verified', async () => {
    const [olga, ivan, anna] = [need(story.olga), need(story.ivan), need(story.anna)];
    await syncWithStick(olga, story.stick);
    expect(bundlesIn(story.stick).length).toBeGreaterThan(0);
    for (const member of [ivan, anna]) {
      await syncWithStick(member, story.stick);
      await memberVerifies(member, cast.group, story.fingerprint);
    }
  }, 90_000);

  it('4. Olga writes and signs (1 of 2), sends the draft on the stick; Ivan brings it in and signs (2 of 2: released), and exports the release', async () => {
    const [olga, ivan] = [need(story.olga), need(story.ivan)];
    await go(olga, 'write', w(lang, 'write:title'));
    await writeDraft(olga, cast.title, cast.body);
    expect(await headBadge(olga.page).innerText()).toBe(plural(lang, 'common:status.waitingCount', 2, { have: 0 }));
    await signDraftNow(olga, cast.group, 1, 2);
    await expect.poll(() => headBadge(olga.page).innerText()).toBe(plural(lang, 'common:status.waitingCount', 2, { have: 1 }));
    story.draftFile = await sendDraftToStick(olga, story.stick);
    await olga.page.getByText(plural(lang, 'write:sent.members', 3), { exact: true }).waitFor();
    await assertA11y(olga.page, `story: the draft signed and sent (${lang})`);
    const olgaHolds = cliJson(olga, ['statement', 'list']).items as { id: string; title: string; released: boolean }[];
    expect(olgaHolds.map((s) => [s.title, s.released])).toEqual([[cast.title, false]]);
    story.statementId = olgaHolds[0]?.id;

    await importFiles(ivan, [story.draftFile]);
    expect(await openStatement(ivan, cast.title)).toBe(plural(lang, 'common:status.waitingCount', 2, { have: 1 }));
    await signStatement(ivan, cast.group, 2, 2);
    await expect.poll(() => headBadge(ivan.page).innerText()).toBe(w(lang, 'common:status.verified'));
    // The text carries its own language (Compose proposed the UI's).
    expect(await ivan.page.getByRole('region', { name: w(lang, 'statements:body.heading') }).locator('[lang]').first().getAttribute('lang')).toBe(lang);
    story.releaseFile = await exportToStick(ivan, story.stick, cast.title);
    const ivanHolds = cliJson(ivan, ['statement', 'list']).items as { id: string; lang: string; released: boolean }[];
    expect(ivanHolds).toEqual([expect.objectContaining({ id: story.statementId, lang, released: true })]);

    // Olga holds only her own signature until the release comes back to her on the stick.
    expect((cliJson(olga, ['statement', 'list']).items as { released: boolean }[]).map((s) => s.released)).toEqual([false]);
    await importFiles(olga, [story.releaseFile]);
    expect(await openStatement(olga, cast.title, w(lang, 'common:status.verified'))).toBe(w(lang, 'common:status.verified'));
    expect((cliJson(olga, ['statement', 'list']).items as { released: boolean }[]).map((s) => s.released)).toEqual([true]);
  }, 120_000);
}

/** Step 5 in the cast's language: Pavel, of a group of his own, and the release. */
function stepFive(story: Story): void {
  it('5. Pavel, of another group, brings in the release: not verified; he compares, verifies, and introduces it', async () => {
    const { cast } = story;
    const lang = cast.lang;
    const pavel = await device(story.root, 'pavel', cast.pavel, lang, 'en');
    await firstRun(pavel, story.stick, lang === 'en' ? undefined : 'en');
    await foundGroup(pavel, cast.pavelGroup, [], 1);
    const report = await importFiles(pavel, [story.releaseFile as string]);
    // The group came in for the first time, from this file.
    expect(await report.innerText()).toContain(cast.group);

    const from = path.basename(story.releaseFile as string);
    expect(await openStatement(pavel, cast.title)).toBe(w(lang, 'common:status.unverified'));
    expect(await headBadge(pavel.page).innerText()).toBe(w(lang, 'common:status.unverified'));
    await pavel.page.locator('.authors').getByText(w(lang, 'common:trust.unverifiedFrom', { from }), { exact: true }).waitFor();
    expect(await pavel.page.locator('body').innerText()).not.toContain(w(lang, 'common:status.verified'));

    // Contacts: the group, not verified; the fingerprint as Olga reads it from her screen.
    await go(pavel, 'contacts', w(lang, 'contacts:title'));
    const card = pavel.page.getByRole('list', { name: w(lang, 'contacts:list.label') }).getByRole('listitem').filter({ hasText: cast.group });
    await card.getByText(w(lang, 'common:trust.unverifiedFrom', { from }), { exact: true }).waitFor();
    await card.getByRole('button', { name: w(lang, 'contacts:action.compare'), exact: true }).click();
    // Misheard once: the last group differs; marking it verified is refused and nothing changes.
    const misheard = [...story.fingerprint.slice(0, 11), String((Number(story.fingerprint[11]) + 1) % 100_000).padStart(5, '0')];
    await refusedComparison(pavel, cast.group, misheard);
    expect(cliJson(pavel, ['group', 'list']).groups.find((g: { name: string }) => g.name === cast.group)).toMatchObject({ trust: 'unverified' });
    await compareAndVerify(pavel, cast.group, story.fingerprint, false);
    expect(await pavel.page.locator('.page-title').innerText()).toContain(w(lang, 'common:trust.verified'));

    // (What was read before the verification shows for a moment, then the new verdict.)
    expect(await openStatement(pavel, cast.title, w(lang, 'common:status.verified'))).toBe(w(lang, 'common:status.verified'));
    await expect.poll(() => headBadge(pavel.page).innerText(), { timeout: 15_000 }).toBe(w(lang, 'common:status.verified'));
    await pavel.page.locator('.authors').getByText(w(lang, 'common:trust.verified'), { exact: true }).waitFor();

    // An introduction, from the statement's own action, signed by his group.
    await pavel.page.getByRole('button', { name: w(lang, 'statements:action.write') }).click();
    await pavel.page.getByRole('menuitem', { name: w(lang, 'statements:write.introduces'), exact: true }).click();
    await expectFocusedHeading(pavel.page, w(lang, 'write:heading.introduces'));
    await pavel.page.getByText(w(lang, 'write:relation.introduces'), { exact: true }).waitFor();
    const intro = cast.intro;
    await writeDraft(pavel, intro, cast.introBody, w(lang, 'write:heading.introduces'));
    await signDraftNow(pavel, cast.pavelGroup, 1, 1);
    await expect.poll(() => headBadge(pavel.page).innerText()).toBe(w(lang, 'common:status.verified'));

    // The original's page shows the introduction among its relations, as a link.
    await openStatement(pavel, cast.title);
    const relations = pavel.page.getByRole('region', { name: w(lang, 'statements:relations.heading') });
    await relations.getByRole('heading', { name: w(lang, 'statements:rel.in.introduces'), exact: true }).waitFor();
    await assertA11y(pavel.page, `story: the original with its introduction (${lang})`);
    await relations.getByRole('link', { name: intro, exact: true }).click();
    await expectFocusedHeading(pavel.page, intro);
    await pavel.page.getByText(`${w(lang, 'statements:rel.out.introduces')}:`).waitFor();

    // The vault agrees: both released; the introduction points at the original.
    const held = cliJson(pavel, ['statement', 'list']).items as { id: string; title: string; released: boolean }[];
    expect(held.map((s) => [s.title, s.released]).sort()).toEqual([[cast.title, true], [intro, true]].sort());
    const introId = held.find((s) => s.title === intro)?.id as string;
    const shown = cliJson(pavel, ['statement', 'show', introId]) as { statement: { relations: { type: string; id: string }[] } };
    expect(shown.statement.relations).toEqual([expect.objectContaining({ type: 'introduces', id: story.statementId })]);
    const groups = cliJson(pavel, ['group', 'list']).groups as { name: string; trust: string; mine: boolean }[];
    expect(groups.find((g) => g.name === cast.group)).toMatchObject({ trust: 'verified', mine: false });
  }, 150_000);
}

describe.skipIf(!haveChromium)(haveChromium ? 'the whole story through the UI' : `skipped: no Chromium at ${CHROMIUM}`, () => {
  beforeAll(async () => {
    await ensureBuilt();
  }, 240_000);
  // A failed step leaves a picture of every device's page (test-results/story/), for the report.
  afterEach(async (ctx) => {
    if (ctx.task.result?.state !== 'fail') return;
    const dir = path.join(process.cwd(), 'test-results', 'story');
    mkdirSync(dir, { recursive: true });
    for (const d of devices) {
      await d.page.screenshot({ path: path.join(dir, `${ctx.task.name.slice(0, 2).replace(/\W/g, '')}-${path.basename(path.dirname(d.vault))}-${path.basename(d.vault)}.png`), fullPage: true }).catch(() => undefined);
    }
  });
  afterAll(async () => {
    for (const d of devices) await d.app.close().catch(() => undefined);
    await closeHarness();
    root.remove();
  });

  describe('in English', () => {
    const story = newStory(CASTS.en);
    stepsOneToFour(story);
    stepFive(story);
  });

  describe('in Russian, chosen on the first screen', () => {
    const story = newStory(CASTS.ru);
    stepsOneToFour(story);
    stepFive(story);
  });

  describe('keyboard only', () => {
    let vera: Device;
    let stick: string;
    beforeAll(async () => {
      const storyRoot = path.join(root.path, 'keys');
      stick = path.join(storyRoot, 'STICK');
      mkdirSync(stick, { recursive: true });
      vera = await device(storyRoot, 'vera', 'Vera', 'en');
    }, 60_000);

    /** Presses Tab (or Shift+Tab) until `target` has focus. */
    async function tabTo(page: Page, target: Locator, what: string, key: 'Tab' | 'Shift+Tab' = 'Tab'): Promise<void> {
      for (let i = 0; i < 40; i++) {
        await page.keyboard.press(key);
        if (await isFocused(target)) return;
      }
      throw new Error(`${key} never reached ${what}`);
    }

    it('a first run, a group of one, a statement written and signed: Tab, Shift+Tab, arrows, Enter and Space, no mouse', async () => {
      const { page } = vera;
      const kb = page.keyboard;
      const lang = 'en';
      await heading(page, w(lang, 'firstrun:title')).waitFor();
      await tabTo(page, page.getByLabel(w(lang, 'firstrun:vault.passphrase'), { exact: true }), 'the passphrase');
      await kb.type(vera.passphrase);
      await tabTo(page, page.getByLabel(w(lang, 'passphrase:confirm.label'), { exact: true }), 'the confirmation');
      await kb.type(vera.passphrase);
      await tabTo(page, page.getByRole('radio', { name: w(lang, 'firstrun:kdf.moderate') }), 'the protection');
      await kb.press('ArrowUp');
      expect(await page.getByRole('radio', { name: w(lang, 'firstrun:kdf.interactive') }).isChecked()).toBe(true);
      await tabTo(page, page.getByRole('button', { name: w(lang, 'firstrun:vault.create'), exact: true }), 'Create the vault');
      await kb.press('Enter');
      const step2 = heading(page, w(lang, 'firstrun:identity.heading'));
      await step2.waitFor({ timeout: 30_000 });
      await expect.poll(() => isFocused(step2), { timeout: 5_000 }).toBe(true);
      await tabTo(page, page.getByLabel(w(lang, 'firstrun:name.label'), { exact: true }), 'my name');
      await kb.type('Vera');
      await kb.press('Enter');
      const cardHeading = heading(page, w(lang, 'firstrun:card.heading'));
      await cardHeading.waitFor({ timeout: 30_000 });
      await expect.poll(() => isFocused(cardHeading), { timeout: 5_000 }).toBe(true);
      await tabTo(page, page.getByRole('button', { name: w(lang, 'firstrun:card.save'), exact: true }), 'Save my member card');
      const card = await download(page, stick, () => kb.press('Enter'));
      expect(path.basename(card)).toMatch(/\.member$/);
      await tabTo(page, page.getByRole('button', { name: w(lang, 'firstrun:done'), exact: true }), 'Open Samizdat');
      await kb.press('Space');
      await expectFocusedHeading(page, w(lang, 'statements:title'));

      // My groups, by the sidebar reached backwards from the heading; Found a group; its name, Enter.
      const nav = (place: string) => sidebar(page, lang).getByRole('button', { name: w(lang, `common:nav.${place}`), exact: true });
      await tabTo(page, nav('groups'), 'My groups', 'Shift+Tab');
      await kb.press('Enter');
      await expectFocusedHeading(page, w(lang, 'groups:title'));
      await tabTo(page, page.getByRole('button', { name: w(lang, 'groups:found.open'), exact: true }), 'Found a group');
      await kb.press('Enter');
      const name = page.getByLabel(w(lang, 'groups:found.name'), { exact: true });
      await expect.poll(() => isFocused(name)).toBe(true);
      await kb.type('Couriers');
      await kb.press('Enter');
      await expectFocusedHeading(page, 'Couriers');

      // Write: title, text, save; sign on the draft page.
      await tabTo(page, nav('write'), 'Write', 'Shift+Tab');
      await kb.press('Enter');
      await expectFocusedHeading(page, w(lang, 'write:title'));
      await tabTo(page, page.getByLabel(w(lang, 'write:field.title'), { exact: true }), 'the title');
      await kb.type('Couriers stop at noon');
      await tabTo(page, page.getByLabel(w(lang, 'write:field.body'), { exact: true }), 'the text');
      await kb.type('Every courier stops at noon on Friday.');
      await tabTo(page, page.getByRole('button', { name: w(lang, 'write:save'), exact: true }), 'Save as a draft');
      await kb.press('Enter');
      await expectFocusedHeading(page, w(lang, 'write:draft.heading'));
      expect(await headBadge(page).innerText()).toBe(plural(lang, 'common:status.waitingCount', 1, { have: 0 }));

      // The statement's own page; Sign asks first in a dialog: Escape leaves it unsigned, then Sign for real.
      await tabTo(page, page.getByRole('button', { name: w(lang, 'write:draft.open'), exact: true }), 'Open the statement');
      await kb.press('Enter');
      await expectFocusedHeading(page, 'Couriers stop at noon');
      const sign = page.getByRole('button', { name: w(lang, 'statements:action.sign'), exact: true });
      await tabTo(page, sign, 'Sign');
      await kb.press('Enter');
      const dialog = page.getByRole('dialog', { name: w(lang, 'statements:sign.title') });
      await dialog.waitFor();
      await kb.press('Escape');
      await dialog.waitFor({ state: 'hidden' });
      await expect.poll(() => isFocused(sign)).toBe(true);
      expect(await headBadge(page).innerText()).toBe(plural(lang, 'common:status.waitingCount', 1, { have: 0 }));
      await kb.press('Space');
      await dialog.waitFor();
      await tabTo(page, dialog.getByRole('button', { name: w(lang, 'statements:sign.confirm'), exact: true }), 'Sign, in the dialog');
      await kb.press('Enter');
      await page.getByRole('status').filter({ hasText: w(lang, 'statements:sign.done.released', { group: 'Couriers', have: 1, need: 1 }) }).waitFor({ timeout: 30_000 });
      await expect.poll(() => headBadge(page).innerText()).toBe(w(lang, 'common:status.verified'));
      const held = cliJson(vera, ['statement', 'list']).items as { title: string; released: boolean }[];
      expect(held).toEqual([expect.objectContaining({ title: 'Couriers stop at noon', released: true })]);
    }, 120_000);
  });
});

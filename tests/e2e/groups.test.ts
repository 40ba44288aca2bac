// The Groups place in a real browser, clicking as a person does (roles and the words of the UI's
// own catalogues), on vaults made with the CLI (tests/helpers/cli.ts device()): Olga founds a 2-of-3
// group from Ivan's and Anna's member cards (`samizdat me export`), chosen in the browser's own file
// picker; its history reads in words; she proposes new rules and sees them wait, 1 of 2; the group
// and the proposal travel to Ivan's device in a bundle (the CLI as the courier), where Ivan's app
// lists the group as his but not verified, and his Approve applies it; back on Olga's device the
// group reads the same. A group whose chain forked (two renames signed on two devices) shows its
// branches plainly, who signed each, what the members must do, and is ended by acting on a branch.
// axe finds no serious or critical violation on the list, a group and its dialogs in en, ru and uk.

import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { device, tempDir } from '../helpers/cli.js';
import { assertA11y, chooseLanguage, closeBrowser, CHROMIUM, ensureBuilt, haveChromium, startApp, type App } from './harness/index.js';
import { words, type Language } from './harness/words.js';

const shots = process.env['SAMIZDAT_SHOTS'] ?? path.join(process.cwd(), 'test-results', 'groups');

const g = (lang: Language, key: string, vars?: Record<string, string | number>) => words(lang, `groups:${key}`, vars);
const common = (lang: Language, key: string, vars?: Record<string, string | number>) => words(lang, `common:${key}`, vars);

type Device = ReturnType<typeof device>;

function must(d: Device, args: string[]) {
  const r = d.run(args);
  if (r.status !== 0) throw new Error(`${d.name}: samizdat ${args.join(' ')} failed (${r.status}): ${r.stderr}`);
  return r;
}

async function shot(page: Page, name: string): Promise<void> {
  mkdirSync(shots, { recursive: true });
  await page.screenshot({ path: path.join(shots, `${name}.png`), fullPage: true });
}

const nav = (page: Page, lang: Language, place: string) =>
  page.getByRole('navigation', { name: common(lang, 'nav.label') }).getByRole('button', { name: common(lang, `nav.${place}`), exact: true }).click();

/** The card of a group in the list: the article holding the button named by the group's name. */
const card = (page: Page, name: string) => page.locator('article.group-card').filter({ has: page.getByRole('button', { name, exact: true }) });

const section = (page: Page, heading: string | RegExp) => page.getByRole('region', { name: heading });

/** Chooses an option of a React Aria Select found by its label. */
async function choose(scope: Locator, page: Page, label: string, option: string): Promise<void> {
  await scope.getByRole('button', { name: label }).click();
  await page.getByRole('option', { name: option, exact: true }).click();
}

describe.skipIf(!haveChromium)(haveChromium ? 'the groups place' : `skipped: no Chromium at ${CHROMIUM}`, () => {
  const tmp = tempDir('samizdat-groups-');
  const root = tmp.path;
  let olga: Device;
  let ivan: Device;
  let anna: Device;
  let cards: { ivan: string; anna: string };
  let federation: string;
  let app: App;
  let page: Page;
  const lang = 'en';

  beforeAll(async () => {
    await ensureBuilt();
    olga = device(root, 'olga');
    ivan = device(root, 'ivan');
    anna = device(root, 'anna');
    for (const [d, name] of [
      [olga, 'Olga'],
      [ivan, 'Ivan'],
      [anna, 'Anna'],
    ] as const) {
      must(d, ['init', '--kdf', 'interactive']);
      must(d, ['me', 'create', '--name', name]);
    }
    cards = { ivan: path.join(root, 'ivan.member'), anna: path.join(root, 'anna.member') };
    must(ivan, ['me', 'export', '--out', cards.ivan]);
    must(anna, ['me', 'export', '--out', cards.anna]);

    // A fork: Olga founds "Federation" (1 signature changes it), Ivan and Anna each rename it on their own device.
    federation = must(olga, ['--json', 'group', 'create', '--name', 'Federation', '--member', cards.ivan, cards.anna, '--threshold', '1', '--membership-threshold', '1']).json().id as string;
    const fed = path.join(root, 'federation.samizdat');
    must(olga, ['export', '--group', federation, '--out', fed]);
    for (const [d, name] of [
      [ivan, 'Federation of unions'],
      [anna, 'The Federation'],
    ] as const) {
      must(d, ['import', fed]);
      must(d, ['group', 'rename', federation, '--name', name]);
      const back = path.join(root, `federation-${d.name}.samizdat`);
      must(d, ['export', '--group', federation, '--out', back]);
      must(olga, ['import', back]);
    }

    app = await startApp({ vaultDir: olga.vault, passphrase: olga.env.SAMIZDAT_PASSPHRASE, language: lang });
    page = app.page;
  }, 240_000);

  afterAll(async () => {
    await app?.close();
    await closeBrowser();
    tmp.remove();
  });

  it('lists my groups with members, rules and a fork warning', async () => {
    await nav(page, lang, 'groups');
    await page.getByRole('heading', { name: g(lang, 'title'), exact: true, level: 1 }).waitFor();
    const fed = card(page, 'Federation');
    await fed.waitFor();
    expect(await fed.textContent()).toContain(g(lang, 'list.fork'));
    expect(await fed.textContent()).toContain('3 members');
    expect(await fed.textContent()).toContain(common(lang, 'trust.broken.fork'));
    expect(await fed.textContent()).toContain('1 to release a statement, 1 to change the group');
    await shot(page, 'list-en');
    await assertA11y(page, 'groups list en');
  });

  it('founds a 2-of-3 group from two member cards, and its history reads in words', async () => {
    await page.getByRole('button', { name: g(lang, 'found.open') }).click();
    const dialog = page.getByRole('dialog', { name: g(lang, 'found.title') });
    await dialog.getByLabel(g(lang, 'found.name')).fill('Solidarity Network');
    const picker = page.waitForEvent('filechooser');
    await dialog.getByRole('button', { name: g(lang, 'found.chooseCards') }).click();
    await (await picker).setFiles([cards.ivan, cards.anna]);
    await dialog.getByText('ivan.member').waitFor();
    await dialog.getByText('anna.member').waitFor();
    // Three members: 2 to release is offered, and a majority (2) to change the group.
    expect(await dialog.getByRole('button', { name: g(lang, 'found.release') }).textContent()).toContain('2 of 3 members');
    expect(await dialog.getByRole('button', { name: g(lang, 'found.membership') }).textContent()).toContain('2 of 3 members');
    // Lowered below a majority, the dialog says what that risks; back to 2, it does not.
    await choose(dialog, page, g(lang, 'found.membership'), '1 of 3 members');
    await dialog.getByText('one member alone — or one stolen key — can change the group').waitFor();
    await shot(page, 'found-en');
    await assertA11y(page, 'found dialog en');
    await choose(dialog, page, g(lang, 'found.membership'), '2 of 3 members');
    expect(await dialog.getByText('one stolen key').count()).toBe(0);
    await dialog.getByRole('button', { name: g(lang, 'found.submit') }).click();

    await page.getByRole('heading', { name: 'Solidarity Network', level: 1 }).waitFor();
    await page.getByText(g(lang, 'founded.done', { name: 'Solidarity Network' })).waitFor();
    const members = section(page, 'Members (3)');
    expect((await members.getByRole('listitem').allTextContents()).map((t) => t.trim()).sort()).toEqual(['Anna', 'Ivan', 'Olga (you)']);
    const history = await section(page, g(lang, 'history.heading')).getByRole('listitem').allTextContents();
    expect(history).toHaveLength(1);
    expect(history[0]).toMatch(/^Founded with (Olga \(you\)|Ivan|Anna), (Olga \(you\)|Ivan|Anna), and (Olga \(you\)|Ivan|Anna) — /);
    expect(history[0]).toContain('— a statement needs 2 signatures, a change to the group needs 2; signed by Olga (you).');
    // Its fingerprint, to read to the others: twelve groups of five digits and a QR code drawn as rectangles.
    const fp = section(page, g(lang, 'fingerprint.heading'));
    expect(await fp.locator('.fingerprint-group').count()).toBe(12);
    expect(await fp.locator('svg.qr-code rect').count()).toBeGreaterThan(20);
    expect(await fp.locator('img').count()).toBe(0);
    await shot(page, 'group-en');
    await assertA11y(page, 'group en');
  });

  it('proposes new rules: they wait, 1 of 2 signatures, with no Approve for the one who signed', async () => {
    await page.getByRole('button', { name: g(lang, 'action.thresholds') }).click();
    const dialog = page.getByRole('dialog', { name: g(lang, 'thresholds.title') });
    await choose(dialog, page, g(lang, 'found.release'), '3 of 3 members');
    await dialog.getByRole('button', { name: g(lang, 'thresholds.submit') }).click();
    const outcome = dialog.getByRole('status');
    await outcome.waitFor();
    expect(await outcome.textContent()).toBe('Proposed; it needs 1 more signature: ask another member to approve it (send them the group with Exchange).');
    await shot(page, 'proposed-en');
    await dialog.getByRole('button', { name: common(lang, 'close') }).click();

    const pending = section(page, 'Waiting for signatures (1)').getByRole('listitem');
    await pending.waitFor();
    expect(await pending.textContent()).toContain('New rules: a statement needs 3 signatures, a change to the group needs 2');
    expect(await pending.textContent()).toContain('1 of 2 signatures');
    expect(await pending.textContent()).toContain(g(lang, 'pending.signedByMe_one', { count: 1 }));
    expect(await pending.getByRole('button', { name: g(lang, 'action.approve') }).count()).toBe(0);
    // The rules are still the old ones until it applies.
    expect(await section(page, 'Members (3)').textContent()).toContain('Now a statement needs 2 signatures, and a change to the group needs 2.');
    await nav(page, lang, 'groups');
    expect(await card(page, 'Solidarity Network').textContent()).toContain('1 change waiting for signatures');
  });

  it('approved on Ivan’s device, it applies there and, carried back, on Olga’s', async () => {
    const list = JSON.parse(olga.run(['--json', 'group', 'list']).stdout) as { groups: { id: string; name: string }[] };
    const network = list.groups.find((x) => x.name === 'Solidarity Network')?.id as string;
    const toIvan = path.join(root, 'network.samizdat');
    must(olga, ['export', '--group', network, '--out', toIvan]);
    must(ivan, ['import', toIvan]);

    const ivanApp = await startApp({ vaultDir: ivan.vault, passphrase: ivan.env.SAMIZDAT_PASSPHRASE, language: lang });
    try {
      const p = ivanApp.page;
      await nav(p, lang, 'groups');
      const mine = card(p, 'Solidarity Network');
      await mine.waitFor();
      // His group, but he never compared its fingerprint: it says so, and offers the comparison.
      expect(await mine.textContent()).toContain(common(lang, 'trust.unverifiedFrom', { from: 'network.samizdat' }));
      expect(await mine.textContent()).toContain(g(lang, 'list.unverified'));
      expect(await mine.getByRole('button', { name: g(lang, 'action.compare') }).count()).toBe(1);
      expect(await mine.textContent()).toContain('1 change waiting for signatures');
      await mine.getByRole('button', { name: 'Solidarity Network', exact: true }).click();
      await p.getByRole('heading', { name: 'Solidarity Network', level: 1 }).waitFor();
      const pending = section(p, 'Waiting for signatures (1)').getByRole('listitem');
      expect(await pending.textContent()).toContain('1 of 2 signatures');
      await shot(p, 'approve-ivan-en');
      await pending.getByRole('button', { name: g(lang, 'action.approve') }).click();
      const dialog = p.getByRole('dialog', { name: g(lang, 'approve.title') });
      expect(await dialog.textContent()).toContain('New rules: a statement needs 3 signatures, a change to the group needs 2');
      await assertA11y(p, 'approve dialog en');
      await dialog.getByRole('button', { name: g(lang, 'approve.submit') }).click();
      await dialog.getByRole('status').waitFor();
      expect(await dialog.getByRole('status').textContent()).toBe(g(lang, 'outcome.approved.applied'));
      await dialog.getByRole('button', { name: common(lang, 'close') }).click();
      await expect.poll(() => section(p, /^Waiting for signatures/).count()).toBe(0);
      expect(await section(p, 'Members (3)').textContent()).toContain('Now a statement needs 3 signatures, and a change to the group needs 2.');
      const history = await section(p, g(lang, 'history.heading')).getByRole('listitem').allTextContents();
      expect(history.at(-1)).toMatch(/^New rules: a statement needs 3 signatures, a change to the group needs 2; signed by (Olga and Ivan \(you\)|Ivan \(you\) and Olga)\.$/);
    } finally {
      await ivanApp.close();
    }

    const toOlga = path.join(root, 'network-approved.samizdat');
    must(ivan, ['export', '--group', network, '--out', toOlga]);
    must(olga, ['import', toOlga]);
    await card(page, 'Solidarity Network').getByRole('button', { name: 'Solidarity Network', exact: true }).click();
    await expect.poll(() => section(page, 'Members (3)').textContent(), { timeout: 10_000 }).toContain('Now a statement needs 3 signatures, and a change to the group needs 2.');
    expect(await section(page, /^Waiting for signatures/).count()).toBe(0);
    const history = await section(page, g(lang, 'history.heading')).getByRole('listitem').allTextContents();
    expect(history.at(-1)).toMatch(/^New rules: a statement needs 3 signatures, a change to the group needs 2; signed by (Olga \(you\) and Ivan|Ivan and Olga \(you\))\.$/);
  });

  it('a forked group shows its branches plainly, and acting on a branch ends the fork', async () => {
    await nav(page, lang, 'groups');
    await card(page, 'Federation').getByRole('button', { name: 'Federation', exact: true }).click();
    await page.getByRole('heading', { name: 'Federation', level: 1 }).waitFor();
    const fork = section(page, g(lang, 'fork.heading'));
    expect(await fork.textContent()).toContain('Members signed 2 different changes for the same place in the chain, and none wins.');
    expect(await fork.textContent()).toContain(g(lang, 'fork.todo.body'));
    const branches = await fork.getByRole('listitem').allTextContents();
    expect(branches).toHaveLength(2);
    const ivans = branches.find((b) => b.includes('signed by Ivan')) ?? '';
    const annas = branches.find((b) => b.includes('signed by Anna')) ?? '';
    expect(ivans).toContain('starts with a new name');
    expect(ivans).toContain('On it the group is “Federation of unions”');
    expect(annas).toContain('On it the group is “The Federation”');
    // It was founded with 1 of 3 to change it: the page keeps saying what that risks.
    expect(await page.getByText('With 1 of 3, one member alone — or one stolen key — can change the group.').count()).toBe(1);
    // Until a branch is chosen, no change can be proposed.
    const compromise = page.getByRole('button', { name: g(lang, 'action.compromise') });
    expect(await compromise.isDisabled()).toBe(true);
    await shot(page, 'fork-en');
    await assertA11y(page, 'forked group en');

    // The members agree Ivan's branch is the real one: on it, Olga marks Anna's key compromised.
    const n = branches.indexOf(ivans) + 1;
    await fork.getByText(`Branch ${n}: “Federation of unions”`, { exact: true }).click();
    expect(await fork.getByRole('radio', { name: `Branch ${n}: “Federation of unions”` }).isChecked()).toBe(true);
    await page.getByText(g(lang, 'change.onBranch', { n })).waitFor();
    await compromise.click();
    const dialog = page.getByRole('alertdialog', { name: g(lang, 'compromise.title') });
    expect(await dialog.textContent()).toContain(g(lang, 'compromise.serious'));
    await dialog.locator('label.choice').filter({ hasText: 'Anna' }).click();
    expect(await dialog.getByRole('radio', { name: /^Anna/ }).isChecked()).toBe(true);
    await shot(page, 'compromise-en');
    await assertA11y(page, 'compromise dialog en');
    await dialog.getByRole('button', { name: g(lang, 'compromise.submit') }).click();
    await dialog.getByRole('status').waitFor();
    expect(await dialog.getByRole('status').textContent()).toBe(g(lang, 'outcome.proposed.applied'));
    await dialog.getByRole('button', { name: common(lang, 'close') }).click();

    await page.getByRole('heading', { name: 'Federation of unions', level: 1 }).waitFor();
    expect(await section(page, g(lang, 'fork.heading')).count()).toBe(0);
    expect(await page.locator('.page-title .trust').textContent()).toBe(common(lang, 'trust.mine'));
    expect(await section(page, 'Members (3)').getByRole('listitem').filter({ hasText: 'Anna' }).textContent()).toContain(g(lang, 'members.compromised'));
    const history = await section(page, g(lang, 'history.heading')).getByRole('listitem').allTextContents();
    expect(history.slice(1)).toEqual([
      'Renamed the group “Federation of unions”; signed by Ivan.',
      'Marked a key of Anna compromised: nothing signed with it counts; signed by Olga (you).',
    ]);
  });

  for (const other of ['ru', 'uk'] as const) {
    it(`reads in ${other}: the list, a group and a dialog, with no serious or critical axe violation`, async () => {
      await nav(page, 'en', 'settings');
      await chooseLanguage(page, other);
      await nav(page, other, 'groups');
      await page.getByRole('heading', { name: g(other, 'title'), exact: true, level: 1 }).waitFor();
      const network = card(page, 'Solidarity Network');
      expect(await network.textContent()).toContain(other === 'ru' ? '3 участника' : '3 учасники');
      await shot(page, `list-${other}`);
      await assertA11y(page, `groups list ${other}`);
      await network.getByRole('button', { name: 'Solidarity Network', exact: true }).click();
      await page.getByRole('heading', { name: 'Solidarity Network', level: 1 }).waitFor();
      const history = await section(page, g(other, 'history.heading')).getByRole('listitem').allTextContents();
      expect(history.at(-1)).toContain(other === 'ru' ? 'Новые правила: для заявления нужны 3 подписи, для изменения группы — 2; подписи:' : 'Нові правила: для заяви потрібні 3 підписи, для змін у групі — 2; підписи:');
      await shot(page, `group-${other}`);
      await assertA11y(page, `group ${other}`);
      await page.getByRole('button', { name: g(other, 'action.add') }).click();
      const dialog = page.getByRole('dialog', { name: g(other, 'add.title') });
      await dialog.waitFor();
      await assertA11y(page, `add dialog ${other}`);
      await dialog.getByRole('button', { name: common(other, 'cancel') }).click();
      await nav(page, other, 'settings');
      await chooseLanguage(page, 'en');
    });
  }
});

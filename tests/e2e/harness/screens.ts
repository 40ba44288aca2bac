// Every screen and dialog of the app, and how a person reaches it: the list that
// `npm run screenshots` photographs and tests/e2e/a11y.test.ts checks, in every language.
//
// To add a screen: an entry with its file name (`<name>-<lang>.png`), where the path starts (the
// first run on an empty folder, the lock screen of the demo vault, or the open demo vault at
// Statements), the steps a person takes (clicks and typing, by role and the words she reads,
// written as catalogue keys with t() so the path works in every language, or as the demo's own
// content with fx()), and what shows once there. A step that finds nothing (a screen still being
// built) makes the screen "not reachable yet", with the reason; the others go on.

import type { Locator, Page } from 'playwright-core';
import { lock, unlock } from './actions.js';
import type { FixtureGroup, FixtureStatement, VaultFixture } from './fixture.js';
import { emptyVaultDir } from './fixture.js';
import { appReady, startApp, type App, type ShellKind } from './launch.js';
import { lookup, words, type Language } from './words.js';

export interface StepContext {
  lang: Language;
  fixture: VaultFixture;
}

/** Words as the person reads them: a literal, or computed for the language and the vault. */
export type Text = string | ((c: StepContext) => string);

export type Target =
  | { role: Parameters<Page['getByRole']>[0]; name?: Text; exact?: boolean; in?: Target }
  | { text: Text; exact?: boolean; in?: Target }
  | { label: Text; in?: Target };

export type Step = { click: Target } | { fill: Target; value: Text } | { press: string };

export interface Screen {
  /** The file name stem: `<name>-<lang>.png`. */
  name: string;
  /** first-run: a folder with no vault; locked: the demo vault's lock screen; open: the demo vault unlocked, at Statements. */
  from: 'first-run' | 'locked' | 'open';
  steps: Step[];
  /** What shows once there; until it does, the screen is not reachable. */
  shows: Target;
}

/** A catalogue key (`namespace:key`), in the language of the tour. */
export const t =
  (ref: string, vars?: Record<string, string | number>): Text =>
  ({ lang }) =>
    words(lang, ref, vars);

/** The demo's content: a statement's title, a group's name. */
export const fx = {
  statement:
    (status: FixtureStatement['status'], nth = 0): Text =>
    ({ fixture }) => {
      const s = fixture.statements.filter((x) => x.status === status)[nth];
      if (!s) throw new Error(`the ${fixture.madeBy} vault has no statement ${status} #${nth}`);
      return s.title;
    },
  group:
    (which: (g: FixtureGroup) => boolean, what: string): Text =>
    ({ fixture }) => {
      const g = fixture.groups.find(which);
      if (!g) throw new Error(`the ${fixture.madeBy} vault has no ${what}`);
      return g.name;
    },
};

const myGroup = fx.group((g) => g.mine, 'group of mine');
const unverifiedGroup = fx.group((g) => !g.mine && g.trust === 'unverified', 'unverified group');
/** The demo's impostor: "KRАS-IWA" with a Cyrillic А. */
const lookalikeGroup = fx.group((g) => g.name === 'KR\u0410S-IWA', 'lookalike group');

/** The sidebar's button for a place. */
const nav = (place: string): Step => ({
  click: { role: 'button', name: t(`common:nav.${place}`), exact: true, in: { role: 'navigation', name: t('common:nav.label') } },
});
const heading = (name: Text): Target => ({ role: 'heading', name, exact: true });

export const SCREENS: Screen[] = [
  { name: 'first-run', from: 'first-run', steps: [], shows: heading(t('firstrun:title')) },
  { name: 'lock', from: 'locked', steps: [], shows: heading(t('lock:title')) },
  {
    name: 'lock-wrong-passphrase',
    from: 'locked',
    steps: [{ fill: { label: t('lock:passphrase') }, value: 'not the passphrase' }, { click: { role: 'button', name: t('lock:unlock'), exact: true } }],
    shows: { role: 'alert' },
  },
  { name: 'statements', from: 'open', steps: [nav('statements')], shows: heading(t('statements:title')) },
  { name: 'statement', from: 'open', steps: [nav('statements'), { click: { text: fx.statement('released'), exact: true } }], shows: heading(fx.statement('released')) },
  {
    name: 'statement-waiting',
    from: 'open',
    steps: [nav('statements'), { click: { text: fx.statement('waiting'), exact: true } }],
    shows: heading(fx.statement('waiting')),
  },
  { name: 'write', from: 'open', steps: [nav('write')], shows: heading(t('write:title')) },
  { name: 'write-refused', from: 'open', steps: [nav('write'), { click: { role: 'button', name: t('write:save'), exact: true } }], shows: { role: 'alert' } },
  {
    name: 'write-translation',
    from: 'open',
    steps: [
      nav('statements'),
      { click: { text: fx.statement('released'), exact: true } },
      { click: { role: 'button', name: t('statements:action.write') } },
      { click: { role: 'menuitem', name: t('statements:write.translation-of') } },
    ],
    shows: heading(t('write:heading.translation-of')),
  },
  { name: 'write-draft', from: 'open', steps: [nav('write'), { click: { role: 'button', name: t('write:drafts.send'), exact: true } }], shows: heading(t('write:draft.heading')) },
  { name: 'groups', from: 'open', steps: [nav('groups')], shows: heading(t('groups:title')) },
  { name: 'group', from: 'open', steps: [nav('groups'), { click: { text: myGroup, exact: true } }], shows: heading(myGroup) },
  { name: 'contacts', from: 'open', steps: [nav('contacts')], shows: heading(t('contacts:title')) },
  { name: 'contact', from: 'open', steps: [nav('contacts'), { click: { text: unverifiedGroup, exact: true } }], shows: heading(unverifiedGroup) },
  { name: 'contact-lookalike', from: 'open', steps: [nav('contacts'), { click: { text: lookalikeGroup, exact: true } }], shows: heading(lookalikeGroup) },
  {
    name: 'contact-compare',
    from: 'open',
    steps: [nav('contacts'), { click: { text: unverifiedGroup, exact: true } }, { click: { role: 'button', name: t('contacts:action.compare') } }],
    shows: heading((c) => words(c.lang, 'contacts:compare.title', { name: text(unverifiedGroup, c) })),
  },
  {
    name: 'group-found',
    from: 'open',
    steps: [nav('groups'), { click: { role: 'button', name: t('groups:found.open') } }],
    shows: { role: 'dialog', name: t('groups:found.title') },
  },
  {
    name: 'group-compromise',
    from: 'open',
    steps: [nav('groups'), { click: { text: myGroup, exact: true } }, { click: { role: 'button', name: t('groups:action.compromise') } }],
    shows: { role: 'alertdialog', name: t('groups:compromise.title') },
  },
  { name: 'exchange', from: 'open', steps: [nav('exchange')], shows: heading(t('exchange:title')) },
  // The exchange's other tabs, and the picker of statements to send.
  { name: 'exchange-send', from: 'open', steps: [nav('exchange'), { click: { role: 'tab', name: t('exchange:tab.export'), exact: true } }], shows: heading(t('exchange:export.how')) },
  { name: 'exchange-sync', from: 'open', steps: [nav('exchange'), { click: { role: 'tab', name: t('exchange:tab.sync'), exact: true } }], shows: heading(t('exchange:sync.with')) },
  { name: 'exchange-text', from: 'open', steps: [nav('exchange'), { click: { role: 'tab', name: t('exchange:tab.text'), exact: true } }], shows: heading(t('exchange:text.what')) },
  {
    name: 'exchange-picker',
    from: 'open',
    steps: [nav('exchange'), { click: { role: 'tab', name: t('exchange:tab.export'), exact: true } }, { click: { role: 'button', name: t('exchange:export.pick'), exact: true } }],
    shows: { role: 'dialog', name: t('exchange:picker.title.export') },
  },
  { name: 'settings', from: 'open', steps: [nav('settings')], shows: heading(t('settings:title')) },
  // Dialogs: the place, the button that opens it, and the dialog by its title.
  { name: 'wipe-confirm', from: 'open', steps: [nav('settings'), { click: { role: 'button', name: t('settings:wipe.open') } }], shows: { role: 'alertdialog', name: t('settings:wipe.title') } },
];

/** How long one step waits for what it looks for. */
const STEP_MS = 5_000;

function text(value: Text, c: StepContext): string {
  return typeof value === 'function' ? value(c) : value;
}

function locate(root: Page | Locator, target: Target, c: StepContext): Locator {
  const scope = target.in ? locate(root, target.in, c) : root;
  if ('role' in target) return scope.getByRole(target.role, target.name === undefined ? {} : { name: text(target.name, c), exact: target.exact ?? false }).first();
  // Text may also be in hidden places (a select's options): only what is shown counts.
  if ('text' in target) return scope.getByText(text(target.text, c), { exact: target.exact ?? false }).filter({ visible: true }).first();
  return scope.getByLabel(text(target.label, c), { exact: true }).first();
}

function describeTarget(target: Target, c: StepContext): string {
  const say = (v: Text) => {
    try {
      return JSON.stringify(text(v, c));
    } catch (err) {
      return `(${(err as Error).message})`;
    }
  };
  if ('role' in target) return `${target.role}${target.name === undefined ? '' : ` ${say(target.name)}`}`;
  if ('text' in target) return `text ${say(target.text)}`;
  return `field labelled ${say(target.label)}`;
}

function describeStep(step: Step, c: StepContext): string {
  if ('click' in step) return `click ${describeTarget(step.click, c)}`;
  if ('fill' in step) return `type into ${describeTarget(step.fill, c)}`;
  return `press ${step.press}`;
}

/** Takes the steps and waits for what the screen shows; the reason when it cannot. */
export async function walk(page: Page, screen: Screen, c: StepContext): Promise<string | null> {
  for (const [i, step] of screen.steps.entries()) {
    try {
      if ('click' in step) await locate(page, step.click, c).click({ timeout: STEP_MS });
      else if ('fill' in step) await locate(page, step.fill, c).fill(text(step.value, c), { timeout: STEP_MS });
      else await page.keyboard.press(step.press);
    } catch (err) {
      return `step ${i + 1} (${describeStep(step, c)}): ${firstLine(err)}`;
    }
  }
  try {
    await locate(page, screen.shows, c).waitFor({ timeout: STEP_MS });
  } catch (err) {
    return `it never shows ${describeTarget(screen.shows, c)}: ${firstLine(err)}`;
  }
  await settle(page, c.lang);
  return null;
}

const firstLine = (err: unknown): string => (err instanceof Error ? err.message : String(err)).split('\n')[0] ?? '';

/** Lets what the page is loading arrive: no "Loading…" left (for a few seconds at most), fonts in. */
async function settle(page: Page, lang: Language): Promise<void> {
  const loading = lookup(lang, 'common:loading');
  if (loading) await page.getByText(loading, { exact: true }).first().waitFor({ state: 'hidden', timeout: STEP_MS }).catch(() => undefined);
  await page.evaluate(() => (globalThis as unknown as { document: { fonts: { ready: Promise<unknown> } } }).document.fonts.ready);
}

export type Visit = { reached: true; page: Page } | { reached: false; page: Page; why: string };

/**
 * Walks the screens in one language: the first run on a new empty folder each time, the rest on
 * the demo vault (one app, locked and unlocked as the screens need).
 */
export class ScreenTour {
  private demo: App | null = null;
  private state: 'locked' | 'open' = 'locked';

  constructor(
    readonly lang: Language,
    readonly fixture: VaultFixture,
    readonly shell: ShellKind = 'browser',
  ) {}

  private get context(): StepContext {
    return { lang: this.lang, fixture: this.fixture };
  }

  private async demoApp(): Promise<App> {
    if (!this.demo) {
      this.demo = await startApp({ vaultDir: this.fixture.dir, language: this.lang, shell: this.shell });
      this.state = 'locked';
    }
    return this.demo;
  }

  /** Reaches the screen and hands its page to `look` (a photograph, axe); says whether it was reached, and if not why. */
  async visit<T>(screen: Screen, look: (page: Page, visit: Visit) => Promise<T>): Promise<{ visit: Visit; result: T }> {
    if (screen.from === 'first-run') {
      const app = await startApp({ vaultDir: emptyVaultDir(), language: this.lang, shell: this.shell });
      try {
        return await this.look(app.page, screen, look);
      } finally {
        await app.close();
      }
    }
    const app = await this.demoApp();
    await app.home();
    if (screen.from === 'locked' && this.state === 'open') {
      await lock(app.page);
      this.state = 'locked';
      await app.home();
    }
    if (screen.from === 'open' && this.state === 'locked') {
      await unlock(app.page, this.fixture.passphrase);
      this.state = 'open';
      await app.home();
    }
    return this.look(app.page, screen, look);
  }

  private async look<T>(page: Page, screen: Screen, look: (page: Page, visit: Visit) => Promise<T>): Promise<{ visit: Visit; result: T }> {
    await appReady(page);
    const why = await walk(page, screen, this.context);
    const visit: Visit = why === null ? { reached: true, page } : { reached: false, page, why };
    return { visit, result: await look(page, visit) };
  }

  async close(): Promise<void> {
    await this.demo?.close();
    this.demo = null;
  }
}

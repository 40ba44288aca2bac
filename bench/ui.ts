// The statements screen's first render, as a person sees it: `samizdat ui --no-open` started as a
// user starts it (tests/e2e/browser-mode-real-vault.test.ts does the same), Debian's Chromium
// driven by playwright-core, the passphrase typed, Unlock pressed; the clock, in the page, runs
// from the form's submit to the frame after the first rows of the list are in the document (a
// timer queued from requestAnimationFrame fires once that frame is painted). Each round opens a
// fresh page and locks the vault again at the end, so every round opens the vault anew.
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { PASSPHRASE, REPO_ROOT, SAMIZDAT_BIN } from './lib.js';

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const RENDERER = join(REPO_ROOT, 'out', 'renderer', 'index.html');

/** Why the UI cannot be measured here, or undefined when it can. */
export function uiUnavailable(): string | undefined {
  if (!existsSync(CHROMIUM)) return `no Chromium at ${CHROMIUM} (apt-get install chromium)`;
  if (!existsSync(RENDERER)) return `the renderer is not built (${RENDERER} is missing: run npm run build)`;
  return undefined;
}

function startUi(vault: string): Promise<{ child: ChildProcess; url: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [SAMIZDAT_BIN, '--json', 'ui', '--no-open'], { env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', SAMIZDAT_VAULT: vault } });
    let out = '';
    let err = '';
    child.stdout.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      try {
        resolve({ child, url: (JSON.parse(out) as { url: string }).url });
      } catch {
        // not the whole JSON object yet
      }
    });
    child.stderr.on('data', (chunk: Buffer) => (err += chunk.toString()));
    child.on('exit', (code) => reject(new Error(`samizdat ui exited with ${code}: ${err}`)));
  });
}

interface PageClock {
  submit?: number;
  unlocked?: number;
  painted?: number;
  rows?: number;
}

/** Installed in the page before its own scripts: the clock's marks, in the page's own time. (No DOM types here: this file compiles for Node.) */
function instrument(): void {
  interface PageGlobals {
    __bench: PageClock;
    fetch: (input: unknown, init?: unknown) => Promise<unknown>;
    document: { addEventListener: (type: string, fn: () => void, capture: boolean) => void; querySelectorAll: (selector: string) => { length: number } };
    requestAnimationFrame: (cb: () => void) => void;
    MutationObserver: new (cb: () => void) => { observe: (target: unknown, options: object) => void };
  }
  const w = globalThis as unknown as PageGlobals;
  const clock: PageClock = {};
  w.__bench = clock;
  // Unlock pressed: the form's submit, or the press itself (the lock screen's button need not submit a form).
  w.document.addEventListener('submit', () => (clock.submit ??= performance.now()), true);
  w.document.addEventListener('click', () => (clock.submit ??= performance.now()), true);
  const original = w.fetch.bind(w);
  w.fetch = async (input: unknown, init?: unknown) => {
    const response = await original(input, init);
    if (String(input).includes('vault:unlock')) clock.unlocked ??= performance.now();
    return response;
  };
  let seen = false;
  new w.MutationObserver(() => {
    if (seen || clock.submit === undefined) return;
    const rows = w.document.querySelectorAll('li.statement-row:not(.loading-more)');
    if (rows.length === 0) return;
    seen = true;
    w.requestAnimationFrame(() =>
      setTimeout(() => {
        clock.painted = performance.now();
        clock.rows = w.document.querySelectorAll('li.statement-row:not(.loading-more)').length;
      }, 0),
    );
  }).observe(w.document, { subtree: true, childList: true });
}

export interface FirstRender {
  /** From Unlock pressed to the first rows painted, each round, ms. */
  fromUnlockMs: number[];
  /** From the unlock call's answer to the first rows painted, each round, ms. */
  afterUnlockedMs: number[];
  rows: number;
}

export async function measureFirstRender(vault: string, rounds: number): Promise<FirstRender> {
  const ui = await startUi(vault);
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ['--no-sandbox', '--disable-background-networking', '--disable-component-update', '--disable-gpu', '--no-first-run'],
  });
  const result: FirstRender = { fromUnlockMs: [], afterUnlockedMs: [], rows: 0 };
  try {
    for (let r = 0; r < rounds; r++) {
      const context = await browser.newContext();
      const page = await context.newPage();
      await page.addInitScript(instrument);
      await page.goto(ui.url);
      await page.getByRole('heading', { name: 'The vault is locked' }).waitFor();
      await page.getByLabel('Passphrase').fill(PASSPHRASE);
      await page.getByRole('button', { name: 'Unlock' }).click();
      // The rows, or an error shown instead of them (then the measurement fails at once, saying what the page said).
      const painted = page.waitForFunction(() => (globalThis as unknown as { __bench: PageClock }).__bench.painted !== undefined, undefined, { timeout: 120_000 }).then(() => 'painted');
      const alert = page.locator('[role=alert]');
      const shown = alert.waitFor({ timeout: 120_000 }).then(
        () => 'alert',
        () => 'no alert',
      );
      painted.catch(() => undefined); // awaited below unless an alert came first
      if ((await Promise.race([painted, shown])) === 'alert') throw new Error(`bench: the statements screen shows an error: ${(await alert.textContent()) ?? ''}`);
      await painted;
      const clock = await page.evaluate(() => (globalThis as unknown as { __bench: PageClock }).__bench);
      if (clock.submit === undefined || clock.painted === undefined || clock.unlocked === undefined) throw new Error('bench: the page clock missed a mark');
      result.fromUnlockMs.push(clock.painted - clock.submit);
      result.afterUnlockedMs.push(clock.painted - clock.unlocked);
      result.rows = clock.rows ?? 0;
      await page.getByRole('button', { name: 'Lock' }).click();
      await page.getByRole('heading', { name: 'The vault is locked' }).waitFor();
      await context.close();
    }
  } finally {
    await browser.close();
    ui.child.kill('SIGINT');
  }
  return result;
}

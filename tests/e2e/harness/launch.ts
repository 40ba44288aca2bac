// Starting the app on a vault, as a person does, in one of two shells:
//   browser   `samizdat ui --no-open --json` on that vault, and Debian's Chromium (playwright-core)
//             opening the URL it prints;
//   electron  the Electron app with SAMIZDAT_VAULT pointing at the vault, where a binary exists
//             (tests/e2e/electron-binary.ts).
// One Chromium per process (vitest runs each test file in its own), launched on first need and
// closed by closeBrowser(); each app gets a browser context of its own (its language, its
// sessionStorage) and one page, reused by the specs.

import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { _electron, chromium, type Browser, type BrowserContext, type ElectronApplication, type Page } from 'playwright-core';
import { REPO_ROOT, SAMIZDAT_BIN } from '../../helpers/cli.js';
import { buildInto } from '../build.js';
import { electronBinary } from '../electron-binary.js';
import { unlock } from './actions.js';
import type { HarnessWindow } from './page.js';
import type { Language } from './words.js';

export const CHROMIUM = process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium';
export const haveChromium = existsSync(CHROMIUM);
export const CHROMIUM_ARGS = ['--no-sandbox', '--disable-background-networking', '--disable-component-update', '--disable-gpu', '--no-first-run'];

export type ShellKind = 'browser' | 'electron';

/** Which shells can run here, and why one cannot (for a skipIf title). */
export const SHELLS: { kind: ShellKind; missing: string | null }[] = [
  { kind: 'browser', missing: haveChromium ? null : `no Chromium at ${CHROMIUM} (set CHROMIUM_PATH)` },
  { kind: 'electron', missing: electronBinary() ? null : "no Electron binary (electron's dist/ is absent)" },
];

export interface StartOptions {
  vaultDir: string;
  /** Unlock through the lock screen once it shows (and wait for the open app). */
  passphrase?: string;
  /** The system language the app sees (Chromium's locale and Accept-Language; Electron's --lang). */
  language?: Language;
  /** More environment for `samizdat ui` or Electron's main process. */
  env?: Record<string, string>;
  shell?: ShellKind;
}

export interface App {
  shell: ShellKind;
  page: Page;
  vaultDir: string;
  passphrase: string | undefined;
  /** Browser mode: the URL `samizdat ui` printed, token included. Electron: the window's URL. */
  url: string;
  /** Browser mode: the server's own address (no token), e.g. http://127.0.0.1:4711. */
  origin: string | null;
  /** Electron only. */
  electron: ElectronApplication | null;
  /** Back to the app's first page (history state dropped, so the route starts at Statements). */
  home(): Promise<void>;
  /** Another page on the same app (browser mode: a new tab in the same context, so the same token). */
  newPage(): Promise<Page>;
  /** Closes the page's context and stops the server (or quits Electron). */
  close(): Promise<void>;
}

let browser: Promise<Browser> | null = null;

/** The one Chromium of this process. */
export function sharedBrowser(): Promise<Browser> {
  browser ??= chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
  return browser;
}

/** Closes the Chromium of this process, and forgets the Electron build; every test file's afterAll. */
export async function closeBrowser(): Promise<void> {
  const b = browser;
  browser = null;
  await (await b?.catch(() => null))?.close();
  if (electronOut) rmSync(electronOut, { recursive: true, force: true });
  electronOut = null;
}

/** A browser context as a person's browser in `language` would be. */
export async function newContext(language: Language = 'en'): Promise<BrowserContext> {
  return (await sharedBrowser()).newContext({ locale: language, extraHTTPHeaders: { 'Accept-Language': language } });
}

export interface UiServer {
  child: ChildProcess;
  url: string;
  port: number;
  stop(): Promise<void>;
}

/** Starts `samizdat --json ui --no-open` on the vault and reads the URL it prints. */
export function startUi(vaultDir: string, env: Record<string, string> = {}): Promise<UiServer> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [SAMIZDAT_BIN, '--json', 'ui', '--no-open'], {
      env: { PATH: process.env['PATH'] ?? '', HOME: process.env['HOME'] ?? '', SAMIZDAT_VAULT: vaultDir, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    let err = '';
    const exited = new Promise<void>((done) => child.once('exit', () => done()));
    const stop = async () => {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGINT');
      await exited;
    };
    child.stdout!.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      try {
        const { url, port } = JSON.parse(out) as { url: string; port: number };
        resolve({ child, url, port, stop });
      } catch {
        // not the whole JSON object yet
      }
    });
    child.stderr!.on('data', (chunk: Buffer) => (err += chunk.toString()));
    child.once('exit', (code) => reject(new Error(`samizdat ui exited with ${code}: ${err}`)));
  });
}

/** The app has drawn its first state: a heading (first run, lock, a place) or an error. */
export async function appReady(page: Page): Promise<void> {
  await page.locator('h1, [role=alert]').first().waitFor({ timeout: 20_000 });
}

/** Back to the first page of the app: a reload with no history state (browser mode keeps its token for the tab). */
async function goHome(page: Page): Promise<void> {
  await page.evaluate(() => (globalThis as unknown as HarnessWindow).history.replaceState(null, ''));
  await page.reload();
  await appReady(page);
}

async function startBrowserApp(options: StartOptions): Promise<App> {
  const server = await startUi(options.vaultDir, options.env);
  let context: BrowserContext | null = null;
  try {
    context = await newContext(options.language);
    const page = await context.newPage();
    await page.goto(server.url);
    await appReady(page);
    const ctx = context;
    return {
      shell: 'browser',
      page,
      vaultDir: options.vaultDir,
      passphrase: options.passphrase,
      url: server.url,
      origin: new URL(server.url).origin,
      electron: null,
      home: () => goHome(page),
      newPage: async () => {
        const p = await ctx.newPage();
        await p.goto(server.url);
        await appReady(p);
        return p;
      },
      close: async () => {
        await ctx.close().catch(() => undefined);
        await server.stop();
      },
    };
  } catch (err) {
    await context?.close().catch(() => undefined);
    await server.stop();
    throw err;
  }
}

let electronOut: string | null = null;

/** The Electron app, built once per process into a folder of its own, launched with more env and args. */
export async function launchElectron(options: { env?: Record<string, string>; args?: string[] } = {}): Promise<ElectronApplication> {
  const binary = electronBinary();
  if (!binary) throw new Error("no Electron binary (electron's dist/ is absent)");
  if (!electronOut) {
    electronOut = buildInto(`e2e-electron-${process.pid}`);
    // An app directory of its own; dependencies still resolve from the project's node_modules.
    writeFileSync(path.join(electronOut, 'package.json'), JSON.stringify({ name: 'samizdat-e2e', type: 'module', main: 'main/index.js' }));
  }
  const env: Record<string, string> = {};
  for (const [k, v] of Object.entries(process.env)) if (v !== undefined && k !== 'ELECTRON_RENDERER_URL' && k !== 'ELECTRON_RUN_AS_NODE') env[k] = v;
  return _electron.launch({
    executablePath: binary,
    // Chromium refuses to sandbox as root; only then is the sandbox switched off for the test.
    args: [...(process.getuid?.() === 0 ? ['--no-sandbox'] : []), ...(options.args ?? []), electronOut],
    cwd: REPO_ROOT,
    env: { ...env, ...options.env },
    timeout: 30_000,
  });
}

async function startElectronApp(options: StartOptions): Promise<App> {
  const app = await launchElectron({
    env: { SAMIZDAT_VAULT: options.vaultDir, ...options.env },
    args: options.language ? [`--lang=${options.language}`] : [],
  });
  try {
    const page = await app.firstWindow();
    await page.waitForLoadState('domcontentloaded');
    await appReady(page);
    return {
      shell: 'electron',
      page,
      vaultDir: options.vaultDir,
      passphrase: options.passphrase,
      url: page.url(),
      origin: null,
      electron: app,
      home: () => goHome(page),
      newPage: () => Promise.reject(new Error('the Electron app has one window')),
      close: () => app.close(),
    };
  } catch (err) {
    await app.close();
    throw err;
  }
}

/** Starts the app on the vault in the shell asked for (browser mode by default); unlocks when given the passphrase. */
export async function startApp(options: StartOptions): Promise<App> {
  const app = options.shell === 'electron' ? await startElectronApp(options) : await startBrowserApp(options);
  if (options.passphrase !== undefined) {
    try {
      await unlock(app.page, options.passphrase);
    } catch (err) {
      await app.close();
      throw err;
    }
  }
  return app;
}

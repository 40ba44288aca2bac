// Electron smoke test, wherever an Electron binary is installed: the window opens on app://, the
// renderer has no Node, the CSP is served and enforced, and remote requests fail both by CSP and at
// the session (main's request filter). Without a binary, it says so and skips.

import type { ElectronApplication, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CHANNELS } from '../../src/shared/channels.js';
import { CONTENT_SECURITY_POLICY } from '../../src/shared/csp.js';
import { electronBinary } from './electron-binary.js';
import { closeHarness, launchElectron } from './harness/index.js';
import type { PageWindow } from './page-globals.js';

const binary = electronBinary();
const SKIPPED = "skipped: no Electron binary (electron's dist/ is absent)";
if (!binary) console.info(`tests/e2e/electron.test.ts ${SKIPPED}`);

let app: ElectronApplication;
let window: Page;

describe.skipIf(!binary)(binary ? 'Electron smoke test' : SKIPPED, () => {
  beforeAll(async () => {
    // Built into a folder of its own and launched as tests/e2e/harness launches every Electron spec.
    app = await launchElectron();
    window = await app.firstWindow();
    await window.waitForLoadState('domcontentloaded');
  });

  afterAll(async () => {
    await app?.close();
    await closeHarness();
  });

  it('opens one window on app://samizdat with the lock screen', async () => {
    expect(window.url()).toBe('app://samizdat/index.html');
    await window.getByRole('heading', { name: 'The vault is locked' }).waitFor();
    expect(app.windows()).toHaveLength(1);
  });

  it('gives the renderer no Node: window.require and process are undefined', async () => {
    const kinds = await window.evaluate(() => {
      const w = globalThis as unknown as PageWindow;
      return [typeof w.require, typeof w.process];
    });
    expect(kinds).toEqual(['undefined', 'undefined']);
  });

  it('exposes exactly the contract as window.samizdat', async () => {
    expect(await window.evaluate(() => Object.keys((globalThis as unknown as PageWindow).samizdat ?? {}))).toEqual([...CHANNELS]);
  });

  it('serves the CSP and enforces it: remote fetch, eval and inline script are blocked', async () => {
    const result = await window.evaluate(async () => {
      const page = globalThis as unknown as PageWindow;
      const { document, location } = page;
      const violations: string[] = [];
      document.addEventListener('securitypolicyviolation', (e) => violations.push(e.effectiveDirective));
      const csp = (await fetch(location.href)).headers.get('content-security-policy');
      let remote = 'fetched';
      try {
        await fetch('https://example.com/');
      } catch {
        remote = 'blocked';
      }
      const evaluated = await new Promise<string>((resolve) =>
        setTimeout(() => {
          try {
            resolve(String((0, eval)('1 + 1')));
          } catch (e) {
            resolve((e as Error).name);
          }
        }, 0),
      );
      const s = document.createElement('script');
      s.textContent = 'window.__inline = 1';
      document.body.append(s);
      await new Promise((r) => setTimeout(r, 50));
      return { csp, remote, evaluated, inline: page.__inline, violations };
    });
    expect(result.csp).toBe(CONTENT_SECURITY_POLICY);
    expect(result.remote).toBe('blocked');
    expect(result.evaluated).toBe('EvalError');
    expect(result.inline).toBeUndefined();
    expect(result.violations).toEqual(expect.arrayContaining(['connect-src', 'script-src', 'script-src-elem']));
  });

  it('refuses a remote request at the session, even from main (the request filter, not only the CSP)', async () => {
    const outcome = await app.evaluate(async ({ net }) => {
      const own = (await net.fetch('app://samizdat/index.html')).status;
      try {
        await net.fetch('https://example.com/');
        return { own, remote: 'fetched' };
      } catch (e) {
        const err = e as Error & { cause?: unknown };
        return { own, remote: `refused: ${err.message} ${String(err.cause ?? '')}` };
      }
    });
    expect(outcome.own).toBe(200);
    // Cancelled by the session's filter, not merely unreachable: Chromium names the blocker.
    expect(outcome.remote).toMatch(/^refused: .*ERR_BLOCKED_BY_CLIENT/);
  });
});

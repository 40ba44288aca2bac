// The main window's options: Electron's security checklist, item by item.

import type { BrowserWindowConstructorOptions, WebPreferences } from 'electron';
import { describe, expect, it } from 'vitest';
import { createMainWindow, type BrowserWindowConstructor } from '../../../src/main/security/window-options.js';

function optionsFor(preload: string, development: boolean): BrowserWindowConstructorOptions {
  let captured: BrowserWindowConstructorOptions | undefined;
  class Capture {
    constructor(options: BrowserWindowConstructorOptions) {
      captured = options;
    }
  }
  createMainWindow(Capture as unknown as BrowserWindowConstructor, preload, development);
  return captured!;
}

describe('createMainWindow', () => {
  const options = optionsFor('/app/out/preload/index.cjs', false);
  const prefs = options.webPreferences as WebPreferences;

  it('isolates and sandboxes the renderer, with no Node anywhere', () => {
    expect(prefs).toMatchObject({
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
    });
  });

  it('keeps web security on and insecure or experimental features off', () => {
    expect(prefs).toMatchObject({
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      webviewTag: false,
      enableWebSQL: false,
      spellcheck: false,
      safeDialogs: true,
      disableBlinkFeatures: 'Auxclick',
    });
    expect('enableBlinkFeatures' in prefs).toBe(false);
    expect('additionalArguments' in prefs).toBe(false);
    expect('session' in prefs || 'partition' in prefs).toBe(false);
  });

  it('loads the CommonJS preload and has DevTools only in development', () => {
    expect(prefs.preload).toBe('/app/out/preload/index.cjs');
    expect(prefs.devTools).toBe(false);
    expect((optionsFor('/p.cjs', true).webPreferences as WebPreferences).devTools).toBe(true);
  });

  it('lets a dropped file become a navigation, which main cancels and turns into an import', () => {
    expect(prefs.navigateOnDragDrop).toBe(true);
  });

  it('shows the window only when ready', () => {
    expect(options.show).toBe(false);
    expect(options.title).toBe('Samizdat');
  });
});

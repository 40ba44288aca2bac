// The main window: every item of Electron's security checklist that is a window option, spelled out
// even where Electron's default is already safe, so that a default changing upstream (or a careless
// edit) is caught by tests/unit/main/window-options.test.ts rather than shipped. The options are an
// object literal at the constructor call so that electronegativity can read them too.

import type { BrowserWindow as ElectronBrowserWindow, BrowserWindowConstructorOptions } from 'electron';

export type BrowserWindowConstructor = new (options: BrowserWindowConstructorOptions) => ElectronBrowserWindow;

export function createMainWindow(
  BrowserWindow: BrowserWindowConstructor,
  preloadPath: string,
  development: boolean,
): ElectronBrowserWindow {
  return new BrowserWindow({
    width: 1100,
    height: 760,
    minWidth: 640,
    minHeight: 480,
    title: 'Samizdat',
    show: false, // shown on ready-to-show: no white flash, no half-loaded window
    backgroundColor: '#f6f4ef',
    webPreferences: {
      // Reviewed: the preload exposes only the contract's channels (tests/unit/preload/preload.test.ts).
      preload: preloadPath, // eng-disable PRELOAD_JS_CHECK -- reviewed, see the line above
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      experimentalFeatures: false,
      // No extra Blink features are enabled (enableBlinkFeatures is absent); middle-click "open in
      // new window" is switched off, on top of the window-open handler that denies every window.
      disableBlinkFeatures: 'Auxclick',
      // A file dropped on the window becomes a navigation that main cancels and turns into an
      // import (navigation.ts), so the renderer never handles paths.
      navigateOnDragDrop: true,
      // Spellcheck downloads dictionaries from Google's servers.
      spellcheck: false,
      safeDialogs: true,
      enableWebSQL: false,
      autoplayPolicy: 'document-user-activation-required',
      devTools: development,
    },
  });
}

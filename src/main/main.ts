// The main process, wired. Electron is passed in (index.ts passes the real module) so that a unit
// test can run this wiring against a fake and see every guard installed. Each policy lives in a
// small pure module under security/; this file only connects them to Electron.

import type * as Electron from 'electron';
import path from 'node:path';
import { createHandlers } from '../app/handlers.js';
import { IdleLock, idleLockMs } from '../app/idle-lock.js';
import { JobRegistry } from '../app/jobs.js';
import type { AppCore } from '../app/ports.js';
import { bundlePathsFromArgv } from './file-association.js';
import { registerFileDialogs } from './file-dialogs.js';
import { ImportQueue } from './import-queue.js';
import { registerIpc } from './ipc.js';
import { appProtocolHandler } from './protocol.js';
import { contentSecurityPolicy, withContentSecurityPolicy } from './security/csp.js';
import { decideNavigation, denyWindowOpen } from './security/navigation.js';
import { APP_ENTRY_URL, APP_SCHEME, APP_SCHEME_PRIVILEGES, devServerOrigin } from './security/origin.js';
import { denyAllPermissions } from './security/permissions.js';
import { requestFilter } from './security/request-filter.js';
import { createMainWindow } from './security/window-options.js';

export type ElectronMain = Pick<typeof Electron, 'app' | 'BrowserWindow' | 'ipcMain' | 'protocol' | 'session' | 'powerMonitor' | 'dialog'>;

export interface MainConfig {
  /** Directory of the built main (out/main): preload and renderer are found beside it. */
  outMainDir: string;
  argv: readonly string[];
  cwd: string;
  env: Readonly<Record<string, string | undefined>>;
  core: AppCore;
  log?: (line: string) => void;
}

export function startMain(electron: ElectronMain, config: MainConfig): void {
  const { app, BrowserWindow, ipcMain, protocol, session, powerMonitor, dialog } = electron;
  const log = config.log ?? ((line: string) => process.stderr.write(`${line}\n`));

  // Before `ready`: the privileged scheme, the sandbox for every renderer, one instance only.
  protocol.registerSchemesAsPrivileged([APP_SCHEME_PRIVILEGES]);
  app.enableSandbox();
  if (!app.requestSingleInstanceLock()) {
    app.quit();
    return;
  }

  const devOrigin = devServerOrigin(app.isPackaged, config.env['ELECTRON_RENDERER_URL']);
  const csp = contentSecurityPolicy(devOrigin);
  const preloadPath = path.join(config.outMainDir, '..', 'preload', 'index.cjs');
  const rendererDir = path.join(config.outMainDir, '..', 'renderer');

  const { core } = config;
  const jobs = new JobRegistry();
  const idleLockMinutes = idleLockMs(config.env['SAMIZDAT_IDLE_LOCK_MINUTES']) / 60_000;
  // The idle lock time kept in the vault: in force at every unlock, and at once when changed.
  // session:ping is browser mode's; here it does nothing (a window that closes quits the app).
  const handlers = createHandlers(core, {
    jobs,
    session: { defaultIdleLockMinutes: idleLockMinutes, onIdleLockMinutes: (minutes) => idle.setTimeoutMs(minutes * 60_000) },
  });
  const imports = new ImportQueue({
    isUnlocked: () => core.isUnlocked(),
    start: (paths) => handlers['bundles:import']({ paths }),
  });
  const startImports = (paths: readonly string[]): void => {
    imports.add(paths);
    imports.flush().catch((err: unknown) => log(`samizdat: could not start the import: ${String(err)}`));
  };

  let window: Electron.BrowserWindow | null = null;

  // core.lock() waits for a running import, export or sync (see app/vault-core.ts): the vault is
  // never closed under an open transaction. Requests that arrive meanwhile (the idle timer keeps
  // checking) join the pending lock instead of reloading the window once each.
  let locking: Promise<void> | null = null;
  const lockNow = (reason: string): Promise<void> => {
    if (!core.isUnlocked()) return Promise.resolve();
    locking ??= (async () => {
      await core.lock();
      log(`samizdat: vault locked (${reason})`);
      // A reload drops every view model the renderer held; it comes back on the lock screen.
      window?.webContents.reload();
    })().finally(() => {
      locking = null;
    });
    return locking;
  };
  const idle = new IdleLock({
    timeoutMs: idleLockMinutes * 60_000,
    isUnlocked: () => core.isUnlocked(),
    lock: () => lockNow('idle'),
    systemIdleMs: () => powerMonitor.getSystemIdleTime() * 1000,
  });

  // Guards for every webContents that will ever exist, not only the main window's.
  app.on('web-contents-created', (_event, contents) => {
    const onNavigate = (event: { preventDefault(): void }, url: string): void => {
      event.preventDefault();
      const decision = decideNavigation(url);
      if (decision.action === 'deny-and-import') startImports([decision.path]);
    };
    contents.on('will-navigate', onNavigate);
    contents.on('will-frame-navigate', (event) => {
      if (!event.isMainFrame) event.preventDefault();
    });
    contents.on('will-redirect', (event) => event.preventDefault());
    contents.on('will-attach-webview', (event) => event.preventDefault());
    contents.setWindowOpenHandler(denyWindowOpen);
  });

  // Files opened through the OS: imported for real once the vault is open (import-queue.ts).
  app.on('second-instance', (_event, argv, cwd) => {
    startImports(bundlePathsFromArgv(argv, cwd));
    if (window) {
      if (window.isMinimized()) window.restore();
      window.focus();
    }
  });
  app.on('open-file', (event, file) => {
    event.preventDefault();
    startImports([file]);
  });

  app.on('window-all-closed', () => app.quit());
  // Quitting waits for the vault to close (its database flushed, its key dropped), then quits again.
  let closingVault = false;
  app.on('will-quit', (event) => {
    idle.stop();
    if (closingVault || !core.isUnlocked()) return;
    event.preventDefault();
    closingVault = true;
    core.lock().finally(() => app.quit());
  });

  app.whenReady().then(
    () => {
      const ses = session.defaultSession;
      denyAllPermissions(ses);
      ses.webRequest.onBeforeRequest(requestFilter(devOrigin));
      ses.webRequest.onHeadersReceived((details, callback) =>
        callback({ responseHeaders: withContentSecurityPolicy(details.responseHeaders, csp) }),
      );
      ses.on('will-download', (event) => event.preventDefault());
      protocol.handle(APP_SCHEME, appProtocolHandler(rendererDir, csp));

      registerIpc(ipcMain, {
        handlers,
        devServerOrigin: devOrigin,
        onActivity: () => idle.touch(),
        afterCall: (channel, outcome) => {
          if (channel === 'vault:unlock' && outcome.ok) startImports([]);
        },
        onRefused: (channel, url) => log(`samizdat: refused IPC ${channel} from ${url}`),
        onInternalError: (channel, err) => log(`samizdat: internal error in ${channel}: ${err instanceof Error ? err.name : 'unknown'}`),
      });
      // window.samizdatFiles: the OS's open, save and folder dialogs (file-dialogs.ts).
      registerFileDialogs(ipcMain, {
        dialog,
        windowOf: (event: Electron.IpcMainInvokeEvent) => BrowserWindow.fromWebContents(event.sender),
        devServerOrigin: devOrigin,
        defaultDir: () => app.getPath('documents'),
        onRefused: (channel, url) => log(`samizdat: refused IPC ${channel} from ${url}`),
      });

      powerMonitor.on('suspend', () => void lockNow('suspend'));
      powerMonitor.on('lock-screen', () => void lockNow('screen locked'));
      idle.start();

      window = createMainWindow(BrowserWindow, preloadPath, devOrigin !== null);
      window.once('ready-to-show', () => window?.show());
      window.on('closed', () => {
        window = null;
      });
      void window.loadURL(devOrigin ?? APP_ENTRY_URL);

      startImports(bundlePathsFromArgv(config.argv, config.cwd));
    },
    (err: unknown) => log(`samizdat: Electron failed to start: ${String(err)}`),
  );
}

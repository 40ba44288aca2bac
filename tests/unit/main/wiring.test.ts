// src/main/main.ts against a fake Electron: every guard is installed where it must be, the window
// is built from the secure options, and OS events (file opened, screen locked) do what they should.

import { describe, expect, it } from 'vitest';
import type { ElectronMain } from '../../../src/main/main.js';
import { startMain } from '../../../src/main/main.js';
import { denyPermissionCheck, denyPermissionRequest } from '../../../src/main/security/permissions.js';
import { CHANNELS } from '../../../src/shared/channels.js';
import { CONTENT_SECURITY_POLICY } from '../../../src/shared/csp.js';
import { FILE_DIALOG_CHANNELS } from '../../../src/shared/files.js';
import { createFakeCore, FAKE_PASSPHRASE } from '../app/fake-core.js';
import { createFakeElectron, FakeEvent, type FakeWebContents } from './fake-electron.js';

const appFrame = { senderFrame: { url: 'app://samizdat/index.html', parent: null } };
const tick = () => new Promise((resolve) => setTimeout(resolve, 0));

async function start(options: { env?: Record<string, string>; argv?: string[]; singleInstance?: boolean; isPackaged?: boolean } = {}) {
  const fake = createFakeElectron(options);
  const core = createFakeCore();
  const log: string[] = [];
  startMain(fake.electron as unknown as ElectronMain, {
    outMainDir: '/opt/samizdat/out/main',
    argv: options.argv ?? ['/opt/samizdat/samizdat'],
    cwd: '/home/anna',
    env: options.env ?? {},
    core,
    log: (line) => log.push(line),
  });
  await tick();
  const window = fake.record.windows[0];
  const invoke = (channel: string, args: unknown, event: unknown = appFrame) => fake.record.ipc.get(channel)!(event, args);
  return { ...fake, core, log, window, invoke };
}

describe('main process wiring', () => {
  it('registers the app scheme as privileged and enables the sandbox for every renderer', async () => {
    const { record } = await start();
    expect(record.privilegedSchemes).toEqual([expect.objectContaining({ scheme: 'app', privileges: expect.objectContaining({ standard: true, secure: true, bypassCSP: false }) })]);
    expect(record.sandboxEnabled).toBe(true);
  });

  it('opens one window with the secure options and the app:// entry', async () => {
    const { record, window } = await start();
    expect(record.windows).toHaveLength(1);
    expect(window!.options['webPreferences']).toMatchObject({
      preload: '/opt/samizdat/out/preload/index.cjs',
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webSecurity: true,
      devTools: false,
    });
    expect(window!.loaded).toBe('app://samizdat/index.html');
    window!.emit('ready-to-show');
    expect(window!.shown).toBe(true);
  });

  it('denies permissions, cancels foreign requests, sets the CSP and refuses downloads on the session', async () => {
    const { record, defaultSession } = await start();
    expect(record.permission['request']).toBe(denyPermissionRequest);
    expect(record.permission['check']).toBe(denyPermissionCheck);
    expect(record.permission['device']).toBeTypeOf('function');
    expect(record.permission['displayMedia']).toBeTypeOf('function');

    const cancelled = (url: string) => {
      let cancel: boolean | undefined;
      record.beforeRequest!({ url }, (r) => (cancel = r.cancel));
      return cancel;
    };
    expect(cancelled('https://example.com/')).toBe(true);
    expect(cancelled('data:text/html,x')).toBe(true);
    expect(cancelled('app://samizdat/index.html')).toBe(false);

    let headers: Record<string, string[]> | undefined;
    record.headersReceived!({ responseHeaders: { 'content-security-policy': ['default-src *'] } }, (r) => (headers = r.responseHeaders));
    expect(headers).toEqual({ 'Content-Security-Policy': [CONTENT_SECURITY_POLICY] });

    const download = new FakeEvent();
    defaultSession.emit('will-download', download);
    expect(download.defaultPrevented).toBe(true);
  });

  it('serves app:// from the built renderer with the CSP', async () => {
    const { record } = await start();
    const handler = record.protocols.get('app');
    expect(handler).toBeTypeOf('function');
    const res = await handler!(new Request('app://samizdat/../../etc/passwd'));
    expect(res.status).toBe(404);
    expect(res.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
  });

  it('handles exactly the contract channels, and the three file dialogs, over IPC, checking the sender', async () => {
    const { record, invoke, core } = await start();
    expect([...record.ipc.keys()]).toEqual([...CHANNELS, ...Object.values(FILE_DIALOG_CHANNELS)]);
    const refused = await invoke('vault:unlock', { passphrase: FAKE_PASSPHRASE }, { senderFrame: { url: 'https://evil.example/', parent: null } });
    expect(refused).toMatchObject({ ok: false, error: { code: 'ipc.untrusted-sender' } });
    expect(core.isUnlocked()).toBe(false);
    expect(await invoke('vault:unlock', { passphrase: FAKE_PASSPHRASE })).toEqual({ ok: true, value: { exists: true, unlocked: true, identity: null } });
  });

  it('shows the file dialogs modal to the window that asked, only for the app', async () => {
    const { record, invoke, window } = await start();
    const fromApp = { ...appFrame, sender: window!.webContents };
    record.dialogAnswers.push({ canceled: false, filePaths: ['/media/anna/STICK/kras.samizdat'] });
    expect(await invoke(FILE_DIALOG_CHANNELS.open, { purpose: 'bundle', multiple: false }, fromApp)).toEqual({ ok: true, value: ['/media/anna/STICK/kras.samizdat'] });
    expect(record.dialogs).toHaveLength(1);
    expect(record.dialogs[0]!.window).toBe(window);
    record.dialogAnswers.push({ canceled: false, filePath: '/media/anna/STICK/out' });
    expect(await invoke(FILE_DIALOG_CHANNELS.save, { purpose: 'bundle', suggestedName: 'out' }, fromApp)).toEqual({
      ok: true,
      value: { path: '/media/anna/STICK/out.samizdat', download: null },
    });
    expect(record.dialogs[1]!.options['defaultPath']).toBe('/home/anna/documents/out.samizdat');
    const refused = await invoke(FILE_DIALOG_CHANNELS.folder, {}, { senderFrame: { url: 'https://evil.example/', parent: null }, sender: window!.webContents });
    expect(refused).toMatchObject({ ok: false, error: { code: 'ipc.untrusted-sender' } });
    expect(record.dialogs).toHaveLength(2);
  });

  it('guards every webContents: navigation, redirects, new windows and webviews are refused', async () => {
    const { window } = await start();
    const contents = window!.webContents as FakeWebContents;
    for (const event of ['will-navigate', 'will-redirect', 'will-attach-webview']) {
      const e = new FakeEvent();
      contents.emit(event, e, 'https://evil.example/');
      expect(e.defaultPrevented, event).toBe(true);
    }
    const subframe = new FakeEvent({ isMainFrame: false });
    contents.emit('will-frame-navigate', subframe);
    expect(subframe.defaultPrevented).toBe(true);
    expect(contents.windowOpenHandler!()).toEqual({ action: 'deny' });
  });

  it('imports .samizdat files from argv, a second launch, macOS open-file or a drop, once the vault is open', async () => {
    const { app, window, invoke, core } = await start({ argv: ['/opt/samizdat/samizdat', 'stick/first.samizdat'] });
    app.emit('second-instance', new FakeEvent(), ['/opt/samizdat/samizdat', '/media/second.samizdat'], '/');
    const openFile = new FakeEvent();
    app.emit('open-file', openFile, '/Users/anna/third.samizdat');
    expect(openFile.defaultPrevented).toBe(true);
    const drop = new FakeEvent();
    (window!.webContents as FakeWebContents).emit('will-navigate', drop, 'file:///media/anna/fourth.samizdat');
    expect(drop.defaultPrevented).toBe(true);
    await tick();
    expect(await invoke('jobs:list', {})).toEqual({ ok: true, value: [] }); // locked: nothing started yet

    await invoke('vault:unlock', { passphrase: FAKE_PASSPHRASE });
    await tick();
    await tick();
    const jobs = (await invoke('jobs:list', {})) as { ok: true; value: { kind: string; state: string; result: { summary: string } }[] };
    expect(jobs.value).toHaveLength(1);
    expect(jobs.value[0]).toMatchObject({ kind: 'import', state: 'done' });
    expect(jobs.value[0]!.result.summary).toContain('/home/anna/stick/first.samizdat');
    // One real import of all four, in arrival order, with absolute paths.
    expect(core.calls.filter((c) => c.startsWith('import '))).toEqual([
      'import /home/anna/stick/first.samizdat /media/second.samizdat /Users/anna/third.samizdat /media/anna/fourth.samizdat',
    ]);
  });

  it('locks the vault on suspend and on screen lock, and reloads the window to drop what it showed', async () => {
    const { electron, invoke, core, window, log } = await start();
    await invoke('vault:unlock', { passphrase: FAKE_PASSPHRASE });
    electron.powerMonitor.emit('lock-screen');
    await tick();
    expect(core.isUnlocked()).toBe(false);
    expect((window!.webContents as FakeWebContents).reloads).toBe(1);
    expect(log).toContain('samizdat: vault locked (screen locked)');
    await invoke('vault:unlock', { passphrase: FAKE_PASSPHRASE });
    electron.powerMonitor.emit('suspend');
    await tick();
    expect(core.isUnlocked()).toBe(false);
    electron.powerMonitor.emit('suspend'); // already locked: no second reload
    await tick();
    expect((window!.webContents as FakeWebContents).reloads).toBe(2);
  });

  it('joins lock requests that arrive while a lock waits for a running job: one lock, one reload', async () => {
    const { electron, invoke, core, window, log } = await start();
    await invoke('vault:unlock', { passphrase: FAKE_PASSPHRASE });
    // The real core's lock waits for a running import; this one waits for the test.
    let release!: () => void;
    const lock = core.lock.bind(core);
    let locks = 0;
    core.lock = async () => {
      locks++;
      await new Promise<void>((resolve) => (release = resolve));
      await lock();
    };
    electron.powerMonitor.emit('lock-screen');
    electron.powerMonitor.emit('suspend');
    electron.powerMonitor.emit('lock-screen');
    await tick();
    expect(locks).toBe(1);
    expect((window!.webContents as FakeWebContents).reloads).toBe(0);
    release();
    await tick();
    expect(core.isUnlocked()).toBe(false);
    expect((window!.webContents as FakeWebContents).reloads).toBe(1);
    expect(log.filter((l) => l.startsWith('samizdat: vault locked'))).toEqual(['samizdat: vault locked (screen locked)']);
  });

  it('holds the quit until the vault is locked, then quits', async () => {
    const { app, invoke, core, record } = await start();
    await invoke('vault:unlock', { passphrase: FAKE_PASSPHRASE });
    const quit = new FakeEvent();
    app.emit('will-quit', quit);
    expect(quit.defaultPrevented).toBe(true);
    await tick();
    expect(core.isUnlocked()).toBe(false);
    expect(record.quit).toBe(1);
    const again = new FakeEvent();
    app.emit('will-quit', again);
    expect(again.defaultPrevented).toBe(false);
  });

  it('uses the dev server only when unpackaged, with DevTools and the development CSP', async () => {
    const dev = await start({ isPackaged: false, env: { ELECTRON_RENDERER_URL: 'http://localhost:5173/' } });
    expect(dev.window!.loaded).toBe('http://localhost:5173');
    expect((dev.window!.options['webPreferences'] as { devTools: boolean }).devTools).toBe(true);
    const packaged = await start({ isPackaged: true, env: { ELECTRON_RENDERER_URL: 'http://localhost:5173/' } });
    expect(packaged.window!.loaded).toBe('app://samizdat/index.html');
    expect((packaged.window!.options['webPreferences'] as { devTools: boolean }).devTools).toBe(false);
  });

  it('quits at once when another instance already runs', async () => {
    const { record } = await start({ singleInstance: false });
    expect(record.quit).toBe(1);
    expect(record.windows).toHaveLength(0);
  });
});

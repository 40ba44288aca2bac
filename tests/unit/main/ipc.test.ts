// Electron's IPC transport without Electron: exactly the contract's channels are registered, the
// sender is checked before anything else, and the reply is the handler table's outcome.

import { describe, expect, it, vi } from 'vitest';
import { createHandlers } from '../../../src/app/handlers.js';
import { ipcListener, registerIpc, type IpcListener } from '../../../src/main/ipc.js';
import { CHANNELS } from '../../../src/shared/channels.js';
import { createFakeCore, FAKE_PASSPHRASE } from '../app/fake-core.js';

const appFrame = { senderFrame: { url: 'app://samizdat/index.html', parent: null } };

describe('registerIpc', () => {
  it('registers one handler per contract channel and nothing else', () => {
    const registered: string[] = [];
    registerIpc({ handle: (channel) => registered.push(channel) }, { handlers: createHandlers(createFakeCore()), devServerOrigin: null });
    expect(registered).toEqual([...CHANNELS]);
  });
});

describe('ipcListener', () => {
  it('answers the app’s own frame', async () => {
    const core = createFakeCore();
    const listener = ipcListener('vault:unlock', { handlers: createHandlers(core), devServerOrigin: null });
    expect(await listener(appFrame, { passphrase: FAKE_PASSPHRASE })).toEqual({ ok: true, value: { exists: true, unlocked: true, identity: null } });
  });

  it.each([
    ['a remote page', { senderFrame: { url: 'https://evil.example/', parent: null } }],
    ['a subframe', { senderFrame: { url: 'app://samizdat/index.html', parent: {} } }],
    ['no frame', { senderFrame: null }],
  ])('refuses %s before parsing or running anything', async (_name, event) => {
    const core = createFakeCore();
    const onRefused = vi.fn();
    const onActivity = vi.fn();
    const listener = ipcListener('vault:unlock', { handlers: createHandlers(core), devServerOrigin: null, onRefused, onActivity });
    expect(await listener(event, { passphrase: FAKE_PASSPHRASE })).toMatchObject({ ok: false, error: { code: 'ipc.untrusted-sender' } });
    expect(core.calls).toEqual([]);
    expect(core.isUnlocked()).toBe(false);
    expect(onRefused).toHaveBeenCalledOnce();
    expect(onActivity).not.toHaveBeenCalled();
  });

  it('reports user activity, but not the renderer’s polling, and tells afterCall the outcome', async () => {
    const onActivity = vi.fn();
    const afterCall = vi.fn();
    const options = { handlers: createHandlers(createFakeCore()), devServerOrigin: null, onActivity, afterCall };
    const status: IpcListener = ipcListener('vault:status', options);
    await status(appFrame, {});
    expect(onActivity).not.toHaveBeenCalled();
    await ipcListener('vault:lock', options)(appFrame, {});
    expect(onActivity).toHaveBeenCalledExactlyOnceWith('vault:lock');
    expect(afterCall).toHaveBeenLastCalledWith('vault:lock', { ok: true, value: { exists: true, unlocked: false, identity: null } });
  });
});

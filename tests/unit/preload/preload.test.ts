// The preload exposes `window.samizdat` with exactly the contract's channels, each bound to its own
// channel, and never ipcRenderer itself. The real preload module runs here against a mocked electron.

import { beforeAll, describe, expect, it, vi } from 'vitest';
import { buildApi } from '../../../src/preload/api.js';
import { CHANNELS } from '../../../src/shared/channels.js';

const exposed = new Map<string, unknown>();
const invoke = vi.fn(async (channel: string, args: unknown) => ({ ok: true, value: { channel, args } }));

vi.mock('electron', () => ({
  contextBridge: { exposeInMainWorld: (key: string, api: unknown) => exposed.set(key, api) },
  ipcRenderer: { invoke, send: vi.fn(), on: vi.fn(), sendSync: vi.fn() },
  webUtils: { getPathForFile: vi.fn(() => '') },
}));

beforeAll(async () => {
  await import('../../../src/preload/index.js');
});

describe('preload', () => {
  it('exposes two keys, samizdat with exactly the contract channels and samizdatFiles (files.test.ts)', () => {
    expect([...exposed.keys()]).toEqual(['samizdat', 'samizdatFiles']);
    const api = exposed.get('samizdat') as Record<string, unknown>;
    expect(Object.keys(api)).toEqual([...CHANNELS]);
    expect(Object.isFrozen(api)).toBe(true);
    for (const value of Object.values(api)) expect(value).toBeTypeOf('function');
  });

  it('forwards each function to its own channel through invoke, and nothing else', async () => {
    const api = exposed.get('samizdat') as Record<string, (args: unknown) => Promise<unknown>>;
    for (const channel of CHANNELS) {
      invoke.mockClear();
      await expect(api[channel]!({ probe: channel })).resolves.toEqual({ ok: true, value: { channel, args: { probe: channel } } });
      expect(invoke).toHaveBeenCalledExactlyOnceWith(channel, { probe: channel });
    }
  });

  it('leaks nothing of ipcRenderer', () => {
    const api = exposed.get('samizdat') as Record<string, unknown>;
    for (const name of ['invoke', 'send', 'on', 'sendSync', 'ipcRenderer', 'removeAllListeners']) expect(api[name]).toBeUndefined();
  });
});

describe('buildApi', () => {
  it('cannot be made to call another channel', async () => {
    const calls: string[] = [];
    const api = buildApi(async (channel) => calls.push(channel)) as unknown as Record<string, (a: unknown) => Promise<unknown>>;
    expect(() => Object.assign(api, { 'vault:wipe': () => undefined })).toThrow();
    await api['vault:lock']!({});
    expect(calls).toEqual(['vault:lock']);
  });
});

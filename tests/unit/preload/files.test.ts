// The preload's `window.samizdatFiles` (src/preload/files.ts), run as the real preload module against
// a mocked electron: five functions, each bound to its one main channel with only the fields it
// knows, the Outcome unwrapped; dropped files' paths from webUtils, never from the page.

import { beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { buildFilesApi } from '../../../src/preload/files.js';
import { FILE_DIALOG_CHANNELS } from '../../../src/shared/files.js';

const exposed = new Map<string, unknown>();
const invoke = vi.fn(async (channel: string, args: unknown): Promise<unknown> => ({ ok: true, value: { channel, args } }));
const getPathForFile = vi.fn((file: { name: string }) => (file.name === 'made-by-the-page' ? '' : `/home/anna/${file.name}`));

vi.mock('electron', () => ({
  contextBridge: { exposeInMainWorld: (key: string, api: unknown) => exposed.set(key, api) },
  ipcRenderer: { invoke, send: vi.fn(), on: vi.fn(), sendSync: vi.fn() },
  webUtils: { getPathForFile },
}));

type Files = Record<string, (...args: unknown[]) => Promise<unknown>>;
let files: Files;

beforeAll(async () => {
  await import('../../../src/preload/index.js');
  files = exposed.get('samizdatFiles') as Files;
});

beforeEach(() => invoke.mockClear());

describe('window.samizdatFiles under Electron', () => {
  it('has exactly the FilesApi, frozen, and nothing of ipcRenderer', () => {
    expect(Object.keys(files).sort()).toEqual(['deliver', 'dropped', 'folder', 'open', 'save']);
    expect(Object.isFrozen(files)).toBe(true);
    for (const name of ['invoke', 'send', 'on', 'ipcRenderer', 'getPathForFile']) expect((files as Record<string, unknown>)[name]).toBeUndefined();
  });

  it('open, save and folder each call their own channel, passing on only the fields they know', async () => {
    await expect(files['open']!({ purpose: 'bundle', multiple: true, defaultPath: '/etc', extra: 1 })).resolves.toEqual({
      channel: FILE_DIALOG_CHANNELS.open,
      args: { purpose: 'bundle', multiple: true },
    });
    await expect(files['save']!({ purpose: 'card', suggestedName: 'olga.member', filters: [] })).resolves.toEqual({
      channel: FILE_DIALOG_CHANNELS.save,
      args: { purpose: 'card', suggestedName: 'olga.member' },
    });
    await expect(files['folder']!('vault:wipe')).resolves.toEqual({ channel: FILE_DIALOG_CHANNELS.folder, args: {} });
    expect(invoke.mock.calls.map(([c]) => c)).toEqual(['files:open-dialog', 'files:save-dialog', 'files:folder-dialog']);
  });

  it('rejects with the code and message of a refusal', async () => {
    invoke.mockResolvedValueOnce({ ok: false, error: { code: 'ipc.untrusted-sender', kind: 'usage', message: 'ipc: refused: the sender is not the app' } });
    await expect(files['open']!({ purpose: 'bundle', multiple: false })).rejects.toThrow('ipc.untrusted-sender: ipc: refused: the sender is not the app');
  });

  it('deliver has nothing to do and sends nothing', async () => {
    await expect(files['deliver']!({ path: '/a/b.samizdat', download: null })).resolves.toBeUndefined();
    expect(invoke).not.toHaveBeenCalled();
  });

  it('dropped asks webUtils for each file’s path, leaving out files that are not on disk', async () => {
    await expect(files['dropped']!([{ name: 'kras.samizdat' }, { name: 'made-by-the-page' }, { name: 'olga.member' }])).resolves.toEqual([
      '/home/anna/kras.samizdat',
      '/home/anna/olga.member',
    ]);
    expect(getPathForFile).toHaveBeenCalledTimes(3);
    expect(invoke).not.toHaveBeenCalled();
  });
});

describe('buildFilesApi', () => {
  it('cannot be made to call another channel', async () => {
    const calls: string[] = [];
    const api = buildFilesApi(async (channel) => (calls.push(channel), { ok: true, value: null }), () => '') as unknown as Files;
    expect(() => Object.assign(api, { open: () => undefined })).toThrow();
    await api['folder']!();
    expect(calls).toEqual(['files:folder-dialog']);
  });
});

// Electron's file dialogs (src/main/file-dialogs.ts) against a mocked `dialog`: the sender is checked
// before any dialog shows, the arguments are parsed, each purpose gets its filter, a save proposes
// only a base name in the documents folder and ends with the purpose's extension, a cancel is null.

import { beforeEach, describe, expect, it, vi } from 'vitest';
import {
  fileDialogHandlers,
  filtersFor,
  registerFileDialogs,
  suggestedBase,
  withExtension,
  type DialogLike,
  type FileDialogEvent,
  type OpenOptions,
  type SaveOptions,
} from '../../../src/main/file-dialogs.js';
import { FILE_DIALOG_CHANNELS } from '../../../src/shared/files.js';

type Win = { id: number };
type Event = FileDialogEvent & { win: Win | null };

const WINDOW: Win = { id: 1 };
const fromApp: Event = { senderFrame: { url: 'app://samizdat/index.html', parent: null }, win: WINDOW };

const showOpenDialog = vi.fn<(...args: unknown[]) => Promise<{ canceled: boolean; filePaths: string[] }>>();
const showSaveDialog = vi.fn<(...args: unknown[]) => Promise<{ canceled: boolean; filePath?: string }>>();
const dialog = { showOpenDialog, showSaveDialog } as unknown as DialogLike<Win>;
const refused = vi.fn();

const handlers = fileDialogHandlers<Event, Win>({
  dialog,
  windowOf: (e) => e.win,
  devServerOrigin: null,
  defaultDir: () => '/home/anna/Documents',
  onRefused: refused,
});
const call = (channel: string, args: unknown, event: Event = fromApp) => handlers[channel]!(event, args);

beforeEach(() => {
  showOpenDialog.mockReset().mockResolvedValue({ canceled: true, filePaths: [] });
  showSaveDialog.mockReset().mockResolvedValue({ canceled: true });
  refused.mockReset();
});

describe('the file dialog channels', () => {
  it('are exactly three, registered on ipcMain and nothing else', () => {
    const registered: string[] = [];
    registerFileDialogs({ handle: (channel) => void registered.push(channel) }, { dialog, windowOf: () => null, devServerOrigin: null, defaultDir: () => '/' });
    expect(registered).toEqual(['files:open-dialog', 'files:save-dialog', 'files:folder-dialog']);
    expect(Object.keys(handlers)).toEqual(registered);
  });

  it.each([
    ['a page elsewhere', { url: 'https://evil.example/', parent: null }],
    ['an iframe of the app', { url: 'app://samizdat/index.html', parent: {} }],
    ['no frame', null],
    ['a file page', { url: 'file:///home/anna/evil.html', parent: null }],
  ])('refuse %s before showing anything', async (_what, senderFrame) => {
    for (const channel of Object.values(FILE_DIALOG_CHANNELS)) {
      const args = channel === FILE_DIALOG_CHANNELS.open ? { purpose: 'bundle', multiple: false } : channel === FILE_DIALOG_CHANNELS.save ? { purpose: 'bundle', suggestedName: 'x' } : {};
      expect(await call(channel, args, { senderFrame, win: WINDOW } as Event)).toEqual({
        ok: false,
        error: { code: 'ipc.untrusted-sender', kind: 'usage', message: 'ipc: refused: the sender is not the app' },
      });
    }
    expect(showOpenDialog).not.toHaveBeenCalled();
    expect(showSaveDialog).not.toHaveBeenCalled();
    expect(refused).toHaveBeenCalledTimes(3);
  });

  it.each([
    [FILE_DIALOG_CHANNELS.open, { purpose: 'bundle' }],
    [FILE_DIALOG_CHANNELS.open, { purpose: 'exe', multiple: false }],
    [FILE_DIALOG_CHANNELS.open, { purpose: 'bundle', multiple: false, defaultPath: '/etc' }],
    [FILE_DIALOG_CHANNELS.save, { purpose: 'bundle', suggestedName: '' }],
    [FILE_DIALOG_CHANNELS.save, { purpose: 'bundle', suggestedName: 'x', filters: [] }],
    [FILE_DIALOG_CHANNELS.save, 'kras.samizdat'],
    [FILE_DIALOG_CHANNELS.folder, { dir: '/etc' }],
  ])('refuse malformed arguments on %s without a dialog: %j', async (channel, args) => {
    expect(await call(channel, args)).toMatchObject({ ok: false, error: { code: 'ipc.invalid-argument' } });
    expect(showOpenDialog).not.toHaveBeenCalled();
    expect(showSaveDialog).not.toHaveBeenCalled();
  });
});

describe('open', () => {
  it('shows a bundle filter, one file, modal to the sender’s window, and returns its path', async () => {
    showOpenDialog.mockResolvedValue({ canceled: false, filePaths: ['/media/anna/STICK/kras.samizdat'] });
    expect(await call(FILE_DIALOG_CHANNELS.open, { purpose: 'bundle', multiple: false })).toEqual({ ok: true, value: ['/media/anna/STICK/kras.samizdat'] });
    expect(showOpenDialog).toHaveBeenCalledExactlyOnceWith(WINDOW, {
      properties: ['openFile', 'dontAddToRecent'],
      filters: [{ name: '*.samizdat', extensions: ['samizdat'] }],
    } satisfies OpenOptions);
  });

  it('takes several member cards when asked', async () => {
    showOpenDialog.mockResolvedValue({ canceled: false, filePaths: ['/a/olga.member', '/a/ivan.member'] });
    expect(await call(FILE_DIALOG_CHANNELS.open, { purpose: 'card', multiple: true })).toEqual({ ok: true, value: ['/a/olga.member', '/a/ivan.member'] });
    expect(showOpenDialog.mock.calls[0]![1]).toEqual({ properties: ['openFile', 'multiSelections', 'dontAddToRecent'], filters: [{ name: '*.member', extensions: ['member'] }] });
  });

  it('takes any file as an attachment, and a folder for text', async () => {
    await call(FILE_DIALOG_CHANNELS.open, { purpose: 'attachment', multiple: true });
    expect(showOpenDialog.mock.calls[0]![1]).toEqual({ properties: ['openFile', 'multiSelections', 'dontAddToRecent'] });
    showOpenDialog.mockResolvedValue({ canceled: false, filePaths: ['/home/anna/texts'] });
    expect(await call(FILE_DIALOG_CHANNELS.open, { purpose: 'text', multiple: false })).toEqual({ ok: true, value: ['/home/anna/texts'] });
    expect(showOpenDialog.mock.calls[1]![1]).toEqual({ properties: ['openDirectory', 'createDirectory', 'dontAddToRecent'] });
  });

  it('answers null when cancelled, or when nothing was chosen', async () => {
    expect(await call(FILE_DIALOG_CHANNELS.open, { purpose: 'bundle', multiple: false })).toEqual({ ok: true, value: null });
    showOpenDialog.mockResolvedValue({ canceled: false, filePaths: [] });
    expect(await call(FILE_DIALOG_CHANNELS.open, { purpose: 'bundle', multiple: false })).toEqual({ ok: true, value: null });
  });

  it('shows a dialog of its own when the sender has no window', async () => {
    await call(FILE_DIALOG_CHANNELS.open, { purpose: 'bundle', multiple: false }, { ...fromApp, win: null });
    expect(showOpenDialog).toHaveBeenCalledExactlyOnceWith({ properties: ['openFile', 'dontAddToRecent'], filters: [{ name: '*.samizdat', extensions: ['samizdat'] }] });
  });

  it('reports a dialog that fails with a code, not its text', async () => {
    showOpenDialog.mockRejectedValue(new Error('GTK: /home/anna/secret path exploded'));
    expect(await call(FILE_DIALOG_CHANNELS.open, { purpose: 'bundle', multiple: false })).toEqual({
      ok: false,
      error: { code: 'files.dialog-failed', kind: 'internal', message: 'files: the system’s file dialog could not be shown' },
    });
  });
});

describe('save', () => {
  it('proposes the suggested base name in the documents folder, and adds the extension the dialog left out', async () => {
    showSaveDialog.mockResolvedValue({ canceled: false, filePath: '/media/anna/STICK/for-olga' });
    expect(await call(FILE_DIALOG_CHANNELS.save, { purpose: 'bundle', suggestedName: 'kras-2024' })).toEqual({
      ok: true,
      value: { path: '/media/anna/STICK/for-olga.samizdat', download: null },
    });
    expect(showSaveDialog).toHaveBeenCalledExactlyOnceWith(WINDOW, {
      defaultPath: '/home/anna/Documents/kras-2024.samizdat',
      properties: ['createDirectory', 'showOverwriteConfirmation', 'dontAddToRecent'],
      filters: [{ name: '*.samizdat', extensions: ['samizdat'] }],
    } satisfies SaveOptions);
  });

  it('never lets the renderer choose the folder through the suggested name', async () => {
    await call(FILE_DIALOG_CHANNELS.save, { purpose: 'card', suggestedName: '../../../../etc/cron.d/olga' });
    expect(showSaveDialog.mock.calls[0]![1]).toMatchObject({ defaultPath: '/home/anna/Documents/olga.member' });
    await call(FILE_DIALOG_CHANNELS.save, { purpose: 'card', suggestedName: 'C:\\Windows\\olga.member' });
    expect(showSaveDialog.mock.calls[1]![1]).toMatchObject({ defaultPath: '/home/anna/Documents/olga.member' });
  });

  it('keeps a chosen name that has the extension already, in any case', async () => {
    showSaveDialog.mockResolvedValue({ canceled: false, filePath: '/a/Olga.MEMBER' });
    expect(await call(FILE_DIALOG_CHANNELS.save, { purpose: 'card', suggestedName: 'olga.member' })).toEqual({ ok: true, value: { path: '/a/Olga.MEMBER', download: null } });
  });

  it('answers null when cancelled', async () => {
    expect(await call(FILE_DIALOG_CHANNELS.save, { purpose: 'bundle', suggestedName: 'x' })).toEqual({ ok: true, value: null });
    showSaveDialog.mockResolvedValue({ canceled: false, filePath: '' });
    expect(await call(FILE_DIALOG_CHANNELS.save, { purpose: 'bundle', suggestedName: 'x' })).toEqual({ ok: true, value: null });
  });

  it('asks for a folder for text', async () => {
    showOpenDialog.mockResolvedValue({ canceled: false, filePaths: ['/home/anna/texts'] });
    expect(await call(FILE_DIALOG_CHANNELS.save, { purpose: 'text', suggestedName: 'statement' })).toEqual({ ok: true, value: { path: '/home/anna/texts', download: null } });
    expect(showSaveDialog).not.toHaveBeenCalled();
  });
});

describe('folder', () => {
  it('shows a folder dialog and returns the folder, or null', async () => {
    expect(await call(FILE_DIALOG_CHANNELS.folder, {})).toEqual({ ok: true, value: null });
    showOpenDialog.mockResolvedValue({ canceled: false, filePaths: ['/media/anna/STICK/drop'] });
    expect(await call(FILE_DIALOG_CHANNELS.folder, undefined)).toEqual({ ok: true, value: '/media/anna/STICK/drop' });
    expect(showOpenDialog.mock.calls[1]).toEqual([WINDOW, { properties: ['openDirectory', 'createDirectory', 'dontAddToRecent'] }]);
  });
});

describe('helpers', () => {
  it('filters, base names and extensions by purpose', () => {
    expect(filtersFor('bundle')).toEqual([{ name: '*.samizdat', extensions: ['samizdat'] }]);
    expect(filtersFor('attachment')).toBeUndefined();
    expect(filtersFor('text')).toBeUndefined();
    expect(suggestedBase('bundle', '')).toBe('samizdat.samizdat');
    expect(suggestedBase('bundle', '.samizdat')).toBe('samizdat.samizdat');
    expect(suggestedBase('attachment', '..')).toBe('samizdat');
    expect(suggestedBase('attachment', 'photo.jpg')).toBe('photo.jpg');
    expect(withExtension('bundle', '/a/b.SAMIZDAT')).toBe('/a/b.SAMIZDAT');
    expect(withExtension('attachment', '/a/b')).toBe('/a/b');
  });
});

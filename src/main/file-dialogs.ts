// Electron's side of `window.samizdatFiles`: the OS's own open, save and folder dialogs, so that
// nobody types a path. Three channels of main's own, outside the contract (no handler of src/app
// needs them), checked for the sender exactly like the contract's (ipc.ts). The answer is an
// Outcome; the preload unwraps it. Paths come from the dialog only, never from the renderer.

import path from 'node:path';
import { z } from 'zod';
import type { Json } from '../shared/json.js';
import type { Outcome } from '../shared/contract.js';
import { FILE_DIALOG_CHANNELS, PURPOSE_EXTENSIONS, type FilePurpose, type SaveTarget } from '../shared/files.js';
import { senderAllowed, type SenderFrame } from './security/sender.js';

/** The parts of Electron's `dialog` used here: open and save, modal to a window or not. */
export interface DialogLike<W> {
  showOpenDialog(window: W, options: OpenOptions): Promise<{ canceled: boolean; filePaths: string[] }>;
  showOpenDialog(options: OpenOptions): Promise<{ canceled: boolean; filePaths: string[] }>;
  showSaveDialog(window: W, options: SaveOptions): Promise<{ canceled: boolean; filePath?: string }>;
  showSaveDialog(options: SaveOptions): Promise<{ canceled: boolean; filePath?: string }>;
}

type Filter = { name: string; extensions: string[] };
type OpenProperty = 'openFile' | 'openDirectory' | 'multiSelections' | 'createDirectory' | 'dontAddToRecent';
export type OpenOptions = { properties: OpenProperty[]; filters?: Filter[]; defaultPath?: string };
export type SaveOptions = { defaultPath: string; filters?: Filter[]; properties: ('createDirectory' | 'showOverwriteConfirmation' | 'dontAddToRecent')[] };

export interface FileDialogEvent {
  senderFrame: SenderFrame | null;
}

export interface FileDialogOptions<E extends FileDialogEvent, W> {
  dialog: DialogLike<W>;
  /** The window the dialog belongs to (modal to it); null: the sender has none. */
  windowOf(event: E): W | null;
  devServerOrigin: string | null;
  /** Where a save dialog starts (the person's documents folder). */
  defaultDir(): string;
  onRefused?: (channel: string, url: string) => void;
}

export type FileDialogListener<E> = (event: E, args: unknown) => Promise<Outcome<Json>>;

export interface IpcMainFilesLike<E> {
  handle(channel: string, listener: FileDialogListener<E>): void;
}

const purpose = z.enum(['bundle', 'card', 'attachment', 'text']);
const openArgs = z.strictObject({ purpose, multiple: z.boolean() });
const saveArgs = z.strictObject({ purpose, suggestedName: z.string().min(1).max(1024) });
const folderArgs = z.union([z.undefined(), z.strictObject({})]);

/**
 * Filters named by their pattern, which reads the same in every language (main has no catalogue).
 * Attachments: any file. Text (a plain-text export): a folder, so no filter.
 */
export function filtersFor(p: FilePurpose): Filter[] | undefined {
  const ext = PURPOSE_EXTENSIONS[p];
  return ext === null ? undefined : [{ name: `*${ext}`, extensions: [ext.slice(1)] }];
}

/** The name a save dialog proposes: a base name only (no folder from the renderer), with the purpose's extension. */
export function suggestedBase(p: FilePurpose, suggested: string): string {
  const ext = PURPOSE_EXTENSIONS[p];
  let base = (suggested.split(/[\\/]/).pop() ?? '').replace(/^\.+/, '');
  if (ext !== null && !base.toLowerCase().endsWith(ext)) base += ext;
  return base === '' || base === ext ? `samizdat${ext ?? ''}` : base;
}

/** The chosen path, with the purpose's extension when a dialog (GTK's, for one) did not add it. */
export function withExtension(p: FilePurpose, file: string): string {
  const ext = PURPOSE_EXTENSIONS[p];
  return ext === null || file.toLowerCase().endsWith(ext) ? file : `${file}${ext}`;
}

export function fileDialogHandlers<E extends FileDialogEvent, W>(options: FileDialogOptions<E, W>): Record<string, FileDialogListener<E>> {
  const { dialog } = options;
  const guarded =
    <S extends z.ZodType>(channel: string, schema: S, run: (window: W | null, args: z.infer<S>) => Promise<Json>): FileDialogListener<E> =>
    async (event, raw) => {
      if (!senderAllowed(event.senderFrame, options.devServerOrigin)) {
        options.onRefused?.(channel, event.senderFrame?.url ?? '(no frame)');
        return { ok: false, error: { code: 'ipc.untrusted-sender', kind: 'usage', message: 'ipc: refused: the sender is not the app' } };
      }
      const parsed = schema.safeParse(raw);
      if (!parsed.success) {
        return { ok: false, error: { code: 'ipc.invalid-argument', kind: 'usage', message: `ipc: ${channel}: invalid argument` } };
      }
      try {
        return { ok: true, value: await run(options.windowOf(event), parsed.data) };
      } catch {
        return { ok: false, error: { code: 'files.dialog-failed', kind: 'internal', message: 'files: the system’s file dialog could not be shown' } };
      }
    };

  const showOpen = (window: W | null, o: OpenOptions) => (window === null ? dialog.showOpenDialog(o) : dialog.showOpenDialog(window, o));
  const showSave = (window: W | null, o: SaveOptions) => (window === null ? dialog.showSaveDialog(o) : dialog.showSaveDialog(window, o));
  const chooseFolder = async (window: W | null): Promise<string | null> => {
    const r = await showOpen(window, { properties: ['openDirectory', 'createDirectory', 'dontAddToRecent'] });
    return r.canceled || r.filePaths.length === 0 ? null : (r.filePaths[0] ?? null);
  };

  return {
    [FILE_DIALOG_CHANNELS.open]: guarded(FILE_DIALOG_CHANNELS.open, openArgs, async (window, { purpose: p, multiple }) => {
      if (p === 'text') {
        const folder = await chooseFolder(window);
        return folder === null ? null : [folder];
      }
      const filters = filtersFor(p);
      const r = await showOpen(window, {
        properties: ['openFile', ...(multiple ? (['multiSelections'] as const) : []), 'dontAddToRecent'],
        ...(filters ? { filters } : {}),
      });
      return r.canceled || r.filePaths.length === 0 ? null : r.filePaths;
    }),
    [FILE_DIALOG_CHANNELS.save]: guarded(FILE_DIALOG_CHANNELS.save, saveArgs, async (window, { purpose: p, suggestedName }) => {
      if (p === 'text') {
        const folder = await chooseFolder(window);
        return folder === null ? null : ({ path: folder, download: null } satisfies SaveTarget);
      }
      const filters = filtersFor(p);
      const r = await showSave(window, {
        defaultPath: path.join(options.defaultDir(), suggestedBase(p, suggestedName)),
        properties: ['createDirectory', 'showOverwriteConfirmation', 'dontAddToRecent'],
        ...(filters ? { filters } : {}),
      });
      if (r.canceled || !r.filePath) return null;
      return { path: withExtension(p, r.filePath), download: null } satisfies SaveTarget;
    }),
    [FILE_DIALOG_CHANNELS.folder]: guarded(FILE_DIALOG_CHANNELS.folder, folderArgs, async (window) => chooseFolder(window)),
  };
}

/** Registers the three dialog channels, nothing else. */
export function registerFileDialogs<E extends FileDialogEvent, W>(ipcMain: IpcMainFilesLike<E>, options: FileDialogOptions<E, W>): void {
  for (const [channel, listener] of Object.entries(fileDialogHandlers(options))) ipcMain.handle(channel, listener);
}

// Builds `window.samizdatFiles` (src/shared/files.ts) under Electron: the OS's dialogs through
// main's three file channels, whose Outcome is unwrapped here; dropped files' paths from
// webUtils.getPathForFile, the one way a sandboxed page's File leads to its path. `deliver` has
// nothing to do: the dialog's path is where the person wanted the file.

import { FILE_DIALOG_CHANNELS, type FilesApi, type SaveTarget } from '../shared/files.js';

type Outcome<T> = { ok: true; value: T } | { ok: false; error: { code: string; message: string } };

export type FilesInvoke = (channel: string, args: unknown) => Promise<unknown>;

export function buildFilesApi(invoke: FilesInvoke, pathForFile: (file: File) => string): FilesApi {
  const call = async <T>(channel: string, args: unknown): Promise<T> => {
    const outcome = (await invoke(channel, args)) as Outcome<T>;
    if (outcome.ok) return outcome.value;
    // Only an Error's message crosses the context bridge: the code goes in front of it.
    throw new Error(`${outcome.error.code}: ${outcome.error.message}`);
  };
  return Object.freeze({
    open: (options: { purpose: string; multiple: boolean }) => call<string[] | null>(FILE_DIALOG_CHANNELS.open, { purpose: options.purpose, multiple: options.multiple }),
    save: (options: { purpose: string; suggestedName: string }) =>
      call<SaveTarget | null>(FILE_DIALOG_CHANNELS.save, { purpose: options.purpose, suggestedName: options.suggestedName }),
    deliver: async () => undefined,
    folder: () => call<string | null>(FILE_DIALOG_CHANNELS.folder, {}),
    // A File that is not on disk (made by the page) has no path: it is left out.
    dropped: async (files: readonly File[]) => Array.from(files, (f) => pathForFile(f)).filter((p) => p !== ''),
  }) as FilesApi;
}

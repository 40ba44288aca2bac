// Files without typed paths: `window.samizdatFiles`, beside `window.samizdat`. The person chooses a
// file with her shell's own picker; the renderer gets back absolute paths that the contract's
// channels accept (bundles:import, groups:create, statements:create, bundles:export, ...).
//
// Electron (preload -> main): native open and save dialogs; the paths are the chosen files.
// Browser mode (src/renderer/bridge-files.ts -> src/server): `open` uploads each chosen file,
// streamed, into a private staging folder of the server and returns the staged paths; `save`
// reserves a staged path and `deliver` streams it to the browser as a download once a handler has
// written it, then removes it. Staged files are removed on lock and when the server stops.

/** What the file is for: picks the dialog's filter and the suggested extension. */
export type FilePurpose = 'bundle' | 'card' | 'attachment' | 'text';

export type SaveTarget = {
  /** Where a handler may write: a new file (exports refuse to replace one). */
  path: string;
  /** Browser mode only: hand the written file to `deliver`. Null under Electron. */
  download: string | null;
};

export interface FilesApi {
  /** Null when the person cancelled. */
  open(options: { purpose: FilePurpose; multiple: boolean }): Promise<string[] | null>;
  /** Null when the person cancelled. `suggestedName` ends with the purpose's extension. */
  save(options: { purpose: FilePurpose; suggestedName: string }): Promise<SaveTarget | null>;
  /** Browser mode: downloads what was written to `target.path`. Under Electron: nothing to do. */
  deliver(target: SaveTarget): Promise<void>;
  /** Electron: a native folder dialog. Browser mode: null (the renderer uses files:folders instead). */
  folder(): Promise<string | null>;
  /** Files dropped on the window: their paths (Electron) or staged uploads (browser mode). */
  dropped(files: readonly File[]): Promise<string[]>;
}

/** Electron only: main's channels behind `window.samizdatFiles`, outside the contract (main checks the sender as for it). */
export const FILE_DIALOG_CHANNELS = { open: 'files:open-dialog', save: 'files:save-dialog', folder: 'files:folder-dialog' } as const;

/** Browser mode only: the server's endpoints behind `window.samizdatFiles`. All but `download` need the token. */
export const FILE_ENDPOINTS = { upload: '/files/upload', reserve: '/files/reserve', ticket: '/files/ticket', download: '/files/download/' } as const;

/** The extension a purpose's files end with. Null: any file (attachment), or a folder (text: plain-text export writes into one). */
export const PURPOSE_EXTENSIONS: { readonly [P in FilePurpose]: string | null } = { bundle: '.samizdat', card: '.member', attachment: null, text: null };

/** Browser mode: the largest file one upload may carry, the largest bundle a reader accepts (B-FILE-SIZE). */
export const MAX_UPLOAD_BYTES = 2 ** 32;

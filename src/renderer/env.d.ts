// `window.samizdat` is put there by the preload (Electron) or by bridge.ts (browser mode).
import type { SamizdatApi } from '../shared/contract.js';
import type { FilesApi } from '../shared/files.js';

declare global {
  interface Window {
    samizdat?: SamizdatApi;
    /** Dialogs, uploads and downloads: the preload (Electron) or bridge-files-dom.ts (browser mode). */
    samizdatFiles?: FilesApi;
  }
}

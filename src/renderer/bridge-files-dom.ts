// The page's side of browser mode's `window.samizdatFiles` (logic in bridge-files.ts): a hidden
// <input type=file> for the browser's own picker, a link with `download` for the browser's own
// download. Installed beside bridge.ts's `window.samizdat`, and like it only when no preload
// provided the API and only on an http: page, so under Electron it never does anything.

import type { FilesApi } from '../shared/files.js';
import { takeToken } from './bridge.js';
import { createHttpFiles, type ChosenFile } from './bridge-files.js';
import { ApiError } from './data/api.js';

/** The browser's file picker. `click()` runs before any await, within the person's gesture. */
export function pickFiles({ accept, multiple }: { accept: string; multiple: boolean }): Promise<ChosenFile[] | null> {
  return new Promise((resolve) => {
    const input = document.createElement('input');
    input.type = 'file';
    input.accept = accept;
    input.multiple = multiple;
    input.hidden = true;
    const finish = (files: ChosenFile[] | null): void => {
      input.remove();
      resolve(files);
    };
    input.addEventListener('change', () => finish(input.files && input.files.length > 0 ? Array.from(input.files) : null), { once: true });
    input.addEventListener('cancel', () => finish(null), { once: true });
    document.body.append(input);
    input.click();
  });
}

/** Lets the browser download `url`, under the name the server gives (Content-Disposition). */
export function followDownload(url: string): void {
  const link = document.createElement('a');
  link.href = url;
  link.download = '';
  link.hidden = true;
  document.body.append(link);
  link.click();
  link.remove();
}

export function installFilesBridge(): void {
  if (window.samizdatFiles !== undefined || window.location.protocol !== 'http:') return;
  const files = createHttpFiles({
    base: '',
    token: takeToken(), // bridge.ts took it from the fragment already: this reads it back from sessionStorage
    fetch: (input, init) => window.fetch(input, init),
    pick: pickFiles,
    download: followDownload,
    fail: (code, kind, message) => new ApiError(code, kind, message),
  });
  Object.defineProperty(window, 'samizdatFiles', { value: files, writable: false, configurable: false, enumerable: false });
}

/** For components: `window.samizdatFiles`, or an ApiError when neither transport provided it. */
export function filesApi(): FilesApi {
  const files = window.samizdatFiles;
  if (!files) throw new ApiError('bridge.absent', 'internal', 'Samizdat’s file dialogs are not available in this window');
  return files;
}

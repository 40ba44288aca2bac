// The preload script, run sandboxed (bundled to CommonJS, as Electron's sandbox requires).
// It exposes the contract as `window.samizdat` and the file dialogs as `window.samizdatFiles`
// through contextBridge, and nothing else.

import { contextBridge, ipcRenderer, webUtils } from 'electron';
import { buildApi } from './api.js';
import { buildFilesApi } from './files.js';

contextBridge.exposeInMainWorld(
  'samizdat',
  buildApi((channel, args) => ipcRenderer.invoke(channel, args)),
);
contextBridge.exposeInMainWorld(
  'samizdatFiles',
  buildFilesApi(
    (channel, args) => ipcRenderer.invoke(channel, args),
    (file) => webUtils.getPathForFile(file),
  ),
);

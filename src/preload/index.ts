// The preload script, run sandboxed (bundled to CommonJS, as Electron's sandbox requires).
// It exposes the contract as `window.samizdat` through contextBridge, and nothing else.

import { contextBridge, ipcRenderer } from 'electron';
import { buildApi } from './api.js';

contextBridge.exposeInMainWorld(
  'samizdat',
  buildApi((channel, args) => ipcRenderer.invoke(channel, args)),
);

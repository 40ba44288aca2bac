// `window.samizdat` is put there by the preload (Electron) or by bridge.ts (browser mode).
import type { SamizdatApi } from '../shared/contract.js';

declare global {
  interface Window {
    samizdat?: SamizdatApi;
  }
}

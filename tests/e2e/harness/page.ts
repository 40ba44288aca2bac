// The few browser globals the harness touches inside page.evaluate, typed here (the tests compile
// with the node-side tsconfig, without the DOM lib; see ../page-globals.ts).

import type { SamizdatApi } from '../../../src/shared/contract.js';

export interface HarnessWindow {
  samizdat?: SamizdatApi;
  history: { replaceState(state: null, unused: string): void };
  document: { documentElement: { lang: string } };
}


// The few browser globals the e2e tests touch inside page.evaluate, typed locally: the tests are
// compiled with the node-side tsconfig, and pulling in the DOM lib would loosen the check for all
// node-side code (src/core must not be able to use `document`).

import type { SamizdatApi } from '../../src/shared/contract.js';

export interface Violation {
  effectiveDirective: string;
  blockedURI: string;
}

export interface PageWindow {
  samizdat?: SamizdatApi;
  require?: unknown;
  process?: unknown;
  __violations: { directive: string; blocked: string }[];
  __pwned?: number;
  __inline?: number;
  location: { href: string };
  document: {
    addEventListener(type: 'securitypolicyviolation', listener: (e: Violation) => void): void;
    createElement(tag: 'script'): { textContent: string };
    body: { append(node: unknown): void };
  };
}

/** Only meaningful inside page.evaluate (it runs in the page, where globalThis is the window). */
export const pageWindow = (): PageWindow => globalThis as unknown as PageWindow;

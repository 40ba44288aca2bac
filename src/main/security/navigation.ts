// Navigation and new windows are refused: the renderer is one page that never leaves its origin.
// The one navigation that means something is a .samizdat file dropped on the window: it is turned
// into an import (by main, with the path main saw), and the navigation itself still never happens.

import { fileURLToPath } from 'node:url';
import { isBundlePath } from '../file-association.js';

export type NavigationDecision = { action: 'deny' } | { action: 'deny-and-import'; path: string };

export function decideNavigation(url: string): NavigationDecision {
  try {
    const u = new URL(url);
    if (u.protocol === 'file:' && u.host === '') {
      const path = fileURLToPath(u);
      if (isBundlePath(path)) return { action: 'deny-and-import', path };
    }
  } catch {
    // Not a URL we understand: deny.
  }
  return { action: 'deny' };
}

/** For `webContents.setWindowOpenHandler`: no window is ever opened, and nothing is handed to the OS. */
export const denyWindowOpen = (): { action: 'deny' } => ({ action: 'deny' });

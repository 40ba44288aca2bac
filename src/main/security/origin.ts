// The app's own origin. The renderer is served from a custom, privileged scheme rather than file://,
// so it has a real origin (same-origin policy, CSP 'self' meaning just the app) and every request
// that is not to this origin can be refused by one simple rule.

export const APP_SCHEME = 'app';
export const APP_HOST = 'samizdat';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;
export const APP_ENTRY_URL = `${APP_ORIGIN}/index.html`;

/**
 * Registered before `ready`. `standard` gives the scheme real origins and relative URLs, `secure`
 * makes it a secure context, `supportFetchAPI` lets the page fetch() its own files (same origin
 * only). Not granted: bypassCSP; corsEnabled, which would let other origins read app:// (the
 * renderer's module scripts are same-origin and do not need it); service workers; streaming.
 */
export const APP_SCHEME_PRIVILEGES = {
  scheme: APP_SCHEME,
  privileges: {
    standard: true,
    secure: true,
    supportFetchAPI: true,
    bypassCSP: false,
    corsEnabled: false,
    allowServiceWorkers: false,
    stream: false,
    codeCache: false,
  },
} as const;

/** Whether a URL is the app's own origin. Compares scheme and host: Node gives non-special schemes an opaque origin. */
export function isAppUrl(url: string): boolean {
  try {
    const u = new URL(url);
    return u.protocol === `${APP_SCHEME}:` && u.host === APP_HOST && u.username === '' && u.password === '';
  } catch {
    return false;
  }
}

/** Whether a URL belongs to the development server (electron-vite dev only; null in production). */
export function isDevServerUrl(url: string, devServerOrigin: string | null): boolean {
  if (devServerOrigin === null) return false;
  try {
    const u = new URL(url);
    const dev = new URL(devServerOrigin);
    const http = u.protocol === dev.protocol;
    const ws = u.protocol === dev.protocol.replace(/^http/, 'ws');
    return (http || ws) && u.host === dev.host;
  } catch {
    return false;
  }
}

/** The dev server's origin, only in an unpackaged app and only for a loopback http URL. */
export function devServerOrigin(isPackaged: boolean, rendererUrl: string | undefined): string | null {
  if (isPackaged || !rendererUrl) return null;
  try {
    const u = new URL(rendererUrl);
    const loopback = u.hostname === 'localhost' || u.hostname === '127.0.0.1' || u.hostname === '[::1]';
    return u.protocol === 'http:' && loopback ? u.origin : null;
  } catch {
    return null;
  }
}

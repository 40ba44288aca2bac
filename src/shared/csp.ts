// The Content-Security-Policy of the renderer, shared by both transports (Electron's app:// protocol
// and browser mode's loopback server) so they cannot drift apart.
//
// Nothing remote, no inline script, no eval, no plugins, no framing, no forms posting anywhere.
// `connect-src 'self'` is what browser mode's bridge needs (POST /api/...); under app:// it only
// reaches the app's own protocol, which serves no API.

const PRODUCTION: Readonly<Record<string, string>> = {
  'default-src': "'none'",
  'script-src': "'self'",
  'style-src': "'self'",
  'img-src': "'self'",
  'font-src': "'self'",
  'connect-src': "'self'",
  'base-uri': "'none'",
  'form-action': "'none'",
  'frame-ancestors': "'none'",
  'object-src': "'none'",
  'worker-src': "'none'",
  'manifest-src': "'none'",
  'media-src': "'none'",
  'frame-src': "'none'",
};

/** The policy served with every renderer response in production and in browser mode. */
export const CONTENT_SECURITY_POLICY = serialize(PRODUCTION);

/**
 * Development only (electron-vite's dev server): React Fast Refresh injects an inline preamble and
 * HMR speaks WebSocket to the dev server. Never used by a packaged app or by browser mode.
 */
export function developmentContentSecurityPolicy(devServerOrigin: string): string {
  const ws = devServerOrigin.replace(/^http/, 'ws');
  return serialize({
    ...PRODUCTION,
    'script-src': `'self' 'unsafe-inline' ${devServerOrigin}`,
    'style-src': `'self' 'unsafe-inline' ${devServerOrigin}`,
    'connect-src': `'self' ${devServerOrigin} ${ws}`,
  });
}

function serialize(directives: Readonly<Record<string, string>>): string {
  return Object.entries(directives)
    .map(([name, value]) => `${name} ${value}`)
    .join('; ');
}

// Browser mode's public face, for `samizdat ui` (src/cli).

export { startServer, ServerError, LOOPBACK, DEFAULT_MAX_BODY_BYTES, type ServerOptions, type RunningServer } from './server.js';
export { closeOnSignals, type SignalOptions } from './signals.js';
export { browserSession, pageGraceMs, DEFAULT_PAGE_GRACE_MS, PING_EVERY_MS, type BrowserSession, type BrowserSessionOptions } from './session.js';
export { TOKEN_HEADER } from './guards.js';
export { builtRendererDir } from './renderer-dir.js';

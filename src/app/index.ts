// The app layer's public face, for main, server and the CLI.

export type { AppCore } from './ports.js';
export { createHandlers, type Handlers, type HandlerOptions } from './handlers.js';
export { dispatch, type InternalErrorHook } from './dispatch.js';
export { JobRegistry } from './jobs.js';
export { IdleLock, idleLockMs, DEFAULT_IDLE_LOCK_MINUTES } from './idle-lock.js';
export { countsAsActivity } from './activity.js';
export { resolveRendererFile, type RendererFile } from './renderer-files.js';
export { createUnavailableCore } from './unavailable-core.js';
export { ContractError } from './errors.js';

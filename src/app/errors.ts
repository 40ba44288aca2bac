// Errors as they cross a transport. A SamizdatError from core keeps its code, kind and message
// (core guarantees they hold no key material); anything else is a bug and its text is withheld,
// since it could quote data (a SQLite message, a path) that was never meant for the renderer.

import { SamizdatError, quote, type ErrorKind } from '../core/errors.js';
import type { WireError, WireErrorKind } from '../shared/view-models.js';

// Core's kinds must stay a subset of what the wire carries.
const _kindsFit: ErrorKind extends WireErrorKind ? true : never = true;
void _kindsFit;

/** An error raised by the contract layer itself (bad argument, unknown channel, missing capability). */
export class ContractError extends Error {
  readonly code: string;
  readonly kind: WireErrorKind;

  constructor(code: string, kind: WireErrorKind, message: string) {
    super(`ipc: ${message}`);
    this.name = 'ContractError';
    this.code = code;
    this.kind = kind;
  }
}

export function invalidArgument(channel: string, details: string): ContractError {
  return new ContractError('ipc.invalid-argument', 'usage', `${channel}: invalid argument: ${details}`);
}

export function unknownChannel(name: string): ContractError {
  return new ContractError('ipc.unknown-channel', 'usage', `unknown channel ${quote(name)}`);
}

export function vaultLocked(): SamizdatError {
  return new SamizdatError('vault', 'vault', 'vault.locked', 'the vault is locked; unlock it first');
}

export function notFound(what: string, id: string): SamizdatError {
  return new SamizdatError('vault', 'usage', `vault.${what}-not-found`, `no ${what} with id ${quote(id)}`);
}

export function toWireError(err: unknown): WireError {
  if (err instanceof SamizdatError || err instanceof ContractError) {
    return { code: err.code, kind: err.kind, message: err.message };
  }
  return { code: 'internal', kind: 'internal', message: 'internal error (details withheld; see the log of the main process)' };
}

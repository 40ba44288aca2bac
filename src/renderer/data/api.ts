// How components call the contract: `call(channel, args)` resolves with the result or throws an
// ApiError. Components never see which transport carries the call.

import type { Args, Channel, Result } from '../../shared/contract.js';
import type { WireErrorKind } from '../../shared/view-models.js';

export class ApiError extends Error {
  readonly code: string;
  readonly kind: WireErrorKind;

  constructor(code: string, kind: WireErrorKind, message: string) {
    super(message);
    this.name = 'ApiError';
    this.code = code;
    this.kind = kind;
  }
}

export async function call<C extends Channel>(channel: C, args: Args<C>): Promise<Result<C>> {
  const api = window.samizdat;
  if (!api) throw new ApiError('bridge.absent', 'internal', 'Samizdat’s API is not available in this window');
  const outcome = await api[channel](args);
  if (outcome.ok) return outcome.value;
  throw new ApiError(outcome.error.code, outcome.error.kind, outcome.error.message);
}

export function messageOf(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

/** A vault error (locked, wrong passphrase, missing) sends the user back to the lock screen. */
export function isVaultError(err: unknown): boolean {
  return err instanceof ApiError && err.kind === 'vault';
}

/** The vault is not open (any more): the shell shows the lock screen. Other vault errors are worded where they happen. */
export function isLockedError(err: unknown): boolean {
  return err instanceof ApiError && err.code === 'vault.locked';
}

// Randomness, from the operating system's CSPRNG through node:crypto.
import { randomFillSync } from 'node:crypto';
import { SamizdatError } from '../errors.js';

/** `n` cryptographically secure random bytes. */
export function randomBytes(n: number): Uint8Array {
  if (!Number.isSafeInteger(n) || n < 0) {
    throw new SamizdatError('crypto', 'usage', 'crypto.bad-length', `randomBytes: expected a non-negative integer length, got ${String(n)}`);
  }
  return randomFillSync(new Uint8Array(n));
}

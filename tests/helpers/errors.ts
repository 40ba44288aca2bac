// The SamizdatError a function throws; anything else (another error, or no error) fails the test.
import { SamizdatError } from '../../src/core/errors.js';

export function errorOf(fn: () => unknown): SamizdatError {
  try {
    fn();
  } catch (e) {
    if (e instanceof SamizdatError) return e;
    throw new Error(`expected a SamizdatError, got ${String(e)}`, { cause: e });
  }
  throw new Error('expected a SamizdatError, nothing was thrown');
}

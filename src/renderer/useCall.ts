// Loads something through the contract whenever `deps` change, dropping answers that arrive after
// the component moved on; a failure becomes a message and is passed to onVaultError (which locks
// the screen when the vault was locked).

import { useEffect, useState, type DependencyList } from 'react';
import { messageOf } from './api.js';

export function useCall<T>(load: () => Promise<T>, deps: DependencyList, onVaultError: (err: unknown) => void): { value: T | null; error: string | null } {
  const [value, setValue] = useState<T | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    let current = true;
    load().then(
      (v) => {
        if (!current) return;
        setValue(v);
        setError(null);
      },
      (err: unknown) => {
        if (!current) return;
        setError(messageOf(err));
        onVaultError(err);
      },
    );
    return () => {
      current = false;
    };
    // `deps` stands for what `load` reads: `load` itself is a new closure on every render.
  }, [...deps, onVaultError]);
  return { value, error };
}

// Passphrase in, vault open. The passphrase is cleared from state as soon as it has been sent.

import { useState, type FormEvent } from 'react';
import { call, messageOf } from './api.js';

export function LockScreen({ onUnlocked }: { onUnlocked: () => void }) {
  const [passphrase, setPassphrase] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const sent = passphrase;
    setPassphrase('');
    setBusy(true);
    setError(null);
    try {
      const status = await call('vault:unlock', { passphrase: sent });
      if (status.unlocked) onUnlocked();
      else setError('The vault did not open.');
    } catch (err) {
      setError(messageOf(err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <form className="lock" onSubmit={submit} aria-label="Unlock the vault">
      <h2>The vault is locked</h2>
      <label htmlFor="passphrase">Passphrase</label>
      <input
        id="passphrase"
        type="password"
        autoComplete="current-password"
        autoFocus
        value={passphrase}
        onChange={(e) => setPassphrase(e.target.value)}
        disabled={busy}
      />
      <button type="submit" disabled={busy || passphrase === ''}>
        {busy ? 'Unlocking…' : 'Unlock'}
      </button>
      {error !== null && (
        <p role="alert" className="error">
          {error}
        </p>
      )}
    </form>
  );
}

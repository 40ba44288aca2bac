// dispatch: what both transports call with untrusted input. Never throws; unknown channels and
// internal errors become typed outcomes, and an internal error's text is withheld.

import { describe, expect, it, vi } from 'vitest';
import { dispatch } from '../../../src/app/dispatch.js';
import { createHandlers } from '../../../src/app/handlers.js';
import { createFakeCore, FAKE_PASSPHRASE } from './fake-core.js';

describe('dispatch', () => {
  it('wraps a result as ok', async () => {
    const handlers = createHandlers(createFakeCore());
    expect(await dispatch(handlers, 'vault:status', {})).toEqual({ ok: true, value: { exists: true, unlocked: false, identity: null } });
  });

  it('refuses unknown channels, including prototype names', async () => {
    const handlers = createHandlers(createFakeCore());
    for (const name of ['vault:open', '__proto__', 'constructor', 'toString', 'hasOwnProperty', '']) {
      const outcome = await dispatch(handlers, name, {});
      expect(outcome).toMatchObject({ ok: false, error: { code: 'ipc.unknown-channel', kind: 'usage' } });
    }
  });

  it('passes typed errors through with their code, kind and message', async () => {
    const handlers = createHandlers(createFakeCore());
    expect(await dispatch(handlers, 'vault:unlock', { passphrase: 'nope' })).toEqual({
      ok: false,
      error: { code: 'vault.wrong-passphrase', kind: 'vault', message: 'vault: wrong passphrase' },
    });
    expect(await dispatch(handlers, 'statements:list', { after: null })).toMatchObject({
      ok: false,
      error: { code: 'ipc.invalid-argument', message: expect.stringMatching(/^ipc: statements:list: invalid argument: limit: /) },
    });
  });

  it('withholds the text of an unexpected error and reports it to the hook', async () => {
    const core = createFakeCore();
    core.listStatements = async () => {
      throw new Error('SQLITE_CORRUPT at /home/anna/.config/samizdat/vault.db: secret row contents');
    };
    const handlers = createHandlers(core);
    await handlers['vault:unlock']({ passphrase: FAKE_PASSPHRASE });
    const hook = vi.fn();
    const outcome = await dispatch(handlers, 'statements:list', { after: null, limit: 1 }, hook);
    expect(outcome).toMatchObject({ ok: false, error: { code: 'internal', kind: 'internal' } });
    expect(JSON.stringify(outcome)).not.toMatch(/SQLITE|anna|secret/);
    expect(hook).toHaveBeenCalledOnce();
    expect(hook.mock.calls[0]![0]).toBe('statements:list');
  });
});

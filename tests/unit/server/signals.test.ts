// Ctrl-C closes the server (which locks the vault) and exits 0; a second Ctrl-C exits at once.

import { describe, expect, it, vi } from 'vitest';
import type { RunningServer } from '../../../src/server/server.js';
import { closeOnSignals } from '../../../src/server/signals.js';

function fakeServer() {
  let release!: () => void;
  const closed = new Promise<void>((resolve) => (release = resolve));
  const server: RunningServer = { url: '', token: '', port: 0, close: vi.fn(() => closed) };
  return { server, release };
}

describe('closeOnSignals', () => {
  it('closes on SIGINT, then exits 0', async () => {
    const { server, release } = fakeServer();
    const exit = vi.fn();
    const dispose = closeOnSignals(server, { exit, signals: ['SIGUSR2'] });
    process.emit('SIGUSR2', 'SIGUSR2');
    expect(server.close).toHaveBeenCalledOnce();
    expect(exit).not.toHaveBeenCalled();
    release();
    await new Promise((r) => setTimeout(r, 0));
    expect(exit).toHaveBeenCalledExactlyOnceWith(0);
    dispose();
  });

  it('exits at once on a second signal while closing', () => {
    const { server } = fakeServer();
    const exit = vi.fn();
    const dispose = closeOnSignals(server, { exit, signals: ['SIGUSR2'] });
    process.emit('SIGUSR2', 'SIGUSR2');
    process.emit('SIGUSR2', 'SIGUSR2');
    expect(exit).toHaveBeenCalledExactlyOnceWith(143);
    dispose();
  });

  it('exits 1 and reports when closing fails', async () => {
    const server: RunningServer = { url: '', token: '', port: 0, close: vi.fn(async () => Promise.reject(new Error('lock failed'))) };
    const exit = vi.fn();
    const onError = vi.fn();
    const dispose = closeOnSignals(server, { exit, onError, signals: ['SIGUSR2'] });
    process.emit('SIGUSR2', 'SIGUSR2');
    await new Promise((r) => setTimeout(r, 0));
    expect(onError).toHaveBeenCalledOnce();
    expect(exit).toHaveBeenCalledExactlyOnceWith(1);
    dispose();
  });

  it('removes its handlers when disposed', () => {
    const before = process.listenerCount('SIGUSR2');
    const dispose = closeOnSignals(fakeServer().server, { exit: vi.fn(), signals: ['SIGUSR2'] });
    expect(process.listenerCount('SIGUSR2')).toBe(before + 1);
    dispose();
    expect(process.listenerCount('SIGUSR2')).toBe(before);
  });
});

// IPC senders: only the top frame of the app's own origin (or the dev server in development).

import { describe, expect, it } from 'vitest';
import { senderAllowed } from '../../../src/main/security/sender.js';

describe('senderAllowed', () => {
  it('accepts the app’s top frame', () => {
    expect(senderAllowed({ url: 'app://samizdat/index.html', parent: null }, null)).toBe(true);
  });

  it.each([
    ['a subframe of the app', { url: 'app://samizdat/index.html', parent: {} }],
    ['a remote page', { url: 'https://evil.example/', parent: null }],
    ['a file page', { url: 'file:///tmp/x.html', parent: null }],
    ['another app:// host', { url: 'app://evil/index.html', parent: null }],
    ['the dev server in production', { url: 'http://localhost:5173/', parent: null }],
    ['an empty URL', { url: '', parent: null }],
  ])('refuses %s', (_name, frame) => {
    expect(senderAllowed(frame, null)).toBe(false);
  });

  it('refuses a missing frame (destroyed or navigated away)', () => {
    expect(senderAllowed(null, null)).toBe(false);
    expect(senderAllowed(undefined, null)).toBe(false);
  });

  it('accepts the dev server only in development', () => {
    expect(senderAllowed({ url: 'http://localhost:5173/', parent: null }, 'http://localhost:5173')).toBe(true);
    expect(senderAllowed({ url: 'http://localhost:5174/', parent: null }, 'http://localhost:5173')).toBe(false);
  });
});

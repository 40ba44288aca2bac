// Navigation and window creation are refused; a dropped .samizdat file becomes an import.

import { describe, expect, it } from 'vitest';
import { decideNavigation, denyWindowOpen } from '../../../src/main/security/navigation.js';

describe('decideNavigation', () => {
  it.each([
    'https://example.com/',
    'http://127.0.0.1:1234/',
    'app://samizdat/other.html',
    'file:///etc/passwd',
    'file:///home/anna/notes.txt',
    'file://evil-host/share/x.samizdat',
    'data:text/html,hello',
    'javascript:alert(1)',
    'nonsense',
  ])('denies %s', (url) => {
    expect(decideNavigation(url)).toEqual({ action: 'deny' });
  });

  it('turns a dropped .samizdat file into an import (and still denies the navigation)', () => {
    expect(decideNavigation('file:///media/anna/STICK/KRAS%20statement.samizdat')).toEqual({
      action: 'deny-and-import',
      path: '/media/anna/STICK/KRAS statement.samizdat',
    });
  });
});

describe('denyWindowOpen', () => {
  it('never opens a window', () => {
    expect(denyWindowOpen()).toEqual({ action: 'deny' });
  });
});

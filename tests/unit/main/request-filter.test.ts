// The session's request filter: the app is offline by design. Only app://samizdat passes; in
// development, the dev server too, and nothing else even then.

import { describe, expect, it } from 'vitest';
import { requestAllowed, requestFilter } from '../../../src/main/security/request-filter.js';

const REFUSED = [
  'http://example.com/',
  'https://example.com/script.js',
  'http://127.0.0.1:8080/api',
  'http://localhost:5173/',
  'ws://example.com/socket',
  'wss://example.com/socket',
  'ftp://example.com/file',
  'data:text/html,<script>alert(1)</script>',
  'data:image/png;base64,iVBORw0KGgo=',
  'file:///etc/passwd',
  'file:///home/anna/stick/kras.samizdat',
  'blob:app://samizdat/0c8d1d2c-0000-4000-8000-000000000000',
  'javascript:alert(1)',
  'chrome://settings',
  'devtools://devtools/bundled/inspector.html',
  'app://evil/index.html',
  'app://samizdat.evil.com/index.html',
  'app://user:pass@samizdat/index.html',
  'app:samizdat',
  'not a url',
  '',
];

describe('requestAllowed (production)', () => {
  it.each(REFUSED)('refuses %s', (url) => {
    expect(requestAllowed(url, null)).toBe(false);
  });

  it.each(['app://samizdat/index.html', 'app://samizdat/assets/index-abc.js', 'app://samizdat/'])('allows %s', (url) => {
    expect(requestAllowed(url, null)).toBe(true);
  });
});

describe('requestAllowed (development)', () => {
  const dev = 'http://localhost:5173';
  it('allows the dev server, its HMR socket and DevTools', () => {
    expect(requestAllowed('http://localhost:5173/src/main.tsx', dev)).toBe(true);
    expect(requestAllowed('ws://localhost:5173/', dev)).toBe(true);
    expect(requestAllowed('devtools://devtools/bundled/inspector.html', dev)).toBe(true);
  });
  it('still refuses everything remote', () => {
    for (const url of ['https://example.com/', 'http://localhost:5174/', 'ws://example.com/', 'data:text/html,x', 'file:///etc/passwd']) {
      expect(requestAllowed(url, dev)).toBe(false);
    }
  });
});

describe('requestFilter', () => {
  it('answers Electron’s onBeforeRequest with cancel', () => {
    const filter = requestFilter(null);
    const answers: boolean[] = [];
    filter({ url: 'https://example.com/' }, (r) => answers.push(r.cancel));
    filter({ url: 'app://samizdat/index.html' }, (r) => answers.push(r.cancel));
    expect(answers).toEqual([true, false]);
  });
});

// The guards as pure functions; server.test.ts proves them again with real HTTP requests.

import { describe, expect, it } from 'vitest';
import { fetchSiteAllowed, hostAllowed, newToken, originAllowed, tokenMatches } from '../../../src/server/guards.js';

describe('newToken', () => {
  it('is 256 random bits in hex, fresh each time', () => {
    const a = newToken();
    expect(a).toMatch(/^[0-9a-f]{64}$/);
    expect(new Set(Array.from({ length: 50 }, newToken)).size).toBe(50);
  });
});

describe('tokenMatches', () => {
  const token = newToken();
  it('accepts the token and nothing else', () => {
    expect(tokenMatches(token, token)).toBe(true);
    expect(tokenMatches(token.toUpperCase(), token)).toBe(false);
    expect(tokenMatches(token.slice(0, 63), token)).toBe(false);
    expect(tokenMatches(`${token}0`, token)).toBe(false);
    expect(tokenMatches('', token)).toBe(false);
    expect(tokenMatches(undefined, token)).toBe(false);
    expect(tokenMatches([token, token], token)).toBe(false);
  });
});

describe('hostAllowed', () => {
  it('accepts only 127.0.0.1:<port> and localhost:<port>', () => {
    expect(hostAllowed('127.0.0.1:4000', 4000)).toBe(true);
    expect(hostAllowed('localhost:4000', 4000)).toBe(true);
    expect(hostAllowed('LOCALHOST:4000', 4000)).toBe(true);
    for (const h of ['127.0.0.1', '127.0.0.1:4001', 'evil.example:4000', 'attacker.localhost:4000', '[::1]:4000', '0.0.0.0:4000', undefined, '']) {
      expect(hostAllowed(h, 4000), String(h)).toBe(false);
    }
  });
});

describe('originAllowed', () => {
  it('accepts no Origin or our own, refuses every other', () => {
    expect(originAllowed(undefined, 4000)).toBe(true);
    expect(originAllowed('http://127.0.0.1:4000', 4000)).toBe(true);
    expect(originAllowed('http://localhost:4000', 4000)).toBe(true);
    for (const o of ['null', 'http://127.0.0.1:4001', 'https://127.0.0.1:4000', 'http://evil.example', 'app://samizdat', '']) {
      expect(originAllowed(o, 4000), o).toBe(false);
    }
  });
});

describe('fetchSiteAllowed', () => {
  it('accepts same-origin or no metadata, refuses same-site, cross-site and none', () => {
    expect(fetchSiteAllowed(undefined)).toBe(true);
    expect(fetchSiteAllowed('same-origin')).toBe(true);
    for (const s of ['same-site', 'cross-site', 'none']) expect(fetchSiteAllowed(s)).toBe(false);
  });
});

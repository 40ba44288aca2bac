// The app's scheme and the dev server switch.

import { describe, expect, it } from 'vitest';
import { APP_ENTRY_URL, APP_SCHEME_PRIVILEGES, devServerOrigin, isAppUrl } from '../../../src/main/security/origin.js';

describe('app scheme', () => {
  it('is standard and secure, and bypasses nothing', () => {
    expect(APP_SCHEME_PRIVILEGES).toEqual({
      scheme: 'app',
      privileges: {
        standard: true,
        secure: true,
        supportFetchAPI: true,
        bypassCSP: false,
        corsEnabled: false,
        allowServiceWorkers: false,
        stream: false,
        codeCache: false,
      },
    });
    expect(isAppUrl(APP_ENTRY_URL)).toBe(true);
  });
});

describe('devServerOrigin', () => {
  it('uses ELECTRON_RENDERER_URL only when unpackaged and on loopback http', () => {
    expect(devServerOrigin(false, 'http://localhost:5173/')).toBe('http://localhost:5173');
    expect(devServerOrigin(false, 'http://127.0.0.1:5173')).toBe('http://127.0.0.1:5173');
    expect(devServerOrigin(true, 'http://localhost:5173/')).toBeNull();
    expect(devServerOrigin(false, 'https://evil.example/')).toBeNull();
    expect(devServerOrigin(false, 'http://192.168.1.5:5173/')).toBeNull();
    expect(devServerOrigin(false, undefined)).toBeNull();
    expect(devServerOrigin(false, 'garbage')).toBeNull();
  });
});

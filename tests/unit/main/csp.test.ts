// Main's CSP: the shared production policy unless a dev server is in use, set over any header the
// response carried.

import { describe, expect, it } from 'vitest';
import { contentSecurityPolicy, withContentSecurityPolicy } from '../../../src/main/security/csp.js';
import { CONTENT_SECURITY_POLICY } from '../../../src/shared/csp.js';

describe('contentSecurityPolicy', () => {
  it('is the shared production policy without a dev server', () => {
    expect(contentSecurityPolicy(null)).toBe(CONTENT_SECURITY_POLICY);
    expect(contentSecurityPolicy('http://localhost:5173')).toContain('ws://localhost:5173');
  });
});

describe('withContentSecurityPolicy', () => {
  it('replaces any CSP header, whatever its case, and keeps the others', () => {
    const out = withContentSecurityPolicy(
      { 'content-security-policy': ["default-src *"], 'CONTENT-SECURITY-POLICY': ['script-src *'], 'Content-Type': ['text/html'] },
      'default-src \'none\'',
    );
    expect(out).toEqual({ 'Content-Type': ['text/html'], 'Content-Security-Policy': ["default-src 'none'"] });
  });

  it('adds the header when there were none', () => {
    expect(withContentSecurityPolicy(undefined, 'x')).toEqual({ 'Content-Security-Policy': ['x'] });
  });
});

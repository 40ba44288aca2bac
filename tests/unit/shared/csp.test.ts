// The CSP shared by Electron and browser mode: nothing remote, no inline script, no eval.

import { describe, expect, it } from 'vitest';
import { CONTENT_SECURITY_POLICY, developmentContentSecurityPolicy } from '../../../src/shared/csp.js';

function directives(policy: string): Map<string, string[]> {
  return new Map(
    policy.split(';').map((d) => {
      const [name, ...values] = d.trim().split(/\s+/);
      return [name!, values];
    }),
  );
}

describe('CONTENT_SECURITY_POLICY', () => {
  const csp = directives(CONTENT_SECURITY_POLICY);

  it('denies by default and allows only the app itself for what the renderer loads', () => {
    expect(csp.get('default-src')).toEqual(["'none'"]);
    for (const d of ['script-src', 'style-src', 'img-src', 'font-src', 'connect-src']) expect(csp.get(d)).toEqual(["'self'"]);
  });

  it('forbids plugins, framing, base rewriting, form posts and workers', () => {
    for (const d of ['object-src', 'frame-ancestors', 'base-uri', 'form-action', 'worker-src', 'frame-src']) {
      expect(csp.get(d)).toEqual(["'none'"]);
    }
  });

  it('has no inline script, no eval, no remote origin, no data: or blob:', () => {
    expect(CONTENT_SECURITY_POLICY).not.toMatch(/unsafe-inline|unsafe-eval|wasm-unsafe-eval|unsafe-hashes|strict-dynamic/);
    expect(CONTENT_SECURITY_POLICY).not.toMatch(/https?:|wss?:|ftp:|data:|blob:|filesystem:|\*/);
  });
});

describe('developmentContentSecurityPolicy', () => {
  it('adds only the dev server (and its WebSocket) and the refresh preamble', () => {
    const dev = developmentContentSecurityPolicy('http://localhost:5173');
    expect(directives(dev).get('connect-src')).toEqual(["'self'", 'http://localhost:5173', 'ws://localhost:5173']);
    expect(dev).not.toMatch(/unsafe-eval|https:|\*/);
    expect(directives(dev).get('default-src')).toEqual(["'none'"]);
  });
});

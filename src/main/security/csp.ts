// The CSP served with every renderer response in Electron: the shared production policy, or, with
// electron-vite's dev server, the development policy (inline refresh preamble, HMR WebSocket).

import { CONTENT_SECURITY_POLICY, developmentContentSecurityPolicy } from '../../shared/csp.js';

export function contentSecurityPolicy(devServerOrigin: string | null): string {
  return devServerOrigin === null ? CONTENT_SECURITY_POLICY : developmentContentSecurityPolicy(devServerOrigin);
}

/** Response headers with the CSP set, replacing any the response carried (whatever its casing). */
export function withContentSecurityPolicy(
  headers: Record<string, string[]> | undefined,
  policy: string,
): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const [name, value] of Object.entries(headers ?? {})) {
    if (name.toLowerCase() !== 'content-security-policy') out[name] = value;
  }
  // electronegativity cannot resolve `policy` (a variable) to evaluate it; the policy is asserted by
  // tests/unit/shared/csp.test.ts (default-src 'none', no unsafe-*, no remote origin).
  out['Content-Security-Policy'] = [policy]; // eng-disable CSP_GLOBAL_CHECK -- reviewed, see above
  return out;
}

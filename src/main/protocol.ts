// The app:// protocol: serves the built renderer and nothing else, with the CSP on every response.
// Files are read directly (not through net.fetch of a file: URL, which the session's request filter
// refuses anyway).

import { readFile } from 'node:fs/promises';
import { resolveRendererFile } from '../app/renderer-files.js';
import { isAppUrl } from './security/origin.js';

function headers(csp: string, contentType: string): Record<string, string> {
  return {
    'Content-Type': contentType,
    'Content-Security-Policy': csp,
    'X-Content-Type-Options': 'nosniff',
    'Referrer-Policy': 'no-referrer',
    'Cross-Origin-Opener-Policy': 'same-origin',
    'Cross-Origin-Resource-Policy': 'same-origin',
  };
}

export function appProtocolHandler(rendererDir: string, csp: string): (request: Request) => Promise<Response> {
  const notFound = (): Response => new Response('not found', { status: 404, headers: headers(csp, 'text/plain; charset=utf-8') });
  return async (request) => {
    if (request.method !== 'GET' || !isAppUrl(request.url)) return notFound();
    const found = await resolveRendererFile(rendererDir, new URL(request.url).pathname);
    if (!found) return notFound();
    return new Response(new Uint8Array(await readFile(found.file)), { status: 200, headers: headers(csp, found.contentType) });
  };
}

// Whether the page may fetch a remote URL: the CSP (and, in Electron, the request filter) must refuse.
import type { Page } from 'playwright-core';

export function remoteFetchOutcome(page: Page, url = 'https://example.com/'): Promise<'fetched' | 'blocked'> {
  return page.evaluate(async (target) => {
    try {
      await fetch(target);
      return 'fetched' as const;
    } catch {
      return 'blocked' as const;
    }
  }, url);
}

// Accessibility: every screen and dialog of tests/e2e/harness/screens.ts, reached as a person
// reaches it, in English, Russian and Ukrainian, has no serious or critical axe-core violation.
// Browser mode in Debian's Chromium on the demo vault; the same in Electron where a binary exists.
// The counts by impact of every screen are printed at the end, to be quoted.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkA11y, closeHarness, demoVault, ensureBuilt, formatA11y, LANGUAGES, SCREENS, ScreenTour, SHELLS, type A11yResult } from './harness/index.js';

const figures: string[] = [];

beforeAll(async () => {
  await ensureBuilt();
}, 180_000);

afterAll(async () => {
  if (figures.length) console.info(`axe figures, every screen:\n${figures.join('\n')}`);
  await closeHarness();
});

for (const { kind, missing } of SHELLS) {
  describe.skipIf(missing !== null)(missing === null ? `accessibility in ${kind} mode` : `skipped: ${kind} mode: ${missing}`, () => {
    for (const lang of LANGUAGES) {
      describe(lang, () => {
        let tour: ScreenTour;
        beforeAll(() => {
          tour = new ScreenTour(lang, demoVault(), kind);
        }, 120_000);
        afterAll(() => tour?.close());

        for (const screen of SCREENS) {
          it(`${screen.name}-${lang}: no serious or critical violation`, async () => {
            const context = `${kind} ${screen.name}-${lang}`;
            const { visit, result } = await tour.visit(screen, (page, v): Promise<A11yResult | null> => (v.reached ? checkA11y(page, context) : Promise.resolve(null)));
            if (!visit.reached || !result) {
              figures.push(`${context}: not reachable (${visit.reached ? 'no result' : visit.why})`);
              throw new Error(`${screen.name}-${lang} is not reachable: ${visit.reached ? 'no result' : visit.why}`);
            }
            figures.push(formatA11y(result));
            expect(result.blocking, `${context}: serious or critical axe violations`).toEqual([]);
          });
        }
      });
    }
  });
}

// npm run screenshots (through scripts/screenshots.mjs): a PNG of every screen and dialog of
// tests/e2e/harness/screens.ts in English, Russian and Ukrainian, into screenshots/ (git-ignored),
// named <screen>-<lang>.png. Builds what is missing or stale, makes a demo vault, starts browser
// mode on it as a person does, and walks the screens; one that cannot be reached yet (still being
// built) is named with the reason and skipped, the others are photographed as they are.

import { mkdirSync, readdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import { REPO_ROOT } from '../tests/helpers/cli.js';
import { closeHarness, demoVault, ensureBuilt, LANGUAGES, SCREENS, ScreenTour } from '../tests/e2e/harness/index.js';

const OUT = path.join(REPO_ROOT, 'screenshots');

async function main(): Promise<number> {
  for (const what of await ensureBuilt()) console.log(`built ${what}`);
  mkdirSync(OUT, { recursive: true });
  for (const name of readdirSync(OUT)) if (name.endsWith('.png')) rmSync(path.join(OUT, name));

  const fixture = demoVault();
  console.log(`demo vault (${fixture.madeBy === 'demo' ? 'samizdat demo' : 'a small vault made with the CLI: no demo command yet'}): ${fixture.statements.length} statements, ${fixture.groups.length} groups`);
  let written = 0;
  const missing: string[] = [];
  for (const lang of LANGUAGES) {
    const tour = new ScreenTour(lang, fixture);
    try {
      for (const screen of SCREENS) {
        const file = path.join(OUT, `${screen.name}-${lang}.png`);
        const { visit } = await tour.visit(screen, async (page, v) => {
          if (v.reached) await page.screenshot({ path: file, fullPage: true });
        });
        if (visit.reached) {
          written += 1;
          console.log(`wrote ${path.relative(REPO_ROOT, file)}`);
        } else {
          missing.push(`${screen.name}-${lang}`);
          console.log(`not reachable yet: ${screen.name}-${lang}: ${visit.why}`);
        }
      }
    } finally {
      await tour.close();
    }
  }
  console.log(`${written} screenshots in ${path.relative(REPO_ROOT, OUT)}/${missing.length ? `; not reachable yet: ${missing.join(', ')}` : ''}`);
  return written > 0 ? 0 : 1;
}

try {
  process.exitCode = await main();
} finally {
  await closeHarness();
}

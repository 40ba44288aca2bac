// The UI test harness: start the app on a vault as a person does (browser mode or Electron), act
// by the words of the UI, check accessibility with axe, and walk every screen (README.md).

export { assertA11y, checkA11y, formatA11y, IMPACTS, type A11yResult, type A11yViolation, type Impact } from './a11y.js';
export { chooseLanguage, lock, pageLanguage, sidebar, unlock } from './actions.js';
export { ensureBuilt, releaseLease, RENDERER_DIR, rendererStale } from './build.js';
export { demoVault, emptyVaultDir, removeFixtures, type FixtureGroup, type FixtureStatement, type VaultFixture } from './fixture.js';
export { appReady, CHROMIUM, closeBrowser, haveChromium, launchElectron, newContext, sharedBrowser, SHELLS, startApp, startUi, type App, type ShellKind, type StartOptions, type UiServer } from './launch.js';
export { fx, SCREENS, ScreenTour, t, walk, type Screen, type Step, type Target, type Visit } from './screens.js';
export { errorWords, LANGUAGES, lookup, words, type Language } from './words.js';

import { releaseLease } from './build.js';
import { closeBrowser } from './launch.js';
import { removeFixtures } from './fixture.js';

/** Every test file's afterAll: the browser closed, the fixture vaults removed, out/renderer released. (Apps are closed by their own close().) */
export async function closeHarness(): Promise<void> {
  await closeBrowser();
  removeFixtures();
  releaseLease();
}

// Entry point of the Electron main process. Thin on purpose: everything it does is in main.ts,
// which takes Electron as a parameter so that its wiring is unit-tested without the binary.

import * as electron from 'electron';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { openCore } from './core.js';
import { startMain } from './main.js';

startMain(electron, {
  outMainDir: path.dirname(fileURLToPath(import.meta.url)),
  argv: process.argv,
  cwd: process.cwd(),
  env: process.env,
  core: openCore(),
});

// Electronegativity over src/ must report nothing. Run here so that `npm test` (vitest) runs it;
// `npm run lint:electron` runs the same script on its own.

import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { expect, it } from 'vitest';

const root = path.resolve(import.meta.dirname, '../../..');

it('electronegativity finds nothing in src/', () => {
  const result = spawnSync(process.execPath, [path.join(root, 'scripts', 'lint-electron.mjs')], { cwd: root, encoding: 'utf8' });
  expect(result.stderr).toBe('');
  expect(result.stdout).toMatch(/0 finding\(s\), 0 unparsed file\(s\)/);
  expect(result.status).toBe(0);
}, 120_000);

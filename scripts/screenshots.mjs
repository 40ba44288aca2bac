// npm run screenshots: compiles the driver (scripts/screenshots.ts, with the UI test harness of
// tests/e2e/harness it drives) into out/screenshots, without type checking (npm run typecheck does
// that), and runs it. Node 20 runs no TypeScript itself.
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

const root = path.resolve(import.meta.dirname, '..');
const out = path.join(root, 'out', 'screenshots');
const tsc = path.join(root, 'node_modules', 'typescript', 'bin', 'tsc');
const options = ['--ignoreConfig', '--noCheck', '--outDir', out, '--rootDir', root, '--module', 'NodeNext', '--moduleResolution', 'NodeNext', '--target', 'ES2023', '--types', 'node', '--skipLibCheck', '--resolveJsonModule', '--verbatimModuleSyntax'];
const compiled = spawnSync(process.execPath, [tsc, ...options, path.join(root, 'scripts', 'screenshots.ts')], { cwd: root, stdio: 'inherit' });
if (compiled.status !== 0) {
  console.error('screenshots: the driver did not compile');
  process.exit(compiled.status ?? 1);
}
await import(pathToFileURL(path.join(out, 'scripts', 'screenshots.js')).href);

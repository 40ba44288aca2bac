// `npm run lint:electron`: @doyensec/electronegativity over src/, failing on any finding.
//
// Run through its programmatic API because its CLI does not start here (it requires `commander`
// without declaring it, and gets the project's commander 14, whose API differs). Two things are
// done before it loads:
//   - its `got` is replaced by a stub that fails at once: electronegativity fetches translations
//     and Electron's release list from the network on every run, and this lint runs offline;
//   - LANG is set to en-US so the offline fallback picks its bundled English messages.
// Checks that do not apply are excluded in .electronegativity.json, each with its reason; the two
// findings that need a human are annotated in place (eng-disable, with the reason beside it).
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);
const config = JSON.parse(readFileSync(path.join(root, '.electronegativity.json'), 'utf8'));

process.env.LANG = 'en-US';
const toolDir = path.dirname(require.resolve('@doyensec/electronegativity/package.json'));
const offline = () => Promise.reject(new Error('offline: network disabled for electronegativity'));
const gotPath = require.resolve('got', { paths: [toolDir] });
require.cache[gotPath] = { id: gotPath, filename: gotPath, loaded: true, exports: Object.assign(offline, { default: offline }) };

const electronVersion = JSON.parse(readFileSync(require.resolve('electron/package.json'), 'utf8')).version;
const run = require(path.join(toolDir, 'dist', 'runner.js'));

// Its i18n module prints a notice when the (stubbed) download fails; keep the output to our report.
const log = console.log;
console.log = () => undefined;
let result;
try {
  result = await run(
    {
      input: path.join(root, config.input),
      isRelative: true,
      electronVersionOverride: electronVersion,
      excludeFromScan: Object.keys(config.excludedChecks),
    },
    false,
  );
} finally {
  console.log = log;
}

const unparsed = result.errors.filter((e) => !e.tolerable);
for (const e of unparsed) console.error(`electronegativity: could not parse ${e.file}: ${e.message}`);
for (const i of result.issues) {
  console.error(`electronegativity: ${i.id} ${i.file}:${i.location.line}:${i.location.column} [${i.severity.name}/${i.confidence.name}] ${i.description}`);
}
const excluded = Object.keys(config.excludedChecks).join(', ');
console.log(
  `electronegativity ${require(path.join(toolDir, 'package.json')).version} on ${config.input}/ (Electron ${electronVersion}): ` +
    `${result.globalChecks} global and ${result.atomicChecks} atomic checks, ${result.issues.length} finding(s), ` +
    `${unparsed.length} unparsed file(s); excluded: ${excluded || 'none'}`,
);
process.exit(result.issues.length > 0 || unparsed.length > 0 ? 1 : 0);

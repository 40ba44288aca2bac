// Where the shared test vectors live (../shared/testdata next to the checkout), and reading them.
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const repoRoot = fileURLToPath(new URL('../../..', import.meta.url));
export const testdataDir = path.resolve(repoRoot, '..', 'shared', 'testdata');
export const testdataPresent = existsSync(testdataDir);

/** A describe title that says, when the folder is absent, why the block is skipped. */
export function needsTestdata(title: string): string {
  return testdataPresent ? title : `${title} (skipped: test data folder ${testdataDir} is absent)`;
}

export function readTestdata<T>(name: string): T {
  return JSON.parse(readFileSync(path.join(testdataDir, name), 'utf8')) as T;
}

/** Lowercase hex to bytes, for test vectors (independent of the code under test). */
export function hex(s: string): Uint8Array {
  return new Uint8Array(Buffer.from(s, 'hex'));
}

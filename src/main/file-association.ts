// Opening a .samizdat file with the app: on Linux and Windows the path arrives in argv (first
// launch, or a second launch forwarded by the single-instance lock); on macOS as an `open-file`
// event; anywhere, as a file dropped on the window (see security/navigation.ts). Each path goes
// to the import queue, which starts the real import (the `bundles:import` handler) once the vault
// is open. Paths are made absolute here: the contract refuses relative ones.

import path from 'node:path';
import { BUNDLE_EXTENSION } from '../core/exchange/files.js';

export { BUNDLE_EXTENSION };

export function isBundlePath(p: string): boolean {
  return p.toLowerCase().endsWith(BUNDLE_EXTENSION) && path.basename(p).length > BUNDLE_EXTENSION.length;
}

/**
 * The bundle paths among a command line: arguments ending in .samizdat that are not switches,
 * made absolute against the directory the launch came from. argv[0] is the executable.
 */
export function bundlePathsFromArgv(argv: readonly string[], cwd: string): string[] {
  return argv
    .slice(1)
    .filter((arg) => !arg.startsWith('-') && isBundlePath(arg))
    .map((arg) => path.resolve(cwd, arg));
}

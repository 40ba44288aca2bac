// The standard test vectors the project keeps in tests/vectors/ (sources and licence in its
// README.md), and reading them. They are part of the checkout, so every clone runs every case.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const vectorsDir = fileURLToPath(new URL('../../vectors/', import.meta.url));

export function readTestdata<T>(name: string): T {
  return JSON.parse(readFileSync(path.join(vectorsDir, name), 'utf8')) as T;
}

/** Lowercase hex to bytes, for test vectors (independent of the code under test). */
export function hex(s: string): Uint8Array {
  return new Uint8Array(Buffer.from(s, 'hex'));
}

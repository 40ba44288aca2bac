// builtRendererDir: `samizdat ui` finds out/renderer wherever the code runs from.

import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { builtRendererDir } from '../../../src/server/renderer-dir.js';

describe('builtRendererDir', () => {
  it('finds out/renderer of the project, from the sources and from the compiled CLI alike', () => {
    const root = path.resolve(import.meta.dirname, '../../..');
    expect(builtRendererDir(path.join(root, 'src/server/renderer-dir.ts'))).toBe(path.join(root, 'out/renderer'));
    expect(builtRendererDir(path.join(root, 'out/node/src/server/renderer-dir.js'))).toBe(path.join(root, 'out/renderer'));
  });
});

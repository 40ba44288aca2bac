// Opening .samizdat files with the app: argv parsing, and the queue that waits for an open vault.

import { describe, expect, it, vi } from 'vitest';
import { bundlePathsFromArgv, isBundlePath } from '../../../src/main/file-association.js';
import { ImportQueue } from '../../../src/main/import-queue.js';

describe('bundlePathsFromArgv', () => {
  it('picks .samizdat arguments, made absolute, and skips the executable and switches', () => {
    expect(
      bundlePathsFromArgv(
        ['/opt/Samizdat/samizdat', '--no-sandbox', 'stick/KRAS.samizdat', '/media/b.SAMIZDAT', 'notes.txt', '--x=y.samizdat'],
        '/home/anna',
      ),
    ).toEqual(['/home/anna/stick/KRAS.samizdat', '/media/b.SAMIZDAT']);
    expect(bundlePathsFromArgv(['/usr/bin/electron', '.'], '/w')).toEqual([]);
  });

  it('wants a name before the extension', () => {
    expect(isBundlePath('/x/.samizdat')).toBe(false);
    expect(isBundlePath('/x/a.samizdat')).toBe(true);
  });
});

describe('ImportQueue', () => {
  it('holds files while the vault is locked and starts one import for them once it opens', async () => {
    let unlocked = false;
    const start = vi.fn(async () => undefined);
    const queue = new ImportQueue({ isUnlocked: () => unlocked, start });
    queue.add(['/a.samizdat']);
    queue.add(['/b.samizdat', '/a.samizdat']);
    expect(await queue.flush()).toBe(false);
    expect(start).not.toHaveBeenCalled();
    unlocked = true;
    expect(await queue.flush()).toBe(true);
    expect(start).toHaveBeenCalledExactlyOnceWith(['/a.samizdat', '/b.samizdat']);
    expect(queue.pending).toEqual([]);
    expect(await queue.flush()).toBe(false);
  });
});

// files:folders (src/app/folders.ts, through the handler table): browser mode's folder picker sees
// the sub-folders of a folder and nothing else: no file names, no hidden folders, sorted as people
// sort, bounded however large the folder, and only while the vault is open.

import { mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import { homedir, tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listFolders, MAX_FOLDERS } from '../../../src/app/folders.js';
import { createHandlers } from '../../../src/app/handlers.js';
import { createFakeCore, FAKE_PASSPHRASE } from './fake-core.js';

let dir: string;

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'samizdat-folders-'));
  for (const name of ['stick 10', 'stick 2', 'Archive', 'archive-old', '.hidden', 'Ёжик', 'zebra']) await mkdir(path.join(dir, name));
  await writeFile(path.join(dir, 'secret-plan.samizdat'), 'a file, never listed');
  await writeFile(path.join(dir, '.profile'), 'hidden file');
  await symlink(path.join(dir, 'zebra'), path.join(dir, 'link to zebra'));
  await symlink(path.join(dir, 'secret-plan.samizdat'), path.join(dir, 'link to a file'));
  await symlink(path.join(dir, 'gone'), path.join(dir, 'dangling'));
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('listFolders', () => {
  it('lists folders only (links to folders too), no hidden ones, no files, in people’s order', async () => {
    const listing = await listFolders(dir);
    expect(listing.dir).toBe(dir);
    expect(listing.parent).toBe(path.dirname(dir));
    expect(listing.folders.map((f) => f.name)).toEqual(['Archive', 'archive-old', 'link to zebra', 'stick 2', 'stick 10', 'zebra', 'Ёжик']);
    for (const f of listing.folders) expect(f.path).toBe(path.join(dir, f.name));
    expect(JSON.stringify(listing)).not.toMatch(/secret-plan|profile|hidden|dangling|link to a file/);
    expect(Object.keys(listing).sort()).toEqual(['dir', 'folders', 'parent']);
  });

  it('starts at the home folder when given none', async () => {
    expect((await listFolders(null)).dir).toBe(path.resolve(homedir()));
  });

  it('has no parent at the root', async () => {
    const root = path.parse(dir).root;
    const listing = await listFolders(root);
    expect(listing.dir).toBe(root);
    expect(listing.parent).toBeNull();
  });

  it('normalises the folder it is given', async () => {
    expect((await listFolders(path.join(dir, 'zebra', '..'))).dir).toBe(dir);
  });

  it('lists at most MAX_FOLDERS, the first in order', async () => {
    const big = await mkdtemp(path.join(tmpdir(), 'samizdat-folders-big-'));
    try {
      await Promise.all(Array.from({ length: MAX_FOLDERS + 5 }, (_, i) => mkdir(path.join(big, `f${String(i).padStart(5, '0')}`))));
      const listing = await listFolders(big);
      expect(listing.folders).toHaveLength(MAX_FOLDERS);
      expect(listing.folders[0]!.name).toBe('f00000');
      expect(listing.folders.at(-1)!.name).toBe(`f${String(MAX_FOLDERS - 1).padStart(5, '0')}`);
    } finally {
      await rm(big, { recursive: true, force: true });
    }
  });

  it('says plainly what is wrong with a folder it cannot list', async () => {
    await expect(listFolders(path.join(dir, 'nope'))).rejects.toMatchObject({
      code: 'exchange.io',
      kind: 'io',
      message: expect.stringMatching(/^exchange: cannot list the folders in ".*nope": no such file or folder/),
    });
    await expect(listFolders(path.join(dir, 'secret-plan.samizdat'))).rejects.toMatchObject({
      code: 'exchange.io',
      message: expect.stringContaining('a part of the path is not a folder'),
    });
  });
});

describe('files:folders', () => {
  it('answers only while the vault is open, and validates its argument', async () => {
    const core = createFakeCore();
    const handlers = createHandlers(core);
    await expect(handlers['files:folders']({ dir })).rejects.toMatchObject({ code: 'vault.locked' });
    await core.unlock(FAKE_PASSPHRASE);
    const listing = await handlers['files:folders']({ dir });
    expect(listing.folders.map((f) => f.name)).toContain('stick 2');
    await expect(handlers['files:folders']({ dir: 'relative/path' })).rejects.toMatchObject({ code: 'ipc.invalid-argument' });
    await expect((handlers['files:folders'] as (a: unknown) => Promise<unknown>)({})).rejects.toMatchObject({ code: 'ipc.invalid-argument' });
  });
});

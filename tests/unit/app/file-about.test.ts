// files:about (src/app/file-about.ts, through the handler table): the Write place sees the name and
// size of each file chosen to attach, in the order given, before saving; a folder or a file gone
// has no size; nothing answers while the vault is locked; the argument is validated.

import { mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { aboutFile } from '../../../src/app/file-about.js';
import { createHandlers } from '../../../src/app/handlers.js';
import { createFakeCore, FAKE_PASSPHRASE } from './fake-core.js';

let dir: string;

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'samizdat-file-about-'));
  await writeFile(path.join(dir, 'листовка 1.pdf'), Buffer.alloc(12_345, 7));
  await writeFile(path.join(dir, 'empty.txt'), '');
  await mkdir(path.join(dir, 'a folder'));
  await symlink(path.join(dir, 'листовка 1.pdf'), path.join(dir, 'link.pdf'));
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('aboutFile', () => {
  it('gives the base name and the size of a file; a link is the file it points to', async () => {
    expect(await aboutFile(path.join(dir, 'листовка 1.pdf'))).toEqual({ path: path.join(dir, 'листовка 1.pdf'), name: 'листовка 1.pdf', bytes: 12_345 });
    expect(await aboutFile(path.join(dir, 'empty.txt'))).toMatchObject({ name: 'empty.txt', bytes: 0 });
    expect(await aboutFile(path.join(dir, 'link.pdf'))).toMatchObject({ name: 'link.pdf', bytes: 12_345 });
  });

  it('gives no size for a folder or a file that is not there', async () => {
    expect(await aboutFile(path.join(dir, 'a folder'))).toMatchObject({ name: 'a folder', bytes: null });
    expect(await aboutFile(path.join(dir, 'gone.pdf'))).toMatchObject({ name: 'gone.pdf', bytes: null });
  });
});

describe('files:about', () => {
  it('answers only while the vault is open, each path in the order given, and validates its argument', async () => {
    const core = createFakeCore();
    const handlers = createHandlers(core);
    const paths = [path.join(dir, 'empty.txt'), path.join(dir, 'листовка 1.pdf'), path.join(dir, 'gone.pdf')];
    await expect(handlers['files:about']({ paths })).rejects.toMatchObject({ code: 'vault.locked' });
    await core.unlock(FAKE_PASSPHRASE);
    expect((await handlers['files:about']({ paths })).map((f) => [f.name, f.bytes])).toEqual([
      ['empty.txt', 0],
      ['листовка 1.pdf', 12_345],
      ['gone.pdf', null],
    ]);
    await expect(handlers['files:about']({ paths: ['relative/leaflet.pdf'] })).rejects.toMatchObject({ code: 'ipc.invalid-argument' });
    await expect(handlers['files:about']({ paths: [] })).rejects.toMatchObject({ code: 'ipc.invalid-argument' });
    await expect(handlers['files:about']({ paths: Array.from({ length: 65 }, (_, i) => path.join(dir, `${i}.txt`)) })).rejects.toMatchObject({ code: 'ipc.invalid-argument' });
  });
});

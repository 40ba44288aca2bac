// The staging folder on its own (src/server/staging.ts): the names it gives files, and what a lock
// in the middle of an upload or a save does.

import { lstat, mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { contentDisposition } from '../../../src/server/files.js';
import { MAX_RESERVATIONS, sanitizeName, Staging } from '../../../src/server/staging.js';

describe('sanitizeName', () => {
  it.each([
    ['kras.samizdat', null, 'kras.samizdat'],
    ['../../etc/passwd', null, 'passwd'],
    ['C:\\Users\\anna\\kras.samizdat', null, 'kras.samizdat'],
    ['..', null, 'file'],
    ['.', null, 'file'],
    ['', null, 'file'],
    ['.bashrc', null, 'bashrc'],
    ['...hidden.samizdat', null, 'hidden.samizdat'],
    ['trailing dots...', null, 'trailing dots'],
    ['a\u0000b\nc\u007fd.samizdat', null, 'a_b_c_d.samizdat'],
    ['we<>:"|?*.samizdat', null, 'we_______.samizdat'],
    ['evil\u202Egnp.exe', null, 'evil_gnp.exe'],
    ['CON', null, '_CON'],
    ['nul.samizdat', null, '_nul.samizdat'],
    ['Заявление КРАС', '.samizdat', 'Заявление КРАС.samizdat'],
    ['Olga.MEMBER', '.member', 'Olga.MEMBER'],
    ['', '.member', 'file.member'],
    ['.samizdat', '.samizdat', 'samizdat.samizdat'],
    ['/', '.samizdat', 'file.samizdat'],
  ])('%j (extension %j) -> %j', (name, ext, expected) => {
    expect(sanitizeName(name, ext)).toBe(expected);
  });

  it('bounds a long name in bytes, keeping the extension and whole characters', () => {
    const long = `${'ж'.repeat(300)}.samizdat`;
    const safe = sanitizeName(long, '.samizdat');
    expect(Buffer.byteLength(safe)).toBeLessThanOrEqual(200);
    expect(safe.endsWith('.samizdat')).toBe(true);
    expect(safe.slice(0, -'.samizdat'.length)).toMatch(/^ж+$/);
    const noExt = sanitizeName('x'.repeat(500), null);
    expect(noExt).toBe('x'.repeat(200));
  });
});

describe('contentDisposition', () => {
  it('quotes nothing it should not and encodes the exact name', () => {
    expect(contentDisposition('a"b\\c.samizdat')).toBe(`attachment; filename="a_b_c.samizdat"; filename*=UTF-8''a%22b%5Cc.samizdat`);
    expect(contentDisposition("it's (1)*.samizdat")).toBe(`attachment; filename="it's (1)*.samizdat"; filename*=UTF-8''it%27s%20%281%29%2A.samizdat`);
    expect(contentDisposition('x\r\nSet-Cookie: a.samizdat')).not.toMatch(/[\r\n]/);
  });
});

describe('Staging', () => {
  let parent: string;
  let staging: Staging;

  beforeEach(async () => {
    parent = await mkdtemp(path.join(tmpdir(), 'samizdat-staging-test-'));
    staging = new Staging(parent);
  });

  afterEach(async () => {
    await staging.clear();
    await rm(parent, { recursive: true, force: true });
  });

  it('makes its folder only when first used, and clear removes it', async () => {
    expect(await readdir(parent)).toEqual([]);
    expect(staging.busy).toBe(false);
    const file = await staging.upload('a.samizdat', Readable.from([Buffer.from('a')]), { maxBytes: 10 });
    expect(staging.busy).toBe(true);
    expect(await readdir(parent)).toHaveLength(1);
    await staging.clear();
    expect(staging.busy).toBe(false);
    expect(await readdir(parent)).toEqual([]);
    await expect(lstat(file)).rejects.toMatchObject({ code: 'ENOENT' });
  });

  it('keeps nothing of an upload that a lock interrupted', async () => {
    const body = new Readable({ read() {} });
    const pending = staging.upload('a.samizdat', body, { maxBytes: 1_000_000 });
    body.push(Buffer.alloc(1000));
    await new Promise((r) => setTimeout(r, 50));
    await staging.clear();
    body.push(null);
    await expect(pending).rejects.toMatchObject({ code: 'files.discarded', status: 409 });
    expect(await readdir(parent)).toEqual([]);
    expect(staging.busy).toBe(false);
  });

  it('makes its folder anew when something removed it behind its back', async () => {
    await staging.upload('a', Readable.from([Buffer.from('a')]), { maxBytes: 10 });
    const root = (await staging.root())!;
    await rm(root, { recursive: true });
    const again = await staging.upload('b', Readable.from([Buffer.from('b')]), { maxBytes: 10 });
    expect(path.dirname(path.dirname(again))).not.toBe(root);
    expect(again.startsWith(parent)).toBe(true);
  });

  it('holds a bounded number of reservations, forgetting (and removing) the oldest', async () => {
    const first = await staging.reserve('bundle', 'first');
    await writeFile(first.path, 'x');
    for (let i = 0; i < MAX_RESERVATIONS; i++) await staging.reserve('bundle', `r${i}`);
    await expect(staging.ticket(first.id)).rejects.toMatchObject({ code: 'files.no-such-save' });
    await expect(lstat(first.path)).rejects.toMatchObject({ code: 'ENOENT' });
  });

  it('answers an unknown or spent ticket with null, whatever it looks like', async () => {
    expect(await staging.take('0'.repeat(64))).toBeNull();
    expect(await staging.take('../../etc/passwd')).toBeNull();
    const r = await staging.reserve('attachment', 'photo.jpg');
    await writeFile(r.path, 'jpeg');
    const t = await staging.ticket(r.id);
    const d = await staging.take(t);
    expect(d).not.toBeNull();
    d!.stream.destroy();
    await d!.done();
    expect(await staging.take(t)).toBeNull();
  });
});

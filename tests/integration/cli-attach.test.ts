// `samizdat statement new --attach`, through the core's attachment reader (shared with the app):
// relative paths, media types by extension, the bytes stored as hashed; a file that cannot be read
// or a folder is a clear error with its exit code, and nothing is written.
import { createHash } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { device, tempDir } from '../helpers/cli.js';

describe('samizdat statement new --attach', () => {
  const tmp = tempDir('samizdat-attach-');
  const olga = device(tmp.path, 'olga');
  const body = join(tmp.path, 'body.txt');
  afterAll(() => tmp.remove());

  beforeAll(() => {
    expect(olga.run(['init', '--kdf', 'interactive']).status).toBe(0);
    expect(olga.run(['me', 'create', '--name', 'Olga']).status).toBe(0);
    expect(olga.run(['group', 'create', '--name', 'KRAS-IWA', '--threshold', '1']).status).toBe(0);
    writeFileSync(body, 'No to the war.\n');
  });

  it('attaches files by path (relative ones too), each with its media type and hash; show lists them', () => {
    const leaflet = Buffer.from('%PDF-1.4 leaflet\n');
    writeFileSync(join(tmp.path, 'leaflet.PDF'), leaflet);
    writeFileSync(join(tmp.path, 'song.opus'), Buffer.alloc(1500, 3));
    const created = olga.run(['--json', 'statement', 'new', '--group', 'KRAS-IWA', '--title', 'With files', '--lang', 'en', '--body', body, '--attach', relative(process.cwd(), join(tmp.path, 'leaflet.PDF')), '--attach', join(tmp.path, 'song.opus')]);
    expect(created.status, created.stderr).toBe(0);
    const shown = olga.run(['--json', 'statement', 'show', created.json().id]).json();
    const attachments = shown.statement.attachments.map((a: { name: string; mediaType: string; size: number; id: string }) => [a.name, a.mediaType, a.size, a.id]).sort();
    expect(attachments).toEqual(
      [
        ['leaflet.PDF', 'application/pdf', leaflet.length, createHash('sha256').update(leaflet).digest('hex')],
        ['song.opus', 'audio/opus', 1500, createHash('sha256').update(Buffer.alloc(1500, 3)).digest('hex')],
      ].sort(),
    );
  });

  it('a file that is not there, or a folder: a clear error, its exit code, and no statement written', () => {
    const before = olga.run(['--json', 'statement', 'list']).json().total;
    const missing = olga.run(['statement', 'new', '--group', 'KRAS-IWA', '--title', 'Refused', '--lang', 'en', '--body', body, '--attach', join(tmp.path, 'gone.pdf')]);
    expect(missing.status).toBe(5);
    expect(missing.stderr).toMatch(/exchange: cannot read the attachment ".*gone\.pdf": no such file or folder/);
    expect(missing.stderr).not.toMatch(/\n\s+at /);
    mkdirSync(join(tmp.path, 'a-folder'));
    const folder = olga.run(['statement', 'new', '--group', 'KRAS-IWA', '--title', 'Refused', '--lang', 'en', '--body', body, '--attach', join(tmp.path, 'a-folder')]);
    expect(folder.status).toBe(2);
    expect(folder.stderr).toMatch(/exchange: cannot attach ".*a-folder": it is not a file/);
    expect(olga.run(['--json', 'statement', 'list']).json().total).toBe(before);
  });
});

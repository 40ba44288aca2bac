// electron-builder.yml: valid against electron-builder's own schema, and saying what issue 4 asks.

import { readFile, stat } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const root = path.resolve(import.meta.dirname, '../../..');
const require = createRequire(import.meta.url);

// The parsed YAML is read loosely: the schema test below is what checks its shape.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Loose = Record<string, any>;

async function config(): Promise<Loose> {
  const yaml = require('js-yaml') as { load(text: string): unknown };
  return yaml.load(await readFile(path.join(root, 'electron-builder.yml'), 'utf8')) as Loose;
}

describe('electron-builder.yml', () => {
  it('passes electron-builder’s schema', async () => {
    const { validateConfiguration } = require('app-builder-lib/out/util/config/config');
    const { DebugLogger } = require('builder-util');
    await expect(validateConfiguration(await config(), new DebugLogger(false))).resolves.toBeUndefined();
  });

  it('builds AppImage and deb, NSIS, dmg under the product name', async () => {
    const c = await config();
    expect(c['productName']).toBe('Samizdat');
    expect(c['appId']).toMatch(/^[a-z]+(\.[a-z]+)+$/);
    expect(c['linux'].target).toEqual(['AppImage', 'deb']);
    expect(c['linux'].category).toBeTruthy();
    expect(c['win'].target).toEqual(['nsis']);
    expect(c['mac'].target).toEqual(['dmg']);
    expect(c['mac'].category).toMatch(/^public\.app-category\./);
  });

  it('rebuilds and unpacks the native SQLite module, and flips the fuses after packing', async () => {
    const c = await config();
    expect(c['npmRebuild']).toBe(true);
    expect(c['asar']).toBe(true);
    expect(c['asarUnpack']).toContain('**/node_modules/better-sqlite3-multiple-ciphers/**');
    expect(c['afterPack']).toBe('./scripts/fuses.mjs');
    const hook = await import('../../../scripts/fuses.mjs');
    expect(hook.afterPack).toBeTypeOf('function');
  });

  it('registers .samizdat with icons that exist', async () => {
    const c = await config();
    expect(c['fileAssociations']).toEqual([expect.objectContaining({ ext: 'samizdat', mimeType: 'application/x-samizdat', icon: 'file-samizdat' })]);
    const resources = path.join(root, c['directories'].buildResources);
    for (const f of ['file-samizdat.icns', 'file-samizdat.ico', 'file-samizdat.png', 'icon.png', 'icon.ico', 'icon.icns', 'samizdat.desktop']) {
      expect((await stat(path.join(resources, f))).size, f).toBeGreaterThan(0);
    }
    expect(c['linux'].mimeTypes).toContain('application/x-samizdat');
  });

  it('packs only the built app', async () => {
    const files = (await config())['files'] as string[];
    expect(files).toEqual(expect.arrayContaining(['out/main/**', 'out/preload/**', 'out/renderer/**', 'package.json']));
    expect(files.some((f) => f.startsWith('src'))).toBe(false);
  });

  it('ships a desktop entry that opens .samizdat files', async () => {
    const desktop = await readFile(path.join(root, 'resources', 'samizdat.desktop'), 'utf8');
    expect(desktop).toMatch(/^\[Desktop Entry\]$/m);
    expect(desktop).toMatch(/^Exec=samizdat %F$/m);
    expect(desktop).toMatch(/^MimeType=application\/x-samizdat;$/m);
  });
});

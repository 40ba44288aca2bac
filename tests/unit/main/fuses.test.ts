// The fuses flipped in the packaged app (scripts/fuses.mjs, electron-builder's afterPack hook).

import { FuseV1Options, FuseVersion } from '@electron/fuses';
import { describe, expect, it } from 'vitest';
import { FUSES, fuseConfig } from '../../../scripts/fuses.mjs';

describe('FUSES', () => {
  it('closes every door the app does not use', () => {
    expect(FUSES).toEqual({
      runAsNode: false,
      enableCookieEncryption: true,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      enableEmbeddedAsarIntegrityValidation: true,
      onlyLoadAppFromAsar: true,
      loadBrowserProcessSpecificV8Snapshot: false,
      grantFileProtocolExtraPrivileges: false,
    });
    expect(Object.isFrozen(FUSES)).toBe(true);
  });

  it('translates to a full V1 fuse configuration for @electron/fuses', () => {
    const config = fuseConfig('linux') as unknown as Record<string | number, unknown>;
    expect(config['version']).toBe(FuseVersion.V1);
    expect(config[FuseV1Options.RunAsNode]).toBe(false);
    expect(config[FuseV1Options.EnableCookieEncryption]).toBe(true);
    expect(config[FuseV1Options.EnableNodeOptionsEnvironmentVariable]).toBe(false);
    expect(config[FuseV1Options.EnableNodeCliInspectArguments]).toBe(false);
    expect(config[FuseV1Options.EnableEmbeddedAsarIntegrityValidation]).toBe(true);
    expect(config[FuseV1Options.OnlyLoadAppFromAsar]).toBe(true);
    expect(config[FuseV1Options.GrantFileProtocolExtraPrivileges]).toBe(false);
    // Every option of the V1 wire has a deliberate value.
    const options = Object.values(FuseV1Options).filter((v) => typeof v === 'number');
    for (const o of options) expect(typeof config[o]).toBe('boolean');
    expect(config['resetAdHocDarwinSignature']).toBe(false);
    expect((fuseConfig('darwin') as unknown as Record<string, unknown>)['resetAdHocDarwinSignature']).toBe(true);
  });
});

describe('afterPack', () => {
  const SENTINEL = 'dL7pKGdnNz796PbbjQWNKmHXBZaB9tsX'; // @electron/fuses' marker before the fuse wire

  /** A stand-in Electron binary: some bytes, the sentinel, wire version 1, 8 fuses all enabled. */
  async function fakeBinary(): Promise<{ dir: string; file: string }> {
    const { mkdtemp, writeFile } = await import('node:fs/promises');
    const { tmpdir } = await import('node:os');
    const path = await import('node:path');
    const dir = await mkdtemp(path.join(tmpdir(), 'samizdat-fuses-'));
    const file = path.join(dir, 'samizdat');
    const wire = Buffer.from([1, 8, ...Array(8).fill(49)]);
    await writeFile(file, Buffer.concat([Buffer.from('ELF...'), Buffer.from(SENTINEL), wire, Buffer.from('...end')]));
    return { dir, file };
  }

  const context = (dir: string, addElectronFuses: (ctx: unknown, config: unknown) => Promise<unknown>) => ({
    appOutDir: dir,
    electronPlatformName: 'linux',
    packager: { executableName: 'samizdat', appInfo: { productFilename: 'Samizdat' }, addElectronFuses },
  });

  it('flips the fuses in the packaged binary and reads them back', async () => {
    const { flipFuses, getCurrentFuseWire } = await import('@electron/fuses');
    const { afterPack } = await import('../../../scripts/fuses.mjs');
    const { dir, file } = await fakeBinary();
    await afterPack(context(dir, (_ctx, config) => flipFuses(file, config as Parameters<typeof flipFuses>[1])));
    const wire = (await getCurrentFuseWire(file)) as unknown as Record<number, number>;
    expect(wire[FuseV1Options.RunAsNode]).toBe(48);
    expect(wire[FuseV1Options.EnableCookieEncryption]).toBe(49);
    expect(wire[FuseV1Options.EnableNodeOptionsEnvironmentVariable]).toBe(48);
    expect(wire[FuseV1Options.EnableNodeCliInspectArguments]).toBe(48);
    expect(wire[FuseV1Options.EnableEmbeddedAsarIntegrityValidation]).toBe(49);
    expect(wire[FuseV1Options.OnlyLoadAppFromAsar]).toBe(49);
    expect(wire[FuseV1Options.GrantFileProtocolExtraPrivileges]).toBe(48);
  });

  it('fails the build when the binary does not carry the wanted fuses', async () => {
    const { afterPack } = await import('../../../scripts/fuses.mjs');
    const { dir } = await fakeBinary();
    await expect(afterPack(context(dir, async () => 0))).rejects.toThrow(/^fuses: runAsNode is on in the packaged binary, wanted off$/);
  });
});

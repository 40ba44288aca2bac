import { describe, expect, it } from 'vitest';
import { lazyCore } from '../../../src/app/lazy-core.js';
import { openCore, vaultDirFor } from '../../../src/main/core.js';
import { createFakeCore } from './fake-core.js';

describe('lazyCore', () => {
  it('loads the core on first use only, then forwards', async () => {
    let loads = 0;
    const core = lazyCore(async () => {
      loads++;
      return createFakeCore();
    }, () => false);
    expect(core.isUnlocked()).toBe(false);
    expect(loads).toBe(0);
    await core.lock();
    expect(loads).toBe(0);
    await core.listGroups().catch(() => undefined);
    await core.listGroups().catch(() => undefined);
    expect(loads).toBe(1);
  });

  it('turns a module that cannot load into a clear vault error', async () => {
    const core = lazyCore(async () => {
      throw new Error('was compiled against a different Node.js version');
    }, () => true);
    await expect(core.unlock('x')).rejects.toMatchObject({ code: 'vault.unavailable', message: expect.stringMatching(/^vault: the encrypted database module could not be loaded/) });
  });

  it("main's core is the vault named by SAMIZDAT_VAULT, locked until unlocked", async () => {
    expect(vaultDirFor({ SAMIZDAT_VAULT: '/tmp/somewhere' })).toBe('/tmp/somewhere');
    const core = openCore({ SAMIZDAT_VAULT: '/tmp/samizdat-no-such-vault' });
    expect(core.isUnlocked()).toBe(false);
    await expect(core.unlock('whatever passphrase')).rejects.toMatchObject({ code: 'vault.missing' });
  });
});

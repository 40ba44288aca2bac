// An AppCore loaded on first use. Electron's main process uses it so that the native SQLite module
// is loaded only when the user unlocks, and a module built for the wrong ABI gives a clear error
// instead of a crash at start-up.
import { SamizdatError } from '../core/errors.js';
import type { AppCore } from './ports.js';

/** `exists` answers before the core is loaded (it must not need the native module). */
export function lazyCore(load: () => Promise<AppCore>, existsBeforeLoad: () => boolean): AppCore {
  let loaded: AppCore | undefined;
  const get = async (): Promise<AppCore> => {
    if (!loaded) {
      try {
        loaded = await load();
      } catch (err) {
        if (err instanceof SamizdatError) throw err; // already says what is wrong (e.g. an empty SAMIZDAT_VAULT)
        throw new SamizdatError(
          'vault',
          'vault',
          'vault.unavailable',
          `the encrypted database module could not be loaded (${(err as Error).message}); in a checkout, build it for Electron with \`npm run rebuild:electron\``,
        );
      }
    }
    return loaded;
  };
  return {
    isUnlocked: () => loaded?.isUnlocked() ?? false,
    exists: () => loaded?.exists() ?? existsBeforeLoad(),
    create: async (passphrase, kdf) => (await get()).create(passphrase, kdf),
    changePassphrase: async (current, next, kdf) => (await get()).changePassphrase(current, next, kdf),
    wipe: async () => (await get()).wipe(),
    withVault: async (fn) => (await get()).withVault(fn),
    unlock: async (passphrase) => (await get()).unlock(passphrase),
    lock: async () => loaded?.lock(),
    listStatements: async (after, limit, filter) => (await get()).listStatements(after, limit, filter),
    getStatement: async (id) => (await get()).getStatement(id),
    verifyStatement: async (id) => (await get()).verifyStatement(id),
    listGroups: async () => (await get()).listGroups(),
    importBundles: async (paths, passphrase, report) => (await get()).importBundles(paths, passphrase, report),
    exportBundle: async (request, report) => (await get()).exportBundle(request, report),
    syncFolder: async (dir, report) => (await get()).syncFolder(dir, report),
    listDrives: async () => (await get()).listDrives(),
  };
}

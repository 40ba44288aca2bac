// Types for fuses.mjs, so TypeScript tests can import it.
import type { FuseConfig } from '@electron/fuses';

export declare const FUSES: Readonly<{
  runAsNode: boolean;
  enableCookieEncryption: boolean;
  enableNodeOptionsEnvironmentVariable: boolean;
  enableNodeCliInspectArguments: boolean;
  enableEmbeddedAsarIntegrityValidation: boolean;
  onlyLoadAppFromAsar: boolean;
  loadBrowserProcessSpecificV8Snapshot: boolean;
  grantFileProtocolExtraPrivileges: boolean;
}>;
export declare function fuseConfig(platform: string): FuseConfig;
export declare function afterPack(context: unknown): Promise<void>;
export default afterPack;

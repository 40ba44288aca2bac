// electron-builder afterPack hook: flips Electron's fuses in the packaged binary, then reads them
// back and fails the build if any is not as wanted. Fuses are compile-time switches baked into the
// Electron executable; they close doors that no code in the app can close (ELECTRON_RUN_AS_NODE,
// NODE_OPTIONS, --inspect, loading an app from outside the integrity-checked asar).
//
// The wanted set is FUSES below, a plain object that tests/unit/main/fuses.test.ts asserts.
import { FuseV1Options, FuseVersion, getCurrentFuseWire } from '@electron/fuses';
import path from 'node:path';

export const FUSES = Object.freeze({
  // The binary can never be run as a plain Node.js (ELECTRON_RUN_AS_NODE=1 ...).
  runAsNode: false,
  // Cookies (we keep none, but Chromium's own state) encrypted at rest with the OS keychain.
  enableCookieEncryption: true,
  // NODE_OPTIONS cannot inject code or flags into the main process.
  enableNodeOptionsEnvironmentVariable: false,
  // --inspect and friends cannot attach a debugger to the main process.
  enableNodeCliInspectArguments: false,
  // app.asar is checked against the hash embedded at build time (macOS and Windows).
  enableEmbeddedAsarIntegrityValidation: true,
  // The app is only ever loaded from app.asar, so the integrity check cannot be side-stepped.
  onlyLoadAppFromAsar: true,
  // Default; stated so that every fuse of the V1 wire has a deliberate value.
  loadBrowserProcessSpecificV8Snapshot: false,
  // The renderer is served over app://, never file://: file: pages get no extra privileges.
  grantFileProtocolExtraPrivileges: false,
});

const OPTION = {
  runAsNode: FuseV1Options.RunAsNode,
  enableCookieEncryption: FuseV1Options.EnableCookieEncryption,
  enableNodeOptionsEnvironmentVariable: FuseV1Options.EnableNodeOptionsEnvironmentVariable,
  enableNodeCliInspectArguments: FuseV1Options.EnableNodeCliInspectArguments,
  enableEmbeddedAsarIntegrityValidation: FuseV1Options.EnableEmbeddedAsarIntegrityValidation,
  onlyLoadAppFromAsar: FuseV1Options.OnlyLoadAppFromAsar,
  loadBrowserProcessSpecificV8Snapshot: FuseV1Options.LoadBrowserProcessSpecificV8Snapshot,
  grantFileProtocolExtraPrivileges: FuseV1Options.GrantFileProtocolExtraPrivileges,
};

/** The configuration @electron/fuses takes, built from FUSES. */
export function fuseConfig(platform) {
  const config = { version: FuseVersion.V1, resetAdHocDarwinSignature: platform === 'darwin' };
  for (const [name, value] of Object.entries(FUSES)) config[OPTION[name]] = value;
  return config;
}

function executablePath(context) {
  const { appOutDir, electronPlatformName, packager } = context;
  if (electronPlatformName === 'darwin' || electronPlatformName === 'mas') {
    return path.join(appOutDir, `${packager.appInfo.productFilename}.app`);
  }
  if (electronPlatformName === 'win32') return path.join(appOutDir, `${packager.appInfo.productFilename}.exe`);
  return path.join(appOutDir, packager.executableName);
}

export async function afterPack(context) {
  const config = fuseConfig(context.electronPlatformName);
  // electron-builder's own helper finds the binary and flips the fuses before signing.
  await context.packager.addElectronFuses(context, config);
  const wire = await getCurrentFuseWire(executablePath(context));
  for (const [name, wanted] of Object.entries(FUSES)) {
    // The wire holds FuseState codes: 49 (ASCII '1') is ENABLE, 48 ('0') is DISABLE.
    const enabled = wire[OPTION[name]] === 49;
    if (enabled !== wanted) throw new Error(`fuses: ${name} is ${enabled ? 'on' : 'off'} in the packaged binary, wanted ${wanted ? 'on' : 'off'}`);
  }
}

export default afterPack;

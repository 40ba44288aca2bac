// Samizdat needs no browser permission at all (no camera, microphone, location, notifications,
// clipboard read, HID, serial, USB, screen capture...). Every request and every check says no.

import type { Session } from 'electron';

export const denyPermissionRequest = (
  _webContents: unknown,
  _permission: string,
  callback: (granted: boolean) => void,
): void => callback(false);

export const denyPermissionCheck = (): boolean => false;

export const denyDevicePermission = (): boolean => false;

export const denyDisplayMedia = (_request: unknown, callback: (streams: null) => void): void => callback(null);

type PermissionSession = Pick<
  Session,
  'setPermissionRequestHandler' | 'setPermissionCheckHandler' | 'setDevicePermissionHandler' | 'setDisplayMediaRequestHandler'
>;

export function denyAllPermissions(session: PermissionSession): void {
  session.setPermissionRequestHandler(denyPermissionRequest);
  session.setPermissionCheckHandler(denyPermissionCheck);
  session.setDevicePermissionHandler(denyDevicePermission);
  session.setDisplayMediaRequestHandler(denyDisplayMedia);
}

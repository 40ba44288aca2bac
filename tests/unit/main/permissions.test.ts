// Every permission request and check is denied.

import { describe, expect, it, vi } from 'vitest';
import {
  denyAllPermissions,
  denyDevicePermission,
  denyDisplayMedia,
  denyPermissionCheck,
  denyPermissionRequest,
} from '../../../src/main/security/permissions.js';

describe('permission handlers', () => {
  it.each(['media', 'geolocation', 'notifications', 'clipboard-read', 'openExternal', 'fullscreen', 'hid', 'serial', 'usb'])(
    'denies a request for %s',
    (permission) => {
      const callback = vi.fn();
      denyPermissionRequest({}, permission, callback);
      expect(callback).toHaveBeenCalledExactlyOnceWith(false);
    },
  );

  it('denies checks, devices and screen capture', () => {
    expect(denyPermissionCheck()).toBe(false);
    expect(denyDevicePermission()).toBe(false);
    const callback = vi.fn();
    denyDisplayMedia({}, callback);
    expect(callback).toHaveBeenCalledExactlyOnceWith(null);
  });

  it('installs all four handlers on a session', () => {
    const session = {
      setPermissionRequestHandler: vi.fn(),
      setPermissionCheckHandler: vi.fn(),
      setDevicePermissionHandler: vi.fn(),
      setDisplayMediaRequestHandler: vi.fn(),
    };
    denyAllPermissions(session as never);
    expect(session.setPermissionRequestHandler).toHaveBeenCalledWith(denyPermissionRequest);
    expect(session.setPermissionCheckHandler).toHaveBeenCalledWith(denyPermissionCheck);
    expect(session.setDevicePermissionHandler).toHaveBeenCalledWith(denyDevicePermission);
    expect(session.setDisplayMediaRequestHandler).toHaveBeenCalledWith(denyDisplayMedia);
  });
});

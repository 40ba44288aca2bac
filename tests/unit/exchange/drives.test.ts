import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  decodeConsoleOutput,
  listRemovableDrives,
  parseProcMounts,
  parseWindowsCimJson,
  parseWmicCsv,
  unescapeMountField,
  type DriveListOptions,
} from '../../../src/core/exchange/drives.js';
import { SamizdatError } from '../../../src/core/errors.js';
import { drivesText } from '../../../src/cli/commands/drives.js';
import { formatBytes } from '../../../src/shared/format.js';

let root: string;
beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), 'samizdat-drives-'));
});
afterEach(() => rmSync(root, { recursive: true, force: true }));

const write = (path: string, text: string) => {
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, text);
};
/** A relative symbolic link at `path` pointing at `target`, as sysfs and udev make them. */
const link = (path: string, target: string) => {
  mkdirSync(dirname(path), { recursive: true });
  symlinkSync(relative(dirname(path), target), path);
};

interface FakeDisk {
  name: string;
  /** The device folder under /sys/devices that holds block/<name>. */
  parent: string;
  removable: boolean;
  partitions: string[];
  /** device/type, as MMC hosts give it: 'SD' or 'MMC'. */
  mmcType?: string;
}

/** A fake sysfs: /sys/devices/<parent>/block/<disk>[/<partition>], with /sys/block and /sys/class/block links. */
function fakeSys(sys: string, disks: FakeDisk[]): void {
  for (const d of disks) {
    const diskDir = join(sys, 'devices', d.parent, 'block', d.name);
    write(join(diskDir, 'removable'), d.removable ? '1\n' : '0\n');
    write(join(diskDir, 'size'), '31260672\n');
    if (d.mmcType) {
      write(join(sys, 'devices', d.parent, 'type'), `${d.mmcType}\n`);
      link(join(diskDir, 'device'), join(sys, 'devices', d.parent));
    }
    link(join(sys, 'block', d.name), diskDir);
    link(join(sys, 'class', 'block', d.name), diskDir);
    d.partitions.forEach((p, i) => {
      write(join(diskDir, p, 'partition'), `${i + 1}\n`);
      link(join(sys, 'class', 'block', p), join(diskDir, p));
    });
  }
}

const USB_HOST = 'pci0000:00/0000:00:14.0/usb2/2-1/2-1:1.0/host6/target6:0:0/6:0:0:0';
const USB_HOST_2 = 'pci0000:00/0000:00:14.0/usb2/2-2/2-2:1.0/host7/target7:0:0/7:0:0:0';
const USB_HOST_3 = 'pci0000:00/0000:00:14.0/usb3/3-1/3-1:1.0/host8/target8:0:0/8:0:0:0';

const MOUNTS = [
  'sysfs /sys sysfs rw,nosuid,nodev,noexec,relatime 0 0',
  'proc /proc proc rw,nosuid,nodev,noexec,relatime 0 0',
  'udev /dev devtmpfs rw,nosuid,relatime,size=8000000k,nr_inodes=2000000,mode=755 0 0',
  '/dev/nvme0n1p2 / ext4 rw,relatime,errors=remount-ro 0 0',
  '/dev/nvme0n1p1 /boot/efi vfat rw,relatime,fmask=0077,dmask=0077 0 0',
  'tmpfs /run tmpfs rw,nosuid,nodev,noexec,relatime,size=1600000k,mode=755 0 0',
  '/dev/loop3 /snap/core22/1380 squashfs ro,nodev,relatime 0 0',
  '/dev/mapper/luks-4f1c /media/alice/Secret ext4 rw,relatime 0 0',
  '/dev/sdb1 /media/alice/MY\\040STICK vfat rw,nosuid,nodev,relatime,uid=1000,gid=1000,fmask=0022,dmask=0022,codepage=437,iocharset=ascii,shortname=mixed,showexec,utf8,flush,errors=remount-ro 0 0',
  '/dev/mmcblk0p1 /media/alice/CANON exfat rw,nosuid,nodev,relatime,uid=1000,gid=1000 0 0',
  '/dev/mmcblk1p3 /data ext4 rw,relatime 0 0',
  '/dev/sdc1 /media/alice/Backup ntfs3 rw,nosuid,nodev,relatime 0 0',
  '/dev/sdd /run/media/alice/RAW vfat rw,nosuid,nodev,relatime 0 0',
  'tmpfs /media/alice/scratch tmpfs rw,relatime 0 0',
  '/dev/sdb1 /home/alice/stick-bind vfat rw,relatime 0 0',
  '/dev/sda1 /home ext4 rw,relatime 0 0',
].join('\n');

function linuxTree(): DriveListOptions {
  const proc = join(root, 'proc');
  const sys = join(root, 'sys');
  const dev = join(root, 'dev');
  write(join(proc, 'self', 'mounts'), `${MOUNTS}\n`);
  fakeSys(sys, [
    { name: 'nvme0n1', parent: 'pci0000:00/0000:00:1d.0/0000:02:00.0/nvme/nvme0', removable: false, partitions: ['nvme0n1p1', 'nvme0n1p2'] },
    { name: 'sda', parent: 'pci0000:00/0000:00:17.0/ata1/host0/target0:0:0/0:0:0:0', removable: false, partitions: ['sda1'] },
    // A USB stick that says it is removable.
    { name: 'sdb', parent: USB_HOST, removable: true, partitions: ['sdb1'] },
    // A USB disk that says it is not (most USB SSDs and hard disks): on the USB bus all the same.
    { name: 'sdc', parent: USB_HOST_2, removable: false, partitions: ['sdc1'] },
    // A stick formatted without a partition table: the whole disk is mounted.
    { name: 'sdd', parent: USB_HOST_3, removable: true, partitions: [] },
    // An SD card in a built-in reader (removable=0, type SD) and the board's eMMC (type MMC).
    { name: 'mmcblk0', parent: 'pci0000:00/0000:00:1e.6/mmc_host/mmc0/mmc0:aaaa', removable: false, partitions: ['mmcblk0p1'], mmcType: 'SD' },
    { name: 'mmcblk1', parent: 'platform/fe340000.mmc/mmc_host/mmc1/mmc1:0001', removable: false, partitions: ['mmcblk1p1', 'mmcblk1p2', 'mmcblk1p3'], mmcType: 'MMC' },
    { name: 'loop3', parent: 'virtual', removable: false, partitions: [] },
  ]);
  link(join(dev, 'disk', 'by-label', 'MY\\x20STICK'), join(dev, 'sdb1'));
  link(join(dev, 'disk', 'by-label', 'CANON_DC'), join(dev, 'mmcblk0p1'));
  link(join(dev, 'disk', 'by-label', 'EFI'), join(dev, 'nvme0n1p1'));
  return { platform: 'linux', procRoot: proc, sysRoot: sys, devRoot: dev, statfs: () => undefined };
}

describe('Linux: /proc/self/mounts and sysfs', () => {
  it('lists USB sticks, USB disks, a whole-disk stick and an SD card; not internal disks, eMMC, mapper, loop, tmpfs or binds', () => {
    const drives = listRemovableDrives(linuxTree());
    expect(drives).toEqual([
      { path: '/media/alice/Backup', label: 'Backup', device: '/dev/sdc1', fsType: 'ntfs3' },
      { path: '/media/alice/CANON', label: 'CANON_DC', device: '/dev/mmcblk0p1', fsType: 'exfat' },
      { path: '/media/alice/MY STICK', label: 'MY STICK', device: '/dev/sdb1', fsType: 'vfat' },
      { path: '/run/media/alice/RAW', label: 'RAW', device: '/dev/sdd', fsType: 'vfat' },
    ]);
  });

  it('labels a drive outside /media with its device name when it has no file-system label', () => {
    const opts = linuxTree();
    write(join(opts.procRoot as string, 'self', 'mounts'), '/dev/sdc1 /mnt/usb ntfs3 rw 0 0\n');
    expect(listRemovableDrives(opts)).toEqual([{ path: '/mnt/usb', label: 'sdc1', device: '/dev/sdc1', fsType: 'ntfs3' }]);
  });

  it('adds size and free space from statfs, and reads real ones with the default', () => {
    const opts = linuxTree();
    const withSizes = listRemovableDrives({ ...opts, statfs: (p) => (p === '/media/alice/MY STICK' ? { sizeBytes: 16_000_000_000, freeBytes: 12_500_000_000 } : undefined) });
    expect(withSizes.find((d) => d.device === '/dev/sdb1')).toMatchObject({ sizeBytes: 16_000_000_000, freeBytes: 12_500_000_000 });
    expect(withSizes.find((d) => d.device === '/dev/sdc1')).not.toHaveProperty('freeBytes');

    // The default statfs on a mount point that exists (a temporary folder standing in for the stick).
    const mountPoint = join(root, 'mnt', 'stick with space');
    mkdirSync(mountPoint, { recursive: true });
    write(join(opts.procRoot as string, 'self', 'mounts'), `/dev/sdb1 ${mountPoint.replace(/ /g, '\\040')} vfat rw 0 0\n`);
    const { statfs: _none, ...real } = opts;
    const [drive] = listRemovableDrives(real);
    expect(drive?.path).toBe(mountPoint);
    expect(drive?.sizeBytes).toBeGreaterThan(0);
    expect(drive?.freeBytes).toBeGreaterThanOrEqual(0);
    expect(drive!.freeBytes!).toBeLessThanOrEqual(drive!.sizeBytes!);
  });

  it('finds a partition disk by name when the sysfs link cannot be followed', () => {
    const sys = join(root, 'sys');
    write(join(sys, 'block', 'sde', 'removable'), '1\n');
    write(join(sys, 'class', 'block', 'sde1', 'partition'), '1\n'); // a folder, not a link into /sys/devices
    write(join(root, 'proc', 'self', 'mounts'), '/dev/sde1 /media/bob/X vfat rw 0 0\n');
    expect(listRemovableDrives({ platform: 'linux', procRoot: join(root, 'proc'), sysRoot: sys, devRoot: join(root, 'dev'), statfs: () => undefined })).toEqual([
      { path: '/media/bob/X', label: 'X', device: '/dev/sde1', fsType: 'vfat' },
    ]);
  });

  it('ignores devices sysfs does not know', () => {
    write(join(root, 'proc', 'self', 'mounts'), '/dev/sdz1 /media/x vfat rw 0 0\n');
    expect(listRemovableDrives({ platform: 'linux', procRoot: join(root, 'proc'), sysRoot: join(root, 'sys'), devRoot: join(root, 'dev') })).toEqual([]);
  });

  it('fails as an I/O error (exit 5) when the mount table cannot be read', () => {
    let caught: unknown;
    try {
      listRemovableDrives({ platform: 'linux', procRoot: join(root, 'nowhere'), sysRoot: join(root, 'sys') });
    } catch (err) {
      caught = err;
    }
    expect(caught).toBeInstanceOf(SamizdatError);
    expect((caught as SamizdatError).exitCode).toBe(5);
    expect((caught as SamizdatError).message).toMatch(/^exchange: cannot read the list of mounted drives/);
  });

  it('undoes the octal escapes of the mount table', () => {
    expect(unescapeMountField('/media/a/MY\\040STICK')).toBe('/media/a/MY STICK');
    expect(unescapeMountField('/media/a/tab\\011new\\012line\\134back')).toBe('/media/a/tab\tnew\nline\\back');
    expect(unescapeMountField('/media/a/Флешка')).toBe('/media/a/Флешка');
    expect(parseProcMounts('/dev/sdb1 /media/a/b\\040c vfat rw 0 0\n\n# comment\nbroken\n')).toEqual([{ device: '/dev/sdb1', mountPoint: '/media/a/b c', fsType: 'vfat' }]);
  });
});

describe('macOS: /Volumes', () => {
  it('lists the volumes, less the link to the system volume, hidden entries and files', () => {
    const volumes = join(root, 'Volumes');
    mkdirSync(join(volumes, 'KINGSTON'), { recursive: true });
    mkdirSync(join(volumes, 'UNTITLED 1'));
    mkdirSync(join(volumes, '.timemachine'));
    writeFileSync(join(volumes, '.DS_Store'), '');
    writeFileSync(join(volumes, 'notes.txt'), '');
    symlinkSync('/', join(volumes, 'Macintosh HD'));
    const drives = listRemovableDrives({ platform: 'darwin', volumesRoot: volumes, statfs: () => undefined });
    expect(drives).toEqual([
      { path: join(volumes, 'KINGSTON'), label: 'KINGSTON', device: '', fsType: '' },
      { path: join(volumes, 'UNTITLED 1'), label: 'UNTITLED 1', device: '', fsType: '' },
    ]);
  });
});

describe('Windows: Win32_LogicalDisk, DriveType 2', () => {
  const cimArray = JSON.stringify([
    { DeviceID: 'E:', VolumeName: 'KINGSTON', FileSystem: 'FAT32', Size: 15_997_075_456, FreeSpace: 12_004_016_128 },
    { DeviceID: 'F:', VolumeName: '', FileSystem: 'exFAT', Size: '63864569856', FreeSpace: '63861424128' },
    { DeviceID: 'G:', VolumeName: null, FileSystem: null, Size: null, FreeSpace: null }, // a card reader with no card
  ]);

  it('parses PowerShell ConvertTo-Json output: an array, or a single object', () => {
    expect(parseWindowsCimJson(cimArray)).toEqual([
      { path: 'E:\\', label: 'KINGSTON', device: 'E:', fsType: 'FAT32', sizeBytes: 15_997_075_456, freeBytes: 12_004_016_128 },
      { path: 'F:\\', label: 'F:', device: 'F:', fsType: 'exFAT', sizeBytes: 63_864_569_856, freeBytes: 63_861_424_128 },
    ]);
    expect(parseWindowsCimJson('{"DeviceID":"D:","VolumeName":"ФЛЕШКА","FileSystem":"NTFS","Size":1000,"FreeSpace":10}')).toEqual([
      { path: 'D:\\', label: 'ФЛЕШКА', device: 'D:', fsType: 'NTFS', sizeBytes: 1000, freeBytes: 10 },
    ]);
    expect(parseWindowsCimJson('')).toEqual([]);
  });

  it('parses wmic /format:csv output, commas in volume names included', () => {
    const csv = '\r\r\nNode,DeviceID,FileSystem,FreeSpace,Size,VolumeName\r\r\nLAPTOP,E:,FAT32,12004016128,15997075456,KINGSTON\r\r\nLAPTOP,F:,,,,\r\r\nLAPTOP,H:,exFAT,100,200,Photos, 2024\r\r\n';
    expect(parseWmicCsv(csv)).toEqual([
      { path: 'E:\\', label: 'KINGSTON', device: 'E:', fsType: 'FAT32', sizeBytes: 15_997_075_456, freeBytes: 12_004_016_128 },
      { path: 'H:\\', label: 'Photos, 2024', device: 'H:', fsType: 'exFAT', sizeBytes: 200, freeBytes: 100 },
    ]);
  });

  it('asks PowerShell first, falls back to wmic, and fails as an I/O error when neither answers', () => {
    const calls: string[] = [];
    const fromPowerShell = listRemovableDrives({ platform: 'win32', exec: (file) => (calls.push(file), cimArray) });
    expect(fromPowerShell.map((d) => d.path)).toEqual(['E:\\', 'F:\\']);
    expect(calls).toEqual(['powershell.exe']);

    const fromWmic = listRemovableDrives({
      platform: 'win32',
      exec: (file) => {
        if (file === 'powershell.exe') throw new Error('not found');
        return 'Node,DeviceID,FileSystem,FreeSpace,Size,VolumeName\nPC,E:,FAT32,1,2,STICK\n';
      },
    });
    expect(fromWmic).toEqual([{ path: 'E:\\', label: 'STICK', device: 'E:', fsType: 'FAT32', sizeBytes: 2, freeBytes: 1 }]);

    let caught: unknown;
    try {
      listRemovableDrives({
        platform: 'win32',
        exec: () => {
          throw new Error('not found');
        },
      });
    } catch (err) {
      caught = err;
    }
    expect(caught).toBeInstanceOf(SamizdatError);
    expect((caught as SamizdatError).code).toBe('exchange.drives-unavailable');
    expect((caught as SamizdatError).exitCode).toBe(5);
  });

  it('decodes UTF-16LE console output (wmic) as well as UTF-8 (PowerShell)', () => {
    const text = 'Node,DeviceID\r\nPC,E:\r\n';
    expect(decodeConsoleOutput(Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]))).toBe(text);
    expect(decodeConsoleOutput(Buffer.from(text, 'utf16le'))).toBe(text);
    expect(decodeConsoleOutput(Buffer.from('[{"VolumeName":"ФЛЕШКА"}]', 'utf8'))).toBe('[{"VolumeName":"ФЛЕШКА"}]');
  });
});

describe('other platforms', () => {
  it('have no removable drives to list', () => {
    expect(listRemovableDrives({ platform: 'freebsd' })).toEqual([]);
  });
});

describe('samizdat drives: human output', () => {
  it('shows path, label and free space', () => {
    expect(formatBytes(999)).toBe('999 bytes');
    expect(formatBytes(12_500_000_000)).toBe('13 GB');
    expect(formatBytes(1_500_000)).toBe('1.5 MB');
    expect(
      drivesText([
        { path: '/media/alice/MY STICK', label: 'MY STICK', device: '/dev/sdb1', fsType: 'vfat', sizeBytes: 16_000_000_000, freeBytes: 12_500_000_000 },
        { path: 'E:\\', label: 'E:', device: 'E:', fsType: 'FAT32' },
      ]),
    ).toBe('/media/alice/MY STICK  MY STICK  13 GB free of 16 GB\nE:\\  E:  free space unknown');
    expect(drivesText([])).toMatch(/^no removable drives mounted/);
  });
});

// The removable drives mounted now (USB sticks, SD cards): where a bundle can be written or found.
//
// No npm dependency: `drivelist` (the usual choice) needs a native build, which this project avoids
// beyond its SQLite binding. Each platform is read with what it offers:
//   Linux    /proc/self/mounts, then sysfs: a mounted block device counts when its disk is marked
//            removable, hangs off the USB bus, or is an SD card in an MMC reader;
//   macOS    the folders of /Volumes, less the link to the system volume;
//   Windows  Win32_LogicalDisk with DriveType 2 (removable), through PowerShell, else wmic.
// Every root is injectable, so tests run on fake trees.
import { execFileSync } from 'node:child_process';
import { lstatSync, readFileSync, readdirSync, readlinkSync, realpathSync, statSync, statfsSync } from 'node:fs';
import { basename, dirname, join, resolve, win32 } from 'node:path';
import { SamizdatError } from '../errors.js';
import { ioError } from '../io.js';

export interface RemovableDrive {
  /** Where the drive is mounted (`/media/alice/STICK`, `/Volumes/STICK`, `E:\`). */
  path: string;
  /** For people: the file-system label when one can be found, else the device name. */
  label: string;
  /** The device (`/dev/sdb1`, `E:`); empty where the platform does not say (macOS). */
  device: string;
  /** The file-system type (`vfat`, `exfat`, `FAT32`); empty when unknown. */
  fsType: string;
  sizeBytes?: number;
  freeBytes?: number;
}

export interface DriveListOptions {
  platform?: NodeJS.Platform;
  /** Linux: where /proc is (default `/proc`). */
  procRoot?: string;
  /** Linux: where /sys is (default `/sys`). */
  sysRoot?: string;
  /** Linux: where /dev is, for /dev/disk/by-label (default `/dev`). */
  devRoot?: string;
  /** macOS: the volumes folder (default `/Volumes`). */
  volumesRoot?: string;
  /** Windows: runs a command and returns its standard output (default: execFileSync, hidden, 15 s). */
  exec?: (file: string, args: string[]) => string;
  /** Size and free space of a mounted file system; undefined when it cannot be read (default: fs.statfsSync). */
  statfs?: (path: string) => { sizeBytes: number; freeBytes: number } | undefined;
}

/** The removable drives mounted now, sorted by path. Sizes are best effort and absent when unreadable. */
export function listRemovableDrives(opts: DriveListOptions = {}): RemovableDrive[] {
  const platform = opts.platform ?? process.platform;
  const statfs = opts.statfs ?? defaultStatfs;
  let drives: RemovableDrive[];
  if (platform === 'linux' || platform === 'android') drives = linuxDrives(opts.procRoot ?? '/proc', opts.sysRoot ?? '/sys', opts.devRoot ?? '/dev');
  else if (platform === 'darwin') drives = macDrives(opts.volumesRoot ?? '/Volumes');
  else if (platform === 'win32') return windowsDrives(opts.exec ?? defaultExec).sort(byPath);
  else return [];
  return drives.map((d) => ({ ...d, ...statfs(d.path) })).sort(byPath);
}

const byPath = (a: RemovableDrive, b: RemovableDrive): number => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0);

function defaultStatfs(path: string): { sizeBytes: number; freeBytes: number } | undefined {
  try {
    const s = statfsSync(path);
    return { sizeBytes: s.blocks * s.bsize, freeBytes: s.bavail * s.bsize };
  } catch {
    return undefined;
  }
}

// ---------------------------------------------------------------------------------------------- Linux

/** File systems that never live on a removable drive's block device, however they are mounted. */
const PSEUDO_FS = new Set([
  'proc', 'sysfs', 'devtmpfs', 'devpts', 'tmpfs', 'ramfs', 'rootfs', 'securityfs', 'cgroup', 'cgroup2', 'pstore', 'bpf', 'debugfs',
  'tracefs', 'configfs', 'fusectl', 'mqueue', 'hugetlbfs', 'autofs', 'binfmt_misc', 'efivarfs', 'nsfs', 'overlay', 'squashfs',
  'fuse.portal', 'fuse.gvfsd-fuse', 'nfs', 'nfs4', 'cifs', 'smb3', 'sshfs', 'fuse.sshfs', '9p', 'virtiofs',
]);

/** Devices that are not a drive of their own: device-mapper, loop images, RAM disks, software RAID, network block devices. */
const NOT_A_DRIVE = /^(?:dm-|loop|ram|zram|md|nbd)/;

export interface MountEntry {
  device: string;
  mountPoint: string;
  fsType: string;
}

/** Undo the octal escapes of /proc/self/mounts (`\040` space, `\011` tab, `\012` newline, `\134` backslash). */
export function unescapeMountField(field: string): string {
  return field.replace(/\\([0-7]{3})/g, (_, octal: string) => String.fromCharCode(parseInt(octal, 8)));
}

/** The entries of a /proc/self/mounts (fstab format) text, in mount order. */
export function parseProcMounts(text: string): MountEntry[] {
  const entries: MountEntry[] = [];
  for (const line of text.split('\n')) {
    const fields = line.trim().split(/[ \t]+/);
    if (fields.length < 3 || !fields[0] || fields[0].startsWith('#')) continue;
    entries.push({ device: unescapeMountField(fields[0]), mountPoint: unescapeMountField(fields[1] as string), fsType: unescapeMountField(fields[2] as string) });
  }
  return entries;
}

function readText(path: string): string | undefined {
  try {
    return readFileSync(path, 'utf8').trim();
  } catch {
    return undefined;
  }
}

const exists = (path: string): boolean => {
  try {
    statSync(path);
    return true;
  } catch {
    return false;
  }
};

/** The whole disk a block device belongs to (`sdb1` -> `sdb`, `mmcblk0p1` -> `mmcblk0`), by sysfs. */
function diskOf(sysRoot: string, name: string): string | undefined {
  const entry = join(sysRoot, 'class', 'block', name);
  if (!exists(entry)) return undefined;
  if (!exists(join(entry, 'partition'))) return name; // a whole disk (a stick formatted without a partition table)
  try {
    // /sys/class/block/sdb1 -> ../../devices/.../block/sdb/sdb1: the partition's folder sits in its disk's.
    const parent = basename(dirname(realpathSync(entry)));
    if (exists(join(sysRoot, 'block', parent))) return parent;
  } catch {
    // fall through to the name
  }
  // sdb1 -> sdb, sdp1 -> sdp, mmcblk0p1 -> mmcblk0, nvme0n1p2 -> nvme0n1
  return [name.replace(/[0-9]+$/, ''), name.replace(/p[0-9]+$/, '')].find((disk) => disk !== name && exists(join(sysRoot, 'block', disk)));
}

/** Whether a disk is one a person plugs in: marked removable, on the USB bus, or an SD card. */
function isRemovableDisk(sysRoot: string, disk: string): boolean {
  const dir = join(sysRoot, 'block', disk);
  if (readText(join(dir, 'removable')) === '1') return true;
  try {
    if (realpathSync(dir).split('/').some((part) => part.startsWith('usb'))) return true;
  } catch {
    return false;
  }
  // SD cards in a built-in reader report removable=0; eMMC soldered on the board says MMC here.
  return readText(join(dir, 'device', 'type')) === 'SD';
}

/** The /dev/disk/by-label links: device name -> label (udev writes `\x20` for a space). */
function labelsByDevice(devRoot: string): Map<string, string> {
  const labels = new Map<string, string>();
  const dir = join(devRoot, 'disk', 'by-label');
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    return labels;
  }
  for (const name of names) {
    try {
      const target = basename(resolve(dir, readlinkSync(join(dir, name))));
      labels.set(target, name.replace(/\\x([0-9a-fA-F]{2})/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16))));
    } catch {
      // not a link: skip
    }
  }
  return labels;
}

function linuxDrives(procRoot: string, sysRoot: string, devRoot: string): RemovableDrive[] {
  const mountsFile = join(procRoot, 'self', 'mounts');
  let text: string;
  try {
    text = readFileSync(mountsFile, 'utf8');
  } catch (err) {
    throw ioError('exchange', err, 'read the list of mounted drives', mountsFile);
  }
  const labels = labelsByDevice(devRoot);
  const seen = new Set<string>();
  const drives: RemovableDrive[] = [];
  for (const m of parseProcMounts(text)) {
    if (!m.device.startsWith('/dev/') || m.device.startsWith('/dev/mapper/') || PSEUDO_FS.has(m.fsType)) continue;
    // A bind mount shows the same device again, later: the first mount is the drive's own.
    if (seen.has(m.device) || m.mountPoint === '/') continue;
    const name = basename(m.device);
    if (NOT_A_DRIVE.test(name)) continue;
    const disk = diskOf(sysRoot, name);
    if (disk === undefined || !isRemovableDisk(sysRoot, disk)) continue;
    seen.add(m.device);
    const underMedia = /^\/(?:run\/)?media\//.test(m.mountPoint);
    drives.push({ path: m.mountPoint, label: labels.get(name) ?? (underMedia ? basename(m.mountPoint) : name), device: m.device, fsType: m.fsType });
  }
  return drives;
}

// ---------------------------------------------------------------------------------------------- macOS

function macDrives(volumesRoot: string): RemovableDrive[] {
  let names: string[];
  try {
    names = readdirSync(volumesRoot);
  } catch (err) {
    throw ioError('exchange', err, 'read the volumes folder', volumesRoot);
  }
  const drives: RemovableDrive[] = [];
  for (const name of names) {
    if (name.startsWith('.')) continue;
    const path = join(volumesRoot, name);
    try {
      // The system volume ("Macintosh HD") is a link to /.
      if (lstatSync(path).isSymbolicLink() && realpathSync(path) === '/') continue;
      if (!statSync(path).isDirectory()) continue;
    } catch {
      continue;
    }
    drives.push({ path, label: name, device: '', fsType: '' });
  }
  return drives;
}

// -------------------------------------------------------------------------------------------- Windows

// UTF-8 output, or volume names outside the console's code page come out as question marks.
const POWERSHELL_QUERY =
  '[Console]::OutputEncoding = [Text.Encoding]::UTF8; Get-CimInstance Win32_LogicalDisk -Filter "DriveType=2" | Select-Object DeviceID,VolumeName,FileSystem,Size,FreeSpace | ConvertTo-Json -Compress';

function defaultExec(file: string, args: string[]): string {
  const out = execFileSync(file, args, { timeout: 15_000, windowsHide: true, stdio: ['ignore', 'pipe', 'ignore'] });
  return decodeConsoleOutput(out);
}

/** wmic may answer in UTF-16LE (with or without a byte-order mark); PowerShell, as asked, in UTF-8. */
export function decodeConsoleOutput(out: Uint8Array): string {
  const bytes = Buffer.from(out.buffer, out.byteOffset, out.byteLength);
  const utf16 = (bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes.length >= 2 && bytes[1] === 0 && bytes[0] !== 0);
  return (utf16 ? bytes.toString('utf16le') : bytes.toString('utf8')).replace(/^\uFEFF/, '');
}

const toNumber = (v: unknown): number | undefined => {
  const n = typeof v === 'number' ? v : typeof v === 'string' && /^[0-9]+$/.test(v.trim()) ? Number(v.trim()) : NaN;
  return Number.isSafeInteger(n) ? n : undefined;
};

function windowsDrive(row: Record<string, unknown>): RemovableDrive | undefined {
  const id = typeof row.DeviceID === 'string' ? row.DeviceID.trim() : '';
  const fsType = typeof row.FileSystem === 'string' ? row.FileSystem.trim() : '';
  // A card reader with no card in it is a removable drive with no file system: nothing to open.
  if (!/^[A-Za-z]:$/.test(id) || !fsType) return undefined;
  const volume = typeof row.VolumeName === 'string' ? row.VolumeName.trim() : '';
  const size = toNumber(row.Size);
  const free = toNumber(row.FreeSpace);
  return {
    path: win32.join(id, '\\'),
    label: volume || id,
    device: id,
    fsType,
    ...(size === undefined ? {} : { sizeBytes: size }),
    ...(free === undefined ? {} : { freeBytes: free }),
  };
}

/** Parse `Get-CimInstance Win32_LogicalDisk | Select-Object ... | ConvertTo-Json`: one object, or an array. */
export function parseWindowsCimJson(text: string): RemovableDrive[] {
  if (!text.trim()) return [];
  const parsed: unknown = JSON.parse(text);
  const rows = Array.isArray(parsed) ? parsed : [parsed];
  return rows.flatMap((row) => (typeof row === 'object' && row !== null ? (windowsDrive(row as Record<string, unknown>) ?? []) : []));
}

/** Parse `wmic logicaldisk where drivetype=2 get DeviceID,FileSystem,FreeSpace,Size,VolumeName /format:csv`. */
export function parseWmicCsv(text: string): RemovableDrive[] {
  const lines = text.split(/\r*\n/).map((l) => l.trim()).filter((l) => l !== '');
  const header = lines.shift()?.split(',');
  if (!header) return [];
  return lines.flatMap((line) => {
    const cells = line.split(',');
    // VolumeName is free text and may hold commas; wmic sorts columns by name, so it is the last one.
    const row: Record<string, string> = {};
    header.forEach((key, i) => (row[key] = i === header.length - 1 ? cells.slice(i).join(',') : (cells[i] ?? '')));
    return windowsDrive(row) ?? [];
  });
}

function windowsDrives(exec: (file: string, args: string[]) => string): RemovableDrive[] {
  let first: unknown;
  try {
    return parseWindowsCimJson(exec('powershell.exe', ['-NoProfile', '-NonInteractive', '-Command', POWERSHELL_QUERY]));
  } catch (err) {
    first = err;
  }
  try {
    // wmic is gone from recent Windows 11 but still answers on older systems without PowerShell's CIM.
    return parseWmicCsv(exec('wmic', ['logicaldisk', 'where', 'drivetype=2', 'get', 'DeviceID,FileSystem,FreeSpace,Size,VolumeName', '/format:csv']));
  } catch (err) {
    throw new SamizdatError('exchange', 'io', 'exchange.drives-unavailable', `cannot list the removable drives: neither PowerShell nor wmic answered (${first instanceof Error ? first.message : String(first)})`, {
      cause: err,
    });
  }
}

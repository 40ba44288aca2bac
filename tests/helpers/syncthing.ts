// Real Syncthing daemons on loopback for the tests (and the benchmark): each with its own home, its
// GUI/REST on its own 127.0.0.1 port with an API key set here, listening on tcp://127.0.0.1:PORT
// only, with global and local discovery, relays, NAT traversal, usage and crash reporting and
// automatic upgrades all off, so no packet leaves loopback. Devices are introduced to each other,
// and a folder is shared, through Syncthing's own REST API, as a user's script would do.
//
// No vitest here: bench/ compiles this module with the CLI (tsconfig.build.json) and calls
// measureSyncthingConvergence from there.
import { spawn, spawnSync } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { accessSync, closeSync, constants, existsSync, mkdirSync, openSync, readFileSync, readdirSync, readlinkSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import { createServer } from 'node:net';
import { delimiter, join } from 'node:path';
import { generateBoxKeyPair } from '../../src/core/crypto/box.js';
import { generateSigningKeyPair } from '../../src/core/crypto/ed25519.js';
import { canonicalBytes } from '../../src/core/model/canonical.js';
import { makeCharter, makeMember, makeStatement, makeStatementSignature, signLink } from '../../src/core/model/build.js';
import { objectId } from '../../src/core/model/objects.js';
import { writeBundle, type WriterRecord } from '../../src/core/bundle/writer.js';
import { device, tempDir } from './cli.js';

/** The `syncthing` executable on PATH, or undefined when it is not installed. */
export const SYNCTHING_BIN: string | undefined = (process.env.PATH ?? '')
  .split(delimiter)
  .filter(Boolean)
  .map((dir) => join(dir, 'syncthing'))
  .find((p) => {
    try {
      accessSync(p, constants.X_OK);
      return statSync(p).isFile();
    } catch {
      return false;
    }
  });

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** Distinct free TCP ports on 127.0.0.1, all held open until every one is chosen. */
export async function freePorts(count: number): Promise<number[]> {
  const servers = await Promise.all(
    Array.from(
      { length: count },
      () =>
        new Promise<ReturnType<typeof createServer>>((resolve, reject) => {
          const s = createServer();
          s.once('error', reject);
          s.listen(0, '127.0.0.1', () => resolve(s));
        }),
    ),
  );
  const ports = servers.map((s) => (s.address() as { port: number }).port);
  await Promise.all(servers.map((s) => new Promise<void>((resolve) => s.close(() => resolve()))));
  return ports;
}

/**
 * config.xml as `syncthing generate` wrote it, locked down to loopback. Every setting must be
 * found exactly once: a Syncthing whose config no longer has one of them fails here, loudly,
 * rather than running with a default that might reach the network.
 */
export function lockDownConfig(xml: string, o: { name: string; guiPort: number; listenPort: number; apiKey: string }): string {
  const set = (text: string, pattern: RegExp, replacement: string, what: string): string => {
    const hits = text.match(new RegExp(pattern.source, 'g'))?.length ?? 0;
    if (hits !== 1) throw new Error(`syncthing: config.xml has ${hits} ${what} (expected 1); this Syncthing's configuration is not the one this helper knows`);
    return text.replace(pattern, replacement);
  };
  const option = (text: string, tag: string, value: string) => set(text, new RegExp(`<${tag}>[^<]*</${tag}>`), `<${tag}>${value}</${tag}>`, `<${tag}>`);
  let out = set(xml, /(<gui\b[^>]*>\s*<address>)[^<]*(<\/address>)/, `$1127.0.0.1:${o.guiPort}$2`, 'GUI address');
  out = option(out, 'apikey', o.apiKey);
  out = set(out, /(<configuration[^>]*>\s*<device id="[^"]*" name=")[^"]*"/, `$1${o.name}"`, 'own device name');
  const options: Array<[string, string]> = [
    ['listenAddress', `tcp://127.0.0.1:${o.listenPort}`],
    ['globalAnnounceEnabled', 'false'],
    ['localAnnounceEnabled', 'false'],
    ['relaysEnabled', 'false'],
    ['natEnabled', 'false'],
    ['announceLANAddresses', 'false'],
    ['startBrowser', 'false'],
    ['urAccepted', '-1'], // usage reporting refused
    ['crashReportingEnabled', 'false'],
    ['autoUpgradeIntervalH', '0'],
    ['reconnectionIntervalS', '1'], // loopback only: redial at once when a peer starts later
  ];
  for (const [tag, value] of options) out = option(out, tag, value);
  return out;
}

// Every daemon started here, so that none can outlive the process that started it. `syncthing
// serve` runs as a monitor process and the daemon proper, its child in a process group of its own,
// even with --no-restart. The monitor is started detached, as the leader of a new session: the
// processes of that session are the daemon's, and all of them are what gets killed.
const running = new Set<number>(); // session ids

/** The live processes of session `sid` (Linux /proc; [] where there is none). */
export function sessionProcesses(sid: number): number[] {
  let entries: string[];
  try {
    entries = readdirSync('/proc').filter((n) => /^\d+$/.test(n));
  } catch {
    return [];
  }
  const out: number[] = [];
  for (const pid of entries) {
    try {
      const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' '); // state ppid pgrp session ...
      if (Number(fields[3]) === sid && fields[0] !== 'Z') out.push(Number(pid));
    } catch {
      // exited meanwhile
    }
  }
  return out;
}

const signal = (pid: number, sig: NodeJS.Signals | 0): boolean => {
  try {
    process.kill(pid, sig);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
};

/** Whether any process of the session (or, without /proc, of the leader's group) is alive. */
const sessionAlive = (sid: number): boolean => sessionProcesses(sid).length > 0 || signal(-sid, 0);

function killSession(sid: number): void {
  signal(-sid, 'SIGKILL');
  for (const pid of sessionProcesses(sid)) signal(pid, 'SIGKILL');
}

process.once('exit', () => {
  for (const sid of running) killSession(sid);
});

/** How many daemons started by this process still have a process running. */
export const runningDaemons = (): number => [...running].filter((sid) => sessionAlive(sid)).length;

type Json = any; // eslint-disable-line @typescript-eslint/no-explicit-any -- Syncthing's REST answers, read field by field

export interface Daemon {
  name: string;
  home: string;
  deviceId: string;
  guiPort: number;
  listenPort: number;
  apiKey: string;
  /** The monitor process, leader of the daemon's session. */
  pid: number;
  /** Every live process of the daemon (the monitor and the daemon proper). */
  processes(): number[];
  log: string;
  /** A call to the REST API with the API key; throws naming the daemon, the call and the answer on any HTTP error. */
  api(method: 'GET' | 'POST' | 'PUT', path: string, body?: unknown): Promise<Json>;
  /** POST /rest/system/shutdown, then SIGKILL to every process of its session if it has not exited within 10 s. Idempotent. */
  stop(): Promise<void>;
  /** True once the monitor has exited and no process of its session is left. */
  exited(): boolean;
}

const tail = (file: string, lines = 30): string => {
  try {
    return readFileSync(file, 'utf8').trimEnd().split('\n').slice(-lines).join('\n');
  } catch {
    return '(no log)';
  }
};

/**
 * Generate a home for `name` under `root` (ROOT/NAME.syncthing), lock its config down to loopback
 * and start `syncthing serve` on it; resolves once its REST API answers.
 */
export async function startDaemon(root: string, name: string): Promise<Daemon> {
  if (!SYNCTHING_BIN) throw new Error('syncthing: not installed (apt-get install syncthing)');
  const bin = SYNCTHING_BIN;
  const home = join(root, `${name}.syncthing`);
  mkdirSync(home, { recursive: true });
  // HOME points into the test's folder: Syncthing's "~" never means the developer's home.
  const env = { PATH: process.env.PATH, HOME: root, STNODEFAULTFOLDER: '1', STNORESTART: '1', STNOUPGRADE: '1' };
  const gen = spawnSync(bin, ['generate', `--home=${home}`, '--no-default-folder', '--skip-port-probing'], { env, encoding: 'utf8', timeout: 30_000 });
  if (gen.status !== 0) throw new Error(`syncthing generate for ${name} failed (${gen.status}): ${gen.stderr}${gen.stdout}`);
  const idOut = spawnSync(bin, ['serve', `--home=${home}`, '--device-id'], { env, encoding: 'utf8', timeout: 30_000 });
  const deviceId = idOut.stdout.trim();
  if (idOut.status !== 0 || !/^[A-Z2-7]{7}(-[A-Z2-7]{7}){7}$/.test(deviceId)) throw new Error(`syncthing --device-id for ${name} failed: ${idOut.stderr}${idOut.stdout}`);

  const [guiPort, listenPort] = (await freePorts(2)) as [number, number];
  const apiKey = randomBytes(16).toString('hex');
  const configPath = join(home, 'config.xml');
  writeFileSync(configPath, lockDownConfig(readFileSync(configPath, 'utf8'), { name, guiPort, listenPort, apiKey }));

  const log = join(root, `${name}.syncthing.log`);
  const fd = openSync(log, 'a');
  const child = spawn(bin, ['serve', `--home=${home}`, '--no-browser', '--no-restart', '--no-upgrade', '--logflags=3'], { env, stdio: ['ignore', fd, fd], detached: true });
  closeSync(fd);
  if (child.pid !== undefined) running.add(child.pid);
  let exitCode: number | null | undefined;
  const exit = new Promise<void>((resolve) => {
    child.once('exit', (code, signal) => {
      exitCode = code ?? (signal ? -1 : null);
      resolve();
    });
    child.once('error', (err) => {
      exitCode = -1;
      resolve();
      void err;
    });
  });

  // node:http with a fresh connection a call: Syncthing restarts its GUI server on some config
  // changes, and a kept-alive socket would then fail the next call.
  const api = (method: 'GET' | 'POST' | 'PUT', path: string, body?: unknown): Promise<Json> =>
    new Promise((resolve, reject) => {
      const payload = body === undefined ? undefined : Buffer.from(JSON.stringify(body));
      const req = httpRequest(
        {
          host: '127.0.0.1',
          port: guiPort,
          method,
          path,
          agent: false,
          timeout: 30_000,
          headers: { 'X-API-Key': apiKey, ...(payload ? { 'Content-Type': 'application/json', 'Content-Length': payload.length } : {}) },
        },
        (res) => {
          const parts: Buffer[] = [];
          res.on('data', (c: Buffer) => parts.push(c));
          res.on('error', reject);
          res.on('end', () => {
            const text = Buffer.concat(parts).toString('utf8');
            if ((res.statusCode ?? 0) >= 300) return reject(new Error(`syncthing ${name}: ${method} ${path} answered ${res.statusCode}: ${text.trim()}`));
            try {
              resolve(text && (res.headers['content-type'] ?? '').includes('json') ? JSON.parse(text) : text);
            } catch (err) {
              reject(err);
            }
          });
        },
      );
      req.on('timeout', () => req.destroy(new Error(`syncthing ${name}: ${method} ${path}: no answer within 30 s`)));
      req.on('error', reject);
      req.end(payload);
    });
  const daemon: Daemon = {
    name,
    home,
    deviceId,
    guiPort,
    listenPort,
    apiKey,
    pid: child.pid ?? -1,
    processes: () => (child.pid === undefined ? [] : sessionProcesses(child.pid)),
    log,
    api,
    exited: () => exitCode !== undefined && (child.pid === undefined || !sessionAlive(child.pid)),
    async stop() {
      if (exitCode === undefined) {
        try {
          await api('POST', '/rest/system/shutdown');
        } catch {
          // not answering: killed below
        }
        await Promise.race([exit, sleep(10_000)]);
      }
      // The monitor is gone (or stuck): whatever is left of its session goes now.
      if (child.pid !== undefined && sessionAlive(child.pid)) {
        killSession(child.pid);
        await exit;
        for (let i = 0; i < 100 && sessionAlive(child.pid); i++) await sleep(50);
      }
      if (child.pid !== undefined && !sessionAlive(child.pid)) running.delete(child.pid);
    },
  };

  const deadline = Date.now() + 30_000;
  let status: Json;
  while (status === undefined) {
    if (exitCode !== undefined) {
      await daemon.stop();
      throw new Error(`syncthing ${name} exited (${exitCode}) before its REST API answered:\n${tail(log)}`);
    }
    try {
      status = await api('GET', '/rest/system/status');
    } catch (err) {
      if (Date.now() > deadline) {
        await daemon.stop();
        throw new Error(`syncthing ${name}: REST API on 127.0.0.1:${guiPort} did not answer within 30 s:\n${tail(log)}`, { cause: err });
      }
      await sleep(100);
    }
  }
  if (status.myID !== deviceId) {
    await daemon.stop();
    throw new Error(`syncthing ${name}: REST says device ${status.myID}, --device-id said ${deviceId}`);
  }
  return daemon;
}

/** Stop every daemon (in parallel); never throws. */
export async function stopAll(daemons: readonly Daemon[]): Promise<void> {
  await Promise.all(daemons.map((d) => d.stop().catch(() => undefined)));
}

export interface SharedFolder {
  id: string;
  daemons: Daemon[];
  /** The folder's path on each daemon, by daemon name. */
  path: Record<string, string>;
}

/**
 * Introduce every daemon to every other at its explicit tcp://127.0.0.1:PORT, share one
 * sendreceive folder among them all (ROOT/NAME.shared for each; file watcher on, rescan every
 * 10 s, no ignore patterns: a folder as a user would share it), and wait until every pair is
 * connected over loopback and every copy of the folder is idle.
 */
export async function shareFolder(root: string, daemons: Daemon[], id = 'samizdat', timeoutMs = 60_000): Promise<SharedFolder> {
  const path: Record<string, string> = {};
  for (const d of daemons) {
    for (const e of daemons) {
      if (e === d) continue;
      await d.api('PUT', `/rest/config/devices/${e.deviceId}`, {
        deviceID: e.deviceId,
        name: e.name,
        addresses: [`tcp://127.0.0.1:${e.listenPort}`],
        introducer: false,
        autoAcceptFolders: false,
        paused: false,
      });
    }
  }
  for (const d of daemons) {
    const dir = join(root, `${d.name}.shared`);
    mkdirSync(dir, { recursive: true });
    path[d.name] = dir;
    await d.api('PUT', `/rest/config/folders/${id}`, {
      id,
      label: 'Samizdat drop folder',
      path: dir,
      type: 'sendreceive',
      devices: daemons.map((e) => ({ deviceID: e.deviceId })),
      rescanIntervalS: 10,
      fsWatcherEnabled: true,
      fsWatcherDelayS: 1,
      paused: false,
    });
  }
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const problems: string[] = [];
    for (const d of daemons) {
      const { connections } = await d.api('GET', '/rest/system/connections');
      for (const e of daemons) {
        if (e === d) continue;
        const c = connections[e.deviceId];
        if (!c?.connected) problems.push(`${d.name} is not connected to ${e.name}`);
        else if (!String(c.address).startsWith('127.0.0.1:')) throw new Error(`syncthing ${d.name} is connected to ${e.name} at ${c.address}, not over loopback`);
      }
      const status = await d.api('GET', `/rest/db/status?folder=${id}`);
      if (status.state !== 'idle') problems.push(`${d.name}'s folder is ${status.state}${status.error ? `: ${status.error}` : ''}`);
    }
    if (problems.length === 0) return { id, daemons, path };
    if (Date.now() > deadline) throw new Error(`syncthing: the folder was not shared within ${timeoutMs / 1000} s: ${problems.join('; ')}\n${daemons.map((d) => `--- ${d.name}\n${tail(d.log, 10)}`).join('\n')}`);
    await sleep(200);
  }
}

/** Syncthing's own names in a folder: its marker, its ignore file, its temporary files. */
const SYNCTHING_OWN = /^(\.stfolder|\.stignore|\.stversions)$|^\.syncthing\..*\.tmp$|^~syncthing~.*\.tmp$/;

/** The files of one copy of the folder (Syncthing's own left out), name to size, sorted by name. */
export function listing(dir: string): Map<string, number> {
  const names = readdirSync(dir)
    .filter((n) => !SYNCTHING_OWN.test(n))
    .sort();
  return new Map(names.map((n) => [n, statSync(join(dir, n)).size]));
}

const show = (m: Map<string, number>) => [...m].map(([n, s]) => `${n} (${s} B)`).join(', ') || 'nothing';

/**
 * Ask every daemon to rescan now, then poll until every copy holds the same files (same names,
 * same sizes), every daemon's folder is idle with nothing needed (/rest/db/status), every daemon
 * reports every other complete (/rest/db/completion), and Syncthing's global count of files is
 * the number on disk. Resolves to the common listing; rejects, saying what is still missing and
 * where, after `timeoutMs`.
 */
export async function waitConverged(folder: SharedFolder, timeoutMs = 60_000): Promise<Map<string, number>> {
  const { id, daemons } = folder;
  for (const d of daemons) await d.api('POST', `/rest/db/scan?folder=${id}`);
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const problems: string[] = [];
    const copies = daemons.map((d) => ({ d, files: listing(folder.path[d.name] as string) }));
    const union = new Map<string, number>();
    for (const { files } of copies) for (const [n, s] of files) union.set(n, Math.max(s, union.get(n) ?? 0));
    for (const { d, files } of copies) {
      const lacking = [...union].filter(([n, s]) => files.get(n) !== s).map(([n]) => n);
      if (lacking.length > 0) problems.push(`${d.name} lacks ${lacking.length} file(s) (${lacking.slice(0, 3).join(', ')}${lacking.length > 3 ? ', ...' : ''})`);
      const status = await d.api('GET', `/rest/db/status?folder=${id}`);
      const need = status.needTotalItems ?? status.needFiles + status.needDeletes;
      if (status.state !== 'idle' || need !== 0 || status.pullErrors > 0) problems.push(`${d.name}: state ${status.state}, needs ${need} item(s), ${status.pullErrors} pull error(s)${status.error ? `, ${status.error}` : ''}`);
      if (status.globalFiles !== union.size) problems.push(`${d.name}: Syncthing knows ${status.globalFiles} file(s) globally, ${union.size} on disk`);
      for (const e of daemons) {
        if (e === d) continue;
        const c = await d.api('GET', `/rest/db/completion?folder=${id}&device=${e.deviceId}`);
        if (c.completion !== 100 || c.needItems !== 0) problems.push(`${d.name} sees ${e.name} at ${c.completion}% (${c.needItems} item(s) needed)`);
      }
    }
    if (problems.length === 0) return union;
    if (Date.now() > deadline) {
      throw new Error(
        `syncthing: folder "${id}" did not converge within ${timeoutMs / 1000} s: ${problems.join('; ')}\n` + copies.map(({ d, files }) => `${d.name} holds ${show(files)}`).join('\n'),
      );
    }
    await sleep(200);
  }
}

/**
 * The sockets of processes `pids` in the TCP and UDP tables of /proc (Linux), with their local and
 * remote addresses; undefined where /proc cannot tell.
 */
export function socketsOf(pids: readonly number[]): Array<{ proto: string; local: string; remote: string; listening: boolean }> | undefined {
  const inodes = new Set<string>();
  for (const pid of pids) {
    let fds: string[];
    try {
      fds = readdirSync(`/proc/${pid}/fd`);
    } catch {
      return undefined;
    }
    for (const fd of fds) {
      try {
        const inode = /^socket:\[(\d+)\]$/.exec(readlinkSync(`/proc/${pid}/fd/${fd}`))?.[1];
        if (inode !== undefined) inodes.add(inode);
      } catch {
        // closed meanwhile
      }
    }
  }
  const address = (hex: string): string => {
    const [ip, port] = hex.split(':') as [string, string];
    const words = (ip.match(/.{8}/g) ?? []).map((w) => (w.match(/../g) ?? []).reverse().join(''));
    const bytes = Buffer.from(words.join(''), 'hex');
    const host = bytes.length === 4 ? [...bytes].join('.') : (bytes.toString('hex').match(/.{4}/g) ?? []).join(':');
    return `${host}:${parseInt(port, 16)}`;
  };
  const out: Array<{ proto: string; local: string; remote: string; listening: boolean }> = [];
  for (const proto of ['tcp', 'tcp6', 'udp', 'udp6']) {
    let table: string;
    try {
      table = readFileSync(`/proc/net/${proto}`, 'utf8');
    } catch {
      continue;
    }
    for (const line of table.split('\n').slice(1)) {
      const f = line.trim().split(/\s+/);
      if (f.length < 10 || !inodes.has(f[9] as string)) continue;
      out.push({ proto, local: address(f[1] as string), remote: address(f[2] as string), listening: proto.startsWith('tcp') && f[3] === '0A' });
    }
  }
  return out;
}

/** True for 127.0.0.0/8, ::1 and ::ffff:127.x.x.x (as socketsOf prints them). */
export function isLoopback(hostPort: string): boolean {
  const host = hostPort.slice(0, hostPort.lastIndexOf(':'));
  if (/^127\./.test(host)) return true;
  if (host === '0000:0000:0000:0000:0000:0000:0000:0001') return true;
  return /^0000:0000:0000:0000:0000:ffff:7f/.test(host);
}

/** True for an unset remote address (a listening or unconnected socket). */
export const isUnset = (hostPort: string): boolean => /^[0.:]+:0$/.test(hostPort);

/**
 * `count` distinct, valid bundle files in `dir`, each named by its SHA-256 as `samizdat sync`
 * names its own: one group (a single founder, release threshold 1) and, in bundle i, the
 * charter, statement i and the founder's release signature of it. Made in this process (one
 * Ed25519 signature a bundle), so that 1,000 take well under a second. Returns the file names.
 */
export async function writeBundles(dir: string, count: number): Promise<string[]> {
  mkdirSync(dir, { recursive: true });
  const founder = generateSigningKeyPair();
  const charter = signLink(makeCharter({ name: 'Syncthing Union', members: [makeMember('founder', founder.publicKey, generateBoxKeyPair().publicKey)], thresholds: { release: 1, membership: 1 } }), founder);
  const group = objectId(charter);
  const charterRecord: WriterRecord = { kind: 'object', section: 'link', id: group, bytes: canonicalBytes(charter) };
  const names: string[] = [];
  for (let i = 0; i < count; i++) {
    const statement = makeStatement({ authors: [group], title: `Bulletin ${i}`, lang: 'en', date: '2026-12-01', body: `Bulletin number ${i}: the strike goes on.\n` });
    const id = objectId(statement);
    const signature = makeStatementSignature({ statement: id, group, link: group, role: 'release' }, founder);
    const records: WriterRecord[] = [
      charterRecord,
      { kind: 'object', section: 'statement', id, bytes: canonicalBytes(statement) },
      { kind: 'object', section: 'signature', id: objectId(signature), bytes: canonicalBytes(signature) },
    ];
    const parts: Uint8Array[] = [];
    for await (const chunk of writeBundle(records.length, records)) parts.push(chunk);
    const bytes = Buffer.concat(parts);
    const name = `${createHash('sha256').update(bytes).digest('hex')}.samizdat`;
    writeFileSync(join(dir, name), bytes);
    names.push(name);
  }
  return names;
}

export interface ConvergenceResult {
  bundles: number;
  /** From the files' arrival in the sender's folder to the receiver's Syncthing reporting the folder complete with all of them on disk. */
  syncthingSeconds: number;
  /** The receiver's `samizdat sync` of the folder, which imports them all. */
  importSeconds: number;
  /** The sum: from the sender's folder to the receiver's vault. */
  totalSeconds: number;
}

/**
 * The time for `bundles` bundle files to travel between two Syncthing daemons on loopback and into
 * a vault. Starts two daemons ("sender", "receiver") sharing one folder, and a fresh vault beside
 * the receiver; writes the bundles (writeBundles) to a staging folder outside the shared one;
 * then the clock starts: the files are renamed into the sender's folder, the sender is asked to
 * rescan (POST /rest/db/scan, instead of waiting for its file watcher), and the receiver is polled
 * until its Syncthing reports the folder complete with every file on disk; then the receiver's
 * `samizdat sync` runs and must import every statement (its vault then holds exactly `bundles`).
 * Everything it started is stopped, and its temporary folder removed, before it returns or throws.
 */
export async function measureSyncthingConvergence(opts: { bundles: number; timeoutMs?: number }): Promise<ConvergenceResult> {
  const n = opts.bundles;
  const timeoutMs = opts.timeoutMs ?? 60_000 + 100 * n;
  const tmp = tempDir('samizdat-syncthing-');
  const daemons: Daemon[] = [];
  try {
    daemons.push(await startDaemon(tmp.path, 'sender'));
    daemons.push(await startDaemon(tmp.path, 'receiver'));
    const folder = await shareFolder(tmp.path, daemons, 'converge', timeoutMs);
    const [sender, receiver] = daemons as [Daemon, Daemon];
    const vault = device(tmp.path, 'receiver-vault');
    const init = vault.run(['init', '--kdf', 'interactive']);
    if (init.status !== 0) throw new Error(`samizdat init failed: ${init.stderr}`);
    const staging = join(tmp.path, 'staging');
    const names = await writeBundles(staging, n);
    const from = folder.path.sender as string;
    const to = folder.path.receiver as string;

    const start = process.hrtime.bigint();
    for (const name of names) renameSync(join(staging, name), join(from, name));
    await sender.api('POST', `/rest/db/scan?folder=${folder.id}`);
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const status = await receiver.api('GET', `/rest/db/status?folder=${folder.id}`);
      const need = status.needTotalItems ?? status.needFiles;
      if (status.state === 'idle' && need === 0 && status.globalFiles === n && names.every((name) => existsSync(join(to, name)))) break;
      if (Date.now() > deadline) {
        const held = names.filter((name) => existsSync(join(to, name))).length;
        throw new Error(`syncthing: ${n} bundles did not reach the receiver within ${timeoutMs / 1000} s: it holds ${held}, state ${status.state}, needs ${need} item(s), knows ${status.globalFiles} file(s)`);
      }
      await sleep(50);
    }
    const arrived = process.hrtime.bigint();
    const sync = vault.run(['--json', 'sync', to]);
    const done = process.hrtime.bigint();
    if (sync.status !== 0) throw new Error(`samizdat sync on the receiver failed (${sync.status}): ${sync.stderr}`);
    const report = sync.json();
    const added = report.imported.reduce((sum: number, i: { added: { statement: number } }) => sum + i.added.statement, 0);
    const list = vault.run(['--json', 'statement', 'list', '--limit', '1']);
    if (list.status !== 0) throw new Error(`samizdat statement list on the receiver failed (${list.status}): ${list.stderr}`);
    const total = list.json().total;
    if (report.imported.length !== n || added !== n || total !== n) throw new Error(`samizdat sync read ${report.imported.length} of ${n} bundles and added ${added} statements; the vault holds ${total}`);
    const s = (a: bigint, b: bigint) => Number(b - a) / 1e9;
    return { bundles: n, syncthingSeconds: s(start, arrived), importSeconds: s(arrived, done), totalSeconds: s(start, done) };
  } finally {
    await stopAll(daemons);
    tmp.remove();
  }
}

// Beyond one machine (issue 10): three real Syncthing daemons on loopback share one folder, each
// with a vault beside it, and `samizdat sync` runs on each side. Olga and Ivan are the members of
// a 2-of-2 group, Polina a publisher outside it. The charter travels, the draft travels encrypted
// (Polina cannot read it), each member signs and syncs, the release reaches Polina and verifies
// there; no file ever disappears from any copy of the folder, and the vaults converge. Syncthing
// is configured only through its own REST API, with every way off loopback switched off.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readFileSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { device, tempDir } from '../helpers/cli.js';
import {
  SYNCTHING_BIN,
  isLoopback,
  isUnset,
  listing,
  measureSyncthingConvergence,
  runningDaemons,
  shareFolder,
  socketsOf,
  startDaemon,
  stopAll,
  waitConverged,
  type Daemon,
  type SharedFolder,
} from '../helpers/syncthing.js';

type Device = ReturnType<typeof device>;

function ok(d: Device, args: string[]) {
  const r = d.run(['--json', ...args]);
  expect(r.status, `${d.name}: samizdat ${args.join(' ')}\n${r.stderr}`).toBe(0);
  return r.json();
}

const ids = (d: Device): string[] => ok(d, ['statement', 'list', '--limit', '1000']).items.map((s: { id: string }) => s.id).sort();
const groupIds = (d: Device): string[] => ok(d, ['group', 'list']).groups.map((g: { id: string }) => g.id).sort();

/** What a verification decides, without what is local to each vault (trust, "mine"). */
function verdict(d: Device, id: string) {
  const r = d.run(['--json', 'verify', id]);
  const report = r.json();
  return {
    exit: r.status,
    released: report.released,
    ok: report.ok,
    groups: report.groups.map((g: { groupId: string; released: boolean; signers: Array<{ key: string }> }) => ({ groupId: g.groupId, released: g.released, signers: g.signers.map((s) => s.key).sort() })),
  };
}

/** The socket check: every socket the daemon holds is on loopback, and its two listeners are there. */
function expectLoopbackOnly(d: Daemon) {
  const pids = d.processes();
  expect(pids.length, `${d.name}: no process in group ${d.pid}`).toBeGreaterThanOrEqual(1);
  const sockets = socketsOf(pids);
  expect(sockets, `/proc/PID/fd of ${pids.join(', ')} unreadable`).toBeDefined();
  for (const s of sockets ?? []) {
    expect(isLoopback(s.local), `${d.name}: ${s.proto} socket bound to ${s.local}`).toBe(true);
    expect(isLoopback(s.remote) || isUnset(s.remote), `${d.name}: ${s.proto} socket connected to ${s.remote}`).toBe(true);
  }
  const listeners = (sockets ?? []).filter((s) => s.listening).map((s) => s.local).sort();
  expect(listeners).toEqual([`127.0.0.1:${d.guiPort}`, `127.0.0.1:${d.listenPort}`].sort());
}

// Most of the time goes to the samizdat processes (a KDF each); Syncthing itself converges in well under a second each time.
describe.skipIf(SYNCTHING_BIN === undefined)('samizdat sync across three real Syncthing daemons on loopback (needs `syncthing`)', { timeout: 180_000 }, () => {
  const tmp = tempDir('samizdat-syncthing-');
  const root = tmp.path;
  const daemons: Daemon[] = [];
  let folder: SharedFolder;
  let olga: Device, ivan: Device, polina: Device;
  let union: { id: string; fingerprint: string };
  let statement = '';
  let draftFile = '';
  /** Every file each copy of the folder has held, with its size. */
  const seen = new Map<string, Map<string, number>>();
  const waits: number[] = [];

  const dir = (d: Device) => folder.path[d.name] as string;
  const sync = (d: Device) => ok(d, ['sync', dir(d)]);

  /** Wait for Syncthing, then check that no copy lost or changed a file it ever held. */
  async function converge(): Promise<Map<string, number>> {
    const started = Date.now();
    const common = await waitConverged(folder, 60_000);
    waits.push(Date.now() - started);
    for (const d of daemons) {
      const now = listing(folder.path[d.name] as string);
      const before = seen.get(d.name) ?? new Map<string, number>();
      for (const [name, size] of before) expect(now.get(name), `${d.name}'s copy lost or changed ${name}`).toBe(size);
      seen.set(d.name, now);
    }
    return common;
  }

  beforeAll(async () => {
    for (const name of ['olga', 'ivan', 'polina']) daemons.push(await startDaemon(root, name));
    folder = await shareFolder(root, daemons);
    [olga, ivan, polina] = ['olga', 'ivan', 'polina'].map((n) => device(root, n)) as [Device, Device, Device];
    for (const d of [olga, ivan, polina]) {
      ok(d, ['init', '--kdf', 'interactive']);
      ok(d, ['me', 'create', '--name', d.name]);
    }
    ok(ivan, ['me', 'export', '--out', join(root, 'ivan.card')]);
    union = ok(olga, ['group', 'create', '--name', 'Vorkuta Miners', '--member', join(root, 'ivan.card'), '--threshold', '2']);
    ok(polina, ['group', 'create', '--name', 'Free Press', '--threshold', '1']);
  }, 180_000);

  afterAll(async () => {
    if (waits.length > 0) console.log(`syncthing: ${waits.length} waits for convergence, ${(waits.reduce((a, b) => a + b, 0) / 1000).toFixed(2)} s in all, longest ${(Math.max(...waits) / 1000).toFixed(2)} s`);
    await stopAll(daemons);
    const left = daemons.filter((d) => !d.exited()).map((d) => d.name);
    tmp.remove();
    expect(left, 'daemons still running after shutdown').toEqual([]);
  }, 60_000);

  it('every daemon is configured for loopback only, and holds sockets on loopback only', async () => {
    for (const d of daemons) {
      const config = await d.api('GET', '/rest/config');
      expect(config.options).toMatchObject({
        listenAddresses: [`tcp://127.0.0.1:${d.listenPort}`],
        globalAnnounceEnabled: false,
        localAnnounceEnabled: false,
        relaysEnabled: false,
        natEnabled: false,
        urAccepted: -1,
        crashReportingEnabled: false,
        autoUpgradeIntervalH: 0,
      });
      expect(config.gui.address).toBe(`127.0.0.1:${d.guiPort}`);
      for (const peer of config.devices.filter((p: { deviceID: string }) => p.deviceID !== d.deviceId)) {
        const other = daemons.find((e) => e.deviceId === peer.deviceID) as Daemon;
        expect(peer.addresses).toEqual([`tcp://127.0.0.1:${other.listenPort}`]);
      }
      const shared = config.folders.find((f: { id: string }) => f.id === folder.id);
      expect(shared).toMatchObject({ type: 'sendreceive', path: folder.path[d.name], fsWatcherEnabled: true });
      expect(shared.devices.map((x: { deviceID: string }) => x.deviceID).sort()).toEqual(daemons.map((e) => e.deviceId).sort());
      const { connections } = await d.api('GET', '/rest/system/connections');
      for (const e of daemons.filter((x) => x !== d)) expect(connections[e.deviceId]).toMatchObject({ connected: true, address: expect.stringMatching(/^127\.0\.0\.1:\d+$/) });
      if (process.platform === 'linux') expectLoopbackOnly(d);
    }
  });

  it('the founder syncs the charter; it reaches Ivan, who sees himself a member, and Polina', async () => {
    const first = sync(olga);
    expect(first.written.map((w: { envelope: string; records: number }) => [w.envelope, w.records])).toEqual([['clear', 1]]);
    await converge();
    const atIvan = sync(ivan);
    expect(atIvan.imported.map((i: { added: { link: number } }) => i.added.link)).toEqual([1]);
    expect(atIvan.written).toEqual([]); // he holds nothing the folder lacks
    expect(ok(ivan, ['group', 'show', 'Vorkuta Miners'])).toMatchObject({ id: union.id, fingerprint: union.fingerprint, mine: true });
    const atPolina = sync(polina);
    expect(atPolina.imported[0].newGroups.map((g: { id: string }) => g.id)).toEqual([union.id]);
    expect(atPolina.written.map((w: { envelope: string }) => w.envelope)).toEqual(['clear']); // her own group's charter
    const common = await converge();
    expect(common.size).toBe(2);
  });

  it('the draft travels encrypted: Ivan opens it, Polina cannot and holds no such statement', async () => {
    const body = join(root, 'body.txt');
    writeFileSync(body, 'The miners of Vorkuta refuse to dig coal for the war.\n');
    statement = ok(olga, ['statement', 'new', '--group', 'Vorkuta Miners', '--title', 'Coal for peace', '--lang', 'en', '--body', body]).id;
    ok(olga, ['sign', statement]);
    const out = sync(olga);
    expect(out.written.map((w: { envelope: string }) => w.envelope)).toEqual(['members']);
    draftFile = basename(out.written[0].path);
    await converge();

    for (const d of [ivan, polina]) {
      const bytes = readFileSync(join(dir(d), draftFile));
      expect(bytes.subarray(0, 22).toString()).toBe('age-encryption.org/v1\n');
      expect(bytes.includes(Buffer.from('Coal for peace'))).toBe(false);
      expect(bytes.includes(Buffer.from('Vorkuta'))).toBe(false);
    }
    const atPolina = sync(polina);
    expect(atPolina.notForUs).toEqual([join(dir(polina), draftFile)]);
    expect(atPolina.written).toEqual([]);
    const text = polina.run(['sync', dir(polina)]);
    expect(text.status, text.stderr).toBe(0);
    expect(text.stdout).toMatch(/1 bundle\(s\) encrypted to other keys: left alone/);
    expect(ids(polina)).toEqual([]);
    expect(polina.run(['statement', 'show', statement]).status).not.toBe(0);

    const atIvan = sync(ivan);
    expect(atIvan.notForUs).toEqual([]);
    expect(atIvan.imported.find((i: { path: string }) => basename(i.path) === draftFile)).toMatchObject({ envelope: 'members', added: { statement: 1, signature: 1 } });
    expect(atIvan.written).toEqual([]);
    const draft = ivan.run(['--json', 'verify', statement]);
    expect(draft.status).toBe(1);
    expect(draft.json().released).toBe(false);
    await converge();
  });

  it('Ivan signs and syncs; Olga sees it released; the release reaches Polina and verifies there', async () => {
    expect(ok(ivan, ['sign', statement]).report.released).toBe(true);
    const out = sync(ivan);
    expect(out.written.map((w: { envelope: string }) => w.envelope)).toEqual(['clear']);
    await converge();
    sync(olga);
    expect(ok(olga, ['verify', statement])).toMatchObject({ released: true, ok: true });
    const atPolina = sync(polina);
    expect(atPolina.notForUs).toEqual([join(dir(polina), draftFile)]); // still somebody else's, still there
    expect(ids(polina)).toEqual([statement]);
    const verified = polina.run(['verify', statement]);
    expect(verified.status, verified.stdout + verified.stderr).toBe(0);
    expect(ok(polina, ['verify', statement])).toMatchObject({ released: true, ok: true });
    await converge();
  });

  it('the vaults converge: same statements, same groups, same verdicts; a further round writes nothing and deletes nothing', async () => {
    // Each has read everything the others wrote: a round on every side writes nothing.
    const before = await converge();
    for (const d of [olga, ivan, polina]) expect(sync(d).written, `${d.name} wrote again`).toEqual([]);
    const after = await converge();
    expect([...after]).toEqual([...before]);
    const groups = groupIds(olga);
    const decided = verdict(olga, statement);
    expect(groups).toHaveLength(2);
    expect(decided).toMatchObject({ exit: 0, released: true, ok: true, groups: [{ groupId: union.id, released: true }] });
    expect(decided.groups[0].signers).toHaveLength(2);
    for (const d of [olga, ivan, polina]) {
      expect(listing(dir(d)), `${d.name}'s copy`).toEqual(after);
      expect(ids(d), d.name).toEqual([statement]);
      if (d === olga) continue;
      expect(groupIds(d), d.name).toEqual(groups);
      expect(verdict(d, statement), d.name).toEqual(decided);
    }
    // Every file any copy ever held is in every copy now.
    for (const files of seen.values()) for (const [name, size] of files) expect(after.get(name), name).toBe(size);
    if (process.platform === 'linux') for (const d of daemons) expectLoopbackOnly(d);
  });
});

describe.skipIf(SYNCTHING_BIN === undefined)('time to converge for N bundles between two Syncthing daemons (needs `syncthing`)', () => {
  it('20 distinct bundles reach the other side and are all imported; every daemon it started is gone', async () => {
    const before = runningDaemons();
    const result = await measureSyncthingConvergence({ bundles: 20 });
    expect(result.bundles).toBe(20);
    expect(result.totalSeconds).toBeCloseTo(result.syncthingSeconds + result.importSeconds, 6);
    expect(runningDaemons()).toBe(before);
    console.log(`syncthing convergence, 20 bundles: Syncthing ${result.syncthingSeconds.toFixed(2)} s + samizdat sync ${result.importSeconds.toFixed(2)} s = ${result.totalSeconds.toFixed(2)} s`);
  }, 180_000);
});

describe.skipIf(SYNCTHING_BIN === undefined)('waiting for Syncthing is bounded and says what is missing (needs `syncthing`)', () => {
  it('a paused peer makes the wait fail in time, naming the copy that lacks the file; resumed, it converges', async () => {
    const tmp = tempDir('samizdat-syncthing-');
    const pair: Daemon[] = [];
    try {
      pair.push(await startDaemon(tmp.path, 'left'), await startDaemon(tmp.path, 'right'));
      const [left, right] = pair as [Daemon, Daemon];
      const shared = await shareFolder(tmp.path, pair);
      await left.api('POST', `/rest/system/pause?device=${right.deviceId}`);
      writeFileSync(join(shared.path.left as string, 'probe.txt'), 'not a bundle\n');
      const started = Date.now();
      await expect(waitConverged(shared, 3_000)).rejects.toThrow(/did not converge within 3 s: .*right lacks 1 file\(s\) \(probe\.txt\)/);
      expect(Date.now() - started).toBeLessThan(15_000);
      await left.api('POST', `/rest/system/resume?device=${right.deviceId}`);
      const common = await waitConverged(shared, 60_000);
      expect([...common.keys()]).toEqual(['probe.txt']);
    } finally {
      await stopAll(pair);
      tmp.remove();
    }
    expect(pair.every((d) => d.exited())).toBe(true);
  }, 120_000);
});

// Browser mode's session over real HTTP and a real vault, as `samizdat ui` runs it (browserSession):
// the vault locks soon after no page has called session:ping for the grace time (a short one here),
// waiting for a running job as vault:lock does; a ping is not user activity; settings:set changes
// the running idle lock at once; closing the server locks the vault.

import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { JobRegistry } from '../../../src/app/jobs.js';
import type { AppCore } from '../../../src/app/ports.js';
import { createVaultCore } from '../../../src/app/vault-core.js';
import { startServer, type RunningServer } from '../../../src/server/server.js';
import { browserSession, DEFAULT_PAGE_GRACE_MS, pageGraceMs, PING_EVERY_MS, type BrowserSession } from '../../../src/server/session.js';
import { tempRoot } from '../store/helpers.js';
import { send } from './http.js';

const PASS = 'the passphrase of Olga';
const GRACE = 500;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

let root: string;
let cleanup: () => void;
let core: AppCore;
let jobs: JobRegistry;
let session: BrowserSession;
let server: RunningServer;
let activity: number;
let locks: string[];

beforeEach(async () => {
  ({ root, cleanup } = tempRoot());
  const rendererDir = path.join(root, 'renderer');
  await mkdir(rendererDir);
  await writeFile(path.join(rendererDir, 'index.html'), '<!doctype html><title>Samizdat</title>');
  core = createVaultCore(path.join(root, 'vault'));
  jobs = new JobRegistry();
  session = browserSession(core, { idleLockMinutes: 10, pageGraceMs: GRACE, jobs, onLocked: (why) => void locks.push(why) });
  activity = 0;
  locks = [];
  server = await startServer({
    handlers: session.handlers,
    rendererDir,
    onClose: () => session.close(),
    onActivity: () => {
      activity++;
      session.activity();
    },
  });
  session.start();
});

afterEach(async () => {
  await server.close();
  cleanup();
});

/** One call of the contract over HTTP, as the renderer makes it; its value, or throws its error code. */
async function api<T = unknown>(channel: string, args: unknown = {}): Promise<T> {
  const res = await send(server.port, {
    method: 'POST',
    path: `/api/${channel}`,
    headers: { 'content-type': 'application/json', 'x-samizdat-token': server.token },
    body: JSON.stringify(args),
  });
  const outcome = JSON.parse(res.body) as { ok: true; value: T } | { ok: false; error: { code: string } };
  if (!outcome.ok) throw new Error(outcome.error.code);
  return outcome.value;
}

const unlocked = async () => (await api<{ unlocked: boolean }>('vault:status')).unlocked;

/** Pings as an open page does, every `every` ms, until stopped; resolves with the time of the last ping. */
function page(every: number) {
  let on = true;
  let last = Date.now();
  const done = (async () => {
    while (on) {
      await api('session:ping');
      last = Date.now();
      await sleep(every);
    }
    return last;
  })();
  return {
    close: async () => {
      on = false;
      return done;
    },
  };
}

/** Waits until the vault is locked; the time it took, from `since`. */
async function lockedAfter(since: number, limit = 5_000): Promise<number> {
  while (await unlocked()) {
    if (Date.now() - since > limit) throw new Error(`still unlocked ${limit} ms after the last ping`);
    await sleep(10);
  }
  return Date.now() - since;
}

describe('browser mode: the vault locks once no page is open', () => {
  it('stays unlocked while a page pings (for three times the grace), and locks within the grace (plus a check) after its last ping', async () => {
    await api('vault:create', { passphrase: PASS, kdf: 'interactive' });
    const tab = page(100); // five pings a grace: a slow reply under load is no missed page
    await sleep(3 * GRACE);
    expect(await unlocked()).toBe(true);
    const lastPing = await tab.close();
    const took = await lockedAfter(lastPing);
    expect(took).toBeGreaterThanOrEqual(GRACE - 15);
    expect(took).toBeLessThan(GRACE + 1_000);
    expect(locks).toEqual(['no page open']);
    // The page comes back: it sees the lock screen, and unlocking works as ever.
    expect(await api('vault:unlock', { passphrase: PASS })).toMatchObject({ unlocked: true });
  });

  it('counts from the unlock when no page ever pings', async () => {
    await api('vault:create', { passphrase: PASS, kdf: 'interactive' });
    await api('vault:lock');
    await sleep(GRACE); // locked meanwhile: nothing to count
    const at = Date.now();
    await api('vault:unlock', { passphrase: PASS });
    const took = await lockedAfter(at);
    expect(took).toBeGreaterThanOrEqual(GRACE - 15);
  });

  it('waits for a running job to end before it locks; status answers meanwhile', async () => {
    await api('vault:create', { passphrase: PASS, kdf: 'interactive' });
    const me = await api('identity:create', { name: 'Olga' });
    let release!: () => void;
    const held = new Promise<void>((r) => (release = r));
    jobs.start('import', async () => {
      await core.withVault(() => held);
      return { summary: 'held' };
    });
    const at = Date.now();
    await sleep(2 * GRACE); // no page: the lock is due, and waits
    const status = await api('vault:status');
    expect(Date.now() - at).toBeLessThan(2 * GRACE + 1_000);
    expect(status).toEqual({ exists: true, unlocked: true, identity: me });
    release();
    await lockedAfter(Date.now(), 2_000);
    expect(locks).toEqual(['no page open']); // one lock, however many checks found it due
    expect(jobs.list()[0]?.state).toBe('done');
  });

  it('a ping is not user activity; any other call is', async () => {
    for (let i = 0; i < 5; i++) await api('session:ping');
    expect(activity).toBe(0);
    await api('vault:status');
    expect(activity).toBe(0);
    await api('vault:create', { passphrase: PASS, kdf: 'interactive' });
    expect(activity).toBe(1);
  });

  it('settings:set changes the running idle lock at once; unlocking puts the vault’s time in force', async () => {
    await api('vault:create', { passphrase: PASS, kdf: 'interactive' });
    expect(session.idleLockMs).toBe(10 * 60_000);
    expect(await api('settings:set', { idleLockMinutes: 3 })).toEqual({ idleLockMinutes: 3 });
    expect(session.idleLockMs).toBe(3 * 60_000);
    await api('vault:lock');
    await server.close();
    // A new run of `samizdat ui` with another default: the vault's own time wins at unlock.
    const again = browserSession(createVaultCore(path.join(root, 'vault')), { idleLockMinutes: 20 });
    expect(again.idleLockMs).toBe(20 * 60_000);
    await again.handlers['vault:unlock']({ passphrase: PASS });
    expect(again.idleLockMs).toBe(3 * 60_000);
    await again.close();
  });

  it('closing the server locks the vault', async () => {
    await api('vault:create', { passphrase: PASS, kdf: 'interactive' });
    expect(core.isUnlocked()).toBe(true);
    await server.close();
    expect(core.isUnlocked()).toBe(false);
  });
});

describe('pageGraceMs (SAMIZDAT_PAGE_GRACE_SECONDS)', () => {
  it('reads seconds from 1 to 3600; anything else means the default (over a minute: a hidden tab pings about once a minute)', () => {
    expect(pageGraceMs('2')).toBe(2_000);
    expect(pageGraceMs('1.5')).toBe(1_500);
    for (const bad of [undefined, '', ' ', '0', '0.5', '-3', '3601', 'soon', 'Infinity']) expect(pageGraceMs(bad), String(bad)).toBeUndefined();
    expect(DEFAULT_PAGE_GRACE_MS).toBeGreaterThan(60_000 + PING_EVERY_MS);
  });
});

// The exchange channels over the fake core: arguments refused by their schemas before the core is
// called, import/export/sync as jobs that report progress and end with a summary for people and
// a structured result (JSON, declared fields only), and the drives list.

import { describe, expect, it } from 'vitest';
import { createHandlers } from '../../../src/app/handlers.js';
import { JobRegistry } from '../../../src/app/jobs.js';
import type { JobView } from '../../../src/shared/view-models.js';
import { createFakeCore, FAKE_DRIVES, FAKE_PASSPHRASE, HOSTILE_GROUP_NAME, hexId } from './fake-core.js';

const tick = () => new Promise((resolve) => setTimeout(resolve, 0));

async function unlocked() {
  const core = createFakeCore({ statements: 3 });
  const jobs = new JobRegistry();
  const handlers = createHandlers(core, { jobs });
  await handlers['vault:unlock']({ passphrase: FAKE_PASSPHRASE });
  core.calls.length = 0;
  return { core, handlers, jobs };
}

/** Runs a job with the core held at its gate, to see it running, then lets it finish. */
async function watch(core: ReturnType<typeof createFakeCore>, jobs: JobRegistry, start: () => Promise<{ jobId: string }>) {
  let open!: () => void;
  core.gate = new Promise<void>((resolve) => (open = resolve));
  const { jobId } = await start();
  await tick();
  const running = jobs.get(jobId) as JobView;
  open();
  core.gate = null;
  await jobs.settled();
  return { running, finished: jobs.get(jobId) as JobView };
}

describe('exchange arguments', () => {
  it('are refused by schema before the core is called', async () => {
    const { core, handlers } = await unlocked();
    const loose = handlers as unknown as Record<string, (a: unknown) => Promise<unknown>>;
    const id = hexId('s');
    const refusals: Array<[string, unknown, RegExp]> = [
      ['bundles:import', { paths: ['kras.samizdat'] }, /paths\.0: expected an absolute path/],
      ['bundles:import', { paths: [] }, /paths/],
      ['bundles:import', { paths: ['/a.samizdat'], passphrase: '' }, /passphrase: the bundle passphrase is empty/],
      ['bundles:import', { paths: ['/a.samizdat'], extra: true }, /Unrecognized key/],
      ['bundles:export', { ids: [id], out: 'out.samizdat', mode: 'auto' }, /out: expected an absolute path/],
      ['bundles:export', { ids: ['abc'], out: '/o.samizdat', mode: 'auto' }, /ids\.0: expected an id/],
      ['bundles:export', { ids: [id], out: '/home/anna/.profile', mode: 'auto' }, /out: expected the path of a \.samizdat file/],
      ['bundles:export', { ids: [id], out: '/o.samizdat', mode: 'members' }, /to/],
      ['bundles:export', { ids: [id], out: '/o.samizdat', mode: 'passphrase', passphrase: 'short' }, /at least 8 characters/],
      ['bundles:export', { ids: [id], out: '/o.samizdat', mode: 'auto', passphrase: 'long enough' }, /Unrecognized key/],
      ['bundles:export', { ids: [id], out: '/o.samizdat', mode: 'all' }, /mode/],
      ['bundles:sync', { dir: 'stick' }, /dir: expected an absolute path/],
      ['bundles:sync', { dir: '/media/\0' }, /NUL/],
      ['drives:list', { all: true }, /Unrecognized key/],
    ];
    for (const [channel, args, message] of refusals) {
      const call = loose[channel]!(args);
      await expect(call, `${channel} ${JSON.stringify(args)}`).rejects.toMatchObject({ code: 'ipc.invalid-argument', kind: 'usage' });
      await expect(call).rejects.toThrow(message);
    }
    expect(core.calls).toEqual([]);
  });

  it('import, export and sync need an open vault; the drives list does not', async () => {
    const core = createFakeCore();
    const handlers = createHandlers(core);
    await expect(handlers['bundles:import']({ paths: ['/a.samizdat'] })).rejects.toMatchObject({ code: 'vault.locked' });
    await expect(handlers['bundles:export']({ ids: [hexId('s')], out: '/o.samizdat', mode: 'auto' })).rejects.toMatchObject({ code: 'vault.locked' });
    await expect(handlers['bundles:sync']({ dir: '/media/stick' })).rejects.toMatchObject({ code: 'vault.locked' });
    expect(await handlers['drives:list']({})).toEqual(FAKE_DRIVES);
    expect(core.calls).toEqual(['drives']);
  });
});

describe('bundles:import', () => {
  it('runs as a job: progress while it reads, then new/held/rejected counts, new groups and lookalike warnings', async () => {
    const { core, handlers, jobs } = await unlocked();
    const { running, finished } = await watch(core, jobs, () => handlers['bundles:import']({ paths: ['/media/stick/kras.samizdat'] }));
    expect(running).toMatchObject({ kind: 'import', state: 'running', progress: { phase: 'reading bundle', done: 512, total: 1024 }, result: null });
    expect(finished).toMatchObject({ kind: 'import', state: 'done', error: null });
    const summary = finished.result!.summary;
    expect(summary).toContain('/media/stick/kras.samizdat');
    expect(summary).toContain('new: 1 statement, 2 signatures, 1 chain link, 1 link signature');
    expect(summary).toContain('already held: nothing');
    expect(summary).toContain('rejected: 1');
    expect(summary).toContain('REJECTED signature');
    expect(summary).toContain(`first seen: group "${HOSTILE_GROUP_NAME}"`);
    expect(summary).toContain('fingerprint 99999 88888 77777 66666');
    expect(summary).toMatch(/WARNING: its name looks like that of group "KRAS-IWA" .* it may be an impostor/);
    expect(finished.result!.details).toEqual({
      kind: 'import',
      import: {
        files: [
          {
            path: '/media/stick/kras.samizdat',
            envelope: 'clear',
            added: { links: 1, linkSignatures: 1, statements: 1, signatures: 2, attachments: 0 },
            held: { links: 0, linkSignatures: 0, statements: 0, signatures: 0, attachments: 0 },
            rejected: [{ kind: 'signature', id: hexId('bad'), reason: 'bad-signature', message: 'the signature of key abc is not valid' }],
            rejectedCount: 1,
            newGroups: [
              {
                groupId: hexId('group:impostor'),
                name: HOSTILE_GROUP_NAME,
                fingerprint: '99999 88888 77777 66666',
                lookalikes: [{ groupId: hexId('group:kras'), name: 'KRAS-IWA', kind: 'confusable' }],
              },
            ],
            statements: 1,
          },
        ],
        failed: [],
      },
    });
    expect(JSON.stringify(finished)).not.toMatch(/SECRET|rawBundle/);
    expect(JSON.parse(JSON.stringify(finished))).toEqual(finished);
    expect(core.calls).toEqual(['import /media/stick/kras.samizdat']);
  });

  it('passes a bundle passphrase to the core, and names the files that failed beside those imported', async () => {
    const { core, handlers, jobs } = await unlocked();
    const { jobId } = await handlers['bundles:import']({ paths: ['/a.samizdat', '/missing.samizdat'], passphrase: 'open sesame' });
    await jobs.settled();
    const job = jobs.get(jobId)!;
    expect(core.calls).toEqual(['import /a.samizdat /missing.samizdat with passphrase']);
    expect(job.state).toBe('done');
    expect(job.result!.summary).toMatch(/FAILED \/missing\.samizdat: exchange: cannot read .*nothing of this file was imported/);
    expect(job.result!.details).toMatchObject({ kind: 'import', import: { failed: [{ path: '/missing.samizdat', error: { code: 'exchange.io', kind: 'io' } }] } });
  });

  it('fails the job with the core’s typed error when nothing could be imported', async () => {
    const { handlers, jobs } = await unlocked();
    const { jobId } = await handlers['bundles:import']({ paths: ['/missing.samizdat'] });
    await jobs.settled();
    expect(jobs.get(jobId)).toMatchObject({ state: 'failed', result: null, error: { code: 'exchange.io', kind: 'io' } });
  });
});

describe('bundles:export', () => {
  it('runs as a job reporting records written, and ends with what was written and why', async () => {
    const { core, handlers, jobs } = await unlocked();
    const id = core.statements[0]!.id;
    const { running, finished } = await watch(core, jobs, () => handlers['bundles:export']({ ids: [id], out: '/media/stick/out.samizdat', mode: 'auto' }));
    expect(running).toMatchObject({ kind: 'export', state: 'running', progress: { phase: 'writing records', done: 3, total: 7 } });
    expect(finished.state).toBe('done');
    expect(finished.result!.summary).toMatch(/^wrote \/media\/stick\/out\.samizdat \(4096 bytes\): 1 statement, 2 signatures, 4 chain links, 0 attachments\n {2}in clear: every statement is released\n {2}sha256 [0-9a-f]{64}$/);
    expect(finished.result!.details).toEqual({
      kind: 'export',
      export: {
        out: '/media/stick/out.samizdat',
        bytes: 4096,
        sha256: hexId('bundle'),
        envelope: 'clear',
        encryptedTo: [],
        recipients: 0,
        reason: 'all-released',
        drafts: 0,
        counts: { links: 4, statements: 1, signatures: 2, attachments: 0 },
      },
    });
    expect(JSON.stringify(finished)).not.toMatch(/SECRET|rawBundle/);
    expect(core.calls).toEqual([`export ${id} auto /media/stick/out.samizdat`]);
  });

  it('hands the groups to encrypt to through to the core', async () => {
    const { core, handlers, jobs } = await unlocked();
    const group = hexId('group:kras');
    const { jobId } = await handlers['bundles:export']({ ids: [core.statements[1]!.id], out: '/tmp/x.samizdat', mode: 'members', to: [group] });
    await jobs.settled();
    expect(jobs.get(jobId)!.result!.summary).toContain('encrypted to the members of the groups chosen (3 member keys)');
    expect(jobs.get(jobId)!.result!.details).toMatchObject({ export: { envelope: 'members', encryptedTo: [group] } });
  });
});

describe('bundles:sync', () => {
  it('runs as a job reporting its phases, and ends with what it read, left alone and wrote', async () => {
    const { core, handlers, jobs } = await unlocked();
    const { running, finished } = await watch(core, jobs, () => handlers['bundles:sync']({ dir: '/media/stick' }));
    expect(running).toMatchObject({ kind: 'sync', state: 'running', progress: { phase: 'reading the folder', done: 0, total: null } });
    expect(finished.state).toBe('done');
    const summary = finished.result!.summary;
    expect(summary).toMatch(/^synced with \/media\/stick: 2 bundles read/);
    expect(summary).toContain('/media/stick/a.samizdat');
    expect(summary).toContain('1 bundle(s) encrypted to other keys or sealed with a passphrase: left alone');
    expect(summary).toMatch(/wrote \/media\/stick\/[0-9a-f]{64}\.samizdat \(5 records, clear\)/);
    expect(finished.result!.details).toMatchObject({ kind: 'sync', sync: { folder: '/media/stick', bundlesRead: 2, notForUs: ['/media/stick/theirs.samizdat'] } });
    expect(JSON.stringify(finished)).not.toMatch(/SECRET|rawBundle/);
    expect(core.calls).toEqual(['sync /media/stick']);
  });
});

describe('drives:list', () => {
  it('returns the drives with declared fields only', async () => {
    const { handlers } = await unlocked();
    const drives = await handlers['drives:list']({});
    expect(drives).toEqual(FAKE_DRIVES);
    expect(JSON.stringify(drives)).not.toMatch(/SECRET|rawBundle/);
  });
});

// The handler table: schemas run before handlers, the vault gate, view models stripped to their
// declared fields, and job progress by polling. The exchange channels: exchange-handlers.test.ts.

import { CHANNELS } from '../../../src/shared/channels.js';
import { describe, expect, it } from 'vitest';
import { createHandlers } from '../../../src/app/handlers.js';
import { ContractError } from '../../../src/app/errors.js';
import { SamizdatError } from '../../../src/core/errors.js';
import { JobRegistry } from '../../../src/app/jobs.js';
import { createFakeCore, FAKE_PASSPHRASE, hexId } from './fake-core.js';

async function unlocked() {
  const core = createFakeCore({ statements: 1234 });
  const jobs = new JobRegistry();
  const handlers = createHandlers(core, { jobs });
  await handlers['vault:unlock']({ passphrase: FAKE_PASSPHRASE });
  return { core, handlers, jobs };
}

describe('argument validation', () => {
  it('rejects a bad argument with a typed error naming the channel and the field, before the core is called', async () => {
    const { core, handlers } = await unlocked();
    core.calls.length = 0;
    const bad = handlers['statements:list']({ after: 'not a cursor', limit: 10 });
    await expect(bad).rejects.toBeInstanceOf(ContractError);
    await expect(bad).rejects.toMatchObject({ code: 'ipc.invalid-argument', kind: 'usage' });
    await expect(bad).rejects.toThrow(/^ipc: statements:list: invalid argument: after: /);
    expect(core.calls).toEqual([]);
  });

  it('refuses a page larger than 500', async () => {
    const { handlers } = await unlocked();
    await expect(handlers['statements:list']({ after: null, limit: 501 })).rejects.toThrow(/limit: .*500/);
  });

  it('refuses unexpected keys, wrong types and missing arguments', async () => {
    const { handlers } = await unlocked();
    const loose = handlers as unknown as Record<string, (a: unknown) => Promise<unknown>>;
    await expect(loose['statements:list']!({ after: null, limit: 10, all: true })).rejects.toThrow(/Unrecognized key/);
    await expect(loose['statements:list']!({ after: 0, limit: 10 })).rejects.toThrow(/after/);
    await expect(loose['statements:list']!({ offset: 0, limit: 10 })).rejects.toThrow(/offset|after/);
    await expect(loose['vault:status']!(undefined)).rejects.toThrow(/invalid argument/);
    await expect(loose['statements:show']!({ id: '../../etc/passwd' })).rejects.toThrow(/id: expected an id/);
    await expect(loose['vault:unlock']!({ passphrase: '' })).rejects.toThrow(/passphrase is empty/);
  });

  it('has a handler for exactly the contract channels, frozen', async () => {
    const { handlers } = await unlocked();
    expect(Object.isFrozen(handlers)).toBe(true);
    expect(Object.keys(handlers).sort()).toEqual([...CHANNELS].sort());
  });
});

describe('the vault gate', () => {
  it('answers status, unlock and lock; refuses data while locked', async () => {
    const core = createFakeCore();
    const handlers = createHandlers(core);
    expect(await handlers['vault:status']({})).toEqual({ exists: true, unlocked: false, identity: null });
    await expect(handlers['statements:list']({ after: null, limit: 10 })).rejects.toMatchObject({ code: 'vault.locked', kind: 'vault' });
    await expect(handlers['groups:list']({})).rejects.toMatchObject({ code: 'vault.locked' });
    await expect(handlers['bundles:import']({ paths: ['/tmp/a.samizdat'] })).rejects.toMatchObject({ code: 'vault.locked' });
    await expect(handlers['vault:unlock']({ passphrase: 'wrong' })).rejects.toBeInstanceOf(SamizdatError);
    expect(await handlers['vault:unlock']({ passphrase: FAKE_PASSPHRASE })).toEqual({ exists: true, unlocked: true, identity: null });
    expect(await handlers['vault:lock']({})).toEqual({ exists: true, unlocked: false, identity: null });
    await expect(handlers['statements:list']({ after: null, limit: 10 })).rejects.toMatchObject({ code: 'vault.locked' });
  });
});

describe('view models', () => {
  it('pages statements with the cursor core gives, and keeps only declared fields', async () => {
    const { handlers, core } = await unlocked();
    const first = await handlers['statements:list']({ after: null, limit: 500 });
    expect(first.items).toHaveLength(500);
    expect(first.next).not.toBeNull();
    const page = await handlers['statements:list']({ after: 'at1200', limit: 50 });
    expect(page.total).toBe(1234);
    expect(page.next).toBeNull();
    expect(page.items).toHaveLength(34);
    expect(page.items[0]!.id).toBe(core.statements[1200]!.id);
    expect(Object.keys(page.items[0]!).sort()).toEqual(['authors', 'date', 'id', 'lang', 'released', 'signatures', 'status', 'title']);
    expect(JSON.stringify(page)).not.toMatch(/SECRET|rawBundle/);
  });

  it('never returns more than the page asked for, even from a careless core', async () => {
    const core = createFakeCore({ statements: 100 });
    core.listStatements = async () => ({ total: 100, items: core.statements, next: null });
    const handlers = createHandlers(core);
    await handlers['vault:unlock']({ passphrase: FAKE_PASSPHRASE });
    expect((await handlers['statements:list']({ after: null, limit: 10 })).items).toHaveLength(10);
  });

  it('shows a statement and its verification report without secrets; unknown ids are typed errors', async () => {
    const { handlers, core } = await unlocked();
    const id = core.statements[3]!.id;
    const shown = await handlers['statements:show']({ id });
    expect(shown).toMatchObject({ id, body: 'Body of statement 4.', relations: [] });
    expect(JSON.stringify(shown)).not.toMatch(/SECRET|rawBundle/);
    const report = await handlers['statements:verify']({ id });
    expect(report).toMatchObject({ statementId: id, released: false, ok: false });
    expect(report.groups[0]!.problems[0]).toEqual({ code: 'threshold-not-met', severity: 'error', message: '1 of 2 signatures', subject: null });
    expect(JSON.stringify(report)).not.toMatch(/SECRET/);
    await expect(handlers['statements:show']({ id: hexId('nope') })).rejects.toMatchObject({ code: 'vault.statement-not-found' });
    const groups = await handlers['groups:list']({});
    expect(groups.map((g) => g.name)).toEqual(['KRAS-IWA', 'Federation']);
    expect(JSON.stringify(groups)).not.toMatch(/SECRET/);
  });

  it('returns only JSON, which both transports carry identically', async () => {
    const { handlers, core } = await unlocked();
    const results = [
      await handlers['statements:list']({ after: null, limit: 5 }),
      await handlers['statements:show']({ id: core.statements[0]!.id }),
      await handlers['statements:verify']({ id: core.statements[0]!.id }),
      await handlers['groups:list']({}),
    ];
    for (const r of results) expect(JSON.parse(JSON.stringify(r))).toEqual(r);
  });
});

describe('jobs', () => {
  it('reports progress while running and the result when done', async () => {
    const jobs = new JobRegistry();
    let finish!: () => void;
    const id = jobs.start('import', async (report) => {
      report({ phase: 'reading kras.samizdat', step: 'reading', file: 'kras.samizdat', fileIndex: 1, files: 2, done: 3, total: 10 });
      await new Promise<void>((resolve) => (finish = resolve));
      return { summary: '10 statements imported' };
    });
    await new Promise((r) => setTimeout(r, 0));
    expect(jobs.get(id)).toMatchObject({ state: 'running', progress: { phase: 'reading kras.samizdat', step: 'reading', file: 'kras.samizdat', fileIndex: 1, files: 2, done: 3, total: 10 } });
    finish();
    await jobs.settled();
    expect(jobs.get(id)).toMatchObject({ state: 'done', result: { summary: '10 statements imported', details: null }, error: null });
  });

  it('polling an unknown job is a typed error', async () => {
    const { handlers } = await unlocked();
    await expect(handlers['jobs:poll']({ jobId: '00000000-0000-4000-8000-000000000000' })).rejects.toMatchObject({ code: 'ipc.job-not-found' });
  });

  it('forgets old finished jobs', async () => {
    const jobs = new JobRegistry();
    for (let i = 0; i < 60; i++) jobs.start('import', async () => ({ summary: `${i}` }));
    await jobs.settled();
    await new Promise((r) => setTimeout(r, 0));
    expect(jobs.list()).toHaveLength(50);
    expect(jobs.list()[0]!.result).toEqual({ summary: '59', details: null });
  });
});

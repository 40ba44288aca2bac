// The real core behind the handler table, over temporary vaults: import a bundle made with the
// core, export (auto, clear, members, passphrase), sync two vaults through a folder, and the
// mutex that keeps every other call (and the lock) away from a running import.

import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHandlers } from '../../../src/app/handlers.js';
import { JobRegistry } from '../../../src/app/jobs.js';
import type { AppCore } from '../../../src/app/ports.js';
import { createVaultCore } from '../../../src/app/vault-core.js';
import { writeStreamAtomic } from '../../../src/core/exchange/atomic.js';
import { bundleChunks, closureOf } from '../../../src/core/exchange/export.js';
import { createGroup } from '../../../src/core/service/groups.js';
import { createIdentity } from '../../../src/core/service/identity.js';
import { createStatement, signStatement, type AttachmentInput } from '../../../src/core/service/statements.js';
import { Vault } from '../../../src/core/store/vault.js';
import { groupFingerprint } from '../../../src/core/verify/statement.js';
import type { JobProgress } from '../../../src/shared/view-models.js';

const PASS = 'vault passphrase of the test';
const BUNDLE_PASS = 'a long bundle passphrase';
const MiB = 1024 * 1024;

interface Device {
  dir: string;
  group: string;
  released: string;
  draft: string;
}

/** A vault with a member, her group (threshold 1), a released statement and a draft. */
async function device(root: string, name: string, groupName: string, attachments: AttachmentInput[] = []): Promise<Device> {
  const dir = join(root, name);
  const v = await Vault.create(dir, PASS, 'interactive');
  try {
    createIdentity(v, name);
    const group = createGroup(v, { name: groupName, cards: [], release: 1 }).id;
    const statement = (title: string, extra: AttachmentInput[] = []) =>
      createStatement(v, { authors: [group], title, lang: 'en', date: '2024-03-01', body: `${title}, by ${name}.`, relations: [], attachments: extra }).id;
    const released = statement(`Released by ${name}`, attachments);
    signStatement(v, released, { endorse: false });
    const draft = statement(`Draft by ${name}`);
    return { dir, group, released, draft };
  } finally {
    v.close();
  }
}

/** A clear bundle of `ids`, written with the core's own export functions. */
async function bundleOf(d: Device, ids: string[], out: string): Promise<string> {
  const v = await Vault.open(d.dir, PASS);
  try {
    await writeStreamAtomic(out, bundleChunks(v, closureOf(v, { statements: ids })));
  } finally {
    v.close();
  }
  return out;
}

async function opened(d: Device): Promise<AppCore> {
  const core = createVaultCore(d.dir);
  await core.unlock(PASS);
  return core;
}

const titles = async (core: AppCore) => (await core.listStatements(null, 100)).items.map((s) => s.title).sort();

function recorder() {
  const seen: JobProgress[] = [];
  return { seen, report: (p: JobProgress) => void seen.push({ ...p }) };
}

describe('the vault core over real vaults', () => {
  let root: string;
  let olga: Device;
  let anna: Device;
  let cores: AppCore[] = [];
  const open = async (d: Device) => {
    const core = await opened(d);
    cores.push(core);
    return core;
  };

  beforeAll(async () => {
    root = mkdtempSync(join(tmpdir(), 'samizdat-vault-core-'));
    olga = await device(root, 'Olga', 'KRAS-IWA');
    // Anna's union took the same name: a group first seen under it must come with a warning.
    anna = await device(root, 'Anna', 'KRAS-IWA');
  });

  afterAll(async () => {
    for (const core of cores) await core.lock();
    cores = [];
    rmSync(root, { recursive: true, force: true });
  });

  it('imports a bundle made with the core: bytes as progress, counts, the new group with its fingerprint and a lookalike warning', async () => {
    const file = await bundleOf(olga, [olga.released], join(root, 'olga-released.samizdat'));
    const size = readFileSync(file).length;
    const core = await open(anna);
    const { seen, report } = recorder();
    const result = await core.importBundles([file], undefined, report);
    expect(seen[0]).toEqual({ phase: 'looking for bundles', step: 'finding', file: null, fileIndex: null, files: null, done: 0, total: null });
    expect(seen.at(-1)).toEqual({ phase: 'reading olga-released.samizdat', step: 'reading', file: 'olga-released.samizdat', fileIndex: 1, files: 1, done: size, total: size });
    expect(result.failed).toEqual([]);
    expect(result.files).toHaveLength(1);
    const [imported] = result.files;
    expect(imported).toMatchObject({
      path: file,
      envelope: 'clear',
      added: { links: 1, linkSignatures: 1, statements: 1, signatures: 1, attachments: 0 },
      held: { links: 0, statements: 0, signatures: 0 },
      rejected: [],
      rejectedCount: 0,
      statements: 1,
    });
    expect(imported!.newGroups).toEqual([
      { groupId: olga.group, name: 'KRAS-IWA', fingerprint: groupFingerprint(olga.group), lookalikes: [{ groupId: anna.group, name: 'KRAS-IWA', kind: 'same-name' }] },
    ]);
    expect(await titles(core)).toEqual(['Draft by Anna', 'Released by Anna', 'Released by Olga']);
    expect(JSON.parse(JSON.stringify(result))).toEqual(result);

    // Again, as a folder: everything is held now, nothing is new.
    const folder = join(root, 'again');
    mkdirSync(folder);
    writeFileSync(join(folder, 'copy.samizdat'), readFileSync(file));
    const again = await core.importBundles([folder], undefined, () => undefined);
    expect(again.files[0]).toMatchObject({ path: join(folder, 'copy.samizdat'), added: { statements: 0, links: 0 }, held: { statements: 1, links: 1 }, newGroups: [] });
  });

  it('refuses what cannot be imported with typed errors; a bad file among good ones is reported, not fatal', async () => {
    const core = await open(anna);
    await expect(core.importBundles([join(root, 'nowhere.samizdat')], undefined, () => undefined)).rejects.toMatchObject({ code: 'exchange.io', kind: 'io' });
    const empty = join(root, 'empty-folder');
    mkdirSync(empty);
    await expect(core.importBundles([empty], undefined, () => undefined)).rejects.toMatchObject({ code: 'exchange.no-bundles', kind: 'usage' });
    // Not a bundle: said so without quoting the file (the renderer could name any file of this user's).
    const junk = join(root, 'junk.samizdat');
    writeFileSync(junk, 'token=SECRET-FIRST-LINE\nmore\n');
    const good = await bundleOf(olga, [olga.released], join(root, 'good.samizdat'));
    const mixed = await core.importBundles([junk, good], undefined, () => undefined);
    expect(mixed.files.map((f) => f.path)).toEqual([good]);
    expect(mixed.failed).toEqual([
      { path: junk, error: { code: 'bundle.b-magic', kind: 'input', message: 'bundle: this is not a Samizdat bundle (it does not begin with "samizdat-bundle/v1") (B-MAGIC)' } },
    ]);
    const twice = core.importBundles([junk, junk], undefined, () => undefined);
    await expect(twice).rejects.toThrow(/none of the 2 files was imported; the first: bundle: this is not a Samizdat bundle/);
    await expect(twice).rejects.not.toThrow(/SECRET/);
    await expect(core.importBundles([junk], undefined, () => undefined)).rejects.not.toThrow(/SECRET/);
  });

  it('exports: auto writes released statements in clear and drafts encrypted to their groups; records as progress; never replaces a file', async () => {
    const core = await open(olga);
    const clearOut = join(root, 'auto-released.samizdat');
    const { seen, report } = recorder();
    const released = await core.exportBundle({ ids: [olga.released], out: clearOut, mode: 'auto' }, report);
    expect(released).toMatchObject({ out: clearOut, envelope: 'clear', reason: 'all-released', encryptedTo: [], recipients: 0, drafts: 0, counts: { links: 1, statements: 1, signatures: 1, attachments: 0 } });
    expect(released.bytes).toBe(readFileSync(clearOut).length);
    expect(seen[0]).toEqual({ phase: 'collecting what the bundle carries', step: 'collecting', file: 'auto-released.samizdat', fileIndex: null, files: null, done: 0, total: null });
    expect(seen.at(-1)).toEqual({ phase: 'writing records', step: 'writing', file: 'auto-released.samizdat', fileIndex: null, files: null, done: 3, total: 3 });

    const draftOut = join(root, 'auto-draft.samizdat');
    const sealing = recorder();
    const draft = await core.exportBundle({ ids: [olga.draft], out: draftOut, mode: 'auto' }, sealing.report);
    // Encrypted as it is written: the step says so, for the UI to word.
    expect(sealing.seen.at(-1)).toMatchObject({ step: 'encrypting', file: 'auto-draft.samizdat' });
    expect(sealing.seen.at(-1)!.done).toBe(sealing.seen.at(-1)!.total);
    expect(draft).toMatchObject({ envelope: 'members', reason: 'drafts', drafts: 1, encryptedTo: [olga.group], recipients: 1 });
    expect(readFileSync(draftOut).subarray(0, 21).toString()).toBe('age-encryption.org/v1');

    const clearDraft = await core.exportBundle({ ids: [olga.draft], out: join(root, 'clear-draft.samizdat'), mode: 'clear' }, () => undefined);
    expect(clearDraft).toMatchObject({ envelope: 'clear', reason: 'clear-requested' });
    const toGroup = await core.exportBundle({ ids: [olga.released], out: join(root, 'members.samizdat'), mode: 'members', to: [olga.group] }, () => undefined);
    expect(toGroup).toMatchObject({ envelope: 'members', reason: 'groups-named', encryptedTo: [olga.group], recipients: 1 });

    const before = readFileSync(clearOut);
    await expect(core.exportBundle({ ids: [olga.draft], out: clearOut, mode: 'clear' }, () => undefined)).rejects.toMatchObject({ code: 'exchange.out-exists', kind: 'usage' });
    expect(readFileSync(clearOut).equals(before)).toBe(true);
    await expect(core.exportBundle({ ids: ['f'.repeat(64)], out: join(root, 'nothing.samizdat'), mode: 'auto' }, () => undefined)).rejects.toMatchObject({ code: 'exchange.no-such-statement' });
    expect(existsSync(join(root, 'nothing.samizdat'))).toBe(false);

    // Anna holds no key of Olga's group: the draft is not for her vault.
    const annaCore = await open(anna);
    await expect(annaCore.importBundles([draftOut], undefined, () => undefined)).rejects.toMatchObject({ code: 'bundle.not-for-this-vault' });
  });

  it('seals with a passphrase; importing it asks for the passphrase, in the app’s terms', async () => {
    const core = await open(olga);
    const out = join(root, 'sealed.samizdat');
    expect(await core.exportBundle({ ids: [olga.draft], out, mode: 'passphrase', passphrase: BUNDLE_PASS }, () => undefined)).toMatchObject({ envelope: 'passphrase', reason: 'passphrase' });
    const annaCore = await open(anna);
    const missing = annaCore.importBundles([out], undefined, () => undefined);
    await expect(missing).rejects.toMatchObject({ code: 'bundle.needs-passphrase', kind: 'usage' });
    await expect(missing).rejects.toThrow("bundle: this bundle is sealed with a passphrase: give the bundle's passphrase with the import and try again");
    await expect(annaCore.importBundles([out], 'not the passphrase', () => undefined)).rejects.toMatchObject({ code: 'bundle.wrong-passphrase' });
    const result = await annaCore.importBundles([out], BUNDLE_PASS, () => undefined);
    expect(result.files[0]).toMatchObject({ envelope: 'passphrase', added: { statements: 1 } });
    expect(await titles(annaCore)).toContain('Draft by Olga');
  });

  it('syncs two vaults through a folder, with its phases as progress', async () => {
    const vera = await device(root, 'Vera', 'Federation');
    const ivan = await device(root, 'Ivan', 'Dockers');
    const folder = join(root, 'drop');
    mkdirSync(folder);
    const v = await open(vera);
    const i = await open(ivan);

    const first = recorder();
    const wrote = await v.syncFolder(folder, first.report);
    expect(wrote).toMatchObject({ folder, bundlesRead: 0, imported: [], notForUs: [], failed: [] });
    expect(wrote.written.map((w) => w.envelope).sort()).toEqual(['clear', 'members']);
    for (const w of wrote.written) expect(w.path).toMatch(/[0-9a-f]{64}\.samizdat$/);
    expect(first.seen[0]).toEqual({ phase: 'reading the folder', step: 'folder', file: null, fileIndex: null, files: null, done: 0, total: null });
    expect(first.seen.some((p) => p.phase === 'writing a bundle' && p.step === 'writing' && p.total !== null && p.done === p.total)).toBe(true);

    const second = recorder();
    const both = await i.syncFolder(folder, second.report);
    expect(both.bundlesRead).toBe(1); // Vera's clear bundle; her drafts are for her group only
    expect(both.notForUs).toHaveLength(1);
    expect(both.imported[0]).toMatchObject({ added: { statements: 1 }, newGroups: [{ groupId: vera.group, name: 'Federation', fingerprint: groupFingerprint(vera.group), lookalikes: [] }] });
    expect(second.seen.some((p) => /^reading [0-9a-f]{64}\.samizdat$/.test(p.phase) && p.done === p.total)).toBe(true);
    // Each file read is named and counted (the folder's total is not known ahead).
    const reads = second.seen.filter((p) => p.step === 'reading');
    expect(reads.length).toBeGreaterThan(0);
    for (const p of reads) expect(p).toMatchObject({ file: expect.stringMatching(/^[0-9a-f]{64}\.samizdat$/), files: null });
    const indexes = [...new Set(reads.map((p) => p.fileIndex))];
    expect(indexes).toEqual(indexes.map((_, n) => n + 1));
    expect(new Set(reads.map((p) => p.file)).size).toBe(indexes.length);
    expect(await titles(i)).toEqual(['Draft by Ivan', 'Released by Ivan', 'Released by Vera']);

    const third = await v.syncFolder(folder, () => undefined);
    expect(third.imported.flatMap((b) => b.newGroups.map((g) => g.name))).toEqual(['Dockers']);
    expect(await titles(v)).toEqual(['Draft by Vera', 'Released by Ivan', 'Released by Vera']);
    expect(readdirSync(folder).filter((n) => n.startsWith('.'))).toEqual([]);
    await expect(v.syncFolder(join(root, 'no-such-folder'), () => undefined)).rejects.toMatchObject({ kind: 'io' });

    // A file of the folder that is not a bundle fails alone, unquoted; the rest of the sync goes on.
    writeFileSync(join(folder, 'notes.samizdat'), 'SECRET-FIRST-LINE\n');
    const withJunk = await v.syncFolder(folder, () => undefined);
    expect(withJunk.failed).toEqual([{ path: join(folder, 'notes.samizdat'), error: expect.objectContaining({ code: 'bundle.b-magic', kind: 'input' }) }]);
    expect(JSON.stringify(withJunk)).not.toContain('SECRET');
  });

  it('lists the removable drives as view models, without an open vault', async () => {
    const drives = await createVaultCore(join(root, 'never-opened')).listDrives();
    expect(Array.isArray(drives)).toBe(true);
    for (const d of drives) expect(Object.keys(d).sort()).toEqual(['device', 'freeBytes', 'fsType', 'label', 'path', 'sizeBytes']);
  });

  it('is locked until unlocked, and every call says so', async () => {
    const core = createVaultCore(olga.dir);
    await expect(core.listStatements(null, 1)).rejects.toMatchObject({ code: 'vault.locked' });
    await expect(core.importBundles(['/x.samizdat'], undefined, () => undefined)).rejects.toMatchObject({ code: 'vault.locked' });
    await expect(core.exportBundle({ ids: [olga.released], out: '/x.samizdat', mode: 'auto' }, () => undefined)).rejects.toMatchObject({ code: 'vault.locked' });
    await expect(core.syncFolder('/x', () => undefined)).rejects.toMatchObject({ code: 'vault.locked' });
  });
});

describe('one thing at a time on the vault', () => {
  let root: string;
  let olga: Device;
  let anna: Device;
  let big: string;

  beforeAll(async () => {
    root = mkdtempSync(join(tmpdir(), 'samizdat-mutex-'));
    // An attachment of 3 MiB: the bundle is read in several chunks, the later ones inside the import's transaction.
    olga = await device(root, 'Olga', 'KRAS-IWA', [{ name: 'leaflet.pdf', mediaType: 'application/pdf', data: randomBytes(3 * MiB) }]);
    anna = await device(root, 'Anna', 'Federation');
    big = await bundleOf(olga, [olga.released], join(root, 'big.samizdat'));
  });

  afterAll(() => rmSync(root, { recursive: true, force: true }));

  it('a read and a lock that arrive during an import wait for it to commit; the import is not torn', async () => {
    const core = createVaultCore(anna.dir);
    await core.unlock(PASS);
    const order: string[] = [];
    let during: Promise<unknown>[] = [];
    let inTransaction = false;
    const result = core
      .importBundles([big], undefined, (p) => {
        // The second megabyte is read after the transaction began (the first one told the envelope).
        if (!inTransaction && p.done > MiB) {
          inTransaction = true;
          during = [
            core.listStatements(null, 10).then((page) => order.push(`list ${page.total}`)),
            core.lock().then(() => order.push('lock')),
            core.listStatements(null, 10).then(
              () => order.push('read after lock'),
              (err: { code: string }) => order.push(`refused: ${err.code}`),
            ),
          ];
        }
      })
      .then((r) => {
        order.push('import');
        return r;
      });
    const imported = await result;
    await Promise.all(during);
    expect(inTransaction).toBe(true);
    expect(order).toEqual(['import', 'list 3', 'lock', 'refused: vault.locked']);
    expect(imported.files[0]).toMatchObject({ added: { statements: 1, attachments: 1 } });
    expect(core.isUnlocked()).toBe(false);

    // What the import wrote was committed before the lock closed the database.
    await core.unlock(PASS);
    expect(await titles(core)).toEqual(['Draft by Anna', 'Released by Anna', 'Released by Olga']);
    await core.lock();
  });

  it('vault:lock waits for a running import job, which then finishes', async () => {
    const annaAgain = await device(root, 'Anna2', 'Federation');
    const core = createVaultCore(annaAgain.dir);
    const jobs = new JobRegistry();
    const handlers = createHandlers(core, { jobs });
    await handlers['vault:unlock']({ passphrase: PASS });
    const { jobId } = await handlers['bundles:import']({ paths: [big] });
    const locked = await handlers['vault:lock']({});
    // By the time the lock answers, the job it waited for is over.
    expect(locked).toMatchObject({ unlocked: false });
    expect(jobs.get(jobId)).toMatchObject({ state: 'done', progress: { phase: 'reading big.samizdat', step: 'reading', file: 'big.samizdat', fileIndex: 1, files: 1 } });
    expect(jobs.get(jobId)!.result!.summary).toMatch(/new: 1 statement, 1 signature, 1 chain link, 1 link signature, 1 attachment/);
    expect(jobs.get(jobId)!.result!.summary).toContain(`first seen: group "KRAS-IWA" ${olga.group.slice(0, 12)}, fingerprint ${groupFingerprint(olga.group)}`);
  });
});

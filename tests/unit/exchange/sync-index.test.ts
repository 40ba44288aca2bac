// Sync in time proportional to what is new (issue 10; src/core/exchange/sync.ts, migration 0005):
// a second sync of an unchanged folder reads none of its files and writes nothing, to the folder
// or the vault; a new or changed file is read, a renamed, copied or touched one only hashed; a file
// gone from the folder has its objects written again; what the vault stored between syncs by any
// other way (a stick, a signature) is written out, a draft that became released in clear; files
// read in an order that loses signatures are read again until nothing new arrives; two vaults
// converge. Reads are counted through syncFolder's openFile; writes through a vault whose every
// method call is recorded. After each incremental sync, a rescan (every file read again, the whole
// vault compared) must find nothing more to write: the index never hides what the folder lacks.
import { copyFileSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ioError } from '../../../src/core/io.js';
import { writeStreamAtomic } from '../../../src/core/exchange/atomic.js';
import { bundleChunks, closureOf } from '../../../src/core/exchange/export.js';
import { openBundleFile } from '../../../src/core/exchange/files.js';
import { importBundle } from '../../../src/core/exchange/import.js';
import { openersFor } from '../../../src/core/exchange/seal.js';
import { syncFolder, type SyncOptions, type SyncReport } from '../../../src/core/exchange/sync.js';
import { canonicalBytes } from '../../../src/core/model/canonical.js';
import { objectId } from '../../../src/core/model/objects.js';
import type { ChainLink, Statement, StatementSignature } from '../../../src/core/model/types.js';
import { createGroup } from '../../../src/core/service/groups.js';
import { createIdentity, memberCard } from '../../../src/core/service/identity.js';
import { createStatement, isReleased, signStatement } from '../../../src/core/service/statements.js';
import { Vault } from '../../../src/core/store/vault.js';
import { sortRecords, written, type Item } from '../bundle/helpers.js';
import { signStatement as signedBy, statementBy, threeMemberGroup } from '../../helpers/core.js';
import { PASS, tempRoot } from '../store/helpers.js';

let tmp: ReturnType<typeof tempRoot>;
const vaults: Vault[] = [];
async function newVault(name: string, member?: string): Promise<Vault> {
  const v = await Vault.create(join(tmp.root, name), PASS, 'interactive');
  vaults.push(v);
  if (member) createIdentity(v, member);
  return v;
}
beforeEach(() => {
  tmp = tempRoot();
});
afterEach(() => {
  for (const v of vaults.splice(0)) if (v.isOpen) v.close();
  tmp.cleanup();
});

const folderIn = (name: string): string => {
  const dir = join(tmp.root, name);
  mkdirSync(dir);
  return dir;
};

/** The methods that change a vault or its sync index. */
const VAULT_WRITES = ['setIdentity', 'rotateIdentityKeys', 'upsertGroup', 'setTrust', 'putLink', 'putStatement', 'putSignature', 'deleteSignature', 'deleteLinkSignature', 'putReleaseState', 'putAttachment', 'beginAttachment', 'transaction', 'transactionAsync'];
const INDEX_WRITES = ['addFolder', 'setWatermark', 'forget', 'setFile', 'removeFile', 'putContent', 'collect', 'transaction'];

/** The vault as syncFolder sees it, every method call recorded (the sync index's too). */
function watched(vault: Vault): { vault: Vault; writes: () => string[]; calls: string[] } {
  const calls: string[] = [];
  const record = <T extends object>(target: T, prefix: string): T =>
    new Proxy(target, {
      get(t, p) {
        if (prefix === '' && p === 'syncIndex') return () => record(t.constructor === Vault ? (t as unknown as Vault).syncIndex() : t, 'index.');
        const value = Reflect.get(t, p, t) as unknown;
        if (typeof value !== 'function') return value;
        return (...args: unknown[]) => {
          calls.push(`${prefix}${String(p)}`);
          if (typeof args[0] === 'string') calls.push(`${prefix}${String(p)}(${args[0]})`);
          return (value as (...a: unknown[]) => unknown).apply(t, args);
        };
      },
    });
  return {
    vault: record(vault, ''),
    calls,
    writes: () => calls.filter((c) => (c.startsWith('index.') ? INDEX_WRITES.includes(c.slice(6)) : VAULT_WRITES.includes(c))),
  };
}

/** syncFolder with its file reads counted. */
async function sync(vault: Vault, folder: string, options: SyncOptions = {}): Promise<SyncReport & { reads: string[] }> {
  const reads: string[] = [];
  const report = await syncFolder(vault, folder, openersFor(vault), undefined, {
    ...options,
    openFile: (path, onBytes) => {
      reads.push(path);
      return openBundleFile(path, onBytes);
    },
  });
  return { ...report, reads };
}

/** Every file of the folder with its size and times: what "the folder is unchanged" compares. */
const snapshot = (folder: string): string[] =>
  readdirSync(folder)
    .sort()
    .map((n) => {
      const st = statSync(join(folder, n), { bigint: true });
      return `${n} ${st.size} ${st.mtimeNs} ${st.ctimeNs}`;
    });

/** A rescan after an incremental sync: every file read again and the whole vault compared must find nothing more to write. */
async function expectNothingHidden(vault: Vault, folder: string): Promise<void> {
  const full = await sync(vault, folder, { rescan: true });
  expect(full.written, 'a rescan found what the incremental sync did not write').toEqual([]);
}

const names = (paths: string[]) => paths.map((p) => p.slice(p.lastIndexOf('/') + 1)).sort();

/** A group of three (Alice, Bob, Carol; 2 to release) and `n` statements released by it, as objects. */
function released(n: number) {
  const { alice, bob, group } = threeMemberGroup();
  const statements = Array.from({ length: n }, (_, i) => {
    const { statement, id } = statementBy([group], { title: `Statement ${i}` });
    return { statement, id, sigs: [signedBy(id, group, alice), signedBy(id, group, bob)] };
  });
  return { group, statements };
}

const linkItem = (l: ChainLink): Item => ({ name: 'link', section: 'link', id: objectId(l), bytes: canonicalBytes(l) });
const statementItem = (s: Statement): Item => ({ name: 'statement', section: 'statement', id: objectId(s), bytes: canonicalBytes(s) });
const sigItem = (s: StatementSignature): Item => ({ name: 'signature', section: 'signature', id: objectId(s), bytes: canonicalBytes(s) });
const bundle = async (items: Item[]): Promise<Uint8Array> => written(sortRecords(items));
async function* one(bytes: Uint8Array): AsyncGenerator<Uint8Array> {
  yield bytes;
}

/** A folder of one bundle per statement (its chain, the statement, its signatures), as an export from another vault writes them. */
async function folderOfBundles(name: string, world: ReturnType<typeof released>): Promise<string> {
  const folder = folderIn(name);
  for (const [i, s] of world.statements.entries()) {
    writeFileSync(join(folder, `s${String(i).padStart(4, '0')}.samizdat`), await bundle([linkItem(world.group.charter), statementItem(s.statement), ...s.sigs.map(sigItem)]));
  }
  return folder;
}

describe('a second sync of an unchanged folder', () => {
  it('reads none of its files and writes nothing, to the folder or the vault', async () => {
    const world = released(12);
    const folder = await folderOfBundles('drop', world);
    const vault = await newVault('reader');
    const first = await sync(vault, folder);
    expect(first.reads).toHaveLength(12);
    expect(first.imported).toHaveLength(12);
    expect(first.failed).toEqual([]);
    expect(vault.countStatements()).toBe(12);
    expect(first.written).toEqual([]); // it holds nothing the folder lacks
    const before = snapshot(folder);

    const w = watched(vault);
    const second = await syncFolder(w.vault, folder, openersFor(vault), undefined, {
      openFile: () => {
        throw new Error('a second sync read a file');
      },
    });
    expect(second).toMatchObject({ imported: [], unchanged: 12, notForUs: [], failed: [], written: [] });
    expect(w.writes()).toEqual([]);
    expect(snapshot(folder)).toEqual(before);
    await expectNothingHidden(vault, folder);
  });

  it('made of what it wrote itself reads nothing either, and remembers what those files carry', async () => {
    const world = released(3);
    const writer = await newVault('writer');
    await importBundle(writer, one(await bundle([linkItem(world.group.charter), ...world.statements.flatMap((s) => [statementItem(s.statement), ...s.sigs.map(sigItem)])])), { boxSecrets: [] });
    const folder = folderIn('drop');
    const first = await sync(writer, folder);
    expect(first.written.map((w) => w.envelope)).toEqual(['clear']);
    const w = watched(writer);
    const reads: string[] = [];
    const second = await syncFolder(w.vault, folder, openersFor(writer), undefined, { openFile: (p, b) => (reads.push(p), openBundleFile(p, b)) });
    expect(reads).toEqual([]);
    expect(second).toMatchObject({ imported: [], unchanged: 1, written: [] });
    expect(w.writes()).toEqual([]);
    await expectNothingHidden(writer, folder);
  });

  it('still reports, without reading them, the bundles it cannot open and the files it refused', async () => {
    const olga = await newVault('olga', 'Olga');
    createGroup(olga, { name: 'Vorkuta Miners', cards: [], release: 1 });
    createStatement(olga, { authors: [olga.listGroups()[0]!.id], title: 'A draft', lang: 'en', date: '2024-03-01', body: 'Not yet.', relations: [], attachments: [] });
    const folder = folderIn('drop');
    await sync(olga, folder); // the charter in clear, the draft encrypted to the group
    writeFileSync(join(folder, 'notes.samizdat'), 'SECRET-FIRST-LINE\n');
    const polina = await newVault('polina', 'Polina');
    const first = await sync(polina, folder);
    expect(first.reads).toHaveLength(3);
    expect(first.notForUs).toHaveLength(1);
    expect(first.failed.map((f) => [names([f.path])[0], f.error.code, f.error.kind])).toEqual([['notes.samizdat', 'bundle.b-magic', 'input']]);
    const second = await sync(polina, folder);
    expect(second.reads).toEqual([]);
    expect(second.notForUs).toEqual(first.notForUs);
    expect(second.failed.map((f) => [f.path, f.error.code, f.error.kind, f.error.message, f.error.rule])).toEqual(first.failed.map((f) => [f.path, f.error.code, f.error.kind, f.error.message, f.error.rule]));
    expect(second.failed[0]?.error.exitCode).toBe(4);
    // The same refused bytes under another name are known by their hash: reported, not read again as a bundle.
    copyFileSync(join(folder, 'notes.samizdat'), join(folder, 'notes-copy.samizdat'));
    const third = await sync(polina, folder);
    expect(names(third.reads)).toEqual(['notes-copy.samizdat']); // hashed once
    expect(third.imported).toEqual([]);
    expect(names(third.failed.map((f) => f.path))).toEqual(['notes-copy.samizdat', 'notes.samizdat']);
  });
});

describe('a file that cannot be read this time', () => {
  it('is reported, carries nothing, and is read at the next sync', async () => {
    const world = released(3);
    const folder = await folderOfBundles('drop', world);
    const vault = await newVault('reader');
    const flaky = join(folder, 's0001.samizdat');
    const first = await syncFolder(vault, folder, openersFor(vault), undefined, {
      openFile: (path, onBytes) => {
        if (path === flaky) throw ioError('exchange', Object.assign(new Error('EIO'), { code: 'EIO' }), 'read', path);
        return openBundleFile(path, onBytes);
      },
    });
    expect(first.failed.map((f) => [f.path, f.error.kind])).toEqual([[flaky, 'io']]);
    expect(first.imported).toHaveLength(2);
    expect(vault.hasStatement(world.statements[1]!.id)).toBe(false);
    const next = await sync(vault, folder);
    expect(new Set(next.reads)).toEqual(new Set([flaky])); // hashed first (a size read before), then imported
    expect(next.failed).toEqual([]);
    expect(vault.hasStatement(world.statements[1]!.id)).toBe(true);
    expect((await sync(vault, folder)).reads).toEqual([]);
  });
});

describe('what changed in the folder', () => {
  it('a new file is read and imported, and only it', async () => {
    const world = released(6);
    const folder = await folderOfBundles('drop', released(4));
    const vault = await newVault('reader');
    await sync(vault, folder);
    const extra = join(folder, 'zz-new.samizdat');
    writeFileSync(extra, await bundle([linkItem(world.group.charter), statementItem(world.statements[0]!.statement), ...world.statements[0]!.sigs.map(sigItem)]));
    const next = await sync(vault, folder);
    expect(new Set(next.reads)).toEqual(new Set([extra])); // hashed first when its size is one read before
    expect(next.imported.map((i) => [i.path, i.report.added.statement])).toEqual([[extra, 1]]);
    expect(next.unchanged).toBe(4);
    expect(vault.hasStatement(world.statements[0]!.id)).toBe(true);
    expect((await sync(vault, folder)).reads).toEqual([]);
    await expectNothingHidden(vault, folder);
  });

  it('a file rewritten is read again, even with its size and mtime set back (its ctime changed)', async () => {
    const a = released(1);
    const b = released(1);
    const folder = folderIn('drop');
    const path = join(folder, 'x.samizdat');
    const bytesA = await bundle([linkItem(a.group.charter), statementItem(a.statements[0]!.statement), ...a.statements[0]!.sigs.map(sigItem)]);
    writeFileSync(path, bytesA);
    const whole = Math.floor(Date.now() / 1000) - 60; // whole seconds: set back exactly, to the nanosecond
    utimesSync(path, whole, whole);
    const vault = await newVault('reader');
    await sync(vault, folder);
    // Other bytes of the same size (another statement of the same shape), the mtime set back.
    const bytesB = await bundle([linkItem(b.group.charter), statementItem(b.statements[0]!.statement), ...b.statements[0]!.sigs.map(sigItem)]);
    expect(bytesB.length).toBe(bytesA.length);
    const before = statSync(path, { bigint: true });
    writeFileSync(path, bytesB);
    utimesSync(path, whole, whole);
    const after = statSync(path, { bigint: true });
    expect([after.size, after.mtimeNs]).toEqual([before.size, before.mtimeNs]);
    const next = await sync(vault, folder);
    expect(next.reads).toEqual([path, path]); // hashed (a size read before), then imported: new bytes
    expect(next.imported.map((i) => i.report.added.statement)).toEqual([1]);
    expect(vault.hasStatement(b.statements[0]!.id)).toBe(true);
    // The first bytes are gone from the folder: this vault writes what they carried again.
    expect(next.written.map((w) => w.envelope)).toEqual(['clear']);
    const carried = await readBack(vault, next.written[0]!.path);
    expect(carried).toContain(a.statements[0]!.id);
    await expectNothingHidden(vault, folder);
  });

  it('a file only touched, renamed or copied is hashed, not imported again', async () => {
    const folder = await folderOfBundles('drop', released(3));
    const vault = await newVault('reader');
    await sync(vault, folder);
    const [f0, f1, f2] = readdirSync(folder).sort().map((n) => join(folder, n)) as [string, string, string];
    const later = new Date(Date.now() + 5000);
    utimesSync(f0, later, later);
    renameSync(f1, join(folder, 'renamed.samizdat'));
    copyFileSync(f2, join(folder, 'copy.samizdat'));
    const w = watched(vault);
    const reads: string[] = [];
    const next = await syncFolder(w.vault, folder, openersFor(vault), undefined, { openFile: (p, b) => (reads.push(p), openBundleFile(p, b)) });
    expect(names(reads)).toEqual(['copy.samizdat', 'renamed.samizdat', 's0000.samizdat']);
    expect(next.imported).toEqual([]);
    expect(next.unchanged).toBe(4);
    expect(next.written).toEqual([]); // the renamed file still carries what the old name did
    // Only the index learnt the new names: nothing of the vault's objects was written.
    expect(w.writes().filter((c) => !c.startsWith('index.'))).toEqual([]);
    expect((await sync(vault, folder)).reads).toEqual([]);
    await expectNothingHidden(vault, folder);
  });

  it("a file removed by someone else: this vault writes its objects again, and only those", async () => {
    const world = released(5);
    const folder = await folderOfBundles('drop', world);
    const vault = await newVault('reader');
    await sync(vault, folder);
    const gone = join(folder, 's0002.samizdat');
    rmSync(gone);
    const next = await sync(vault, folder);
    expect(next.reads).toEqual([]);
    expect(next.written).toHaveLength(1);
    const carried = await readBack(vault, next.written[0]!.path);
    expect(carried.filter((id) => world.statements.some((s) => s.id === id))).toEqual([world.statements[2]!.id]);
    expect(carried).toEqual(expect.arrayContaining(world.statements[2]!.sigs.map((s) => objectId(s))));
    // Its own new file is remembered: nothing more to read or write.
    const again = await sync(vault, folder);
    expect(again.reads).toEqual([]);
    expect(again.written).toEqual([]);
    // And the file it wrote, removed in turn, is written once more.
    rmSync(next.written[0]!.path);
    expect((await sync(vault, folder)).written).toHaveLength(1);
    await expectNothingHidden(vault, folder);
  });
});

/** The ids of the objects a clear bundle file carries, as a vault that imports it keeps them. */
async function readBack(_vault: Vault, path: string): Promise<string[]> {
  const reader = await newVault(`readback-${vaults.length}`);
  const report = await importBundle(reader, one(readFileSync(path)), { boxSecrets: [] });
  const ids = [...report.statements];
  for (const id of report.statements) for (const s of reader.getSignatures(id)) ids.push(s.id);
  return ids;
}

describe('what changed in the vault between syncs', () => {
  it('a release imported from a stick is written out; the journal, not a walk of the vault, finds it', async () => {
    const world = released(3);
    const folder = await folderOfBundles('drop', world);
    const vault = await newVault('reader');
    await sync(vault, folder);
    const stick = released(2);
    await importBundle(vault, one(await bundle([linkItem(stick.group.charter), ...stick.statements.flatMap((s) => [statementItem(s.statement), ...s.sigs.map(sigItem)])])), { boxSecrets: [] });
    const w = watched(vault);
    const next = await syncFolder(w.vault, folder, openersFor(vault), undefined, {});
    expect(next.written.map((x) => x.envelope)).toEqual(['clear']);
    const carried = await readBack(vault, next.written[0]!.path);
    expect(carried.filter((id) => [...world.statements, ...stick.statements].some((s) => s.id === id)).sort()).toEqual(stick.statements.map((s) => s.id).sort());
    // No walk of the vault: neither the statement list nor the groups were read, and none of the folder's statements.
    expect(w.calls.filter((c) => ['listStatementIds', 'listStatements', 'listGroups'].includes(c))).toEqual([]);
    expect(w.calls.filter((c) => world.statements.some((s) => c.includes(s.id)))).toEqual([]);
    const w2 = watched(vault);
    await syncFolder(w2.vault, folder, openersFor(vault));
    expect(w2.writes()).toEqual([]);
    await expectNothingHidden(vault, folder);
  });

  it('a draft released meanwhile goes out in clear, though the folder carries it encrypted', async () => {
    const olga = await newVault('olga', 'Olga');
    const ivan = await newVault('ivan', 'Ivan');
    const group = createGroup(olga, { name: 'Vorkuta Miners', cards: [memberCard(ivan)], release: 2 }).id;
    const draft = createStatement(olga, { authors: [group], title: 'Coal for peace', lang: 'en', date: '2024-03-01', body: 'The miners refuse.', relations: [], attachments: [] }).id;
    signStatement(olga, draft, { endorse: false });
    const folder = folderIn('drop');
    const out = await sync(olga, folder);
    expect(out.written.map((w) => w.envelope).sort()).toEqual(['clear', 'members']);
    // Ivan gets the draft on a stick, signs it, and his signature reaches Olga on a stick too.
    await importBundle(ivan, bundleChunksOf(olga, [draft]), openersFor(ivan));
    expect(isReleased(ivan, draft, [group])).toBe(false);
    signStatement(ivan, draft, { endorse: false });
    expect(isReleased(ivan, draft, [group])).toBe(true);
    const stick = join(tmp.root, 'stick.samizdat');
    await writeStreamAtomic(stick, bundleChunks(ivan, closureOf(ivan, { statements: [draft] })));
    await importBundle(olga, one(readFileSync(stick)), openersFor(olga));
    expect(isReleased(olga, draft, [group])).toBe(true);

    const next = await sync(olga, folder);
    expect(next.reads).toEqual([]);
    expect(next.written.map((w) => w.envelope)).toEqual(['clear']);
    const polina = await newVault('polina', 'Polina');
    await sync(polina, folder);
    expect(polina.hasStatement(draft)).toBe(true);
    expect(isReleased(polina, draft, [group])).toBe(true);
    await expectNothingHidden(olga, folder);
  });
});

/** A clear export of `ids` from `vault`, as chunks. */
function bundleChunksOf(vault: Vault, ids: string[]): AsyncIterable<Uint8Array> {
  return bundleChunks(vault, closureOf(vault, { statements: ids }));
}

describe('files whose order loses objects', () => {
  it('a bundle of signatures read before the one with their statement is read again in the same sync, then never', async () => {
    const { group, statements } = released(1);
    const s = statements[0]!;
    const folder = folderIn('drop');
    // Made by hand (a stranger's tool, or an older Samizdat): the signatures alone, named to sort first.
    writeFileSync(join(folder, 'a-signatures.samizdat'), await bundle(s.sigs.map(sigItem)));
    writeFileSync(join(folder, 'b-statement.samizdat'), await bundle([linkItem(group.charter), statementItem(s.statement)]));
    const vault = await newVault('reader');
    const first = await sync(vault, folder);
    expect(names(first.reads)).toEqual(['a-signatures.samizdat', 'a-signatures.samizdat', 'b-statement.samizdat']);
    expect(vault.getSignatures(s.id).map((x) => x.id).sort()).toEqual(s.sigs.map((x) => objectId(x)).sort());
    expect(first.imported.map((i) => [names([i.path])[0], i.report.added.signature])).toEqual([
      ['a-signatures.samizdat', 2],
      ['b-statement.samizdat', 0],
    ]);
    const second = await sync(vault, folder);
    expect(second.reads).toEqual([]);
    await expectNothingHidden(vault, folder);
  });

  it("a stranger's signatures that can never count do not make a file be read again", async () => {
    const { group, statements } = released(1);
    const other = released(1);
    const s = statements[0]!;
    const folder = folderIn('drop');
    // Bob's signature for this group, on a statement the group did not write: wrong-role, forever.
    const wrongRole = signedBy(other.statements[0]!.id, group, threeMemberGroup().alice);
    writeFileSync(join(folder, 'x.samizdat'), await bundle([linkItem(group.charter), linkItem(other.group.charter), statementItem(s.statement), statementItem(other.statements[0]!.statement), ...s.sigs.map(sigItem), sigItem(wrongRole)]));
    const vault = await newVault('reader');
    const first = await sync(vault, folder);
    expect(first.imported[0]!.report.rejected.length).toBeGreaterThan(0);
    expect(first.reads).toHaveLength(1);
    // The vault changes (a release from a stick): still nothing to read again.
    const stick = released(1);
    await importBundle(vault, one(await bundle([linkItem(stick.group.charter), statementItem(stick.statements[0]!.statement), ...stick.statements[0]!.sigs.map(sigItem)])), { boxSecrets: [] });
    const second = await sync(vault, folder);
    expect(second.reads).toEqual([]);
    expect(second.written).toHaveLength(1);
  });
});

describe('two vaults on one folder', () => {
  it('converge, and then a sync on either side reads and writes nothing', async () => {
    const folder = folderIn('shared');
    const a = await newVault('a');
    const b = await newVault('b');
    const worldA = released(4);
    const worldB = released(3);
    const everything = (w: ReturnType<typeof released>) => bundle([linkItem(w.group.charter), ...w.statements.flatMap((s) => [statementItem(s.statement), ...s.sigs.map(sigItem)])]);
    await importBundle(a, one(await everything(worldA)), { boxSecrets: [] });
    await importBundle(b, one(await everything(worldB)), { boxSecrets: [] });
    for (let round = 0; round < 2; round++) {
      await sync(a, folder);
      await sync(b, folder);
    }
    const ids = (v: Vault) => [...worldA.statements, ...worldB.statements].filter((s) => v.hasStatement(s.id)).map((s) => s.id).sort();
    expect(ids(a)).toEqual(ids(b));
    expect(ids(a)).toHaveLength(7);
    const before = snapshot(folder);
    for (const v of [a, b]) {
      const again = await sync(v, folder);
      expect(again.reads).toEqual([]);
      expect(again.written).toEqual([]);
    }
    expect(snapshot(folder)).toEqual(before);
    // One side learns more from a stick; the other gets it through the folder.
    const more = released(2);
    await importBundle(a, one(await everything(more)), { boxSecrets: [] });
    await sync(a, folder);
    const atB = await sync(b, folder);
    expect(atB.reads).toHaveLength(1);
    expect(more.statements.every((s) => b.hasStatement(s.id))).toBe(true);
    expect(atB.written).toEqual([]);
    for (const v of [a, b]) await expectNothingHidden(v, folder);
  });
});

describe('a folder the journal no longer reaches back to', () => {
  it('is compared with the whole vault at its next sync, and still gets everything new', async () => {
    const vault = await newVault('v');
    const world = released(2);
    await importBundle(vault, one(await bundle([linkItem(world.group.charter), ...world.statements.flatMap((s) => [statementItem(s.statement), ...s.sigs.map(sigItem)])])), { boxSecrets: [] });
    const often = folderIn('often');
    const seldom = folderIn('seldom');
    await sync(vault, often);
    await sync(vault, seldom);
    const more = released(2);
    await importBundle(vault, one(await bundle([linkItem(more.group.charter), ...more.statements.flatMap((s) => [statementItem(s.statement), ...s.sigs.map(sigItem)])])), { boxSecrets: [] });
    // The folder synced often keeps the journal only as far back as the other needs it.
    await sync(vault, often);
    const index = vault.syncIndex();
    const seldomAt = index.folder(seldom)?.watermark as number;
    expect(index.journalFloor()).toBeLessThanOrEqual(seldomAt);
    expect([...index.journalSince(seldomAt, index.journalSeq())].length).toBeGreaterThan(0);
    // Trimmed to nothing (as JOURNAL_KEEP would, further behind): the other folder compares everything.
    index.collect(0);
    expect(index.journalFloor()).toBeGreaterThan(seldomAt);
    const w = watched(vault);
    const next = await syncFolder(w.vault, seldom, openersFor(vault));
    expect(w.calls).toContain('listStatementIds');
    expect(next.written.map((x) => x.envelope)).toEqual(['clear']);
    const carried = await readBack(vault, next.written[0]!.path);
    expect(carried.filter((id) => more.statements.some((s) => s.id === id)).sort()).toEqual(more.statements.map((s) => s.id).sort());
    expect(carried.filter((id) => world.statements.some((s) => s.id === id))).toEqual([]);
    // And the one synced often, up to date, compares nothing.
    const w2 = watched(vault);
    expect((await syncFolder(w2.vault, often, openersFor(vault))).written).toEqual([]);
    expect(w2.calls).not.toContain('listStatementIds');
    await expectNothingHidden(vault, seldom);
  });
});

// Nothing that does not count is kept (docs/FORMAT.md, V-IGNORE, V-LINK-KEEP, V-WRITER): a held
// statement signature that a chain change makes stop counting is deleted by the import that brings
// the change; a link keeps only the entries that count, however many a stranger adds (issue 8,
// case 2: 256 stranger keys on a public charter); and a writer writes only what counts, even from a
// store that holds more, so that every later export and sync bundle is one a reader keeps whole.
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { toHex } from '../../../src/core/crypto/bytes.js';
import { randomBytes } from '../../../src/core/crypto/random.js';
import { bundleChunks, closureOf } from '../../../src/core/exchange/export.js';
import { importBundle, type ImportReport } from '../../../src/core/exchange/import.js';
import { syncFolder } from '../../../src/core/exchange/sync.js';
import { canonicalBytes } from '../../../src/core/model/canonical.js';
import { signLink } from '../../../src/core/model/build.js';
import { objectId } from '../../../src/core/model/objects.js';
import type { ChainLink, Statement, StatementSignature } from '../../../src/core/model/types.js';
import { recordOfLink } from '../../../src/core/service/links.js';
import { Vault } from '../../../src/core/store/vault.js';
import { collect, readAll, sortRecords, written, type Item } from '../bundle/helpers.js';
import { makePerson, signBy, signStatement, statementBy, TestGroup, threeMemberGroup, type Person } from '../../helpers/core.js';
import { PASS, tempRoot } from '../store/helpers.js';

const linkItem = (l: ChainLink): Item => ({ name: 'link', section: 'link', id: objectId(l), bytes: canonicalBytes(l) });
const statementItem = (s: Statement): Item => ({ name: 'statement', section: 'statement', id: objectId(s), bytes: canonicalBytes(s) });
const sigItem = (s: StatementSignature): Item => ({ name: 'signature', section: 'signature', id: objectId(s), bytes: canonicalBytes(s) });

async function* chunksOf(bytes: Uint8Array): AsyncGenerator<Uint8Array> {
  yield bytes;
}

let tmp: ReturnType<typeof tempRoot>;
const vaults: Vault[] = [];
async function newVault(name: string): Promise<Vault> {
  const v = await Vault.create(join(tmp.root, name), PASS, 'interactive');
  vaults.push(v);
  return v;
}
beforeEach(() => {
  tmp = tempRoot();
});
afterEach(() => {
  for (const v of vaults.splice(0)) v.close();
  tmp.cleanup();
});

/** Import a bundle that writeBundle makes of `items` (put in the format's order). */
async function importItems(vault: Vault, items: Item[]): Promise<ImportReport> {
  return importBundle(vault, chunksOf(await written(sortRecords(items))), { boxSecrets: [] });
}

const rejections = (r: ImportReport) => r.rejected.map((x) => [x.kind, x.id, x.reason]);
const heldSignatures = (vault: Vault, statement: string) => vault.getSignatures(statement).map((s) => s.id).sort();
const heldEntries = (vault: Vault, link: string) => (vault.getLink(link)?.signatures ?? []).map((s) => s.key).sort();
const keyOf = (p: Person) => toHex(p.sign.publicKey);

/** Export `statements` and `groups` from `vault`, and the bundle's links as read back. */
async function exported(vault: Vault, selection: { statements: string[]; groups: string[] }) {
  const bytes = await collect(bundleChunks(vault, closureOf(vault, selection)));
  const records = await readAll([bytes]);
  const objects = records.flatMap((r) => (r.kind === 'object' ? [r] : []));
  const links = new Map(objects.flatMap((r) => (r.object.type === 'link' ? [[r.id, r.object] as const] : [])));
  const signatures = objects.flatMap((r) => (r.object.type === 'signature' ? [r.id] : [])).sort();
  return { bytes, links, signatures };
}

describe('a chain change prunes the held signatures it makes stop counting', () => {
  function story() {
    const { alice, bob, carol, group } = threeMemberGroup();
    const { statement, id } = statementBy([group]);
    const sigs = { alice: signStatement(id, group, alice), bob: signStatement(id, group, bob), carol: signStatement(id, group, carol) };
    return { alice, bob, carol, group, statement, id, sigs };
  }

  it("a held signature of a member is deleted when her removal arrives, and is not taken back when it arrives again", async () => {
    const { alice, bob, carol, group, statement, id, sigs } = story();
    const vault = await newVault('v');
    const first = [linkItem(group.charter), statementItem(statement), sigItem(sigs.alice), sigItem(sigs.bob)];
    expect((await importItems(vault, first)).rejected).toEqual([]);
    expect(heldSignatures(vault, id)).toEqual([objectId(sigs.alice), objectId(sigs.bob)].sort());

    const removal = group.append({ op: 'remove', member: bob.id }, [alice, carol]);
    const r = await importItems(vault, [linkItem(group.charter), linkItem(removal)]);
    expect(r.added.link).toBe(1);
    expect(rejections(r)).toEqual([['signature', objectId(sigs.bob), 'removed-signer']]);
    expect(r.rejected[0]?.message).toMatch(/^a held signature no longer counts and is dropped: Bob signed, but is no longer a member of KRAS-IWA$/);
    expect(vault.hasSignature(objectId(sigs.bob))).toBe(false);
    expect(heldSignatures(vault, id)).toEqual([objectId(sigs.alice)]);

    // The old bundle again: Bob's signature is ignored, not stored; Alice's is held.
    const again = await importItems(vault, first);
    expect(rejections(again)).toEqual([['signature', objectId(sigs.bob), 'removed-signer']]);
    expect(again.added.signature).toBe(0);
    expect(again.held.signature).toBe(1);
    expect(heldSignatures(vault, id)).toEqual([objectId(sigs.alice)]);
    // A bundle with both the removal and Bob's signature keeps nothing of Bob's, whatever vault reads it.
    const fresh = await newVault('fresh');
    const both = await importItems(fresh, [...first, linkItem(removal)]);
    expect(rejections(both)).toEqual([['signature', objectId(sigs.bob), 'removed-signer']]);
    expect(heldSignatures(fresh, id)).toEqual([objectId(sigs.alice)]);
  });

  it('a held signature by a key is deleted when the marking of that key compromised arrives', async () => {
    const { alice, bob, carol, group, statement, id, sigs } = story();
    const vault = await newVault('v');
    await importItems(vault, [linkItem(group.charter), statementItem(statement), sigItem(sigs.alice), sigItem(sigs.carol)]);
    const mark = group.append({ op: 'compromise', member: carol.id, key: carol.id }, [alice, bob]);
    const r = await importItems(vault, [linkItem(group.charter), linkItem(mark)]);
    expect(rejections(r)).toEqual([['signature', objectId(sigs.carol), 'compromised-signer']]);
    expect(heldSignatures(vault, id)).toEqual([objectId(sigs.alice)]);
  });

  it('signatures naming a link of a branch that loses fork choice are deleted when the winning rival arrives', async () => {
    const { alice, bob, carol, group } = threeMemberGroup();
    const charter = group.head;
    // Bob and Carol rename; Alice and Bob sign a statement at the rename.
    const rename = group.append({ op: 'rename', name: 'Renamed' }, [bob, carol]);
    const { statement, id } = statementBy([group]);
    const atRename = [signStatement(id, group, alice), signStatement(id, group, bob)];
    const vault = await newVault('v');
    await importItems(vault, [linkItem(group.charter), linkItem(rename), statementItem(statement), ...atRename.map(sigItem)]);
    expect(heldSignatures(vault, id)).toHaveLength(2);
    // Alice and Bob remove Carol at the same place: Carol's key does not count on that branch, so the rename weighs 1 against 2.
    const removal = group.append({ op: 'remove', member: carol.id }, [alice, bob], { after: charter });
    const r = await importItems(vault, [linkItem(group.charter), linkItem(removal)]);
    expect(rejections(r).sort()).toEqual(atRename.map((s) => ['signature', objectId(s), 'unknown-link']).sort());
    expect(heldSignatures(vault, id)).toEqual([]);
    // The superseded link itself is kept: it takes part in fork choice.
    expect(vault.getLink(objectId(rename))).toBeDefined();
  });

  it('a chain change that takes nothing away deletes nothing', async () => {
    const { alice, bob, group, statement, id, sigs } = story();
    const vault = await newVault('v');
    await importItems(vault, [linkItem(group.charter), statementItem(statement), sigItem(sigs.alice), sigItem(sigs.bob)]);
    const rename = group.append({ op: 'rename', name: 'KRAS' }, [alice, bob]);
    const r = await importItems(vault, [linkItem(group.charter), linkItem(rename)]);
    expect(r.rejected).toEqual([]);
    expect(r.added.link).toBe(1);
    expect(heldSignatures(vault, id)).toEqual([objectId(sigs.alice), objectId(sigs.bob)].sort());
  });
});

describe('a stranger signing a public charter with 256 keys of his own', () => {
  function publicGroup() {
    const alice = makePerson('Alice');
    const bob = makePerson('Bob');
    // Founded by both, signed by Alice: Bob's signature may come later, in another copy.
    const group = TestGroup.create('Public', [alice, bob], { release: 1, membership: 1 }, [alice]);
    const strangers = Array.from({ length: 256 }, (_, i) => makePerson(`Stranger ${i}`));
    const unsigned = { ...group.charter, signatures: [] };
    return { alice, bob, group, strangers, unsigned };
  }

  it('is stored with only its counting entries, and every later export and sync is read whole, with nothing to ignore', async () => {
    const { alice, bob, group, strangers, unsigned } = publicGroup();
    const vault = await newVault('v');
    const { statement, id } = statementBy([group]);
    const byAlice = signStatement(id, group, alice);
    await importItems(vault, [linkItem(group.charter), statementItem(statement), sigItem(byAlice)]);
    expect(heldEntries(vault, group.id)).toEqual([keyOf(alice)]);

    // 256 stranger entries: with the one held, 257 if merged. None counts: the copy is not kept at all.
    const allStrangers = signBy(unsigned, strangers);
    expect(allStrangers.signatures).toHaveLength(256);
    const a = await importItems(vault, [linkItem(allStrangers)]);
    expect(a.rejected.filter((x) => x.kind === 'link-signature').map((x) => x.reason)).toEqual(Array(256).fill('unknown-signer'));
    expect(rejections(a).filter(([kind]) => kind === 'link')).toEqual([['link', group.id, 'no-signer']]);
    expect(a.added['link-signature']).toBe(0);
    expect(heldEntries(vault, group.id)).toEqual([keyOf(alice)]);

    // Bob's genuine entry among 255 strangers': Bob's is kept, the strangers' dropped.
    const withBob = signBy(unsigned, [bob, ...strangers.slice(0, 255)]);
    expect(withBob.signatures).toHaveLength(256);
    const b = await importItems(vault, [linkItem(withBob)]);
    expect(b.rejected.map((x) => [x.kind, x.reason])).toEqual(Array(255).fill(['link-signature', 'unknown-signer']));
    expect(b.added['link-signature']).toBe(1);
    expect(heldEntries(vault, group.id)).toEqual([keyOf(alice), keyOf(bob)].sort());

    // Every later export carries the counting entries only, and a reader takes it whole.
    for (const selection of [
      { statements: [], groups: [group.id] },
      { statements: [id], groups: [] },
    ]) {
      const out = await exported(vault, selection);
      expect(out.links.get(group.id)?.signatures.map((s) => s.key)).toEqual([keyOf(alice), keyOf(bob)].sort());
      const reader = await newVault(`reader-${vaults.length}`);
      const r = await importBundle(reader, chunksOf(out.bytes), { boxSecrets: [] });
      expect(r.rejected).toEqual([]);
      expect(r.added).toMatchObject({ link: 1, 'link-signature': 2 });
    }
    // And a sync bundle: another vault syncing from the same folder reads it whole.
    const folder = join(tmp.root, 'shared');
    mkdirSync(folder);
    const wrote = await syncFolder(vault, folder, { boxSecrets: [] });
    expect(wrote.written.length).toBeGreaterThan(0);
    for (const f of readdirSync(folder)) {
      const links = (await readAll([readFileSync(join(folder, f))])).flatMap((rec) => (rec.kind === 'object' && rec.object.type === 'link' ? [rec.object] : []));
      for (const l of links) expect(l.signatures.length).toBeLessThanOrEqual(2);
    }
    const other = await newVault('other');
    const synced = await syncFolder(other, folder, { boxSecrets: [] });
    expect(synced.failed).toEqual([]);
    expect(synced.imported.flatMap((i) => i.report.rejected)).toEqual([]);
    expect(heldEntries(other, group.id)).toEqual([keyOf(alice), keyOf(bob)].sort());
    expect(heldSignatures(other, id)).toEqual([objectId(byAlice)]);
  });
});

describe('a writer writes only what counts, whatever its store holds', () => {
  it('an export of a store holding a non-counting link entry, link and statement signature writes only what counts', async () => {
    const { alice, bob, group } = threeMemberGroup();
    const rename = group.append({ op: 'rename', name: 'KRAS' }, [alice, bob]);
    const { statement, id } = statementBy([group]);
    const sigs = [signStatement(id, group, alice), signStatement(id, group, bob)];
    const vault = await newVault('v');
    await importItems(vault, [linkItem(group.charter), linkItem(rename), statementItem(statement), ...sigs.map(sigItem)]);
    const clean = await exported(vault, { statements: [id], groups: [] });

    // What an older Samizdat kept, put straight into the store: a stranger's entry on the rename
    // (valid Ed25519, but no member key), a link only a stranger signed, and his statement signature.
    const mallory = makePerson('Mallory');
    const strangerEntry = signLink(rename, mallory.sign);
    vault.putLink(recordOfLink(strangerEntry));
    vault.putLink(recordOfLink({ ...rename, signatures: [...strangerEntry.signatures, { key: toHex(randomBytes(32)), sig: toHex(randomBytes(64)) }].sort((x, y) => (x.key < y.key ? -1 : 1)) }));
    const byMallory = signBy(group.propose({ op: 'rename', name: 'Mallory rules' }, { id: objectId(rename), seq: rename.seq }), [mallory]);
    vault.putLink(recordOfLink(byMallory));
    const strangerSig = signStatement(id, group, mallory);
    vault.putSignature({ ...strangerSig, id: objectId(strangerSig), canonical: canonicalBytes(strangerSig) });
    expect(heldEntries(vault, objectId(rename))).toHaveLength(4);
    expect(vault.getLink(objectId(byMallory))).toBeDefined();
    expect(heldSignatures(vault, id)).toHaveLength(3);

    const out = await exported(vault, { statements: [id], groups: [] });
    expect(out.links.get(objectId(rename))?.signatures.map((s) => s.key)).toEqual([keyOf(alice), keyOf(bob)].sort());
    expect(out.links.has(objectId(byMallory))).toBe(false);
    expect(out.signatures).toEqual(sigs.map((s) => objectId(s)).sort());
    // The very bundle the store would have written before it was fed.
    expect(Buffer.from(out.bytes).equals(Buffer.from(clean.bytes))).toBe(true);
    const reader = await newVault('reader');
    expect((await importBundle(reader, chunksOf(out.bytes), { boxSecrets: [] })).rejected).toEqual([]);

    // An import that touches the group drops the held entries that do not count.
    await importItems(vault, [linkItem(group.charter), linkItem(rename)]);
    expect(heldEntries(vault, objectId(rename))).toEqual([keyOf(alice), keyOf(bob)].sort());
  });
});

describe('sync writes bundles that a reader keeps whole, in whatever order it reads the folder', () => {
  it("a later sync bundle carries its signatures' statement and chain, and a new link its whole chain, though the folder holds them", async () => {
    const { alice, bob, group } = threeMemberGroup();
    const writer = await newVault('writer');
    const folder = join(tmp.root, 'folder');
    mkdirSync(folder);
    // First the charter alone, as a group is shared before any statement.
    await importItems(writer, [linkItem(group.charter)]);
    const first = (await syncFolder(writer, folder, { boxSecrets: [] })).written.map((w) => w.path);
    expect(first).toHaveLength(1);
    // Then a rename and a released statement: the folder already carries the charter.
    const rename = group.append({ op: 'rename', name: 'KRAS' }, [alice, bob]);
    const { statement, id } = statementBy([group]);
    const sigs = [signStatement(id, group, alice), signStatement(id, group, bob)];
    await importItems(writer, [linkItem(group.charter), linkItem(rename), statementItem(statement), ...sigs.map(sigItem)]);
    const second = (await syncFolder(writer, folder, { boxSecrets: [] })).written.map((w) => w.path);
    expect(second).toHaveLength(1);
    const carried = (await readAll([readFileSync(second[0] as string)])).flatMap((r) => (r.kind === 'object' ? [r.id] : []));
    expect(carried.sort()).toEqual([group.id, objectId(rename), id, ...sigs.map((s) => objectId(s))].sort());

    // A reader that meets the later bundle first, or last, keeps all of it.
    for (const [early, late] of [
      [second[0], first[0]],
      [first[0], second[0]],
    ] as Array<[string, string]>) {
      const dir = join(tmp.root, `order-${vaults.length}`);
      mkdirSync(dir);
      writeFileSync(join(dir, 'a.samizdat'), readFileSync(early));
      writeFileSync(join(dir, 'b.samizdat'), readFileSync(late));
      const reader = await newVault(`reader-${vaults.length}`);
      const r = await syncFolder(reader, dir, { boxSecrets: [] });
      expect(r.imported.map((i) => i.path)).toEqual([join(dir, 'a.samizdat'), join(dir, 'b.samizdat')]);
      expect(r.imported.flatMap((i) => i.report.rejected)).toEqual([]);
      expect(heldSignatures(reader, id)).toEqual(sigs.map((s) => objectId(s)).sort());
      expect(reader.getLink(objectId(rename))).toBeDefined();
    }
  });
});

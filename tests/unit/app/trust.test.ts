// Trust states (src/app/trust.ts) over real vaults: mine, verified, unverified with where it was
// first seen, lookalike of a group known before it (never of a verified one), broken; their order;
// one pass over 1,000 groups that equals the rule applied pair by pair; chains replayed only when
// they changed and the groups read once per change of the vault; first sightings kept as first.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BROKEN, TrustBook, authorRefs, groupSummaries, groupSummaryOf } from '../../../src/app/trust.js';
import { generateSigningKeyPair } from '../../../src/core/crypto/ed25519.js';
import { generateBoxKeyPair } from '../../../src/core/crypto/box.js';
import { nameSkeletons } from '../../../src/core/exchange/lookalike.js';
import { makeCharter, makeMember, signLink } from '../../../src/core/model/build.js';
import { createGroup, recordFirstSightings, renameGroup, rotateMyKeys, trustGroup } from '../../../src/core/service/groups.js';
import { memberCard } from '../../../src/core/service/identity.js';
import { recordOfLink } from '../../../src/core/service/links.js';
import type { GroupSightings } from '../../../src/core/store/sightings.js';
import type { Vault } from '../../../src/core/store/vault.js';
import { groupFingerprint } from '../../../src/core/verify/statement.js';
import type { GroupTrust } from '../../../src/shared/view-models.js';
import { carry, groupWithRelease, scratchMember } from './group-devices.js';

// The impostor of the issue: "KRАS-IWA" with a Cyrillic А (U+0410).
const IMPOSTOR = 'KR\u0410S-IWA';
const T1 = new Date('2024-03-01T10:00:00.000Z');
const T2 = new Date('2024-03-02T11:30:00.000Z');

const stateOf = (v: Vault, id: string): GroupTrust => TrustBook.of(v).stateOf(id);

describe('trust states', () => {
  let root: string;
  const vaults: Vault[] = [];
  const member = (name: string) => {
    const v = scratchMember(name);
    vaults.push(v);
    return v;
  };

  beforeAll(() => {
    root = mkdtempSync(join(tmpdir(), 'samizdat-trust-'));
  });
  afterAll(() => {
    for (const v of vaults) v.close();
    rmSync(root, { recursive: true, force: true });
  });

  it('mine, verified after comparing, unverified with where and when it was first seen, and the impostor as the lookalike of the group known before it', async () => {
    const me = member('Pub');
    const olga = member('Olga');
    const mallory = member('Mallory');
    const mine = groupWithRelease(me, 'Publishers', 'Our own');
    const real = groupWithRelease(olga, 'KRAS-IWA', 'No to the war');
    const fake = groupWithRelease(mallory, IMPOSTOR, 'We now support the war');

    await carry(olga, me, root, 'olga.samizdat', { statements: [real.statement] }, T1);
    expect(stateOf(me, mine.group)).toEqual({ state: 'mine' });
    expect(stateOf(me, real.group)).toEqual({ state: 'unverified', firstSeen: { from: 'olga.samizdat', at: T1.toISOString() } });

    trustGroup(me, real.group, groupFingerprint(real.group));
    expect(stateOf(me, real.group)).toEqual({ state: 'verified' });

    const report = await carry(mallory, me, root, 'news.samizdat', { statements: [fake.statement] }, T2);
    expect(report.newGroups.map((g) => g.id)).toEqual([fake.group]);
    expect(stateOf(me, fake.group)).toEqual({ state: 'lookalike', looksLike: [{ groupId: real.group, name: 'KRAS-IWA' }] });
    expect(stateOf(me, real.group)).toEqual({ state: 'verified' });
    // The statement's authors, as the statements list shows them.
    expect(authorRefs(me, [fake.group, real.group])).toEqual([
      { groupId: fake.group, name: IMPOSTOR, trust: { state: 'lookalike', looksLike: [{ groupId: real.group, name: 'KRAS-IWA' }] } },
      { groupId: real.group, name: 'KRAS-IWA', trust: { state: 'verified' } },
    ]);
    // A group whose chain is not held: unverified, never seen.
    const unknown = 'ab'.repeat(32);
    expect(authorRefs(me, [unknown])).toEqual([{ groupId: unknown, name: unknown.slice(0, 12), trust: { state: 'unverified', firstSeen: { from: null, at: null } } }]);
  });

  it('a verified group is never the lookalike: the impostor seen first is the one warned about once the real group is compared', async () => {
    const me = member('Pub');
    const olga = member('Olga');
    const mallory = member('Mallory');
    const real = groupWithRelease(olga, 'KRAS-IWA', 'No to the war');
    const fake = groupWithRelease(mallory, IMPOSTOR, 'We now support the war');
    await carry(mallory, me, root, 'first.samizdat', { statements: [fake.statement] }, T1);
    await carry(olga, me, root, 'second.samizdat', { statements: [real.statement] }, T2);
    // Before any comparison, trust on first use: the one seen second is the one that looks like another.
    expect(stateOf(me, fake.group)).toEqual({ state: 'unverified', firstSeen: { from: 'first.samizdat', at: T1.toISOString() } });
    expect(stateOf(me, real.group)).toEqual({ state: 'lookalike', looksLike: [{ groupId: fake.group, name: IMPOSTOR }] });
    trustGroup(me, real.group, groupFingerprint(real.group));
    expect(stateOf(me, real.group)).toEqual({ state: 'verified' });
    expect(stateOf(me, fake.group)).toEqual({ state: 'lookalike', looksLike: [{ groupId: real.group, name: 'KRAS-IWA' }] });
  });

  it('between two unverified groups the later-seen is the lookalike; two verified groups of one name are neither', async () => {
    const me = member('Pub');
    const a = member('Anna');
    const b = member('Boris');
    const first = groupWithRelease(a, 'Solidarity', 'One');
    const second = groupWithRelease(b, 'solidarity ', 'Two'); // case and spacing: confusable
    await carry(a, me, root, 'a.samizdat', { statements: [first.statement] }, T1);
    await carry(b, me, root, 'b.samizdat', { statements: [second.statement] }, T2);
    expect(stateOf(me, first.group)).toMatchObject({ state: 'unverified' });
    expect(stateOf(me, second.group)).toEqual({ state: 'lookalike', looksLike: [{ groupId: first.group, name: 'Solidarity' }] });
    trustGroup(me, first.group, groupFingerprint(first.group));
    trustGroup(me, second.group, groupFingerprint(second.group));
    expect(stateOf(me, first.group)).toEqual({ state: 'verified' });
    expect(stateOf(me, second.group)).toEqual({ state: 'verified' });
    // A group of another name is not concerned.
    const other = groupWithRelease(a, 'Tea club', 'Three');
    await carry(a, me, root, 'c.samizdat', { statements: [other.statement] });
    expect(stateOf(me, other.group)).toMatchObject({ state: 'unverified', firstSeen: { from: 'c.samizdat' } });
  });

  it('a charter that lists my key proves nothing: unverified until compared (not mine), and a lookalike when it copies the name of my group', async () => {
    const me = member('Olga');
    const mallory = member('Mallory');
    const mine = groupWithRelease(me, 'KRAS-IWA', 'Ours');
    // Member cards are public: Mallory founds groups that list me.
    const copy = createGroup(mallory, { name: IMPOSTOR, cards: [memberCard(me)], release: 1 }).id;
    const tea = createGroup(mallory, { name: 'Tea club', cards: [memberCard(me)], release: 1 }).id;
    await carry(mallory, me, root, 'stick.samizdat', { groups: [copy, tea] }, T1);
    const summaries = new Map(groupSummaries(me).map((g) => [g.groupId, g]));
    expect(summaries.get(mine.group)).toMatchObject({ mine: true, trust: 'verified', state: { state: 'mine' } });
    expect(summaries.get(copy)).toMatchObject({ mine: true, trust: 'unverified', state: { state: 'lookalike', looksLike: [{ groupId: mine.group, name: 'KRAS-IWA' }] } });
    expect(summaries.get(tea)).toMatchObject({ mine: true, trust: 'unverified', state: { state: 'unverified', firstSeen: { from: 'stick.samizdat', at: T1.toISOString() } } });
    trustGroup(me, tea, groupFingerprint(tea));
    expect(stateOf(me, tea)).toEqual({ state: 'mine' });
  });

  it('broken before everything: a fork of a verified group, a forked lookalike, a chain that cannot be replayed', async () => {
    const olga = member('Olga');
    const ivan = member('Ivan');
    // Two members, one signature enough for a change: each renames the group without the other.
    const group = createGroup(olga, { name: 'Federation', cards: [memberCard(ivan)], release: 1, membership: 1 }).id;
    await carry(olga, ivan, root, 'charter.samizdat', { groups: [group] });
    expect(stateOf(olga, group)).toEqual({ state: 'mine' });
    expect(renameGroup(olga, group, 'Federation of unions').applied).toBe(true);
    expect(renameGroup(ivan, group, 'The Federation').applied).toBe(true);
    await carry(ivan, olga, root, 'rival.samizdat', { groups: [group] });
    expect(stateOf(olga, group)).toEqual({ state: 'broken', problem: BROKEN.fork });
    expect(groupSummaryOf(olga, group)).toMatchObject({ fork: true, trust: 'verified', state: { state: 'broken', problem: 'fork' } });

    // A lookalike that is forked is shown broken: nothing it signs counts.
    const me = member('Pub');
    const real = groupWithRelease(me, 'Federation', 'Ours');
    await carry(olga, me, root, 'forked.samizdat', { groups: [group] });
    expect(stateOf(me, group)).toEqual({ state: 'broken', problem: 'fork' });
    expect(stateOf(me, real.group)).toEqual({ state: 'mine' });

    // A charter that carries no valid signature of a founder (as an older vault might hold): no chain to replay.
    const founder = { sign: generateSigningKeyPair(), box: generateBoxKeyPair() };
    const stranger = generateSigningKeyPair();
    const charter = signLink(makeCharter({ name: 'Ghost', members: [makeMember('Founder', founder.sign.publicKey, founder.box.publicKey)], thresholds: { release: 1, membership: 1 } }), stranger);
    const record = recordOfLink(charter);
    me.transaction(() => {
      me.upsertGroup({ id: record.id, name: 'Ghost', origin: 'imported' });
      me.putLink(record);
    });
    expect(stateOf(me, record.id)).toEqual({ state: 'broken', problem: BROKEN.invalidChain });
  });

  it('the list of groups replays each chain once for its view, then none until one changes; summaries carry the state', async () => {
    const me = member('Pub');
    const olga = member('Olga');
    const ours = [0, 1, 2].map((i) => createGroup(me, { name: `Ours ${i}`, cards: [], release: 1 }).id);
    const real = groupWithRelease(olga, 'KRAS-IWA', 'No to the war');
    await carry(olga, me, root, 'olga.samizdat', { statements: [real.statement] }, T1);
    const c = counted(me);
    const listed = groupSummaries(c.vault);
    expect(listed.map((g) => g.groupId)).toEqual([...ours, real.group]);
    expect(listed.map((g) => g.state.state)).toEqual(['mine', 'mine', 'mine', 'unverified']);
    expect(listed[3]).toEqual({
      groupId: real.group,
      name: 'KRAS-IWA',
      fingerprint: groupFingerprint(real.group),
      trust: 'unverified',
      state: { state: 'unverified', firstSeen: { from: 'olga.samizdat', at: T1.toISOString() } },
      mine: false,
      members: 1,
      releaseThreshold: 1,
      membershipThreshold: 1,
      pending: 0,
      fork: false,
    });
    expect(c.take()).toEqual({ replayed: [...ours, real.group].sort(), groupReads: 1 });
    groupSummaries(c.vault);
    authorRefs(c.vault, ours);
    expect(c.take()).toEqual({ replayed: [], groupReads: 0 });
    renameGroup(me, ours[1] as string, 'Ours, renamed');
    expect(groupSummaries(c.vault)[1]).toMatchObject({ name: 'Ours, renamed', state: { state: 'mine' } });
    expect(c.take()).toEqual({ replayed: [ours[1]], groupReads: 1 });
  });

  it('first sightings: the first one stays, by base name; a group not held gets none', async () => {
    const me = member('Pub');
    const olga = member('Olga');
    const real = groupWithRelease(olga, 'KRAS-IWA', 'No to the war');
    const report = await carry(olga, me, root, 'from-olga.samizdat', { statements: [real.statement] }, T1);
    expect(report.newGroups.map((g) => g.id)).toEqual([real.group]);
    const sightings = me.groupSightings();
    expect(sightings.get(real.group)).toEqual({ from: 'from-olga.samizdat', at: T1.toISOString() });
    // Seen again (by any path): the first sighting is kept.
    expect(recordFirstSightings(me, [{ id: real.group }], '/media/stick/later.samizdat', T2)).toBe(0);
    expect(sightings.get(real.group)).toEqual({ from: 'from-olga.samizdat', at: T1.toISOString() });
    // Imported again: not new, nothing recorded.
    const again = await carry(olga, me, root, 'again.samizdat', { statements: [real.statement] }, T2);
    expect(again.newGroups).toEqual([]);
    expect(sightings.get(real.group)).toEqual({ from: 'from-olga.samizdat', at: T1.toISOString() });
    expect(recordFirstSightings(me, [{ id: 'cd'.repeat(32) }], 'x.samizdat')).toBe(0);
    expect(sightings.get('cd'.repeat(32))).toBeUndefined();
  });
});

/** Counts the reads trust makes: which groups' links, and how many times all groups were read. */
function counted(v: Vault) {
  const linksOf: string[] = [];
  let groupReads = 0;
  const sightings = v.groupSightings();
  const sp = new Proxy(sightings, {
    get(target, key) {
      const f = Reflect.get(target, key, target) as unknown;
      if (typeof f !== 'function') return f;
      return (...args: unknown[]) => {
        if (key === 'trustRows') groupReads++;
        return (f as (...a: unknown[]) => unknown).apply(target, args);
      };
    },
  }) as GroupSightings;
  const vp = new Proxy(v, {
    get(target, key) {
      if (key === 'groupSightings') return () => sp;
      const f = Reflect.get(target, key, target) as unknown;
      if (typeof f !== 'function') return f;
      return (...args: unknown[]) => {
        if (key === 'getLinks') linksOf.push(args[0] as string);
        return (f as (...a: unknown[]) => unknown).apply(target, args);
      };
    },
  }) as Vault;
  return {
    vault: vp,
    /** Since the last call: the groups whose links were read, and how many times all groups were read. */
    take() {
      const out = { replayed: [...new Set(linksOf)].sort(), groupReads };
      linksOf.length = 0;
      groupReads = 0;
      return out;
    },
  };
}

describe('1,000 groups', () => {
  const N = 1000;
  let me: Vault;
  let ids: string[];
  const names = (i: number): string => {
    // A pool of names that collide: the same name, other case and spacing, Cyrillic letters, distinct names.
    const base = `Union ${i % 250}`;
    switch (i % 4) {
      case 0:
        return base;
      case 1:
        return base.toUpperCase().replace(' ', '  ');
      case 2:
        return base.replace('o', '\u043e'); // Cyrillic о
      default:
        return `Group ${i}`;
    }
  };

  beforeAll(() => {
    me = scratchMember('Pub');
    // Charters of strangers, stored as an import stores them (an import of 1,000 new groups would spend
    // most of its time on their fingerprints, which this test does not need until the end).
    const founder = { sign: generateSigningKeyPair(), box: generateBoxKeyPair() };
    ids = [];
    me.transaction(() => {
      for (let i = 0; i < N; i++) {
        const record = recordOfLink(signLink(makeCharter({ name: names(i), members: [makeMember('Founder', founder.sign.publicKey, founder.box.publicKey)], thresholds: { release: 1, membership: 1 } }), founder.sign));
        me.upsertGroup({ id: record.id, name: names(i), origin: 'imported' });
        me.putLink(record);
        ids.push(record.id);
      }
    });
    // Some compared, some founded here.
    for (let i = 0; i < N; i += 7) me.setTrust(ids[i] as string, 'verified');
    for (let i = 0; i < 5; i++) createGroup(me, { name: names(i * 4 + 1), cards: [], release: 1 });
  });
  afterAll(() => {
    me.close();
  });

  it('one pass gives every group the lookalikes the rule gives pair by pair', () => {
    const rows = me.groupSightings().trustRows();
    expect(rows.length).toBe(N + 5);
    const book = TrustBook.of(me);
    // The rule pair by pair, written apart from trust.ts's index: two names look alike when they are
    // equal (NFC) or share a non-empty skeleton (lookalike.ts); a group not verified is the lookalike
    // of those seen before it, and of those verified.
    const skeletons = new Map(rows.map((r) => [r.id, new Set(nameSkeletons(r.name).filter((k) => k !== ''))]));
    const alike = (a: (typeof rows)[number], b: (typeof rows)[number]) =>
      a.name.normalize('NFC') === b.name.normalize('NFC') || [...(skeletons.get(a.id) as Set<string>)].some((k) => skeletons.get(b.id)?.has(k));
    let lookalikes = 0;
    for (const g of rows) {
      const expected =
        g.trust === 'verified' ? [] : rows.filter((h) => h.id !== g.id && (h.trust === 'verified' || h.firstSeenSeq < g.firstSeenSeq) && alike(g, h)).map((h) => ({ groupId: h.id, name: h.name }));
      const state = book.stateOf(g.id);
      if (expected.length > 0) {
        lookalikes++;
        expect(state).toEqual({ state: 'lookalike', looksLike: expected });
      } else {
        expect(state.state).toMatch(g.trust === 'verified' ? /^(verified|mine)$/ : /^unverified$/);
      }
    }
    // The pool makes most groups collide, and the distinct names do not.
    expect(lookalikes).toBeGreaterThan(N / 2);
    expect(lookalikes).toBeLessThan(N);
  });

  it('a page of statements reads the groups once per change of the vault, and replays only its authors\u2019 chains, only when they changed', () => {
    const c = counted(me);
    const page = [ids[1], ids[2], ids[3]] as string[];
    authorRefs(c.vault, page);
    expect(c.take()).toEqual({ replayed: [...page].sort(), groupReads: 1 });
    // The next page, nothing written since: no group read, no chain replayed.
    authorRefs(c.vault, page);
    authorRefs(c.vault, [ids[1] as string]);
    expect(c.take()).toEqual({ replayed: [], groupReads: 0 });
    // A trust changed: the groups are read again, but no chain changed.
    expect(stateOf(c.vault, ids[2] as string).state).not.toBe('verified');
    me.setTrust(ids[2] as string, 'verified');
    expect(authorRefs(c.vault, page)[1]?.trust).toEqual({ state: 'verified' });
    expect(c.take()).toEqual({ replayed: [], groupReads: 1 });
    // A chain changed (a link I made): only that chain is replayed.
    const mine = createGroup(me, { name: 'Fresh', cards: [], release: 1 }).id;
    authorRefs(c.vault, [...page, mine]);
    expect(c.take()).toEqual({ replayed: [mine], groupReads: 1 });
    renameGroup(me, mine, 'Fresher');
    authorRefs(c.vault, [...page, mine]);
    expect(c.take()).toEqual({ replayed: [mine], groupReads: 1 });
    expect(authorRefs(c.vault, [mine])[0]).toMatchObject({ name: 'Fresher', trust: { state: 'mine' } });
    // My keys changed (a rotation): whether I am a member may have changed, so chains are replayed again when asked.
    rotateMyKeys(me, mine);
    authorRefs(c.vault, [ids[1] as string, mine]);
    expect(c.take()).toEqual({ replayed: [ids[1], mine].sort(), groupReads: 1 });
    expect(stateOf(c.vault, mine)).toEqual({ state: 'mine' });
  });

});

// The typed queries: identity, groups, links (signature union), statements, signatures, relations, attachments.
import { createHash } from 'node:crypto';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Vault, type IdentityRecord } from '../../../src/core/store/index.js';
import { PASS, id, link, sig, signature, statement, tempRoot, thrown } from './helpers.js';

let vault: Vault;
let cleanup: () => void;
beforeAll(async () => {
  const t = tempRoot();
  cleanup = t.cleanup;
  vault = await Vault.create(path.join(t.root, 'v'), PASS, 'interactive');
});
afterAll(() => {
  vault.close();
  cleanup();
});

function bytes(n: number, fill: number): Uint8Array {
  return new Uint8Array(n).fill(fill);
}

describe('identity', () => {
  it('is absent, then set once, read back, and never overwritten', () => {
    expect(vault.getIdentity()).toBeUndefined();
    expect(vault.hasIdentity()).toBe(false);
    const me: IdentityRecord = { name: 'Анна', signPublic: bytes(32, 1), signSecret: bytes(64, 2), boxPublic: bytes(32, 3), boxSecret: bytes(32, 4) };
    vault.setIdentity(me);
    expect(vault.hasIdentity()).toBe(true);
    const got = vault.getIdentity();
    expect(got).toEqual(me);
    expect(got?.signSecret).toBeInstanceOf(Uint8Array);

    const e = thrown(() => vault.setIdentity({ ...me, name: 'Mallory' }));
    expect([e.kind, e.code]).toEqual(['usage', 'vault.identity-exists']);
    expect(vault.getIdentity()?.name).toBe('Анна');
  });

  it('refuses keys of the wrong length', () => {
    const e = thrown(() =>
      vault.setIdentity({ name: 'x', signPublic: bytes(32, 1), signSecret: bytes(32, 2), boxPublic: bytes(32, 3), boxSecret: bytes(32, 4) }),
    );
    expect([e.kind, e.code]).toEqual(['input', 'vault.bad-record']);
  });
});

describe('groups', () => {
  it('upsert inserts once, then only refreshes the cached name; trust and origin are kept; order is first seen', () => {
    const a = id('group/a');
    const b = id('group/b');
    expect(vault.upsertGroup({ id: a, name: 'KRAS-IWA', origin: 'created' })).toEqual({ new: true });
    expect(vault.upsertGroup({ id: b, name: 'Publishers', origin: 'imported' })).toEqual({ new: true });
    expect(vault.getGroup(a)).toEqual({ id: a, name: 'KRAS-IWA', trust: 'unverified', origin: 'created', firstSeenSeq: 1 });

    vault.setTrust(a, 'verified');
    expect(vault.upsertGroup({ id: a, name: 'KRAS-IWA (renamed)', origin: 'imported', trust: 'unverified' })).toEqual({ new: false });
    expect(vault.getGroup(a)).toEqual({ id: a, name: 'KRAS-IWA (renamed)', trust: 'verified', origin: 'created', firstSeenSeq: 1 });

    expect(vault.listGroups().map((g) => [g.id, g.firstSeenSeq])).toEqual([
      [a, 1],
      [b, 2],
    ]);
    expect(vault.hasGroup(b)).toBe(true);
    expect(vault.hasGroup(id('group/none'))).toBe(false);
    expect(vault.getGroup(id('group/none'))).toBeUndefined();
  });

  it('setTrust on an unknown group, or to an unknown level, is a usage error', () => {
    expect(thrown(() => vault.setTrust(id('group/none'), 'verified')).code).toBe('vault.no-such-group');
    expect(thrown(() => vault.setTrust(id('group/a'), 'trusted' as 'verified')).code).toBe('vault.bad-argument');
  });

  it('refuses an id that is not 64 lowercase hex characters', () => {
    const e = thrown(() => vault.upsertGroup({ id: 'ABC', name: 'x', origin: 'created' }));
    expect([e.kind, e.code]).toEqual(['input', 'vault.bad-record']);
  });
});

describe('links', () => {
  const g = id('group-links');
  const k1 = { key: id('k1'), sig: sig('k1') };
  const k2 = { key: id('k2'), sig: sig('k2') };
  const k3 = { key: id('k3'), sig: sig('k3') };

  it('signatures merge as a union: new ones counted, repeats idempotent', () => {
    const charter = link('charter', { group: g, signatures: [k1] });
    expect(vault.putLink(charter)).toEqual({ new: true, newSignatures: 1 });
    expect(vault.putLink(charter)).toEqual({ new: false, newSignatures: 0 });
    expect(vault.putLink({ ...charter, signatures: [k2, k1] })).toEqual({ new: false, newSignatures: 1 });
    expect(vault.putLink({ ...charter, signatures: [k3, k2, k3] })).toEqual({ new: false, newSignatures: 1 });
    expect(vault.putLink({ ...charter, signatures: [k3, k2, k1] })).toEqual({ new: false, newSignatures: 0 });
    const held = vault.getLink(charter.id);
    expect(held?.signatures).toEqual([k1, k2, k3].sort((x, y) => x.key.localeCompare(y.key)));
    expect(held?.body).toEqual(charter.body);
  });

  it('getLinks returns a group\'s links by seq, forks side by side, with body bytes and signatures', () => {
    const charter = link('charter', { group: g });
    const add = link('add', { group: g, seq: 1, prev: charter.id, op: 'add', signatures: [k1] });
    const forkA = link('fork-a', { group: g, seq: 2, prev: add.id, op: 'rename', signatures: [k2] });
    const forkB = link('fork-b', { group: g, seq: 2, prev: add.id, op: 'remove', signatures: [k3] });
    vault.transaction(() => {
      for (const l of [forkB, add, forkA]) vault.putLink(l);
    });
    const links = vault.getLinks(g);
    expect(links.map((l) => l.seq)).toEqual([0, 1, 2, 2]);
    expect(links[1]).toEqual(add);
    expect(links.slice(2).map((l) => l.id)).toEqual([forkA.id, forkB.id].sort());
    expect(vault.getLinks(id('no-such-group'))).toEqual([]);
    expect(vault.hasLink(add.id)).toBe(true);
  });
});

describe('statements', () => {
  it('round-trip with authors, relations and attachments in their order; put says new or already held', () => {
    const s = statement('full', {
      authors: [id('group/b'), id('group/a')],
      relations: [
        { type: 'translation-of', id: id('statement/original') },
        { type: 'responds-to', id: id('statement/other') },
      ],
      attachments: [{ id: id('att/1'), name: 'leaflet.pdf', mediaType: 'application/pdf', size: 3 }],
    });
    expect(vault.putStatement(s)).toEqual({ new: true });
    expect(vault.putStatement(s)).toEqual({ new: false });
    expect(vault.getStatement(s.id)).toEqual(s);
    expect(vault.hasStatement(s.id)).toBe(true);
    expect(vault.getStatement(id('nothing'))).toBeUndefined();
  });

  it('a model Statement spreads into a record (its type and v are not stored)', () => {
    const model = { type: 'statement' as const, v: 1 as const, ...statement('spread') };
    const { type: _t, v: _v, ...plain } = model;
    expect(vault.putStatement(model)).toEqual({ new: true });
    expect(vault.getStatement(model.id)).toEqual(plain);
  });

  it('relations are indexed both ways', () => {
    const original = statement('rel-original');
    const translation = statement('rel-translation', { relations: [{ type: 'translation-of', id: original.id }] });
    const intro = statement('rel-intro', { relations: [{ type: 'introduces', id: original.id }, { type: 'introduces', id: translation.id }] });
    vault.transaction(() => [translation, intro, original].forEach((s) => vault.putStatement(s)));
    expect(vault.getRelationsFrom(intro.id)).toEqual([
      { from: intro.id, type: 'introduces', to: original.id },
      { from: intro.id, type: 'introduces', to: translation.id },
    ]);
    expect(vault.getRelationsTo(original.id)).toEqual(
      [
        { from: intro.id, type: 'introduces', to: original.id },
        { from: translation.id, type: 'translation-of', to: original.id },
      ].sort((a, b) => a.type.localeCompare(b.type)),
    );
    expect(vault.getRelationsTo(intro.id)).toEqual([]);
  });

  it('a failing put inside a transaction rolls the whole transaction back', () => {
    const ok = statement('rolled-back');
    const e = thrown(() =>
      vault.transaction(() => {
        vault.putStatement(ok);
        vault.putStatement(statement('bad', { id: 'not-an-id' }));
      }),
    );
    expect(e.code).toBe('vault.bad-record');
    expect(vault.hasStatement(ok.id)).toBe(false);
    // And the vault stays usable.
    expect(vault.putStatement(ok)).toEqual({ new: true });
  });

  it('a put of a statement is itself atomic: a bad relation leaves no statement row', () => {
    const s = statement('half', { relations: [{ type: 'quotes' as 'revises', id: id('x') }] });
    expect(thrown(() => vault.putStatement(s)).code).toBe('vault.bad-record');
    expect(vault.hasStatement(s.id)).toBe(false);
    expect(vault.search('half').hits.length).toBe(0);
  });
});

describe('statement signatures', () => {
  it('put/get/has, and getSignatures lists a statement\'s signatures', () => {
    const st = id('statement/signed');
    const a = signature('a', { statement: st, key: id('key/z') });
    const b = signature('b', { statement: st, key: id('key/y'), role: 'endorse', group: id('group/other') });
    const other = signature('other', { statement: id('statement/else') });
    expect(vault.putSignature(a)).toEqual({ new: true });
    expect(vault.putSignature(a)).toEqual({ new: false });
    vault.putSignature(b);
    vault.putSignature(other);
    expect(vault.getSignature(a.id)).toEqual(a);
    expect(vault.hasSignature(b.id)).toBe(true);
    const expected = [a, b].sort((x, y) => x.group.localeCompare(y.group));
    expect(vault.getSignatures(st)).toEqual(expected);
    expect(vault.getSignatures(id('statement/none'))).toEqual([]);
  });
});

describe('attachments', () => {
  it('put/get/has/info; the size must match the bytes', () => {
    const data = new Uint8Array([1, 2, 3, 0, 255]);
    const att = { id: createHash('sha256').update(data).digest('hex'), mediaType: 'application/octet-stream', size: data.length, data };
    expect(vault.putAttachment(att)).toEqual({ new: true });
    expect(vault.putAttachment(att)).toEqual({ new: false });
    expect(vault.getAttachment(att.id)).toEqual(att);
    expect(vault.getAttachmentInfo(att.id)).toEqual({ id: att.id, mediaType: att.mediaType, size: 5 });
    expect(vault.hasAttachment(att.id)).toBe(true);
    expect(vault.hasAttachment(id('att/none'))).toBe(false);
    expect(thrown(() => vault.putAttachment({ ...att, id: id('att/liar'), size: 4 })).code).toBe('vault.bad-record');
  });
});

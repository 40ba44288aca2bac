// Stored safety numbers (migration 9): each held group's number is worked out once per vault and
// stored, by the import that brings the group, by the command that founds one, and, for a group
// held without one (a vault made before migration 9), when the vault is next opened. What is
// stored is always the algorithm's number for the group's id, and a later process has it at hand
// without working it out again.
import { describe, expect, it } from 'vitest';
import { safetyNumber } from '../../../src/core/crypto/fingerprint.js';
import { fromHex } from '../../../src/core/crypto/bytes.js';
import { importBundle } from '../../../src/core/exchange/import.js';
import { createIdentity } from '../../../src/core/service/identity.js';
import { createGroup } from '../../../src/core/service/groups.js';
import { Vault } from '../../../src/core/store/index.js';
import { makePerson, TestGroup } from '../../helpers/core.js';
import { bundleBytes } from '../../fixtures/verify/fixtures.js';
import { PASS, id, rawDb, tempRoot } from './helpers.js';

const expected = (groupId: string): string => safetyNumber(fromHex(groupId));

async function* once(bytes: Uint8Array): AsyncGenerator<Uint8Array> {
  yield bytes;
}

describe('stored safety numbers', () => {
  it('an import stores each new group\'s number, a founded group has its own, and both equal the algorithm\'s', async () => {
    const t = tempRoot();
    const vault = await Vault.create(`${t.root}/v`, PASS, 'interactive');
    try {
      const [a, b] = [TestGroup.create('KRAS-IWA', [makePerson('Alice')], { release: 1, membership: 1 }), TestGroup.create('Union', [makePerson('Bob')], { release: 1, membership: 1 })];
      await importBundle(vault, once(await bundleBytes([...a.links, ...b.links])), { boxSecrets: [] });
      createIdentity(vault, 'Olga');
      const founded = createGroup(vault, { name: 'Founded here', cards: [], release: 1 });
      const stored = new Map(vault.safetyNumbers().map((s) => [s.group, s.safetyNumber]));
      expect([...stored.keys()].sort()).toEqual([a.id, b.id, founded.id].sort());
      for (const [group, n] of stored) expect(n).toBe(expected(group));
      expect(founded.fingerprint).toBe(expected(founded.id));
    } finally {
      vault.close();
      t.cleanup();
    }
  });

  it('a group held without one (a vault older than migration 9) gets it when the vault is opened', async () => {
    const t = tempRoot();
    const where = `${t.root}/v`;
    const vault = await Vault.create(where, PASS, 'interactive');
    const group = id('an old group');
    vault.upsertGroup({ id: group, name: 'Old', origin: 'imported' });
    vault.close();
    const db = await rawDb(where);
    try {
      expect(db.prepare('SELECT count(*) AS n FROM group_safety_numbers').get()).toEqual({ n: 0 });
    } finally {
      db.close();
    }
    const again = await Vault.open(where, PASS);
    try {
      expect(again.safetyNumbers()).toEqual([{ group, safetyNumber: expected(group) }]);
    } finally {
      again.close();
      t.cleanup();
    }
  });

  it('refuses a number for a group not held, and anything but 12 groups of 5 digits', async () => {
    const t = tempRoot();
    const vault = await Vault.create(`${t.root}/v`, PASS, 'interactive');
    try {
      expect(() => vault.putSafetyNumber(id('nobody'), expected(id('nobody')))).toThrow(/no group/);
      vault.upsertGroup({ id: id('g'), name: 'G', origin: 'imported' });
      for (const bad of ['', expected(id('g')).replaceAll(' ', ''), `${expected(id('g'))} `, expected(id('g')).replace(/^\d/, 'x')]) {
        expect(() => vault.putSafetyNumber(id('g'), bad), bad).toThrow();
      }
      expect(vault.safetyNumbers()).toEqual([]);
    } finally {
      vault.close();
      t.cleanup();
    }
  });
});

// A group's chain in words (src/renderer/screens/groups/words.ts), read through i18next with the
// real catalogues in English, Russian and Ukrainian: one sentence per link with who signed it
// (each language's plural forms), me marked, a member the vault does not know by the start of her
// key, the founders told from those added later, pending changes that say what they would do (the
// new member's name, the new rules), a fork's branches, the outcome of a change as the next step.
// And the renderer's majority rule is core's own: the warning shows exactly when core warns, and
// the founder's default is core's default.

import i18next, { type i18n } from 'i18next';
import { beforeAll, describe, expect, it } from 'vitest';
import { membershipWarning, safeMembershipThreshold } from '../../../src/core/service/groups.js';
import { CATALOGUES } from '../../../src/renderer/i18n/catalogues.js';
import { LANGUAGES, type Language } from '../../../src/renderer/i18n/languages.js';
import { belowMajority, GroupWords, outcomeWords, safeMembership, warningWords, type Translate } from '../../../src/renderer/screens/groups/words.js';
import type { ChainEvent, GroupDetail, PendingChange } from '../../../src/shared/view-models.js';

const instances = new Map<Language, i18n>();

beforeAll(async () => {
  for (const lng of LANGUAGES) {
    const resources: Record<string, Record<string, string>> = {};
    for (const [ns, strings] of Object.entries(CATALOGUES)) resources[ns] = { ...strings[lng] };
    const inst = i18next.createInstance();
    await inst.init({ resources: { [lng]: resources }, lng, fallbackLng: false, ns: Object.keys(CATALOGUES), defaultNS: 'groups', keySeparator: false, nsSeparator: ':', interpolation: { escapeValue: false } });
    instances.set(lng, inst);
  }
});

/** A translate that fails the test on a key the catalogue lacks (i18next would print the key). */
function translate(lng: Language): Translate {
  const inst = instances.get(lng) as i18n;
  return (key, values = {}) => {
    const keys = Array.isArray(key) ? key : [key];
    expect(keys.some((k) => inst.exists(`groups:${k}`, values)), `${lng}: no text for ${keys.join(' | ')}`).toBe(true);
    return inst.t(keys.map((k) => `groups:${k}`), values);
  };
}

const lists = (lng: Language) => {
  const f = new Intl.ListFormat(lng, { type: 'conjunction' });
  return (items: string[]) => f.format(items);
};

const OLGA = 'a'.repeat(64);
const IVAN = 'b'.repeat(64);
const ANNA = 'c'.repeat(64);
const DASHA = 'd'.repeat(64);
const GONE = 'e'.repeat(64);
const STRANGER = 'f0'.repeat(32);

const ev = (seq: number, op: ChainEvent['op'], subject: string | null, signers: string[], thresholds: ChainEvent['thresholds'] = null): ChainEvent => ({ linkId: `${seq}`.padStart(64, '0'), seq, op, subject, thresholds, signers });

const history: ChainEvent[] = [
  ev(0, 'charter', null, [OLGA], { release: 2, membership: 2 }),
  ev(1, 'add', DASHA, [OLGA, ANNA]),
  ev(2, 'remove', GONE, [OLGA, IVAN, ANNA, DASHA]),
  ev(3, 'thresholds', null, [IVAN, ANNA], { release: 3, membership: 3 }),
  ev(4, 'rename', 'KRAS-IWA Samara', [ANNA, DASHA]),
  ev(5, 'compromise', IVAN, [OLGA, ANNA, DASHA]),
  ev(6, 'rotate', IVAN, [IVAN, ANNA, DASHA]),
];

const group: Pick<GroupDetail, 'members' | 'removed' | 'history'> = {
  members: [
    { memberId: OLGA, name: 'Olga', signKey: OLGA, me: true },
    { memberId: IVAN, name: 'Ivan', signKey: '9'.repeat(64), me: false },
    { memberId: ANNA, name: 'Anna', signKey: ANNA, me: false },
    { memberId: DASHA, name: 'Dasha', signKey: null, me: false },
  ],
  removed: [{ memberId: GONE, name: 'Gleb' }],
  history,
};

const words = (lng: Language) => new GroupWords(group, translate(lng), lists(lng));

describe('the history in words', () => {
  it('English: one sentence per link, what it did and who signed it, me marked', () => {
    expect(history.map((e) => words('en').event(e))).toEqual([
      'Founded with Olga (you), Ivan, Anna, and Gleb — a statement needs 2 signatures, a change to the group needs 2; signed by Olga (you).',
      'Added Dasha; signed by Olga (you) and Anna.',
      'Removed Gleb; signed by Olga (you), Ivan, Anna, and Dasha.',
      'New rules: a statement needs 3 signatures, a change to the group needs 3; signed by Ivan and Anna.',
      'Renamed the group “KRAS-IWA Samara”; signed by Anna and Dasha.',
      'Marked a key of Ivan compromised: nothing signed with it counts; signed by Olga (you), Anna, and Dasha.',
      'New keys for Ivan; signed by Ivan, Anna, and Dasha.',
    ]);
  });

  it('Russian and Ukrainian: names undeclined after a colon, "подпись"/"подписи" by the number of signers', () => {
    const ru = words('ru');
    expect(ru.event(history[1] as ChainEvent)).toBe('Добавление в группу: Dasha; подписи: Olga (вы) и Anna.');
    expect(ru.event(ev(9, 'add', DASHA, [ANNA]))).toBe('Добавление в группу: Dasha; подпись: Anna.');
    expect(ru.event(history[3] as ChainEvent)).toBe('Новые правила: для заявления нужны 3 подписи, для изменения группы — 3; подписи: Ivan и Anna.');
    expect(ru.event(ev(9, 'thresholds', null, [ANNA], { release: 5, membership: 1 }))).toBe('Новые правила: для заявления нужно 5 подписей, для изменения группы — 1; подпись: Anna.');
    expect(ru.event(ev(9, 'thresholds', null, [ANNA], { release: 21, membership: 1 }))).toContain('нужна 21 подпись');
    const uk = words('uk');
    expect(uk.event(history[4] as ChainEvent)).toBe('Нова назва групи: «KRAS-IWA Samara»; підписи: Anna і Dasha.');
    expect(uk.event(ev(9, 'thresholds', null, [OLGA], { release: 1, membership: 2 }))).toBe('Нові правила: для заяви потрібен 1 підпис, для змін у групі — 2; підпис: Olga (ви).');
    expect(uk.event(ev(9, 'thresholds', null, [OLGA], { release: 7, membership: 2 }))).toContain('потрібно 7 підписів');
  });

  it('a member the vault does not know is named by the start of her key; a key by its owner, old or current', () => {
    for (const lng of LANGUAGES) {
      const w = words(lng);
      expect(w.event(ev(9, 'add', STRANGER, [OLGA]))).toContain('f0f0f0f0…');
      expect(w.keyOwner(IVAN)).toBe('Ivan'); // the key she was first listed with
      expect(w.keyOwner('9'.repeat(64))).toBe('Ivan'); // her current key
      expect(w.keyOwner('8'.repeat(64))).toContain('88888888…');
      expect(w.event(ev(9, 'rename', 'X', []))).not.toMatch(/\{\{|undefined/);
    }
  });

  it('the founders are everyone but those added later', () => {
    expect(words('en').founders()).toEqual([OLGA, IVAN, ANNA, GONE]);
  });
});

describe('pending changes and branches', () => {
  const pending = (op: PendingChange['op'], subject: string | null, extra: Partial<PendingChange> = {}): PendingChange => ({
    linkId: '1'.repeat(64),
    op,
    subject,
    signatures: 1,
    needed: 2,
    signedByMe: true,
    memberName: null,
    thresholds: null,
    branch: null,
    ...extra,
  });

  it('say what they would do: the new member by the name the link gives her, the new rules', () => {
    const en = words('en');
    expect(en.pending(pending('add', STRANGER, { memberName: 'Zoya' }))).toBe('Add Zoya to the group');
    expect(en.pending(pending('thresholds', null, { thresholds: { release: 1, membership: 1 } }))).toBe('New rules: a statement needs 1 signature, a change to the group needs 1');
    expect(en.pending(pending('remove', ANNA))).toBe('Remove Anna from the group');
    expect(en.pending(pending('compromise', '9'.repeat(64)))).toBe('Mark a key of Ivan compromised: nothing signed with it would count');
    expect(words('ru').pending(pending('rename', 'Новое имя'))).toBe('Переименовать группу: «Новое имя»');
    expect(words('uk').pending(pending('rotate', OLGA))).toBe('Нові ключі: Olga (ви)');
  });

  it('a branch: its first change, who signed it, and the group as it leaves it', () => {
    const b = words('en').branch({ linkId: '2'.repeat(64), op: 'rename', seq: 7, signers: [IVAN], name: 'The Federation', members: [{ memberId: OLGA, name: 'Olga' }, { memberId: STRANGER, name: 'Zoya' }], thresholds: { release: 1, membership: 1 } });
    expect(b).toEqual({
      change: 'starts with a new name',
      signed: 'signed by Ivan',
      leaves: 'On it the group is “The Federation”, with Olga (you) and Zoya: a statement needs 1 signature, a change to the group needs 1.',
    });
  });
});

describe('outcomes and warnings', () => {
  it('applied, or how many more signatures it needs, in each language’s plural', () => {
    expect(outcomeWords({ applied: false, signatures: 1, needed: 2 }, translate('en'), 'proposed')).toBe(
      'Proposed; it needs 1 more signature: ask another member to approve it (send them the group with Exchange).',
    );
    expect(outcomeWords({ applied: true, signatures: 2, needed: 2 }, translate('en'), 'approved')).toBe('Approved: the change applies now. Send the group back to the others with Exchange.');
    expect(outcomeWords({ applied: false, signatures: 1, needed: 3 }, translate('ru'), 'proposed')).toContain('нужны ещё 2 подписи');
    expect(outcomeWords({ applied: false, signatures: 1, needed: 6 }, translate('ru'), 'proposed')).toContain('нужно ещё 5 подписей');
    expect(outcomeWords({ applied: false, signatures: 1, needed: 2 }, translate('uk'), 'approved')).toBe('Схвалено; потрібен ще 1 підпис іншого учасника.');
  });

  it('membership-below-majority in words; an unknown code by a general sentence, never the code', () => {
    expect(warningWords(['membership-below-majority'], translate('en'), { members: 3, membership: 1 })).toEqual([
      'With 1 of 3, one member alone — or one stolen key — can change the group. A majority (2) is the safe minimum.',
    ]);
    expect(warningWords(['membership-below-majority'], translate('ru'), { members: 7, membership: 3 })[0]).toContain('большинство (4)');
    expect(warningWords(['something-new'], translate('uk'), { members: 3, membership: 1 })).toEqual(['Samizdat попередив про цю зміну. Перевірте правила групи.']);
  });

  it('the renderer warns exactly when core does, and offers core’s default', () => {
    for (let members = 1; members <= 12; members++) {
      for (let m = 1; m <= members; m++) expect(belowMajority(members, m), `${m} of ${members}`).toBe(membershipWarning(members, m) !== undefined);
      for (let release = 1; release <= members; release++) expect(safeMembership(members, release)).toBe(safeMembershipThreshold(members, release));
    }
  });
});

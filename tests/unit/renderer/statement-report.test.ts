// The statement's verification report in sentences (src/renderer/screens/statements/report.ts),
// read through i18next with the real catalogues in English, Russian and Ukrainian: who signed, out
// of how many members, against which threshold, with each language's plural forms; each problem
// worded by its code and from the side of the group it is about; an unknown code by its severity,
// never by core's English; the note under the title follows verdictOf (a lookalike's release never
// reads as verified) and names the letters of another alphabet in a lookalike's name.

import i18next, { type i18n } from 'i18next';
import { beforeAll, describe, expect, it } from 'vitest';
import { CATALOGUES } from '../../../src/renderer/i18n/catalogues.js';
import { LANGUAGES, type Language } from '../../../src/renderer/i18n/languages.js';
import { folderNameOf, joinPath } from '../../../src/renderer/screens/statements/paths.js';
import {
  digitGroups,
  mixedLetters,
  mixedLettersNote,
  reportLines,
  verdictNote,
  type ReportContext,
  type Words,
} from '../../../src/renderer/screens/statements/report.js';
import type { AuthorRef, GroupTrust, GroupVerification, Problem, StatementStatus, VerificationReport } from '../../../src/shared/view-models.js';

const instances = new Map<Language, i18n>();

beforeAll(async () => {
  for (const lng of LANGUAGES) {
    const resources: Record<string, Record<string, string>> = {};
    for (const [ns, strings] of Object.entries(CATALOGUES)) resources[ns] = { ...strings[lng] };
    const inst = i18next.createInstance();
    await inst.init({ resources: { [lng]: resources }, lng, fallbackLng: false, ns: Object.keys(CATALOGUES), defaultNS: 'statements', keySeparator: false, nsSeparator: ':', interpolation: { escapeValue: false } });
    instances.set(lng, inst);
  }
});

const say = (lng: Language, w: Words): string => {
  const inst = instances.get(lng) as i18n;
  const key = `statements:${w.key}`;
  const values = { ...(w.values ?? {}) };
  // The screen words an alphabet by its own key (StatementDetail does the same).
  for (const k of ['script', 'main']) if (typeof values[k] === 'string') values[k] = inst.t(`statements:script.${values[k]}`);
  expect(inst.exists(key, values), `${lng}: no text for ${key} ${JSON.stringify(values)}`).toBe(true);
  return inst.t(key, values);
};

const lists: Record<Language, Intl.ListFormat> = {
  en: new Intl.ListFormat('en', { type: 'conjunction' }),
  ru: new Intl.ListFormat('ru', { type: 'conjunction' }),
  uk: new Intl.ListFormat('uk', { type: 'conjunction' }),
};

const KRAS = 'a'.repeat(64);
const IMPOSTOR = 'b'.repeat(64);
const FOREIGN = 'c'.repeat(64);

const trusts: Record<string, GroupTrust> = {
  [KRAS]: { state: 'verified' },
  [IMPOSTOR]: { state: 'lookalike', looksLike: [{ groupId: KRAS, name: 'KRAS-IWA' }] },
};
const names: Record<string, string> = { [KRAS]: 'KRAS-IWA', [IMPOSTOR]: 'KR\u0410S-IWA' };

const context = (lng: Language): ReportContext => ({
  trustOf: (id) => trusts[id],
  nameOf: (id) => names[id],
  list: (items) => lists[lng].format(items),
});

const problem = (code: string, severity: Problem['severity'], subject: string | null = null): Problem => ({ code, severity, message: `core says: ${code} in English`, subject });

function group(over: Partial<GroupVerification> = {}): GroupVerification {
  return {
    groupId: KRAS,
    name: 'KRAS-IWA',
    fingerprint: '19005 00466 90016 72531 06111 79197 28736 43596 87494 81631 41050 26931',
    trust: 'verified',
    threshold: 2,
    members: 3,
    fork: false,
    signers: [
      { memberId: '1', name: 'Olga', key: '1' },
      { memberId: '2', name: 'Ivan', key: '2' },
    ],
    released: true,
    problems: [],
    ...over,
  };
}

const report = (groups: GroupVerification[], problems: Problem[] = [], endorsements: GroupVerification[] = []): VerificationReport => ({
  statementId: 'd'.repeat(64),
  released: groups.every((g) => g.released),
  ok: groups.every((g) => g.released),
  groups,
  endorsements,
  problems,
});

const linesIn = (lng: Language, r: VerificationReport) => reportLines(r, context(lng));

describe('who signed, in sentences', () => {
  it('says the issue\'s sentence in English, and the same facts in Russian and Ukrainian', () => {
    const r = report([group()]);
    const signed = (lng: Language) => say(lng, linesIn(lng, r).groups[0]?.signed as Words);
    expect(signed('en')).toBe('Signed by Olga and Ivan, 2 of 3 members; the group’s threshold is 2.');
    expect(signed('ru')).toBe('Подписи: Olga и Ivan — 2 из 3 участников; порог группы — 2.');
    expect(signed('uk')).toBe('Підписи: Olga і Ivan — 2 з 3 учасників; поріг групи — 2.');
    expect(say('en', linesIn('en', r).groups[0]?.verdict as Words)).toBe('Released: enough members signed.');
  });

  it("uses each language's plural form for the members counted", () => {
    const one = (members: number) => report([group({ members, threshold: 1, signers: [{ memberId: '1', name: 'Ольга', key: '1' }] })]);
    const signed = (lng: Language, members: number) => say(lng, linesIn(lng, one(members)).groups[0]?.signed as Words);
    expect(signed('en', 1)).toBe('Signed by Ольга, 1 of 1 member; the group’s threshold is 1.');
    expect(signed('ru', 1)).toContain('1 из 1 участника;');
    expect(signed('ru', 21)).toContain('1 из 21 участника;');
    expect(signed('ru', 5)).toContain('1 из 5 участников;');
    expect(signed('uk', 1)).toContain('1 з 1 учасника;');
    expect(signed('uk', 3)).toContain('1 з 3 учасників;');
  });

  it('says how many signatures are missing, once (threshold-not-met is not repeated as a problem)', () => {
    const waiting = report([group({ released: false, signers: [{ memberId: '1', name: 'Olga', key: '1' }], problems: [problem('threshold-not-met', 'error', KRAS)] })]);
    const g = linesIn('en', waiting).groups[0]!;
    expect(say('en', g.verdict)).toBe('Not released yet: 1 more signature needed. Ask another member to sign.');
    expect(g.problems).toEqual([]);
    expect(say('ru', linesIn('ru', waiting).groups[0]!.verdict)).toBe('Ещё не опубликовано: не хватает 1 подписи. Попросите другого участника подписать.');
    const none = report([group({ released: false, signers: [], threshold: 2, members: 2 })]);
    expect(say('en', linesIn('en', none).groups[0]!.signed as Words)).toBe('No member has signed yet; 2 of its 2 members must sign.');
    expect(say('uk', linesIn('uk', none).groups[0]!.verdict)).toBe('Ще не оприлюднено: бракує 2 підписів. Попросіть інших учасників підписати.');
  });

  it('does not claim who signed when the group\'s chain is not held; the problem says what to do', () => {
    const unknown = report([group({ groupId: FOREIGN, name: 'unknown group cccccccccccc', trust: 'unknown', members: null, signers: [], released: false, threshold: 0, problems: [problem('unknown-group', 'error', FOREIGN)] })]);
    const g = linesIn('en', unknown).groups[0]!;
    expect(g.signed).toBeNull();
    expect(say('en', g.verdict)).toBe('Not released.');
    expect(say('en', g.problems[0]!)).toMatch(/does not hold the group’s chain of keys.*Import a bundle from the group\.$/);
    // Its trust, unknown to the app, is never shown as verified.
    expect(g.trust.state).toBe('unverified');
  });

  it('says an endorsement counts, or how many signatures it lacks', () => {
    const r = report([group()], [], [group({ groupId: FOREIGN, name: 'ICC', trust: 'unverified', signers: [{ memberId: '3', name: 'Maria', key: '3' }], released: false })]);
    const e = linesIn('en', r).endorsements[0]!;
    expect(say('en', e.signed as Words)).toBe('Signed by Maria, 1 of 3 members; the group’s threshold is 2.');
    expect(say('en', e.verdict)).toBe('The endorsement does not count yet: 1 more signature needed.');
  });

  it('gives the fingerprint as groups of five digits', () => {
    expect(linesIn('en', report([group()])).groups[0]!.fingerprint).toEqual(['19005', '00466', '90016', '72531', '06111', '79197', '28736', '43596', '87494', '81631', '41050', '26931']);
    expect(digitGroups('1234567890123')).toEqual(['12345', '67890', '123']);
  });
});

describe('problems, each with what to do next', () => {
  it('words the lookalike from each side: the impostor looks like the group known; the group known has a suspect', () => {
    const r = report([
      group({ groupId: IMPOSTOR, name: 'KR\u0410S-IWA', trust: 'unverified', problems: [problem('lookalike-group', 'warning', KRAS), problem('unverified-group', 'warning', IMPOSTOR)] }),
      group({ problems: [problem('lookalike-group', 'warning', IMPOSTOR)] }),
    ]);
    const [impostor, real] = linesIn('en', r).groups;
    expect(impostor!.trust.state).toBe('lookalike');
    expect(say('en', impostor!.problems[0]!)).toBe('Its name looks like “KRAS-IWA”, another group in your vault. One of them may be an impostor: compare fingerprints in person (Contacts).');
    expect(say('en', impostor!.problems[1]!)).toMatch(/^You have not compared this group’s fingerprint yet\./);
    expect(say('en', real!.problems[0]!)).toBe('Another group in your vault, “KR\u0410S-IWA”, has a name that looks like this one’s. This group is the one you know; the other may be an impostor.');
    expect(say('ru', linesIn('ru', r).groups[0]!.problems[0]!)).toContain('похоже на «KRAS-IWA»');
  });

  it('words an unknown code by its severity, never with core\'s English message', () => {
    const r = report([group({ problems: [problem('brand-new-code', 'error'), problem('another-new-code', 'warning')] })], [problem('statement-level-new', 'error')]);
    for (const lng of LANGUAGES) {
      const lines = linesIn(lng, r);
      const all = [...lines.groups[0]!.problems, ...lines.problems].map((p) => say(lng, p));
      expect(all).toHaveLength(3);
      for (const text of all) expect(text).not.toMatch(/core says|new-code|statement-level/);
      expect(all[0]).toBe(say(lng, { key: 'problem.other.error' }));
      expect(all[1]).toBe(say(lng, { key: 'problem.other.warning' }));
    }
  });

  it('points a newer revision at the statement to open', () => {
    const newer = 'e'.repeat(64);
    const line = linesIn('en', report([group()], [problem('newer-revision', 'warning', newer)])).problems[0]!;
    expect(line.statement).toBe(newer);
    expect(say('en', line)).toBe('A newer revision of this statement is in your vault.');
  });

  it('has words for every code core reports, in every language', () => {
    const codes = ['bad-signature', 'unknown-signer', 'removed-signer', 'compromised-signer', 'threshold-not-met', 'fork', 'unknown-group', 'unknown-link', 'bad-charter', 'rejected-link', 'pending-link', 'superseded-link', 'orphan-link', 'wrong-role', 'newer-revision', 'unverified-group', 'lookalike-group'];
    for (const lng of LANGUAGES) {
      const r = report([group({ problems: codes.map((c) => problem(c, 'warning', FOREIGN)) })]);
      const lines = linesIn(lng, r).groups[0]!.problems;
      // threshold-not-met is said by the verdict line; each other code has words of its own, none core's.
      expect(lines.map((p) => p.code)).toEqual(codes.filter((c) => c !== 'threshold-not-met'));
      for (const line of lines) {
        expect(line.key, line.code).not.toMatch(/^problem\.other\./);
        expect(say(lng, line)).not.toContain('core says');
      }
    }
  });
});

describe('the note under the title', () => {
  const author = (name: string, trust: GroupTrust): AuthorRef => ({ groupId: name.padEnd(64, '0'), name, trust });
  const verified = author('KRAS-IWA', { state: 'verified' });
  const impostor = author('KR\u0410S-IWA', { state: 'lookalike', looksLike: [{ groupId: verified.groupId, name: 'KRAS-IWA' }] });
  const stranger = author('Вільний переклад — Львів', { state: 'unverified', firstSeen: { from: 'stick.samizdat', at: null } });
  const note = (lng: Language, status: StatementStatus, authors: AuthorRef[], signatures: { have: number; need: number } | null = null) =>
    say(lng, verdictNote({ status, authors, signatures }, { list: (items) => lists[lng].format(items) }));

  it("warns of the impostor, whoever co-signs, and never says it is verified", () => {
    for (const authors of [[impostor], [verified, impostor]]) {
      const text = note('en', 'released', authors);
      expect(text).toBe('The group “KR\u0410S-IWA” looks like “KRAS-IWA”, a group you already know. This may be an impostor. Do not trust or pass on this text until you have compared fingerprints in person.');
      expect(text).not.toBe(note('en', 'released', [verified]));
    }
    expect(note('ru', 'released', [impostor])).toMatch(/^Группа “KR\u0410S-IWA” похожа на “KRAS-IWA”/);
  });

  it('says who is not verified yet, and how far a draft is', () => {
    expect(note('en', 'released', [verified, stranger])).toMatch(/^Released by “Вільний переклад — Львів”, but you have not compared its fingerprint\./);
    expect(note('en', 'released', [verified])).toMatch(/^Released by every author group, and you know each one/);
    expect(note('uk', 'waiting', [verified], { have: 1, need: 2 })).toBe('Ще не оприлюднено: поки 1 з 2 підписів.');
    expect(note('ru', 'waiting', [verified], { have: 1, need: 5 })).toBe('Ещё не опубликовано: пока 1 из 5 подписей.');
  });

  it('names the letters of another alphabet in a lookalike name', () => {
    expect(mixedLetters('KR\u0410S-IWA')).toEqual({ letters: ['\u0410'], script: 'Cyrillic', main: 'Latin' });
    expect(mixedLetters('\u039aR\u0391S-IWA')).toEqual({ letters: ['\u039a', '\u0391'], script: 'Greek', main: 'Latin' });
    expect(mixedLetters('KRAS-IWA')).toBeNull();
    expect(mixedLetters('Рабочая солидарность — Екатеринбург')).toBeNull();
    expect(mixedLetters('AБ')).toBeNull(); // no majority: nothing to say which letter is the odd one
    const hint = (lng: Language, name: string) => say(lng, mixedLettersNote(name, { list: (items) => lists[lng].format(items) }) as Words);
    expect(hint('en', 'KR\u0410S-IWA')).toBe('Look closely: in its name, “\u0410” is a Cyrillic letter; the others are Latin.');
    expect(hint('ru', 'KR\u0410S-IWA')).toBe('Присмотритесь: в её названии “\u0410” — кириллица, остальные буквы — латиница.');
    expect(hint('uk', '\u039aR\u0391S-IWA')).toBe('Придивіться: у її назві “\u039a” і “\u0391” — грецька абетка, решта літер — латиниця.');
  });
});

describe('the folder of a plain-text export', () => {
  it('is named after the title, without what file systems refuse', () => {
    expect(folderNameOf('Нет войне: 24/02')).toBe('Нет войне 24 02');
    expect(folderNameOf('..hidden?*.')).toBe('hidden');
    expect([...folderNameOf('я'.repeat(100))]).toHaveLength(60);
  });

  it('goes inside the chosen folder with its separator', () => {
    expect(joinPath('/home/olga', 'Нет войне')).toBe('/home/olga/Нет войне');
    expect(joinPath('/', 'x')).toBe('/x');
    expect(joinPath('C:\\Users\\olga', 'x')).toBe('C:\\Users\\olga\\x');
    expect(joinPath('/home/olga', '')).toBe('/home/olga');
  });
});

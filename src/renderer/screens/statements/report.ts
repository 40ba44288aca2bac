// The verification report (statements:verify) as sentences: which words (catalogue keys of the
// `statements` namespace) and which values, decided here without React or a browser, so that the
// wording of every case is tested (tests/unit/renderer/statement-report.test.ts). Core's English
// messages are never shown: each problem is worded by its code, an unknown code by its severity.

import type { AuthorRef, GroupTrust, GroupVerification, Problem, StatementSummary, VerificationReport } from '../../../shared/view-models.js';
import { verdictOf } from '../../components/trust.js';

export type Values = Record<string, string | number>;

/** Words to show: a catalogue key of the `statements` namespace and its values. */
export interface Words {
  key: string;
  values?: Values;
}

export interface ProblemLine extends Words {
  code: string;
  severity: Problem['severity'];
  /** A statement the problem points at (a newer revision), to open. */
  statement?: string;
}

export interface GroupLines {
  groupId: string;
  name: string;
  trust: GroupTrust;
  /** The safety number in groups of five digits, to read aloud. */
  fingerprint: string[];
  /** Who signed, out of how many members, against which threshold. Null when the members are unknown. */
  signed: Words | null;
  /** Whether what they signed counts: released (an author) or counting (an endorser). */
  verdict: Words;
  problems: ProblemLine[];
}

export interface ReportLines {
  groups: GroupLines[];
  endorsements: GroupLines[];
  problems: ProblemLine[];
}

export interface ReportContext {
  /** A group's trust state as the app shows it everywhere (the statement's authors, groups:list). */
  trustOf: (groupId: string) => GroupTrust | undefined;
  /** A group's name, for problems that name another group. */
  nameOf: (groupId: string) => string | undefined;
  /** Names joined as the UI language joins them ("Olga and Ivan", "Ольга и Иван"). */
  list: (names: string[]) => string;
}

/** Problem codes with words of their own; any other is worded by its severity. */
export const WORDED_PROBLEMS = new Set([
  'unknown-group',
  'bad-charter',
  'fork',
  'lookalike-group',
  'unverified-group',
  'rejected-link',
  'pending-link',
  'superseded-link',
  'orphan-link',
  'newer-revision',
]);

/** Signatures that do not count are import's reasons now; if a report still names one, it was ignored. */
const IGNORED_SIGNATURE = new Set(['bad-signature', 'unknown-signer', 'removed-signer', 'compromised-signer', 'wrong-role', 'unknown-link']);

/** Said by the verdict line already ("Not released yet: 1 more member must sign"). */
const SAID_BY_VERDICT = new Set(['threshold-not-met']);

/** Trust states whose name is the one known first: the other group of a lookalike pair is the suspect. */
const KNOWN = new Set(['verified', 'mine']);

/** `group`: the group whose report holds the problem (a lookalike problem is worded from its side). */
export function problemLine(p: Problem, ctx: ReportContext, group?: string): ProblemLine {
  const base = { code: p.code, severity: p.severity };
  if (p.code === 'lookalike-group') {
    const other = p.subject === null ? undefined : ctx.nameOf(p.subject);
    const known = group !== undefined && KNOWN.has(ctx.trustOf(group)?.state ?? '');
    const key = known ? 'problem.lookalike-group.known' : 'problem.lookalike-group';
    return other === undefined ? { ...base, key: `${key}.unnamed` } : { ...base, key, values: { other } };
  }
  if (p.code === 'newer-revision') return p.subject === null ? { ...base, key: 'problem.newer-revision' } : { ...base, key: 'problem.newer-revision', statement: p.subject };
  if (WORDED_PROBLEMS.has(p.code)) return { ...base, key: `problem.${p.code}` };
  if (IGNORED_SIGNATURE.has(p.code)) return { ...base, key: 'problem.signature-ignored' };
  return { ...base, key: p.severity === 'error' ? 'problem.other.error' : 'problem.other.warning' };
}

/** "12345 67890 ..." (or 60 digits in a row) as groups of five. */
export function digitGroups(fingerprint: string): string[] {
  const digits = fingerprint.replace(/\s+/g, '');
  const groups: string[] = [];
  for (let i = 0; i < digits.length; i += 5) groups.push(digits.slice(i, i + 5));
  return groups;
}

/** The report's own trust words are coarser (verified / unverified / unknown): used only when the app's state is not known. */
function fallbackTrust(g: GroupVerification): GroupTrust {
  return g.trust === 'verified' ? { state: 'verified' } : { state: 'unverified', firstSeen: { from: null, at: null } };
}

function signedWords(g: GroupVerification, ctx: ReportContext): Words | null {
  if (g.members === null) return null;
  if (g.signers.length === 0) return { key: 'report.signedNone', values: { count: g.members, threshold: g.threshold } };
  return { key: 'report.signedBy', values: { names: ctx.list(g.signers.map((s) => s.name)), have: g.signers.length, count: g.members, threshold: g.threshold } };
}

function verdictWords(g: GroupVerification, role: 'author' | 'endorser'): Words {
  const missing = Math.max(0, g.threshold - g.signers.length);
  if (role === 'endorser') {
    if (g.released) return { key: 'report.endorsementCounts' };
    if (g.members !== null && missing > 0) return { key: 'report.endorsementShort', values: { count: missing } };
    return { key: 'report.endorsementNotCounting' };
  }
  if (g.released) return { key: 'report.released' };
  if (g.members === null) return { key: 'report.notReleased' };
  if (missing > 0) return { key: 'report.needMore', values: { count: missing } };
  return { key: 'report.chainProblem' };
}

export function groupLines(g: GroupVerification, role: 'author' | 'endorser', ctx: ReportContext): GroupLines {
  return {
    groupId: g.groupId,
    name: g.name,
    trust: ctx.trustOf(g.groupId) ?? fallbackTrust(g),
    fingerprint: digitGroups(g.fingerprint),
    signed: signedWords(g, ctx),
    verdict: verdictWords(g, role),
    problems: g.problems.filter((p) => !SAID_BY_VERDICT.has(p.code)).map((p) => problemLine(p, ctx, g.groupId)),
  };
}

export function reportLines(report: VerificationReport, ctx: ReportContext): ReportLines {
  return {
    groups: report.groups.map((g) => groupLines(g, 'author', ctx)),
    endorsements: report.endorsements.map((g) => groupLines(g, 'endorser', ctx)),
    problems: report.problems.map((p) => problemLine(p, ctx)),
  };
}

/** Alphabets a lookalike name may mix (those confusables come from); other letters are not told apart. */
export const SCRIPTS = ['Latin', 'Cyrillic', 'Greek'] as const;
export type Script = (typeof SCRIPTS)[number];

const SCRIPT_TESTS: Record<Script, RegExp> = { Latin: /\p{Script=Latin}/u, Cyrillic: /\p{Script=Cyrillic}/u, Greek: /\p{Script=Greek}/u };

export const scriptOf = (ch: string): Script | null => SCRIPTS.find((s) => SCRIPT_TESTS[s].test(ch)) ?? null;

/**
 * The letters of a name written in another alphabet than most of its letters ("KRАS-IWA": the
 * Cyrillic А among Latin letters), which is how an impostor's name looks the same to the eye.
 * Null when the name keeps to one alphabet (or has no majority).
 */
export function mixedLetters(name: string): { letters: string[]; script: Script; main: Script } | null {
  const letters = [...name.normalize('NFC')].map((ch) => ({ ch, script: scriptOf(ch) })).filter((l): l is { ch: string; script: Script } => l.script !== null);
  const counts = new Map<Script, number>();
  for (const l of letters) counts.set(l.script, (counts.get(l.script) ?? 0) + 1);
  if (counts.size < 2) return null;
  const ranked = [...counts.entries()].sort((a, b) => b[1] - a[1]);
  const [main, second] = ranked as [[Script, number], [Script, number]];
  if (main[1] === second[1]) return null;
  const odd = letters.filter((l) => l.script !== main[0]);
  return { letters: [...new Set(odd.map((l) => l.ch))], script: (odd[0] as { script: Script }).script, main: main[0] };
}

/** The hint under a lookalike's warning: which letters are of another alphabet. Null when none are. */
export function mixedLettersNote(name: string, ctx: Pick<ReportContext, 'list'>): Words | null {
  const mixed = mixedLetters(name);
  if (!mixed) return null;
  return { key: 'note.mixed', values: { letters: ctx.list(mixed.letters.map((l) => `“${l}”`)), count: mixed.letters.length, script: mixed.script, main: mixed.main } };
}

/**
 * The one sentence under the title that says what the badge means and what to do. The verdict is
 * components/trust.ts's (the one rule); this only words it, naming the groups it is about.
 */
export function verdictNote(s: Pick<StatementSummary, 'status' | 'authors' | 'signatures'>, ctx: Pick<ReportContext, 'list'>): Words {
  const verdict = verdictOf(s);
  const quoted = (names: string[]) => ctx.list(names.map((n) => `“${n}”`));
  switch (verdict) {
    case 'lookalike': {
      const suspects = s.authors.filter((a): a is AuthorRef & { trust: { state: 'lookalike' } } => a.trust.state === 'lookalike');
      const others = [...new Set(suspects.flatMap((a) => a.trust.looksLike.map((g) => g.name)))];
      return { key: 'note.lookalike', values: { name: quoted(suspects.map((a) => a.name)), others: quoted(others) } };
    }
    case 'unverified': {
      const unknown = s.authors.filter((a) => a.trust.state === 'unverified').map((a) => a.name);
      return unknown.length > 0 ? { key: 'note.unverified', values: { names: quoted(unknown) } } : { key: 'note.noAuthors' };
    }
    case 'waiting':
      return s.signatures ? { key: 'note.waitingCount', values: { have: s.signatures.have, count: s.signatures.need } } : { key: 'note.waiting' };
    default:
      return { key: `note.${verdict}` };
  }
}

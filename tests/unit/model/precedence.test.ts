// docs/FORMAT.md, "Which rule" (after the list of R- rules): an object that breaks several R- rules
// is refused under the one listed first, so that two readers name the same rule for one input. Each case below breaks
// exactly one rule; every pair of cases that touch different parts of an object, applied together,
// must be refused under the rule of the two that the list gives first.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { SamizdatError } from '../../../src/core/errors.js';
import { canonicalBytes } from '../../../src/core/model/canonical.js';
import { decodeObject } from '../../../src/core/model/objects.js';
import { OBJECT_RULES, rulePlace, type ObjectRule } from '../../../src/core/model/rules.js';
import { buildExample } from '../format/example.js';

const ex = buildExample();
type Path = ReadonlyArray<string | number>;
/** One break: the value at `path` replaced (or removed, for `undefined`), and the rule that alone it breaks. */
interface Break {
  rule: ObjectRule;
  path: Path;
  value: unknown;
}
const REMOVE = undefined;

function apply(base: unknown, breaks: readonly Break[]): unknown {
  const copy = structuredClone(base) as Record<string | number, unknown>;
  for (const b of breaks) {
    let at = copy;
    for (const key of b.path.slice(0, -1)) at = at[key] as Record<string | number, unknown>;
    const last = b.path[b.path.length - 1] as string | number;
    if (b.value === REMOVE) delete at[last];
    else at[last] = structuredClone(b.value);
  }
  return copy;
}

/** The rule decoding the canonical bytes of `value` names, or 'accepted'. */
function ruleOf(value: unknown): string {
  try {
    decodeObject(canonicalBytes(value), 'object');
    return 'accepted';
  } catch (err) {
    if (err instanceof SamizdatError && err.rule) return err.rule;
    throw err;
  }
}

/** Whether one path is the other or lies inside it (two breaks there cannot both be applied). */
const overlap = (a: Path, b: Path): boolean => a.slice(0, b.length).every((k, i) => k === b[i]) || b.slice(0, a.length).every((k, i) => k === a[i]);

const hex = (c: string) => c.repeat(64);
const statement = ex.statement;
const r1 = { type: 'introduces', id: hex('2') };
const r2 = { type: 'translation-of', id: hex('1') };
const statementBreaks: Break[] = [
  { rule: 'R-UNKNOWN-TYPE', path: ['type'], value: 'draft' },
  { rule: 'R-VERSION', path: ['v'], value: REMOVE },
  { rule: 'R-UNKNOWN-FIELD', path: ['comment'], value: 'x' },
  { rule: 'R-MISSING-FIELD', path: ['lang'], value: REMOVE },
  { rule: 'R-FIELD-TYPE', path: ['body'], value: null },
  { rule: 'R-HEX', path: ['authors', 0], value: statement.authors[0]?.toUpperCase() },
  { rule: 'R-INTEGER', path: ['attachments', 0, 'size'], value: 2 ** 30 + 1 },
  { rule: 'R-TEXT-UNASSIGNED', path: ['date'], value: '24 February 2026\u0378' },
  { rule: 'R-TEXT-NFC', path: ['title'], value: 'Cafe\u0301' },
  { rule: 'R-TEXT-CONTROL', path: ['attachments', 0, 'name'], value: 'leaflet\u0007.txt' },
  { rule: 'R-MEDIA-TYPE', path: ['attachments', 0, 'mediaType'], value: 'Text/Plain' },
  { rule: 'R-UNSORTED', path: ['relations'], value: [r2, r1] },
];
// Breaks of the same fields as above, to pair with the others.
const moreStatementBreaks: Break[] = [
  { rule: 'R-TEXT-SPACE', path: ['title'], value: 'No to the war ' },
  { rule: 'R-TEXT-LENGTH', path: ['date'], value: '' },
  { rule: 'R-COUNT', path: ['authors'], value: [] },
  { rule: 'R-DUPLICATE-ENTRY', path: ['relations'], value: [r1, r1] },
  { rule: 'R-UNKNOWN-RELATION', path: ['relations'], value: [{ type: 'quotes', id: hex('1') }] },
  { rule: 'R-LANG', path: ['lang'], value: 'EN' },
  { rule: 'R-PATH-NAME', path: ['attachments', 0, 'name'], value: '../leaflet.txt' },
];

const [m0, , m2] = ex.charter.members as [(typeof ex.charter.members)[0], (typeof ex.charter.members)[0], (typeof ex.charter.members)[0]];
const charterBreaks: Break[] = [
  { rule: 'R-VERSION', path: ['v'], value: 2 },
  { rule: 'R-UNKNOWN-OP', path: ['op'], value: 'merge' },
  { rule: 'R-UNKNOWN-FIELD', path: ['group'], value: hex('0') },
  { rule: 'R-HEX', path: ['nonce'], value: 'g'.repeat(32) },
  { rule: 'R-TEXT-NFC', path: ['name'], value: 'Cafe\u0301' },
  { rule: 'R-TEXT-SPACE', path: ['members', 2, 'name'], value: `${m2.name} ` },
  { rule: 'R-UNSORTED', path: ['signatures'], value: [...ex.charter.signatures].reverse() },
  { rule: 'R-CHARTER-SEQ', path: ['seq'], value: 1 },
  { rule: 'R-CHARTER-BOX-REUSED', path: ['members', 1, 'box'], value: m0.box },
  { rule: 'R-CHARTER-THRESHOLD', path: ['thresholds', 'release'], value: 4 },
];

const signatureBreaks: Break[] = [
  { rule: 'R-VERSION', path: ['v'], value: '1' },
  { rule: 'R-MISSING-FIELD', path: ['link'], value: REMOVE },
  { rule: 'R-UNKNOWN-FIELD', path: ['comment'], value: 'x' },
  { rule: 'R-FIELD-TYPE', path: ['role'], value: null },
  { rule: 'R-HEX', path: ['key'], value: ex.aliceSignature.key.toUpperCase() },
];

/** Every pair of breaks on different parts of `base`, with the rule the list gives first. */
function pairs(base: unknown, breaks: Break[]): Array<[string, Break, Break, ObjectRule]> {
  const out: Array<[string, Break, Break, ObjectRule]> = [];
  for (const a of breaks) {
    for (const b of breaks) {
      if (a === b || overlap(a.path, b.path)) continue;
      const first = rulePlace(a.rule) <= rulePlace(b.rule) ? a.rule : b.rule;
      out.push([`${a.rule} at ${a.path.join('.')} + ${b.rule} at ${b.path.join('.')}`, a, b, first]);
    }
  }
  expect(out.length).toBeGreaterThan(breaks.length);
  void base;
  return out;
}

describe('each break alone breaks its rule only (so the pairs below test precedence, nothing else)', () => {
  it.each([
    ['statement', statement, [...statementBreaks, ...moreStatementBreaks]],
    ['charter', ex.charter, charterBreaks],
    ['signature', ex.aliceSignature, signatureBreaks],
  ] as const)('%s', (_name, base, breaks) => {
    expect(ruleOf(base)).toBe('accepted');
    for (const b of breaks) expect(ruleOf(apply(base, [b])), `${b.rule} at ${b.path.join('.')}`).toBe(b.rule);
  });
});

describe('two rules broken at once: the one listed first is named', () => {
  const all = [...statementBreaks, ...moreStatementBreaks];
  it.each(pairs(statement, all))('statement: %s', (_name, a, b, first) => {
    expect(ruleOf(apply(statement, [a, b]))).toBe(first);
  });
  it.each(pairs(ex.charter, charterBreaks))('charter: %s', (_name, a, b, first) => {
    expect(ruleOf(apply(ex.charter, [a, b]))).toBe(first);
  });
  it.each(pairs(ex.aliceSignature, signatureBreaks))('signature: %s', (_name, a, b, first) => {
    expect(ruleOf(apply(ex.aliceSignature, [a, b]))).toBe(first);
  });
});

describe('any number of rules broken at once (fast-check, fixed seed): the one listed first is named', () => {
  it('statement, 2 to 6 breaks on different parts', () => {
    const all = [...statementBreaks, ...moreStatementBreaks];
    let tried = 0;
    fc.assert(
      fc.property(fc.shuffledSubarray(all, { minLength: 2, maxLength: 6 }), (picked) => {
        const breaks = picked.filter((b, i) => picked.slice(0, i).every((a) => !overlap(a.path, b.path)));
        if (breaks.length < 2) return;
        tried++;
        const first = breaks.reduce((a, b) => (rulePlace(b.rule) < rulePlace(a.rule) ? b : a)).rule;
        expect(ruleOf(apply(statement, breaks))).toBe(first);
      }),
      { numRuns: 500, seed: 8 },
    );
    expect(tried).toBeGreaterThan(300);
  });
});

describe('the cases where a checker that stops at the first problem it meets would name another rule', () => {
  const st = (over: Record<string, unknown>) => ruleOf({ ...statement, ...over });
  const ids = (n: number, bad?: number) => Array.from({ length: n }, (_, i) => (i === bad ? i.toString(16).padStart(64, 'A') : i.toString(16).padStart(64, '0')));

  it('an array too long whose entries break an earlier rule: the entries\' rule', () => {
    expect(st({ authors: ids(17) })).toBe('R-COUNT');
    expect(st({ authors: ids(17, 16) })).toBe('R-HEX');
    const relation = (i: number) => ({ type: 'introduces', id: i.toString(16).padStart(64, '0') });
    const relations = Array.from({ length: 65 }, (_, i) => relation(i));
    expect(st({ relations })).toBe('R-COUNT');
    expect(st({ relations: relations.map((r, i) => (i === 64 ? { ...r, id: 5 } : r)) })).toBe('R-FIELD-TYPE');
  });

  it('an array too long whose entries break a later rule: R-COUNT', () => {
    const relations = Array.from({ length: 65 }, (_, i) => ({ type: i === 64 ? 'quotes' : 'introduces', id: i.toString(16).padStart(64, '0') }));
    expect(st({ relations })).toBe('R-COUNT');
    const [a] = statement.attachments as [(typeof statement.attachments)[0]];
    const attachments = Array.from({ length: 65 }, (_, i) => ({ ...a, id: i.toString(16).padStart(64, '0'), mediaType: i === 3 ? 'PDF' : a.mediaType }));
    expect(st({ attachments })).toBe('R-COUNT');
  });

  it('an unsorted array whose entries break an earlier rule: the entries\' rule', () => {
    expect(st({ relations: [r2, { ...r1, id: 'A'.repeat(64) }] })).toBe('R-HEX');
    expect(st({ relations: [r2, { ...r1, type: 'quotes' }] })).toBe('R-UNSORTED');
  });

  it('text that breaks several text rules: in the order unassigned, NFC, control, space, length', () => {
    expect(st({ title: `${'x'.repeat(301)}\u0007` })).toBe('R-TEXT-CONTROL');
    expect(st({ title: `${'x'.repeat(301)} ` })).toBe('R-TEXT-SPACE');
    expect(st({ title: ' Cafe\u0301' })).toBe('R-TEXT-NFC');
    expect(st({ title: 'Cafe\u0301\u0378' })).toBe('R-TEXT-UNASSIGNED');
    expect(st({ title: `\u0007${'x'.repeat(400)}\u0378` })).toBe('R-TEXT-UNASSIGNED');
  });

  it('a fixed word of another JSON type: R-FIELD-TYPE, listed before the word\'s own rule; but type, v and op keep theirs', () => {
    expect(ruleOf({ ...ex.aliceSignature, role: 7 })).toBe('R-FIELD-TYPE');
    expect(ruleOf({ ...ex.aliceSignature, role: 'approve', key: 7 })).toBe('R-FIELD-TYPE');
    expect(ruleOf({ ...ex.aliceSignature, v: '1', key: 7 })).toBe('R-VERSION');
    expect(ruleOf({ ...ex.add, op: 7, v: 1, prev: 7 })).toBe('R-UNKNOWN-OP');
    expect(ruleOf({ ...ex.add, op: 'merge', v: 3 })).toBe('R-VERSION');
    expect(ruleOf({ ...ex.add, type: 'statement', op: 'merge', v: 3 })).toBe('R-VERSION');
  });

  it('the list the rules are ranked by is the document\'s, with R-TEXT-UNASSIGNED just before R-TEXT-NFC', () => {
    expect(OBJECT_RULES.indexOf('R-TEXT-UNASSIGNED') + 1).toBe(OBJECT_RULES.indexOf('R-TEXT-NFC'));
    expect(OBJECT_RULES.slice(0, 4)).toEqual(['R-UTF8', 'R-JSON', 'R-DUPLICATE-FIELD', 'R-NONCANONICAL']);
  });
});

// Structural validation of decoded objects: exactly the members docs/FORMAT.md names, each within its
// limits; arrays sorted and unique where the format says so. A failure names the field, what is
// wrong with it, and the docs/FORMAT.md rule it breaks (SamizdatError.rule).
//
// Which rule: docs/FORMAT.md ("Which rule", after the list of R- rules) has a reader name, of all
// the rules an object breaks, the one listed first. `type`, `v` and (for links) `op` choose the grammar, and come
// first in the list, so they are checked before the grammar (checkKind). Then the grammar's schema
// reports every issue it finds, and the issue whose rule is listed first decides. Every check
// written here (text, hex, language tag, media type, counts, sorting, the charter's own rules)
// raises a custom issue that carries its rule in `params.rule`; custom issues never stop zod from
// checking the rest, so an array too long still has its entries checked. The issues zod raises
// itself (a missing or unknown field, a wrong JSON type, a number out of range, a value outside a
// fixed set) are mapped by issue code, path and value in explainIssue; those stop the checks of
// the object or array that holds them, which only ever skips rules listed after theirs.
import { z } from 'zod';
import { SamizdatError } from '../errors.js';
import { LIMITS } from './limits.js';
import { isObjectRule, rulePlace, type ObjectRule } from './rules.js';
import { textIssue } from './text.js';
import {
  LINK_OPS,
  RELATION_TYPES,
  SIGNATURE_ROLES,
  type ChainLink,
  type LinkOp,
  type SignedObject,
  type Statement,
  type StatementSignature,
} from './types.js';

/** Raise a custom issue that names its rule. */
function fail(ctx: z.RefinementCtx, rule: ObjectRule, message: string, path?: PropertyKey[]): void {
  ctx.addIssue({ code: 'custom', message, params: { rule }, ...(path ? { path } : {}) });
}

/** A string that must match `re` (and be at most `max` characters); otherwise `rule`. */
function pattern(rule: ObjectRule, re: RegExp, message: string, max = Infinity) {
  return z.string().superRefine((s, ctx) => {
    if (s.length > max) fail(ctx, rule, `is longer than ${max} characters (${s.length})`);
    else if (!re.test(s)) fail(ctx, rule, message);
  });
}

export const hex32 = pattern('R-HEX', /^[0-9a-f]{64}$/, 'must be 64 lowercase hex characters');
export const hex64 = pattern('R-HEX', /^[0-9a-f]{128}$/, 'must be 128 lowercase hex characters');
const nonce = pattern('R-HEX', /^[0-9a-f]{32}$/, 'must be 32 lowercase hex characters');

/** A text field: the text rules of docs/FORMAT.md, with these length limits in code points. */
export function text(min: number, max: number, multiline = false) {
  return z.string().superRefine((s, ctx) => {
    const problem = textIssue(s, { min, max, multiline });
    if (problem) fail(ctx, problem.rule, problem.message);
  });
}

/** The string field `k` of an entry, or undefined when the entry is not an object or `k` not a string. */
const field =
  (k: string) =>
  (x: unknown): string | undefined => {
    const v = typeof x === 'object' && x !== null ? (x as Record<string, unknown>)[k] : undefined;
    return typeof v === 'string' ? v : undefined;
  };
const itself = (x: unknown): string | undefined => (typeof x === 'string' ? x : undefined);

/**
 * Between `min` and `max` entries (R-COUNT), sorted ascending by `key` (UTF-16 order, as JCS sorts)
 * with no two equal keys (R-UNSORTED, R-DUPLICATE-ENTRY). The refinement also runs over entries
 * that broke a rule of their own, so keys are read defensively; an entry without a string key is
 * already refused by a rule listed before these.
 */
function sortedUnique<T>(item: z.ZodType<T>, key: (x: unknown) => string | undefined, max: number, min = 0) {
  return z.array(item).superRefine((xs, ctx) => {
    if (xs.length < min) fail(ctx, 'R-COUNT', min === 1 ? 'must have at least one entry' : `has ${xs.length} entries; at least ${min} are required`);
    else if (xs.length > max) fail(ctx, 'R-COUNT', `has ${xs.length} entries; at most ${max} are allowed`);
    for (let i = 1; i < xs.length; i++) {
      const a = key(xs[i - 1]);
      const b = key(xs[i]);
      if (a === undefined || b === undefined) continue;
      if (a === b) fail(ctx, 'R-DUPLICATE-ENTRY', `duplicate entry ${JSON.stringify(b)}`, [i]);
      else if (a > b) fail(ctx, 'R-UNSORTED', 'entries are not in ascending order', [i]);
    }
  });
}

/** A name (of a group or a member): single-line text, 1 to 100 code points. */
export const nameText = text(1, LIMITS.nameChars);
const count = z.int().min(1).max(LIMITS.maxThreshold);
const member = z.strictObject({ name: nameText, sign: hex32, box: hex32 });
const thresholds = z.strictObject({ release: count, membership: count });
const linkSignature = z.strictObject({ key: hex32, sig: hex64 });
const linkSignatures = sortedUnique(linkSignature, field('key'), LIMITS.members);
const seq = z.int().min(0).max(Number.MAX_SAFE_INTEGER);
const charterSeq = seq.superRefine((n, ctx) => {
  if (n !== 0) fail(ctx, 'R-CHARTER-SEQ', `is ${n}; a charter's seq is 0`);
});

const later = { type: z.literal('link'), v: z.literal(1), seq, group: hex32, prev: hex32, signatures: linkSignatures };

const charter = z
  .strictObject({
    type: z.literal('link'),
    v: z.literal(1),
    seq: charterSeq,
    op: z.literal('charter'),
    name: nameText,
    members: sortedUnique(member, field('sign'), LIMITS.members, 1),
    thresholds,
    nonce,
    signatures: linkSignatures,
  })
  .superRefine((c, ctx) => {
    // Runs only when no field broke a rule of zod's own; entries may still have broken custom rules.
    const members: unknown[] = Array.isArray(c.members) ? c.members : [];
    const boxes = new Set(members.map(field('box')));
    if (boxes.size !== members.length) fail(ctx, 'R-CHARTER-BOX-REUSED', 'two members share an encryption key', ['members']);
    for (const k of ['release', 'membership'] as const) {
      const t: unknown = c.thresholds?.[k];
      if (typeof t === 'number' && t > members.length) {
        fail(ctx, 'R-CHARTER-THRESHOLD', `is ${t} but the charter lists ${members.length} member(s)`, ['thresholds', k]);
      }
    }
  });

const LINK_SCHEMAS: Record<LinkOp, z.ZodType> = {
  charter,
  add: z.strictObject({ ...later, op: z.literal('add'), member }),
  remove: z.strictObject({ ...later, op: z.literal('remove'), member: hex32 }),
  rotate: z.strictObject({ ...later, op: z.literal('rotate'), member: hex32, sign: hex32, box: hex32 }),
  compromise: z.strictObject({ ...later, op: z.literal('compromise'), member: hex32, key: hex32 }),
  thresholds: z.strictObject({ ...later, op: z.literal('thresholds'), thresholds }),
  rename: z.strictObject({ ...later, op: z.literal('rename'), name: nameText }),
};

/**
 * A string that is one of `words`, else `rule`. A custom issue, not z.enum: zod stops checking the
 * array or object around a value of its own issues, which would skip R-COUNT (listed before
 * R-UNKNOWN-RELATION) for a relation of unknown type in a list too long.
 */
function word(rule: ObjectRule, words: readonly string[]) {
  return z.string().superRefine((s, ctx) => {
    if (!words.includes(s)) fail(ctx, rule, `${JSON.stringify(s)} is not one of ${words.join(', ')}`);
  });
}

const relation = z.strictObject({ type: word('R-UNKNOWN-RELATION', RELATION_TYPES), id: hex32 });
const attachmentName = text(1, LIMITS.attachmentNameChars).superRefine((s, ctx) => {
  // A label for people, never a path: no separators, no dot names.
  if (/[/\\:]/.test(s) || s === '.' || s === '..') fail(ctx, 'R-PATH-NAME', 'must be a plain name, not a path');
});
const attachment = z.strictObject({
  id: hex32,
  name: attachmentName,
  mediaType: pattern(
    'R-MEDIA-TYPE',
    /^[a-z0-9][a-z0-9!#$&^_.+-]*\/[a-z0-9][a-z0-9!#$&^_.+-]*$/,
    'must be a lowercase media type such as application/pdf',
    LIMITS.mediaTypeChars,
  ),
  size: z.int().min(0).max(LIMITS.attachmentBytes),
});

const statementSchema = z.strictObject({
  type: z.literal('statement'),
  v: z.literal(1),
  authors: sortedUnique(hex32, itself, LIMITS.authors, 1),
  title: text(1, LIMITS.titleChars),
  lang: pattern('R-LANG', /^[a-z]{2,3}(-[A-Za-z0-9]{1,8})*$/, 'must be a BCP 47 language tag such as en or uk-UA', LIMITS.langChars),
  date: text(1, LIMITS.dateChars),
  body: text(0, LIMITS.bodyChars, true),
  relations: sortedUnique(
    relation,
    (r) => {
      const [type, id] = [field('type')(r), field('id')(r)];
      return type === undefined || id === undefined ? undefined : `${type}\u0000${id}`;
    },
    LIMITS.relations,
  ),
  attachments: sortedUnique(attachment, field('id'), LIMITS.attachments),
});

const signatureSchema = z.strictObject({
  type: z.literal('signature'),
  v: z.literal(1),
  statement: hex32,
  group: hex32,
  link: hex32,
  role: word('R-UNKNOWN-ROLE', SIGNATURE_ROLES),
  key: hex32,
  sig: hex64,
});

type Path = readonly PropertyKey[];

/** Whether `path` names a member that is present in `root`, and its value. */
function lookup(root: unknown, path: Path): { present: boolean; value: unknown } {
  let value = root;
  for (const key of path) {
    if (typeof value !== 'object' || value === null || !Object.hasOwn(value, key)) return { present: false, value: undefined };
    value = (value as Record<PropertyKey, unknown>)[key];
  }
  return { present: true, value };
}

/**
 * Fields whose grammar is a fixed set of values, by path: any other string there breaks the
 * field's own rule. (`type`, `v` and `op` are checked before the schema, by checkKind.)
 */
function fixedValueRule(path: Path): ObjectRule | undefined {
  if (path.length === 1) {
    switch (path[0]) {
      case 'type':
        return 'R-UNKNOWN-TYPE';
      case 'v':
        return 'R-VERSION';
      case 'op':
        return 'R-UNKNOWN-OP';
      case 'role':
        return 'R-UNKNOWN-ROLE';
    }
  }
  if (path.length === 3 && path[0] === 'relations' && path[2] === 'type') return 'R-UNKNOWN-RELATION';
  return undefined;
}

/** An issue's rule and a message for people, given the value that was validated. */
export function explainIssue(issue: z.core.$ZodIssue, root: unknown): { rule: ObjectRule | undefined; message: string } {
  const { present, value } = lookup(root, issue.path);
  const field = issue.path.length === 1 && issue.path[0] === 'type';
  switch (issue.code) {
    case 'custom': {
      const rule: unknown = issue.params?.['rule'];
      return { rule: isObjectRule(rule) ? rule : undefined, message: issue.message };
    }
    case 'unrecognized_keys':
      return { rule: 'R-UNKNOWN-FIELD', message: issue.message };
    case 'invalid_value': {
      if (field) return { rule: 'R-UNKNOWN-TYPE', message: present ? issue.message : 'is missing' };
      if (!present) return { rule: 'R-MISSING-FIELD', message: 'is missing' };
      const rule = fixedValueRule(issue.path);
      // A fixed word of another JSON type breaks R-FIELD-TYPE, listed before the word's own rule
      // (but `v` and `op`, listed before R-FIELD-TYPE, keep theirs).
      if (typeof value !== 'string' && rule !== 'R-VERSION' && rule !== 'R-UNKNOWN-OP' && rule !== 'R-UNKNOWN-TYPE') {
        return { rule: 'R-FIELD-TYPE', message: `must be a string, not ${value === null ? 'null' : typeof value}` };
      }
      return { rule, message: issue.message };
    }
    case 'invalid_type':
      if (issue.path.length === 0) return { rule: 'R-UNKNOWN-TYPE', message: 'is not a JSON object' };
      if (field) return { rule: 'R-UNKNOWN-TYPE', message: present ? issue.message : 'is missing' };
      if (!present) return { rule: 'R-MISSING-FIELD', message: 'is missing' };
      if ((issue.expected === 'int' || issue.expected === 'number') && typeof value === 'number') {
        return { rule: 'R-INTEGER', message: 'must be a whole number' };
      }
      return { rule: 'R-FIELD-TYPE', message: issue.message };
    case 'too_small':
    case 'too_big':
      if (issue.origin === 'array') return { rule: 'R-COUNT', message: issue.message };
      if (issue.origin === 'number' || issue.origin === 'int') return { rule: 'R-INTEGER', message: issue.message };
      return { rule: undefined, message: issue.message };
    default:
      return { rule: undefined, message: issue.message };
  }
}

/**
 * The issue of a failed validation that decides its rule, as a rule and a message naming the
 * field: of all the issues, the one whose rule docs/FORMAT.md lists first (the first such issue
 * when several share it).
 */
export function describeIssues(issues: readonly z.core.$ZodIssue[], root: unknown): { rule: ObjectRule | undefined; message: string } {
  let best: { issue: z.core.$ZodIssue; rule: ObjectRule | undefined; message: string } | undefined;
  for (const issue of issues) {
    const explained = explainIssue(issue, root);
    if (!best || rulePlace(explained.rule) < rulePlace(best.rule)) best = { issue, ...explained };
  }
  if (!best) return { rule: undefined, message: 'is invalid' };
  const where = best.issue.path.length ? best.issue.path.map(String).join('.') : '(object)';
  const more = issues.length > 1 ? ` (and ${issues.length - 1} more problem${issues.length > 2 ? 's' : ''})` : '';
  return { rule: best.rule, message: `${where}: ${best.message}${more}` };
}

const isJsonObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);
const invalid = (what: string, message: string, rule: ObjectRule) => new SamizdatError('model', 'input', 'model.invalid', `${what}: ${message}`, { rule });

/**
 * What chooses the grammar, checked before it, in the order of the list: a JSON object whose `type`
 * is `type` (R-UNKNOWN-TYPE), whose `v` is the integer 1 (R-VERSION: absent is not 1). Throws
 * otherwise.
 */
export function checkKind(value: unknown, what: string, type: string, code = 'model.invalid'): asserts value is Record<string, unknown> {
  const refuse = (message: string, rule: ObjectRule) => new SamizdatError('model', 'input', code, `${what}: ${message}`, { rule });
  if (!isJsonObject(value)) throw refuse('is not a JSON object', 'R-UNKNOWN-TYPE');
  if (!Object.hasOwn(value, 'type')) throw refuse('type: is missing', 'R-UNKNOWN-TYPE');
  if (value['type'] !== type) throw refuse(`type: ${JSON.stringify(value['type'])} is not "${type}"`, 'R-UNKNOWN-TYPE');
  if (!Object.hasOwn(value, 'v')) throw refuse('v: is missing; this reader reads version 1', 'R-VERSION');
  if (value['v'] !== 1) throw refuse(`v: ${JSON.stringify(value['v'])} is not 1, the version this reader reads`, 'R-VERSION');
}

function check<T>(schema: z.ZodType<T>, value: unknown, what: string): T {
  const result = schema.safeParse(value);
  if (!result.success) {
    const { rule, message } = describeIssues(result.error.issues, value);
    throw new SamizdatError('model', 'input', 'model.invalid', `${what}: ${message}`, rule ? { rule } : undefined);
  }
  return result.data;
}

export function validateLink(value: unknown, what = 'link'): ChainLink {
  checkKind(value, what, 'link');
  const op = value['op'];
  if (!Object.hasOwn(value, 'op')) throw invalid(what, 'op: is missing', 'R-UNKNOWN-OP');
  if (typeof op !== 'string' || !(LINK_OPS as readonly string[]).includes(op)) {
    throw invalid(what, `op: ${JSON.stringify(op)} is not one of ${LINK_OPS.join(', ')}`, 'R-UNKNOWN-OP');
  }
  return check(LINK_SCHEMAS[op as LinkOp], value, what) as ChainLink;
}

export function validateStatement(value: unknown, what = 'statement'): Statement {
  checkKind(value, what, 'statement');
  return check(statementSchema, value, what) as Statement;
}

export function validateSignature(value: unknown, what = 'signature'): StatementSignature {
  checkKind(value, what, 'signature');
  return check(signatureSchema, value, what) as StatementSignature;
}

/** Validate any signed object by its `type` member. */
export function validateObject(value: unknown, what = 'object'): SignedObject {
  const type = isJsonObject(value) ? value['type'] : undefined;
  switch (type) {
    case 'link':
      return validateLink(value, what);
    case 'statement':
      return validateStatement(value, what);
    case 'signature':
      return validateSignature(value, what);
    default:
      throw new SamizdatError(
        'model',
        'input',
        'model.unknown-type',
        isJsonObject(value) ? `${what}: type ${JSON.stringify(type ?? null)} is not one of link, statement, signature` : `${what}: is not a JSON object`,
        { rule: 'R-UNKNOWN-TYPE' },
      );
  }
}

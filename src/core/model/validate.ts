// Structural validation of decoded objects: exactly the members docs/FORMAT.md names, each within its
// limits; arrays sorted and unique where the format says so. A failure names the field, what is
// wrong with it, and the docs/FORMAT.md rule it breaks (SamizdatError.rule).
//
// How a failure finds its rule: every check written here (text, hex, language tag, media type,
// sorting, the charter's own rules) raises a custom issue that carries its rule in `params.rule`;
// the issues zod raises itself (a missing or unknown field, a wrong JSON type, a number out of
// range, an array too long, a value outside a fixed set) are mapped by issue code, path and value
// in explainIssue. The first issue decides the rule.
import { z } from 'zod';
import { SamizdatError } from '../errors.js';
import { LIMITS } from './limits.js';
import { isObjectRule, type ObjectRule } from './rules.js';
import { textIssue } from './text.js';
import {
  LINK_OPS,
  RELATION_TYPES,
  SIGNATURE_ROLES,
  type ChainLink,
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

/** Sorted ascending by `key` (UTF-16 order, as JCS sorts) with no two equal keys. */
function sortedUnique<T>(item: z.ZodType<T>, key: (x: T) => string, max: number, min = 0) {
  return z
    .array(item)
    .min(min)
    .max(max)
    .superRefine((xs, ctx) => {
      for (let i = 1; i < xs.length; i++) {
        const a = key(xs[i - 1] as T);
        const b = key(xs[i] as T);
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
const linkSignatures = sortedUnique(linkSignature, (s) => s.key, LIMITS.members);
const seq = z.int().min(0).max(Number.MAX_SAFE_INTEGER);

const later = { type: z.literal('link'), v: z.literal(1), seq, group: hex32, prev: hex32, signatures: linkSignatures };

const charter = z
  .strictObject({
    type: z.literal('link'),
    v: z.literal(1),
    seq: z.literal(0),
    op: z.literal('charter'),
    name: nameText,
    members: sortedUnique(member, (m) => m.sign, LIMITS.members, 1),
    thresholds,
    nonce,
    signatures: linkSignatures,
  })
  .superRefine((c, ctx) => {
    const boxes = new Set(c.members.map((m) => m.box));
    if (boxes.size !== c.members.length) fail(ctx, 'R-CHARTER-BOX-REUSED', 'two members share an encryption key', ['members']);
    for (const k of ['release', 'membership'] as const) {
      if (c.thresholds[k] > c.members.length) {
        fail(ctx, 'R-CHARTER-THRESHOLD', `is ${c.thresholds[k]} but the charter lists ${c.members.length} member(s)`, ['thresholds', k]);
      }
    }
  });

const linkSchema = z.discriminatedUnion('op', [
  charter,
  z.strictObject({ ...later, op: z.literal('add'), member }),
  z.strictObject({ ...later, op: z.literal('remove'), member: hex32 }),
  z.strictObject({ ...later, op: z.literal('rotate'), member: hex32, sign: hex32, box: hex32 }),
  z.strictObject({ ...later, op: z.literal('compromise'), member: hex32, key: hex32 }),
  z.strictObject({ ...later, op: z.literal('thresholds'), thresholds }),
  z.strictObject({ ...later, op: z.literal('rename'), name: nameText }),
]);

const relation = z.strictObject({ type: z.enum(RELATION_TYPES), id: hex32 });
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
  authors: sortedUnique(hex32, (x) => x, LIMITS.authors, 1),
  title: text(1, LIMITS.titleChars),
  lang: pattern('R-LANG', /^[a-z]{2,3}(-[A-Za-z0-9]{1,8})*$/, 'must be a BCP 47 language tag such as en or uk-UA', LIMITS.langChars),
  date: text(1, LIMITS.dateChars),
  body: text(0, LIMITS.bodyChars, true),
  relations: sortedUnique(relation, (r) => `${r.type}\u0000${r.id}`, LIMITS.relations),
  attachments: sortedUnique(attachment, (a) => a.id, LIMITS.attachments),
});

const signatureSchema = z.strictObject({
  type: z.literal('signature'),
  v: z.literal(1),
  statement: hex32,
  group: hex32,
  link: hex32,
  role: z.enum(SIGNATURE_ROLES),
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
 * Fields whose grammar is a fixed set of values, by path: any other value there, of whatever JSON
 * type, breaks the field's own rule. (`type` breaks it even when absent: R-UNKNOWN-TYPE.)
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
      case 'seq': // the one literal seq is the charter's
        return 'R-CHARTER-SEQ';
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
    case 'invalid_union':
      // Only the link union raises this, for its discriminator `op`.
      if (!present) return { rule: 'R-MISSING-FIELD', message: 'is missing' };
      return { rule: 'R-UNKNOWN-OP', message: `${JSON.stringify(value)} is not one of ${LINK_OPS.join(', ')}` };
    case 'invalid_value':
      if (field) return { rule: 'R-UNKNOWN-TYPE', message: present ? issue.message : 'is missing' };
      if (!present) return { rule: 'R-MISSING-FIELD', message: 'is missing' };
      return { rule: fixedValueRule(issue.path), message: issue.message };
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

/** The first issue of a failed validation, as a rule and a message naming the field. */
export function describeIssues(issues: readonly z.core.$ZodIssue[], root: unknown): { rule: ObjectRule | undefined; message: string } {
  const first = issues[0];
  if (!first) return { rule: undefined, message: 'is invalid' };
  const { rule, message } = explainIssue(first, root);
  const where = first.path.length ? first.path.map(String).join('.') : '(object)';
  const more = issues.length > 1 ? ` (and ${issues.length - 1} more problem${issues.length > 2 ? 's' : ''})` : '';
  return { rule, message: `${where}: ${message}${more}` };
}

function check<T>(schema: z.ZodType<T>, value: unknown, what: string): T {
  const result = schema.safeParse(value);
  if (!result.success) {
    const { rule, message } = describeIssues(result.error.issues, value);
    throw new SamizdatError('model', 'input', 'model.invalid', `${what}: ${message}`, rule ? { rule } : undefined);
  }
  return result.data;
}

export const validateLink = (value: unknown, what = 'link'): ChainLink => check(linkSchema, value, what) as ChainLink;
export const validateStatement = (value: unknown, what = 'statement'): Statement => check(statementSchema, value, what) as Statement;
export const validateSignature = (value: unknown, what = 'signature'): StatementSignature =>
  check(signatureSchema, value, what) as StatementSignature;

/** Validate any signed object by its `type` member. */
export function validateObject(value: unknown, what = 'object'): SignedObject {
  const type = typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as { type?: unknown }).type : undefined;
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
        typeof value === 'object' && value !== null && !Array.isArray(value)
          ? `${what}: type ${JSON.stringify(type ?? null)} is not one of link, statement, signature`
          : `${what}: is not a JSON object`,
        { rule: 'R-UNKNOWN-TYPE' },
      );
  }
}

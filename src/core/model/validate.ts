// Structural validation of decoded objects: exactly the members docs/FORMAT.md names, each within its
// limits; arrays sorted and unique where the format says so. A failure names the field and the rule.
import { z } from 'zod';
import { SamizdatError } from '../errors.js';
import { LIMITS } from './limits.js';
import { textProblem } from './text.js';
import {
  RELATION_TYPES,
  SIGNATURE_ROLES,
  type ChainLink,
  type SignedObject,
  type Statement,
  type StatementSignature,
} from './types.js';

const hex32 = z.string().regex(/^[0-9a-f]{64}$/, 'must be 64 lowercase hex characters');
const hex64 = z.string().regex(/^[0-9a-f]{128}$/, 'must be 128 lowercase hex characters');
const nonce = z.string().regex(/^[0-9a-f]{32}$/, 'must be 32 lowercase hex characters');

function text(min: number, max: number, multiline = false) {
  return z.string().superRefine((s, ctx) => {
    const problem = textProblem(s, { min, max, multiline });
    if (problem) ctx.addIssue({ code: 'custom', message: problem });
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
        if (a === b) ctx.addIssue({ code: 'custom', path: [i], message: `duplicate entry ${JSON.stringify(b)}` });
        else if (a > b) ctx.addIssue({ code: 'custom', path: [i], message: 'entries are not in ascending order' });
      }
    });
}

const name = text(1, LIMITS.nameChars);
const count = z.int().min(1).max(LIMITS.maxThreshold);
const member = z.strictObject({ name, sign: hex32, box: hex32 });
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
    name,
    members: sortedUnique(member, (m) => m.sign, LIMITS.members, 1),
    thresholds,
    nonce,
    signatures: linkSignatures,
  })
  .superRefine((c, ctx) => {
    const boxes = new Set(c.members.map((m) => m.box));
    if (boxes.size !== c.members.length) ctx.addIssue({ code: 'custom', path: ['members'], message: 'two members share an encryption key' });
    for (const k of ['release', 'membership'] as const) {
      if (c.thresholds[k] > c.members.length) {
        ctx.addIssue({ code: 'custom', path: ['thresholds', k], message: `is ${c.thresholds[k]} but the charter lists ${c.members.length} member(s)` });
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
  z.strictObject({ ...later, op: z.literal('rename'), name }),
]);

const relation = z.strictObject({ type: z.enum(RELATION_TYPES), id: hex32 });
const attachmentName = text(1, LIMITS.attachmentNameChars).superRefine((s, ctx) => {
  // A label for people, never a path: no separators, no dot names.
  if (/[/\\:]/.test(s) || s === '.' || s === '..') ctx.addIssue({ code: 'custom', message: 'must be a plain name, not a path' });
});
const attachment = z.strictObject({
  id: hex32,
  name: attachmentName,
  mediaType: z
    .string()
    .max(LIMITS.mediaTypeChars)
    .regex(/^[a-z0-9][a-z0-9!#$&^_.+-]*\/[a-z0-9][a-z0-9!#$&^_.+-]*$/, 'must be a lowercase media type such as application/pdf'),
  size: z.int().min(0).max(LIMITS.attachmentBytes),
});

const statementSchema = z.strictObject({
  type: z.literal('statement'),
  v: z.literal(1),
  authors: sortedUnique(hex32, (x) => x, LIMITS.authors, 1),
  title: text(1, LIMITS.titleChars),
  lang: z.string().max(LIMITS.langChars).regex(/^[a-z]{2,3}(-[A-Za-z0-9]{1,8})*$/, 'must be a BCP 47 language tag such as en or uk-UA'),
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

function describeIssues(issues: readonly z.core.$ZodIssue[]): string {
  const first = issues[0];
  if (!first) return 'is invalid';
  const where = first.path.length ? first.path.map(String).join('.') : '(object)';
  const more = issues.length > 1 ? ` (and ${issues.length - 1} more problem${issues.length > 2 ? 's' : ''})` : '';
  return `${where}: ${first.message}${more}`;
}

function check<T>(schema: z.ZodType<T>, value: unknown, what: string): T {
  const result = schema.safeParse(value);
  if (!result.success) {
    throw new SamizdatError('model', 'input', 'model.invalid', `${what}: ${describeIssues(result.error.issues)}`);
  }
  return result.data;
}

export const validateLink = (value: unknown, what = 'link'): ChainLink => check(linkSchema, value, what) as ChainLink;
export const validateStatement = (value: unknown, what = 'statement'): Statement => check(statementSchema, value, what) as Statement;
export const validateSignature = (value: unknown, what = 'signature'): StatementSignature =>
  check(signatureSchema, value, what) as StatementSignature;

/** Validate any signed object by its `type` member. */
export function validateObject(value: unknown, what = 'object'): SignedObject {
  const type = typeof value === 'object' && value !== null ? (value as { type?: unknown }).type : undefined;
  switch (type) {
    case 'link':
      return validateLink(value, what);
    case 'statement':
      return validateStatement(value, what);
    case 'signature':
      return validateSignature(value, what);
    default:
      throw new SamizdatError('model', 'input', 'model.unknown-type', `${what}: type ${JSON.stringify(type ?? null)} is not one of link, statement, signature`);
  }
}

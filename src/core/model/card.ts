// A member card: a member's public keys and name, self-signed, exported by `samizdat me export` and
// given to a group's founder. The self-signature proves the signing key's holder made the card.
import { z } from 'zod';
import { fromHex, toHex } from '../crypto/bytes.js';
import { sign as ed25519Sign, verify as ed25519Verify } from '../crypto/ed25519.js';
import { SamizdatError } from '../errors.js';
import { parseCanonical, canonicalBytes } from './canonical.js';
import { LIMITS } from './limits.js';
import { signingMessage } from './objects.js';
import { normaliseText, textProblem } from './text.js';
import type { Member } from './types.js';

export interface MemberCard extends Member {
  type: 'member-card';
  v: 1;
  sig: string;
}

const hex = (n: number) => z.string().regex(new RegExp(`^[0-9a-f]{${n}}$`), `must be ${n} lowercase hex characters`);
const cardSchema = z.strictObject({
  type: z.literal('member-card'),
  v: z.literal(1),
  name: z.string().superRefine((s, ctx) => {
    const p = textProblem(s, { min: 1, max: LIMITS.nameChars, multiline: false });
    if (p) ctx.addIssue({ code: 'custom', message: p });
  }),
  sign: hex(64),
  box: hex(64),
  sig: hex(128),
});

const cardBody = (card: MemberCard) => ({ type: card.type, v: card.v, name: card.name, sign: card.sign, box: card.box });

export function makeMemberCard(name: string, keys: { signPublic: Uint8Array; signSecret: Uint8Array; boxPublic: Uint8Array }): MemberCard {
  const body = { type: 'member-card' as const, v: 1 as const, name: normaliseText(name).trim(), sign: toHex(keys.signPublic), box: toHex(keys.boxPublic) };
  const sig = toHex(ed25519Sign(signingMessage('member-card', body), keys.signSecret));
  return { ...body, sig };
}

export const encodeMemberCard = (card: MemberCard): Uint8Array => canonicalBytes(card);

/** Decode and check a member card file: canonical, well-formed, self-signature valid. */
export function decodeMemberCard(bytes: Uint8Array, what: string): MemberCard {
  const value = parseCanonical(bytes, what);
  const parsed = cardSchema.safeParse(value);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new SamizdatError('model', 'input', 'model.bad-member-card', `${what} is not a member card: ${issue?.path.join('.') || '(object)'}: ${issue?.message}`);
  }
  const card = parsed.data as MemberCard;
  if (!ed25519Verify(signingMessage('member-card', cardBody(card)), fromHex(card.sig), fromHex(card.sign))) {
    throw new SamizdatError('model', 'input', 'model.bad-member-card', `${what}: the card's self-signature does not verify; it was altered or forged`);
  }
  return card;
}

export const memberOfCard = (card: MemberCard): Member => ({ name: card.name, sign: card.sign, box: card.box });

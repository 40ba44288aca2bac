// A member card: a member's public keys and name, self-signed, exported by `samizdat me export` and
// given to a group's founder. The self-signature proves the signing key's holder made the card.
import { z } from 'zod';
import { fromHex, toHex } from '../crypto/bytes.js';
import { sign as ed25519Sign, verify as ed25519Verify } from '../crypto/ed25519.js';
import { SamizdatError } from '../errors.js';
import { parseCanonical, canonicalBytes } from './canonical.js';
import { signingMessage } from './objects.js';
import { normaliseText } from './text.js';
import type { Member } from './types.js';
import { checkKind, describeIssues, hex32, hex64, nameText } from './validate.js';

export interface MemberCard extends Member {
  type: 'member-card';
  v: 1;
  sig: string;
}

// The same field rules as a member record (validate.ts), so a card's failures name the same rules.
const cardSchema = z.strictObject({
  type: z.literal('member-card'),
  v: z.literal(1),
  name: nameText,
  sign: hex32,
  box: hex32,
  sig: hex64,
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
  checkKind(value, `${what} is not a member card`, 'member-card', 'model.bad-member-card');
  const parsed = cardSchema.safeParse(value);
  if (!parsed.success) {
    const { rule, message } = describeIssues(parsed.error.issues, value);
    throw new SamizdatError('model', 'input', 'model.bad-member-card', `${what} is not a member card: ${message}`, rule ? { rule } : undefined);
  }
  const card = parsed.data as MemberCard;
  if (!ed25519Verify(signingMessage('member-card', cardBody(card)), fromHex(card.sig), fromHex(card.sign))) {
    throw new SamizdatError('model', 'input', 'model.bad-member-card', `${what}: the card's self-signature does not verify; it was altered or forged`, {
      rule: 'R-CARD-SIGNATURE',
    });
  }
  return card;
}

export const memberOfCard = (card: MemberCard): Member => ({ name: card.name, sign: card.sign, box: card.box });

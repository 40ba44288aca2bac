// The member's own identity on this device: one name, a signing and an encryption key pair
// (plus the pairs she used before rotating), all only inside the vault.
import { toHex } from '../crypto/bytes.js';
import { generateBoxKeyPair } from '../crypto/box.js';
import { generateSigningKeyPair } from '../crypto/ed25519.js';
import { SamizdatError } from '../errors.js';
import { makeMemberCard, type MemberCard } from '../model/card.js';
import { normaliseText, textProblem } from '../model/text.js';
import { LIMITS } from '../model/limits.js';
import type { IdentityRecord, VaultReader, VaultWriter } from '../store/types.js';

export interface IdentityView {
  name: string;
  sign: string;
  box: string;
}

export interface SigningKeys {
  publicKey: Uint8Array;
  secretKey: Uint8Array;
}

export function requireIdentity(vault: VaultReader): IdentityRecord {
  const identity = vault.getIdentity();
  if (!identity) {
    throw new SamizdatError('cli', 'usage', 'cli.no-identity', 'this vault has no member keys yet: run `samizdat me create --name NAME` first');
  }
  return identity;
}

export const identityView = (id: IdentityRecord): IdentityView => ({ name: id.name, sign: toHex(id.signPublic), box: toHex(id.boxPublic) });

export function createIdentity(vault: VaultWriter, name: string): IdentityView {
  const clean = normaliseText(name).trim();
  const problem = textProblem(clean, { min: 1, max: LIMITS.nameChars, multiline: false });
  if (problem) throw new SamizdatError('cli', 'usage', 'cli.bad-name', `the name ${problem}`);
  if (vault.hasIdentity()) {
    throw new SamizdatError('vault', 'usage', 'vault.identity-exists', 'this vault already holds member keys; one vault is one member on one device');
  }
  const sign = generateSigningKeyPair();
  const box = generateBoxKeyPair();
  const record: IdentityRecord = { name: clean, signPublic: sign.publicKey, signSecret: sign.secretKey, boxPublic: box.publicKey, boxSecret: box.secretKey };
  vault.setIdentity(record);
  return identityView(record);
}

export function memberCard(vault: VaultReader): MemberCard {
  const id = requireIdentity(vault);
  return makeMemberCard(id.name, { signPublic: id.signPublic, signSecret: id.signSecret, boxPublic: id.boxPublic });
}

/** Every signing key pair this member holds, current first. */
export function mySigningKeys(vault: VaultReader): Map<string, SigningKeys> {
  const keys = new Map<string, SigningKeys>();
  for (const k of [requireIdentity(vault), ...vault.getRetiredKeys()]) keys.set(toHex(k.signPublic), { publicKey: k.signPublic, secretKey: k.signSecret });
  return keys;
}

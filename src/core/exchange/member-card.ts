// My member card as a file, for a group's founder: `samizdat me export` and the app's identity:card
// both write it here. Public keys only, self-signed (model/card.ts), in canonical bytes; written
// atomically and read back, into a new file: a file already under that name is never replaced.
import { encodeMemberCard } from '../model/card.js';
import { memberCard } from '../service/identity.js';
import type { VaultReader } from '../store/types.js';
import { writeFileAtomic } from './atomic.js';

export interface WrittenCard {
  /** The file written, as given. */
  out: string;
  name: string;
  /** My signing key, hex: the card's id. */
  sign: string;
}

/**
 * Writes my member card to `out`, which must not exist (`exchange.out-exists`). Without member keys
 * in the vault: `cli.no-identity`. Readable by anyone (0644): it holds nothing secret.
 */
export function writeMemberCard(vault: VaultReader, out: string): WrittenCard {
  const card = memberCard(vault);
  writeFileAtomic(out, encodeMemberCard(card), 0o644, { replace: false });
  return { out, name: card.name, sign: card.sign };
}

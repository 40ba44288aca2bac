// Between the vault's link records and the model's chain links.
import { fromHex } from '../crypto/bytes.js';
import { sha256Hex } from '../crypto/hash.js';
import { canonicalBytes } from '../model/canonical.js';
import { linkBody } from '../model/objects.js';
import type { ChainLink } from '../model/types.js';
import { replayChain, type ChainReport } from '../verify/chain.js';
import type { LinkRecord, VaultReader } from '../store/types.js';

const decoder = new TextDecoder();

/** A held link as a model object. Its body was validated when it was stored. */
export function linkOfRecord(record: LinkRecord): ChainLink {
  return { ...(JSON.parse(decoder.decode(record.body)) as Omit<ChainLink, 'signatures'>), signatures: record.signatures } as ChainLink;
}

export function recordOfLink(link: ChainLink): LinkRecord {
  const body = canonicalBytes(linkBody(link));
  const id = sha256Hex(body);
  return {
    id,
    group: link.op === 'charter' ? id : link.group,
    seq: link.seq,
    prev: link.op === 'charter' ? null : link.prev,
    op: link.op,
    body,
    signatures: link.signatures,
  };
}

/** Replay a held group's chain. Its entries were verified when they were stored, and are not verified again. */
export function heldChain(vault: Pick<VaultReader, 'getLinks'>, groupId: string): ChainReport {
  return replayChain(groupId, vault.getLinks(groupId).map(linkOfRecord), { verified: true });
}

export const groupIdBytes = (groupId: string): Uint8Array => fromHex(groupId, 32, 'group id');

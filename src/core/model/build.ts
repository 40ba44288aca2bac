// Builders for new objects from what a person typed: text normalised, arrays sorted, then validated,
// so that nothing this program creates could be refused by a reader of the format.
import { randomBytes } from '../crypto/random.js';
import { fromHex, toHex } from '../crypto/bytes.js';
import { sign as ed25519Sign, verify as ed25519Verify } from '../crypto/ed25519.js';
import { normaliseText } from './text.js';
import { linkSigningMessage, statementSigningMessage } from './objects.js';
import { validateLink, validateSignature, validateStatement } from './validate.js';
import type {
  AttachmentRef,
  ChainLink,
  CharterLink,
  LaterChainLink,
  Member,
  Relation,
  SignatureRole,
  Statement,
  StatementSignature,
  Thresholds,
} from './types.js';

const byString = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

export function makeMember(name: string, signPublic: Uint8Array, boxPublic: Uint8Array): Member {
  return { name: normaliseText(name).trim(), sign: toHex(signPublic), box: toHex(boxPublic) };
}

export function makeCharter(input: { name: string; members: Member[]; thresholds: Thresholds }): CharterLink {
  const members = [...input.members].sort((a, b) => byString(a.sign, b.sign));
  return validateLink(
    {
      type: 'link',
      v: 1,
      seq: 0,
      op: 'charter',
      name: normaliseText(input.name).trim(),
      members,
      thresholds: input.thresholds,
      nonce: toHex(randomBytes(16)),
      signatures: [],
    },
    'new group charter',
  ) as CharterLink;
}

type LaterOp = DistributiveOmit<LaterChainLink, 'type' | 'v' | 'seq' | 'group' | 'prev' | 'signatures'>;
type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;

/** A link that follows `prev` (whose id is `prevId`) in group `groupId`. */
export function makeLaterLink(groupId: string, prev: { id: string; seq: number }, op: LaterOp): LaterChainLink {
  const fields = op.op === 'rename' ? { ...op, name: normaliseText(op.name).trim() } : op;
  return validateLink(
    { type: 'link', v: 1, seq: prev.seq + 1, group: groupId, prev: prev.id, ...fields, signatures: [] },
    `new ${op.op} link`,
  ) as LaterChainLink;
}

/** Add (or replace) the signature of `secretKey`'s owner on a link; signatures stay sorted by key. */
export function signLink<L extends ChainLink>(link: L, keyPair: { publicKey: Uint8Array; secretKey: Uint8Array }): L {
  const key = toHex(keyPair.publicKey);
  const sig = toHex(ed25519Sign(linkSigningMessage(link), keyPair.secretKey));
  const signatures = [...link.signatures.filter((s) => s.key !== key), { key, sig }].sort((a, b) => byString(a.key, b.key));
  return { ...link, signatures };
}

/**
 * Merge the signatures of two copies of the same link (a union, by key). Where the copies carry
 * different signatures under one key, the one that verifies is kept (else the lesser), so that a
 * forged entry cannot displace a real one and the result does not depend on which copy came first.
 */
export function mergeLinkSignatures<L extends ChainLink>(link: L, other: ChainLink): L {
  const byKey = new Map(link.signatures.map((s) => [s.key, s]));
  let message: Uint8Array | undefined;
  const valid = (s: { key: string; sig: string }) => ed25519Verify((message ??= linkSigningMessage(link)), fromHex(s.sig), fromHex(s.key));
  for (const s of other.signatures) {
    const held = byKey.get(s.key);
    if (!held) byKey.set(s.key, s);
    else if (held.sig !== s.sig) {
      const [a, b] = [valid(held), valid(s)];
      if (b && !a) byKey.set(s.key, s);
      else if (a === b && s.sig < held.sig) byKey.set(s.key, s);
    }
  }
  return { ...link, signatures: [...byKey.values()].sort((a, b) => byString(a.key, b.key)) };
}

export function makeStatement(input: {
  authors: string[];
  title: string;
  lang: string;
  date: string;
  body: string;
  relations?: Relation[];
  attachments?: AttachmentRef[];
}): Statement {
  return validateStatement(
    {
      type: 'statement',
      v: 1,
      authors: [...new Set(input.authors)].sort(byString),
      title: normaliseText(input.title).trim(),
      lang: input.lang,
      date: normaliseText(input.date).trim(),
      body: normaliseText(input.body),
      relations: [...(input.relations ?? [])].sort((a, b) => byString(`${a.type}\u0000${a.id}`, `${b.type}\u0000${b.id}`)),
      attachments: [...(input.attachments ?? [])]
        .map((a) => ({ ...a, name: normaliseText(a.name).trim() }))
        .sort((a, b) => byString(a.id, b.id)),
    },
    'new statement',
  );
}

export function makeStatementSignature(
  input: { statement: string; group: string; link: string; role: SignatureRole },
  keyPair: { publicKey: Uint8Array; secretKey: Uint8Array },
): StatementSignature {
  const unsigned: StatementSignature = { type: 'signature', v: 1, ...input, key: toHex(keyPair.publicKey), sig: '' };
  const sig = toHex(ed25519Sign(statementSigningMessage(unsigned), keyPair.secretKey));
  return validateSignature({ ...unsigned, sig }, 'new signature');
}

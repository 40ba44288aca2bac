// The worked example of docs/FORMAT.md, built with Samizdat's own code from fixed seeds.
// Everything here is deterministic: fixed Ed25519 seeds, fixed X25519 secret keys, a fixed
// charter nonce, and Ed25519 signatures (which are deterministic by construction).
import { readFileSync } from 'node:fs';
import { boxKeyPairFromSecretKey, sha256Hex, signingKeyPairFromSeed, toHex } from '../../../src/core/crypto/index.js';
import {
  makeCharter,
  makeLaterLink,
  makeMember,
  makeStatement,
  makeStatementSignature,
  signLink,
} from '../../../src/core/model/build.js';
import { makeMemberCard, type MemberCard } from '../../../src/core/model/card.js';
import { validateLink } from '../../../src/core/model/validate.js';
import type { AddLink, CharterLink, Statement, StatementSignature } from '../../../src/core/model/types.js';
import { objectId } from '../../../src/core/model/objects.js';

export const FORMAT_MD = new URL('../../../docs/FORMAT.md', import.meta.url);

/** A byte string of 32 copies of `b`. */
const fill = (b: number): Uint8Array => new Uint8Array(32).fill(b);

export const PEOPLE = {
  alice: { name: 'Alice', signSeed: fill(0x01), boxSecret: fill(0x11) },
  bob: { name: 'Bob', signSeed: fill(0x02), boxSecret: fill(0x12) },
  carol: { name: 'Carol', signSeed: fill(0x03), boxSecret: fill(0x13) },
  dave: { name: 'Dave', signSeed: fill(0x04), boxSecret: fill(0x14) },
} as const;
export type Person = keyof typeof PEOPLE;

export const CHARTER_NONCE = '000102030405060708090a0b0c0d0e0f';
/** The attachment: the 15 bytes of "No to the war.\n". */
export const ATTACHMENT_BYTES = new TextEncoder().encode('No to the war.\n');

export function keysOf(person: Person) {
  const p = PEOPLE[person];
  return { sign: signingKeyPairFromSeed(p.signSeed), box: boxKeyPairFromSecretKey(p.boxSecret) };
}

export interface Example {
  charter: CharterLink;
  groupId: string;
  daveCard: MemberCard;
  add: AddLink;
  addId: string;
  statement: Statement;
  statementId: string;
  translation: Statement;
  translationId: string;
  aliceSignature: StatementSignature;
  carolSignature: StatementSignature;
}

export function buildExample(): Example {
  const member = (p: Person) => {
    const k = keysOf(p);
    return makeMember(PEOPLE[p].name, k.sign.publicKey, k.box.publicKey);
  };
  // makeCharter draws a random nonce; the example fixes it, then validates the result again.
  const drawn = makeCharter({ name: 'Example Union', members: [member('alice'), member('bob'), member('carol')], thresholds: { release: 2, membership: 2 } });
  let charter = validateLink({ ...drawn, nonce: CHARTER_NONCE }) as CharterLink;
  charter = signLink(charter, keysOf('alice').sign);
  charter = signLink(charter, keysOf('bob').sign);
  const groupId = objectId(charter);

  // Dave hands Alice his member card; its name and keys become the member record of the add link.
  const dave = keysOf('dave');
  const daveCard = makeMemberCard(PEOPLE.dave.name, { signPublic: dave.sign.publicKey, signSecret: dave.sign.secretKey, boxPublic: dave.box.publicKey });
  const daveMember = { name: daveCard.name, sign: daveCard.sign, box: daveCard.box };
  let add = makeLaterLink(groupId, { id: groupId, seq: 0 }, { op: 'add', member: daveMember }) as AddLink;
  add = signLink(add, keysOf('alice').sign);
  add = signLink(add, keysOf('carol').sign);
  const addId = objectId(add);

  const statement = makeStatement({
    authors: [groupId],
    title: 'No to the war — a statement',
    lang: 'en',
    date: '24 February 2026',
    body: 'We, the members of Example Union, say "no" to the war.\n\nKyiv, 24 February 2026\n',
    attachments: [{ id: sha256Hex(ATTACHMENT_BYTES), name: 'leaflet.txt', mediaType: 'text/plain', size: ATTACHMENT_BYTES.length }],
  });
  const statementId = objectId(statement);

  const translation = makeStatement({
    authors: [groupId],
    title: 'Ні війні — заява',
    lang: 'uk',
    date: '24 лютого 2026',
    body: 'Ми, члени Example Union, кажемо війні «ні».\n',
    relations: [{ type: 'translation-of', id: statementId }],
  });
  const translationId = objectId(translation);

  const signature = (p: Person) =>
    makeStatementSignature({ statement: statementId, group: groupId, link: addId, role: 'release' }, keysOf(p).sign);
  return {
    charter,
    groupId,
    daveCard,
    add,
    addId,
    statement,
    statementId,
    translation,
    translationId,
    aliceSignature: signature('alice'),
    carolSignature: signature('carol'),
  };
}

/** The fenced blocks of docs/FORMAT.md marked ```LANG example:NAME, by NAME. */
export function exampleBlocks(markdown = readFileSync(FORMAT_MD, 'utf8')): Map<string, string> {
  const blocks = new Map<string, string>();
  for (const m of markdown.matchAll(/^```[a-z]*[ \t]+example:([a-z0-9-]+)[ \t]*\n([\s\S]*?)\n```[ \t]*$/gm)) {
    const [, name, text] = m as unknown as [string, string, string];
    if (blocks.has(name)) throw new Error(`docs/FORMAT.md: two blocks named example:${name}`);
    blocks.set(name, text);
  }
  return blocks;
}

/** Lines `name: value` of a block, by name. */
export function keyValues(block: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const line of block.split('\n')) {
    if (line.trim() === '') continue;
    const m = /^([a-z0-9.-]+):\s+(\S.*)$/.exec(line);
    if (!m) throw new Error(`docs/FORMAT.md: cannot read the line ${JSON.stringify(line)}`);
    out.set(m[1] as string, (m[2] as string).trim());
  }
  return out;
}

export { toHex };

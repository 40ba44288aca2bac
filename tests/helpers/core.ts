// Fixtures for the tests of src/core/model and src/core/verify: people with real keys, groups with
// real, signed chains, statements and their signatures, and the evidence verifyStatement takes.
import { generateBoxKeyPair, type BoxKeyPair } from '../../src/core/crypto/box.js';
import { generateSigningKeyPair, type SigningKeyPair } from '../../src/core/crypto/ed25519.js';
import { toHex } from '../../src/core/crypto/bytes.js';
import { makeCharter, makeLaterLink, makeMember, makeStatement, makeStatementSignature, signLink } from '../../src/core/model/build.js';
import { objectId } from '../../src/core/model/objects.js';
import type {
  ChainLink,
  CharterLink,
  LaterChainLink,
  Member,
  SignatureRole,
  Statement,
  StatementSignature,
  Thresholds,
} from '../../src/core/model/types.js';
import { replayChain, type ChainReport } from '../../src/core/verify/chain.js';
import { verifyStatement, type StatementEvidence, type TrustLevel, type VerificationReport } from '../../src/core/verify/statement.js';

/** A member's device: her name, her current keys, and every signing key she has held. */
export interface Person {
  name: string;
  /** Current signing key pair. */
  sign: SigningKeyPair;
  box: BoxKeyPair;
  /** Member id: the signing key with which she was first listed. */
  id: string;
  /** Every signing key pair she has held, oldest first. */
  history: SigningKeyPair[];
}

export function makePerson(name: string): Person {
  const sign = generateSigningKeyPair();
  return { name, sign, box: generateBoxKeyPair(), id: toHex(sign.publicKey), history: [sign] };
}

export const memberOf = (p: Person): Member => makeMember(p.name, p.sign.publicKey, p.box.publicKey);

/** Distributes over the union so that each op keeps its own fields. */
type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;
export type LinkOp = DistributiveOmit<LaterChainLink, 'type' | 'v' | 'seq' | 'group' | 'prev' | 'signatures'>;

/** Sign `link` with each of `signers` (their current keys, or the given key pairs). */
export function signBy<L extends ChainLink>(link: L, signers: ReadonlyArray<Person | SigningKeyPair>): L {
  let out = link;
  for (const s of signers) out = signLink(out, 'history' in s ? s.sign : s);
  return out;
}

/**
 * A group under construction: its charter and every link made so far, in chain order. `append`
 * builds the next link, signs it and, when `advance` is true (the default), makes it the head
 * from which the next link follows.
 */
export class TestGroup {
  readonly charter: CharterLink;
  readonly id: string;
  readonly links: ChainLink[];
  head: { id: string; seq: number };

  private constructor(charter: CharterLink) {
    this.charter = charter;
    this.id = objectId(charter);
    this.links = [charter];
    this.head = { id: this.id, seq: 0 };
  }

  static create(name: string, founders: readonly Person[], thresholds: Thresholds, signers: readonly Person[] = founders): TestGroup {
    const charter = signBy(makeCharter({ name, members: founders.map(memberOf), thresholds }), signers);
    return new TestGroup(charter);
  }

  /** The next link after the head, unsigned. */
  propose(op: LinkOp, after: { id: string; seq: number } = this.head): LaterChainLink {
    return makeLaterLink(this.id, after, op);
  }

  /** Build, sign and record the next link; the head moves to it unless `advance` is false. */
  append(op: LinkOp, signers: ReadonlyArray<Person | SigningKeyPair>, opts: { advance?: boolean; after?: { id: string; seq: number } } = {}): LaterChainLink {
    const after = opts.after ?? this.head;
    const link = signBy(this.propose(op, after), signers);
    this.links.push(link);
    if (opts.advance ?? true) this.head = { id: objectId(link), seq: link.seq };
    return link;
  }

  /** A rotation of `person`'s keys, signed by `signers`; `person` then holds the new keys. */
  rotate(person: Person, signers: readonly Person[]): LaterChainLink {
    const sign = generateSigningKeyPair();
    const box = generateBoxKeyPair();
    const link = this.append({ op: 'rotate', member: person.id, sign: toHex(sign.publicKey), box: toHex(box.publicKey) }, signers);
    person.sign = sign;
    person.box = box;
    person.history.push(sign);
    return link;
  }

  replay(links: Iterable<ChainLink> = this.links): ChainReport {
    return replayChain(this.id, links);
  }
}

/** The three members of the story, and their group: threshold 2 for release and for membership. */
export function threeMemberGroup(name = 'KRAS-IWA', thresholds: Thresholds = { release: 2, membership: 2 }) {
  const alice = makePerson('Alice');
  const bob = makePerson('Bob');
  const carol = makePerson('Carol');
  const group = TestGroup.create(name, [alice, bob, carol], thresholds);
  return { alice, bob, carol, group };
}

export function statementBy(authors: readonly TestGroup[], over: Partial<Parameters<typeof makeStatement>[0]> = {}): { statement: Statement; id: string } {
  const statement = makeStatement({
    authors: authors.map((g) => g.id),
    title: 'Against the war',
    lang: 'en',
    date: '2022-02-24',
    body: 'We, the members of the union, refuse to take part.\n\nNo to the war.',
    ...over,
  });
  return { statement, id: objectId(statement) };
}

/** `person`'s signature on statement `statementId` for `group`, at the group's head link unless told. */
export function signStatement(
  statementId: string,
  group: TestGroup,
  person: Person | SigningKeyPair,
  opts: { role?: SignatureRole; link?: string } = {},
): StatementSignature {
  const keys = 'history' in person ? person.sign : person;
  return makeStatementSignature({ statement: statementId, group: group.id, link: opts.link ?? group.head.id, role: opts.role ?? 'release' }, keys);
}

/** Evidence for verifyStatement from test groups: every group's chain replayed from its links. */
export function evidenceFor(
  statement: Statement,
  signatures: readonly StatementSignature[],
  groups: readonly TestGroup[],
  opts: { trust?: TrustLevel | ((groupId: string) => TrustLevel | undefined); newerRevisions?: string[]; links?: Map<string, readonly ChainLink[]> } = {},
): StatementEvidence {
  const reports = new Map<string, ChainReport>();
  for (const g of groups) reports.set(g.id, g.replay(opts.links?.get(g.id) ?? g.links));
  const trust = opts.trust ?? 'verified';
  return {
    id: objectId(statement),
    statement,
    signatures,
    chain: (groupId) => reports.get(groupId),
    trust: typeof trust === 'function' ? trust : (groupId) => (reports.has(groupId) ? trust : undefined),
    ...(opts.newerRevisions ? { newerRevisions: opts.newerRevisions } : {}),
  };
}

export function verify(
  statement: Statement,
  signatures: readonly StatementSignature[],
  groups: readonly TestGroup[],
  opts: Parameters<typeof evidenceFor>[3] = {},
): VerificationReport {
  return verifyStatement(evidenceFor(statement, signatures, groups, opts));
}

/** Problem codes of a list of problems, sorted, for comparisons that do not care about order. */
export const codes = (problems: ReadonlyArray<{ code: string }>): string[] => problems.map((p) => p.code).sort();

/** A comparable snapshot of a chain state (Maps and Sets turned into sorted arrays). */
export function stateSnapshot(state: ChainReport['head']) {
  if (!state) return undefined;
  return {
    groupId: state.groupId,
    linkId: state.linkId,
    seq: state.seq,
    name: state.name,
    thresholds: state.thresholds,
    members: [...state.members.values()].sort((a, b) => (a.id < b.id ? -1 : 1)),
    removed: [...state.removed.values()].sort((a, b) => (a.id < b.id ? -1 : 1)),
    compromised: [...state.compromised].sort(),
  };
}

/** A comparable snapshot of a whole chain report. */
export function reportSnapshot(report: ChainReport) {
  return {
    groupId: report.groupId,
    charter: report.charter,
    head: stateSnapshot(report.head),
    states: [...report.states.keys()].sort().map((id) => [id, stateSnapshot(report.states.get(id))]),
    fork: report.fork,
    problems: report.problems,
  };
}

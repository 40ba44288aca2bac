// Random but valid group chains for the property tests of chain replay: a sequence of steps, each
// turned into a link signed by as many members of the state before it as the chain needs, plus
// pending links (too few signatures) and links signed by strangers.
import fc from 'fast-check';
import { toHex } from '../../../src/core/crypto/bytes.js';
import { generateBoxKeyPair } from '../../../src/core/crypto/box.js';
import { generateSigningKeyPair, type SigningKeyPair } from '../../../src/core/crypto/ed25519.js';
import { objectId } from '../../../src/core/model/objects.js';
import type { ChainLink } from '../../../src/core/model/types.js';
import { makePerson, memberOf, signBy, TestGroup, type Person } from '../../helpers/core.js';

export type StepKind = 'rename' | 'thresholds' | 'add' | 'remove' | 'rotate' | 'compromise' | 'pending' | 'stranger';
export interface Step {
  kind: StepKind;
  pick: number;
  pick2: number;
}

export const steps = fc.array(
  fc.record({
    kind: fc.constantFrom<StepKind>('rename', 'thresholds', 'add', 'remove', 'rotate', 'compromise', 'pending', 'stranger'),
    pick: fc.nat(1000),
    pick2: fc.nat(1000),
  }),
  { maxLength: 7 },
);

/** A point of the chain: a link that was applied, and who could sign the next one. */
export interface Position {
  id: string;
  seq: number;
  /** The current signing keys of the members in the state after this link. */
  keys: SigningKeyPair[];
  membership: number;
}

export interface BuiltChain {
  group: TestGroup;
  people: Person[];
  /** Every link made, applied or not, in the order made. */
  links: ChainLink[];
  /** The charter and each applied link, in chain order. */
  positions: Position[];
}

/** `n` of `keys`, starting at `from` (wrapping). */
const chooseKeys = (keys: SigningKeyPair[], n: number, from: number) => Array.from({ length: n }, (_, i) => keys[(from + i) % keys.length] as SigningKeyPair);

export function buildChain(plan: readonly Step[], opts: { founders?: number; release?: number; membership?: number } = {}): BuiltChain {
  const founders = Array.from({ length: opts.founders ?? 3 }, (_, i) => makePerson(`Founder ${i}`));
  let members = [...founders];
  let thresholds = { release: opts.release ?? 2, membership: opts.membership ?? 2 };
  const group = TestGroup.create('Union', founders, thresholds);
  const people = [...founders];
  const positions: Position[] = [];
  const record = (without?: Person) =>
    positions.push({ ...group.head, keys: members.filter((m) => m !== without).map((m) => m.sign), membership: thresholds.membership });
  record();
  let counter = 0;
  for (const { kind, pick, pick2 } of plan) {
    const n = members.length;
    const signers = chooseKeys(members.map((m) => m.sign), thresholds.membership, pick2);
    switch (kind) {
      case 'rename':
        group.append({ op: 'rename', name: `Union ${++counter}` }, signers);
        break;
      case 'thresholds': {
        thresholds = { release: 1 + (pick % n), membership: 1 + (pick2 % n) };
        group.append({ op: 'thresholds', thresholds }, signers);
        break;
      }
      case 'add': {
        const p = makePerson(`Member ${++counter}`);
        people.push(p);
        group.append({ op: 'add', member: memberOf(p) }, signers);
        members = [...members, p];
        break;
      }
      case 'remove': {
        if (n - 1 < Math.max(thresholds.release, thresholds.membership)) continue;
        const leaving = members[pick % n] as Person;
        group.append({ op: 'remove', member: leaving.id }, signers);
        members = members.filter((m) => m !== leaving);
        break;
      }
      case 'rotate':
        group.rotate(members[pick % n] as Person, []);
        // rotate() signs with nobody; sign the recorded link now, by the state before it.
        group.links[group.links.length - 1] = signBy(group.links[group.links.length - 1] as ChainLink, signers);
        break;
      case 'compromise': {
        // Mark a member's current key compromised, then give her new keys, both signed by the others.
        const victim = members[pick % n] as Person;
        const rest = members.filter((m) => m !== victim).map((m) => m.sign);
        if (rest.length < thresholds.membership) continue;
        group.append({ op: 'compromise', member: victim.id, key: toHex(victim.sign.publicKey) }, signers);
        record(victim); // her compromised key can sign nothing more
        const sign = generateSigningKeyPair();
        const box = generateBoxKeyPair();
        group.append({ op: 'rotate', member: victim.id, sign: toHex(sign.publicKey), box: toHex(box.publicKey) }, chooseKeys(rest, thresholds.membership, pick2));
        victim.sign = sign;
        victim.box = box;
        victim.history.push(sign);
        break;
      }
      case 'pending':
        // One signature short: recorded, not applied.
        if (thresholds.membership < 2) continue;
        group.append({ op: 'rename', name: `Pending ${++counter}` }, signers.slice(1), { advance: false });
        continue;
      case 'stranger': {
        const stranger = makePerson('Stranger');
        group.append({ op: 'add', member: memberOf(stranger) }, Array.from({ length: thresholds.membership }, () => stranger), { advance: false });
        continue;
      }
    }
    record();
  }
  const built = { group, people, links: [...group.links], positions: dedupe(positions) };
  // fast-check prints counterexamples: the plan says it all, the keys would drown it.
  Object.defineProperty(built, fc.toStringMethod, { value: () => `buildChain(${JSON.stringify(plan)}, ${JSON.stringify(opts)})` });
  return built;
}

function dedupe(positions: Position[]): Position[] {
  const seen = new Set<string>();
  return positions.filter((p) => (seen.has(p.id) ? false : (seen.add(p.id), true)));
}

/** A second, validly signed link after position `at`: the chain forks there. */
export function forkAt(built: BuiltChain, at: Position): ChainLink {
  return signBy(built.group.propose({ op: 'rename', name: `Breakaway after ${at.seq}` }, at), chooseKeys(at.keys, at.membership, 1));
}

export const idOf = (l: ChainLink) => objectId(l);

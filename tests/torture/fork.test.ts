// Fork sweep (issue 8): keys a chain has removed, rotated away or marked compromised can never fork
// it, and a real fork between current members can be ended by them. Several main histories (the
// issue's: Bob removed, Carol's key rotated and her old key marked compromised; a rotation alone; a
// removal alone; a removed member's key marked compromised; a stolen key marked compromised and
// replaced; a group of four losing two members), at membership threshold 2 and 1. Against each, rival
// links at every earlier position, of every op (rename, thresholds, add a
// stranger, remove, rotate or compromise each current member), signed by every combination of the
// history's dead keys that meets the membership threshold at that position, and two-link rival
// branches whose first link removes a current member. Replay of every combination must keep the main
// head with no fork, except for the documented limit (a rival branch by keys that held the
// membership threshold at that state which removes, rotates away or compromises every signer of the
// main branch's next link: a fork, reported, never resolved to either side). Imported in every order
// (main first, rival first, one bundle, each link in its own bundle interleaved), the vault's chain
// and the verification report of a statement released on main are those of main alone. `npm test`
// replays and imports seeded samples; `npm run torture` replays every combination (2,373) and
// imports 300 in every order.
import { afterAll, describe, expect, it } from 'vitest';
import { toHex } from '../../src/core/crypto/bytes.js';
import { generateBoxKeyPair } from '../../src/core/crypto/box.js';
import { generateSigningKeyPair, type SigningKeyPair } from '../../src/core/crypto/ed25519.js';
import { makeStatementSignature } from '../../src/core/model/build.js';
import { objectId } from '../../src/core/model/objects.js';
import type { ChainLink, Statement, StatementSignature } from '../../src/core/model/types.js';
import { approveLink, markCompromised } from '../../src/core/service/groups.js';
import { heldChain, linkOfRecord } from '../../src/core/service/links.js';
import { Vault, type LinkRecord } from '../../src/core/store/index.js';
import { applyLink, keyCounts, replayChain, type ChainState } from '../../src/core/verify/chain.js';
import type { VerificationReport } from '../../src/core/verify/statement.js';
import { makePerson, memberOf, signBy, signStatement, statementBy, TestGroup, type LinkOp, type Person } from '../helpers/core.js';
import { fullTorture, tortureTimeout, trials } from './scale.js';
import { Counts, everything, exportBytes, importBytes, importObjects, reportOf, seeded, union, type Objects } from './vault-objects.js';

const hex = (k: SigningKeyPair): string => toHex(k.publicKey);

/** A main history: the group, its later links in chain order, the states after each, and the keys it has killed. */
interface Scenario {
  name: string;
  group: TestGroup;
  people: Person[];
  /** The later links of main, in chain order. */
  main: ChainLink[];
  /** `states[i]` is the state after the charter (i = 0) or after `main[i - 1]`. */
  states: ChainState[];
  head: ChainState;
  /** Every key pair any member has held that does not count at main's head: removed, rotated away or compromised. */
  dead: SigningKeyPair[];
  statement: Statement;
  statementId: string;
  /** Two current members' release signatures at main's head. */
  signatures: StatementSignature[];
  mainObjects: Objects;
}

type Step = (g: TestGroup, p: Record<string, Person>, sign: (...who: Array<Person | SigningKeyPair>) => Array<Person | SigningKeyPair>) => void;

const rotate = (g: TestGroup, who: Person, signers: Array<Person | SigningKeyPair>): void => {
  const sign = generateSigningKeyPair();
  const box = generateBoxKeyPair();
  g.append({ op: 'rotate', member: who.id, sign: hex(sign), box: toHex(box.publicKey) }, signers);
  who.sign = sign;
  who.box = box;
  who.history.push(sign);
};

const HISTORIES: Array<{ name: string; founders: string[]; steps: Step[] }> = [
  {
    name: "Bob removed, Carol's key rotated, her old key marked compromised",
    founders: ['Alice', 'Bob', 'Carol'],
    steps: [
      (g, p, s) => g.append({ op: 'remove', member: p.Bob!.id }, s(p.Alice!, p.Carol!)),
      (g, p, s) => rotate(g, p.Carol!, s(p.Alice!, p.Carol!)),
      (g, p, s) => g.append({ op: 'compromise', member: p.Carol!.id, key: hex(p.Carol!.history[0]!) }, s(p.Alice!, p.Carol!)),
    ],
  },
  { name: "only a rotation (Carol's key)", founders: ['Alice', 'Bob', 'Carol'], steps: [(g, p, s) => rotate(g, p.Carol!, s(p.Alice!, p.Bob!))] },
  { name: 'only a removal (Bob)', founders: ['Alice', 'Bob', 'Carol'], steps: [(g, p, s) => g.append({ op: 'remove', member: p.Bob!.id }, s(p.Alice!, p.Carol!))] },
  {
    name: "Bob removed, then his key marked compromised",
    founders: ['Alice', 'Bob', 'Carol'],
    steps: [(g, p, s) => g.append({ op: 'remove', member: p.Bob!.id }, s(p.Alice!, p.Carol!)), (g, p, s) => g.append({ op: 'compromise', member: p.Bob!.id, key: hex(p.Bob!.sign) }, s(p.Carol!, p.Alice!))],
  },
  {
    name: "Carol's key stolen: marked compromised, then replaced",
    founders: ['Alice', 'Bob', 'Carol'],
    steps: [(g, p, s) => g.append({ op: 'compromise', member: p.Carol!.id, key: hex(p.Carol!.sign) }, s(p.Alice!, p.Bob!)), (g, p, s) => rotate(g, p.Carol!, s(p.Bob!, p.Alice!))],
  },
  {
    name: "a group of four: Dave and Bob removed, Carol's key rotated and its old key compromised",
    founders: ['Alice', 'Bob', 'Carol', 'Dave'],
    steps: [
      (g, p, s) => g.append({ op: 'remove', member: p.Dave!.id }, s(p.Alice!, p.Bob!)),
      (g, p, s) => g.append({ op: 'remove', member: p.Bob!.id }, s(p.Alice!, p.Carol!)),
      (g, p, s) => rotate(g, p.Carol!, s(p.Carol!, p.Alice!)),
      (g, p, s) => g.append({ op: 'compromise', member: p.Carol!.id, key: hex(p.Carol!.history[0]!) }, s(p.Alice!, p.Carol!)),
    ],
  },
];

/** Thresholds and how many members sign each main link: the brief's 2, and 1 (with one or two signers). */
const VARIANTS = [
  { name: 'membership 2', membership: 2, signers: 2 },
  { name: 'membership 1, main links signed by two', membership: 1, signers: 2 },
  { name: 'membership 1, main links signed by one', membership: 1, signers: 1 },
] as const;

function scenario(h: (typeof HISTORIES)[number], v: (typeof VARIANTS)[number]): Scenario {
  const founders = h.founders.map(makePerson);
  const p: Record<string, Person> = Object.fromEntries(founders.map((f) => [f.name, f]));
  const group = TestGroup.create('KRAS-IWA', founders, { release: 2, membership: v.membership });
  const sign = (...who: Array<Person | SigningKeyPair>) => who.slice(0, v.signers);
  for (const step of h.steps) step(group, p, sign);
  const report = group.replay();
  if (report.fork || !report.head || report.head.linkId !== group.head.id) throw new Error(`history ${h.name} (${v.name}) does not replay to its last link`);
  const main = group.links.slice(1);
  const states = [group.id, ...main.map((l) => objectId(l))].map((id) => report.states.get(id) as ChainState);
  const head = report.head;
  const everHeld = new Map(founders.flatMap((f) => f.history).map((k) => [hex(k), k]));
  const dead = [...everHeld.values()].filter((k) => !keyCounts(head, hex(k)));
  const current = founders.filter((f) => keyCounts(head, hex(f.sign)));
  const { statement, id: statementId } = statementBy([group]);
  const signatures = current.slice(0, 2).map((f) => signStatement(statementId, group, f));
  return { name: `${h.name}, ${v.name}`, group, people: founders, main, states, head, dead, statement, statementId, signatures, mainObjects: { links: group.links, statements: [statement], signatures } };
}

/** A rival: a branch from position `at` (0 the charter, i the main link i), built only when tried. */
interface Rival {
  label: string;
  at: number;
  build(): ChainLink[];
}

const subsets = <T,>(xs: readonly T[]): T[][] => xs.reduce<T[][]>((acc, x) => [...acc, ...acc.map((s) => [...s, x])], [[]]).filter((s) => s.length > 0);

/** Distinct members of `state` whose counting keys are among `keys`. */
const holders = (state: ChainState, keys: readonly SigningKeyPair[]): number => new Set(keys.map((k) => keyCounts(state, hex(k))?.id).filter(Boolean)).size;

/** The ops a rival may take at `state`: each kind, for each current member where it names one (new keys made when built). */
function opsAt(state: ChainState): Array<{ label: string; op: () => LinkOp }> {
  const ops: Array<{ label: string; op: () => LinkOp }> = [
    { label: 'rename', op: () => ({ op: 'rename', name: 'KRAS-IWA (in exile)' }) },
    { label: 'thresholds 1/1', op: () => ({ op: 'thresholds', thresholds: { release: 1, membership: 1 } }) },
    { label: 'add a stranger', op: () => ({ op: 'add', member: memberOf(makePerson('Mallory')) }) },
  ];
  for (const m of state.members.values()) {
    ops.push({ label: `remove ${m.name}`, op: () => ({ op: 'remove', member: m.id }) });
    ops.push({ label: `rotate ${m.name}`, op: () => ({ op: 'rotate', member: m.id, sign: hex(generateSigningKeyPair()), box: toHex(generateBoxKeyPair().publicKey) }) });
    const key = m.sign;
    if (key) ops.push({ label: `compromise ${m.name}'s key`, op: () => ({ op: 'compromise', member: m.id, key }) });
  }
  return ops;
}

/** Every rival of a scenario: one-link rivals, and two-link branches that begin by removing a current member. */
function rivalsOf(sc: Scenario): Rival[] {
  const out: Rival[] = [];
  for (let at = 0; at < sc.states.length; at++) {
    const state = sc.states[at] as ChainState;
    const prev = { id: state.linkId, seq: state.seq };
    for (const signers of subsets(sc.dead).filter((s) => holders(state, s) >= state.thresholds.membership)) {
      const who = `signed by ${signers.length} dead key(s)`;
      for (const { label, op } of opsAt(state)) out.push({ label: `${label}, ${who}`, at, build: () => [signBy(sc.group.propose(op(), prev), signers)] });
      for (const m of state.members.values()) {
        const first = sc.group.propose({ op: 'remove', member: m.id }, prev);
        const firstId = objectId(first);
        const after = applyLink(state, first, firstId);
        if (typeof after === 'string') continue;
        for (const { label, op } of opsAt(after)) {
          out.push({ label: `remove ${m.name}, then ${label}, ${who}`, at, build: () => [signBy(first, signers), signBy(sc.group.propose(op(), { id: firstId, seq: first.seq }), signers)] });
        }
      }
    }
  }
  return out;
}

/**
 * What the rule promises for a rival branch, worked out from the ops alone. Links of the branch that
 * are main's own links merge with them, and the branch starts after them. Follow the rest while each
 * link has the membership threshold of counting signers and applies: if its first link applies, and
 * no key that signed main's link at that place still counts at the branch's head, it is the
 * documented limit (a fork); otherwise main's head, with no fork.
 */
function promised(sc: Scenario, at: number, links: readonly ChainLink[]): { outcome: 'main' | 'fork (documented limit)'; at: number } {
  let start = at;
  let rest = [...links];
  while (rest.length > 0 && sc.main[start] && objectId(sc.main[start] as ChainLink) === objectId(rest[0] as ChainLink)) {
    start++;
    rest = rest.slice(1);
  }
  let state = sc.states[start] as ChainState;
  let applied = 0;
  for (const link of rest) {
    const signers = new Set(link.signatures.map((s) => keyCounts(state, s.key)?.id).filter(Boolean)).size;
    if (signers < state.thresholds.membership) break;
    const after = applyLink(state, link as never, objectId(link));
    if (typeof after === 'string') break;
    state = after;
    applied++;
  }
  const next = sc.main[start];
  if (applied === 0 || !next) return { outcome: 'main', at: start };
  return { outcome: next.signatures.some((s) => keyCounts(state, s.key)) ? 'main' : 'fork (documented limit)', at: start };
}

/** Combinations replayed (all of them under `npm run torture`), and imported in every order. */
const REPLAY_SAMPLE = trials(300, Number.POSITIVE_INFINITY);
const IMPORT_SAMPLE = trials(16, 300);

const replayTally = new Counts();
const importTally = new Counts();
const notes: string[] = [];
afterAll(() => {
  console.log(
    [`fork sweep (${fullTorture ? 'full' : 'quick'}): ${replayTally.total} rival branches replayed`, replayTally.toString(), `${importTally.total} imports of main and a rival, in an order:`, importTally.toString(), ...notes].join('\n'),
  );
});

let cachedScenarios: Scenario[] | undefined;
const scenarios = (): Scenario[] => (cachedScenarios ??= HISTORIES.flatMap((h) => VARIANTS.map((v) => scenario(h, v))));

/** `count` of `xs` drawn with a seeded generator without repeats, or all of them. */
function sampled<T>(xs: readonly T[], count: number, seed: number): T[] {
  if (count >= xs.length) return [...xs];
  const next = seeded(seed);
  const chosen = new Set<number>();
  while (chosen.size < count) chosen.add(next() % xs.length);
  return [...chosen].sort((a, b) => a - b).map((i) => xs[i] as T);
}

/** The import orders of main and one rival branch, as lists of bundles' objects (each bundle carries the chain from the charter, as Samizdat's do). */
function orders(sc: Scenario, at: number, links: readonly ChainLink[]): Array<[string, Objects[]]> {
  const prefix = sc.group.links.slice(0, at + 1);
  const rival: Objects = { links: [...prefix, ...links] };
  const rest = sc.main.slice(at);
  const interleaved: Objects[] = [{ links: prefix }];
  for (let i = 0; i < Math.max(links.length, rest.length); i++) {
    if (links[i]) interleaved.push({ links: [links[i] as ChainLink] });
    if (rest[i]) interleaved.push({ links: [rest[i] as ChainLink] });
  }
  interleaved.push({ statements: [sc.statement], signatures: sc.signatures });
  return [
    ['main first', [sc.mainObjects, rival]],
    ['rival first', [rival, sc.mainObjects]],
    ['one bundle', [union(sc.mainObjects, rival)]],
    ['interleaved, a link a bundle', interleaved],
  ];
}

const mainReports = new Map<Scenario, VerificationReport>();
async function mainReport(sc: Scenario): Promise<VerificationReport> {
  let r = mainReports.get(sc);
  if (!r) {
    const vault = Vault.scratch();
    try {
      await importObjects(vault, sc.mainObjects);
      r = reportOf(vault, sc.statementId);
      if (!r.released) throw new Error(`${sc.name}: the statement is not released on main`);
      mainReports.set(sc, r);
    } finally {
      vault.close();
    }
  }
  return r;
}

const variantOf = (sc: Scenario): string => VARIANTS.find((v) => sc.name.endsWith(v.name))?.name ?? '?';

/** What is wrong with the replay of main and a rival branch: messages, none when it keeps its promise. */
function replayFailures(sc: Scenario, at: number, links: readonly ChainLink[], expected: ReturnType<typeof promised>): string[] {
  const report = replayChain(sc.group.id, [...sc.group.links, ...links]);
  if (expected.outcome === 'main') {
    if (report.fork) return ['a fork'];
    if (report.head?.linkId !== sc.head.linkId) return [`head ${report.head?.linkId.slice(0, 12)} is not main's`];
    return [];
  }
  const branches = [objectId(sc.main[expected.at] as ChainLink), objectId(links[expected.at - at] as ChainLink)].sort();
  if (!report.fork) return [`the documented limit should fork, but the head is ${report.head?.linkId === sc.head.linkId ? "main's" : report.head?.linkId.slice(0, 12)}`];
  if (JSON.stringify(report.fork.branches) !== JSON.stringify(branches)) return [`a fork between ${report.fork.branches.join(', ')}`];
  if (report.head?.linkId !== (sc.states[expected.at] as ChainState).linkId) return ["the fork's head is not the state before it"];
  return [];
}

describe(`fork sweep: dead keys never fork a chain (${fullTorture ? 'every combination replayed, a seeded sample imported in every order' : 'seeded samples'})`, () => {
  it(
    `replay: a rival branch by dead keys leaves main's head and no fork (the documented limit: a fork naming both) (${fullTorture ? 'every combination' : `${REPLAY_SAMPLE} combinations`})`,
    () => {
      const all = scenarios().flatMap((sc) => rivalsOf(sc).map((r) => ({ sc, r })));
      const failures: string[] = [];
      for (const { sc, r } of sampled(all, REPLAY_SAMPLE, 0xf0f0)) {
        const links = r.build();
        const expected = promised(sc, r.at, links);
        for (const f of replayFailures(sc, r.at, links, expected)) failures.push(`${sc.name}: rival after position ${r.at} (${r.label}): ${f}`);
        replayTally.add(`${expected.outcome === 'main' ? 'main head kept, no fork' : 'fork reported (documented limit)'}: ${links.length === 1 ? 'one-link rival' : 'two-link rival branch'}, ${variantOf(sc)}`);
      }
      notes.push(`  (${all.length} rival branches in all, over ${scenarios().length} main histories)`);
      expect(failures).toEqual([]);
      // At the brief's membership threshold of 2, no rival of one link reaches the limit.
      expect(replayTally.get('fork reported (documented limit): one-link rival, membership 2')).toBe(0);
    },
    tortureTimeout(120_000, 900_000),
  );

  it(
    `import in every order: the vault's chain and the statement's report are main's (${IMPORT_SAMPLE} combinations)`,
    async () => {
      const all = scenarios().flatMap((sc) => rivalsOf(sc).map((r) => ({ sc, r })));
      const failures: string[] = [];
      for (const { sc, r } of sampled(all, IMPORT_SAMPLE, 0x0f0f)) {
        const links = r.build();
        const expected = promised(sc, r.at, links);
        const reference = await mainReport(sc);
        for (const [order, bundles] of orders(sc, r.at, links)) {
          const where = `${sc.name}: rival after position ${r.at} (${r.label}), ${order}`;
          const vault = Vault.scratch();
          try {
            for (const b of bundles) await importObjects(vault, b);
            const chain = heldChain(vault, sc.group.id);
            const report = reportOf(vault, sc.statementId);
            if (expected.outcome === 'main') {
              if (chain.fork) failures.push(`${where}: a fork`);
              if (chain.head?.linkId !== sc.head.linkId) failures.push(`${where}: the head is not main's`);
              if (JSON.stringify(report) !== JSON.stringify(reference)) failures.push(`${where}: the report differs from main's alone: ${JSON.stringify(report.groups[0]?.problems)}`);
              if (vault.getSignatures(sc.statementId).length !== 2) failures.push(`${where}: ${vault.getSignatures(sc.statementId).length} release signatures held`);
            } else {
              if (!chain.fork) failures.push(`${where}: the documented limit should fork`);
              if (report.released || !report.groups[0]?.problems.some((p) => p.code === 'fork')) failures.push(`${where}: a fork, yet the statement is released or the fork is not reported`);
            }
            // What the vault writes is read back with nothing ignored, and verifies the same.
            const reader = Vault.scratch();
            try {
              const back = await importBytes(reader, await exportBytes(vault, everything(vault)));
              if (back.rejected.length > 0) failures.push(`${where}: its export has ${back.rejected.length} ignored objects`);
              if (JSON.stringify(reportOf(reader, sc.statementId)) !== JSON.stringify(report)) failures.push(`${where}: its export verifies otherwise`);
            } finally {
              reader.close();
            }
            importTally.add(`${expected.outcome === 'main' ? 'main head, statement released as on main alone' : 'fork reported (documented limit)'}: ${order}`);
          } finally {
            vault.close();
          }
        }
      }
      expect(failures).toEqual([]);
    },
    tortureTimeout(120_000, 1_800_000),
  );
});

/** Import each bundle of `bundles` in turn into a fresh vault; the vault is returned open. */
async function vaultWith(bundles: readonly Objects[]): Promise<Vault> {
  const vault = Vault.scratch();
  for (const b of bundles) await importObjects(vault, b);
  return vault;
}

/** Every order of `xs`. */
const permutations = <T,>(xs: readonly T[]): T[][] => (xs.length <= 1 ? [[...xs]] : xs.flatMap((x, i) => permutations([...xs.slice(0, i), ...xs.slice(i + 1)]).map((p) => [x, ...p])));

describe('the documented limit of fork choice', () => {
  it(
    'known limit (docs/SECURITY.md): keys that held the membership threshold at a state (a removed member and a compromised key) can mirror a whole history, a rival branch that removes or rotates away every signer of the main branch\'s next link: fork choice ties, and the fork is reported in every import order, never resolved to either side',
    async () => {
      // The issue's group: Alice, Bob and Carol (release 2, membership 2). Main: Bob removed (by
      // Alice and Carol's first key), Carol's key rotated, her first key marked compromised.
      const [alice, bob, carol] = ['Alice', 'Bob', 'Carol'].map(makePerson) as [Person, Person, Person];
      const group = TestGroup.create('KRAS-IWA', [alice, bob, carol], { release: 2, membership: 2 });
      const carolFirst = carol.sign;
      const removal = group.append({ op: 'remove', member: bob.id }, [alice, carol]);
      rotate(group, carol, [alice, carolFirst]);
      group.append({ op: 'compromise', member: carol.id, key: hex(carolFirst) }, [alice, carol]);
      const { statement, id } = statementBy([group]);
      const main: Objects = { links: group.links, statements: [statement], signatures: [signStatement(id, group, alice), signStatement(id, group, carol)] };
      // Bob's key and Carol's stolen first key were two keys of the charter's state: they remove
      // Alice, then rotate Carol's key away from the one that signed main's first link.
      const dead = [bob.sign, carolFirst];
      const r1 = signBy(group.propose({ op: 'remove', member: alice.id }, { id: group.id, seq: 0 }), dead);
      const r2 = signBy(group.propose({ op: 'rotate', member: carol.id, sign: hex(generateSigningKeyPair()), box: toHex(generateBoxKeyPair().publicKey) }, { id: objectId(r1), seq: 1 }), dead);
      const rival: Objects = { links: [group.charter, r1, r2] };
      const branches = [objectId(removal), objectId(r1)].sort();
      for (const [order, bundles] of [
        ['main first', [main, rival]],
        ['rival first', [rival, main]],
        ['one bundle', [union(main, rival)]],
        ['a link a bundle, interleaved', [{ links: [group.charter] }, { links: [r1] }, { links: [removal] }, { links: [r2] }, { links: group.links.slice(2) }, main]],
      ] as const) {
        const vault = await vaultWith(bundles);
        try {
          const chain = heldChain(vault, group.id);
          expect(chain.fork?.branches, order).toEqual(branches);
          // Neither side is chosen: the head is the state before the fork.
          expect(chain.head?.linkId, order).toBe(group.id);
          const report = reportOf(vault, id);
          expect(report.released, order).toBe(false);
          expect(report.groups[0]?.chain?.fork, order).toBe(true);
          expect(report.groups[0]?.problems.map((p) => p.code), order).toContain('fork');
        } finally {
          vault.close();
        }
      }
    },
  );
});

/** A member's own vault: her keys as its identity. */
function memberVault(p: Person): Vault {
  const vault = Vault.scratch();
  vault.setIdentity({ name: p.name, signPublic: p.sign.publicKey, signSecret: p.sign.secretKey, boxPublic: p.box.publicKey, boxSecret: p.box.secretKey });
  return vault;
}

describe('a real fork between current members', () => {
  /** Alice, Bob and Carol (release 2, membership 2); after the charter, X (renamed by Alice and Bob) and Y (renamed by Bob and Carol). */
  function forked() {
    const [alice, bob, carol] = ['Alice', 'Bob', 'Carol'].map(makePerson) as [Person, Person, Person];
    const group = TestGroup.create('KRAS-IWA', [alice, bob, carol], { release: 2, membership: 2 });
    const charter = { id: group.id, seq: 0 };
    const x = signBy(group.propose({ op: 'rename', name: 'KRAS-IWA Moscow' }, charter), [alice, bob]);
    const y = signBy(group.propose({ op: 'rename', name: 'KRAS-IWA Petersburg' }, charter), [bob, carol]);
    const { statement, id } = statementBy([group]);
    const signatures = [signStatement(id, group, alice, { link: group.id }), signStatement(id, group, bob, { link: group.id })];
    return { alice, bob, carol, group, x, y, statement, id, signatures, bx: { links: [group.charter, x] } as Objects, by: { links: [group.charter, y] } as Objects, bs: { links: [group.charter], statements: [statement], signatures } as Objects };
  }

  it('two valid links after one state, each by two current members: a fork in every import order', async () => {
    const f = forked();
    let orders = 0;
    for (const order of permutations([f.bx, f.by, f.bs])) {
      const vault = await vaultWith(order);
      try {
        const chain = heldChain(vault, f.group.id);
        expect(chain.fork?.branches).toEqual([objectId(f.x), objectId(f.y)].sort());
        const report = reportOf(vault, f.id);
        expect(report.released).toBe(false);
        expect(report.groups[0]?.problems.map((p) => p.code)).toContain('fork');
        orders++;
      } finally {
        vault.close();
      }
    }
    const together = await vaultWith([union(f.bx, f.by, f.bs)]);
    try {
      expect(heldChain(together, f.group.id).fork?.branches).toHaveLength(2);
    } finally {
      together.close();
    }
    importTally.add('real fork between current members: a fork', orders + 1);
  });

  it("recoverable: on branch X, Alice and Bob mark compromised the key of Carol, who signed only Y (the service, with --branch); every holder then has X's branch as head, no fork, and a new statement signed by two current members is released", async () => {
    const f = forked();
    const aliceVault = memberVault(f.alice);
    const bobVault = memberVault(f.bob);
    try {
      for (const v of [aliceVault, bobVault]) for (const b of [f.bx, f.by, f.bs]) await importObjects(v, b);
      expect(heldChain(aliceVault, f.group.id).fork).toBeDefined();
      // Alice proposes on X: the group service names the branch by a prefix of its first link.
      const proposal = markCompromised(aliceVault, f.group.id, hex(f.carol.sign), objectId(f.x).slice(0, 12));
      expect(proposal.applied).toBe(false);
      expect(proposal.needed).toBe(2);
      // Bob receives it and approves it in his own vault.
      await importBytes(bobVault, await exportBytes(aliceVault, everything(aliceVault)));
      const approved = approveLink(bobVault, proposal.id);
      expect(approved.applied).toBe(true);
      const resolution = await exportBytes(bobVault, everything(bobVault));
      const chain = heldChain(bobVault, f.group.id);
      expect(chain.fork).toBeUndefined();
      expect(chain.head?.linkId).toBe(proposal.id);
      expect(chain.head?.name).toBe('KRAS-IWA Moscow');
      expect(chain.problems.filter((p) => p.code === 'superseded-link').map((p) => p.subject)).toEqual([objectId(f.y)]);
      // Carol comes back with a new key that Alice and Bob give her on the kept branch.
      const carolNew = generateSigningKeyPair();
      const rotation = signBy(f.group.propose({ op: 'rotate', member: f.carol.id, sign: hex(carolNew), box: toHex(generateBoxKeyPair().publicKey) }, { id: proposal.id, seq: 2 }), [f.alice, f.bob]);
      const next = statementBy([f.group], { title: 'After the fork' });
      const rotationId = objectId(rotation);
      const signed: Objects = {
        // As Samizdat's bundles do, it carries the chain from the charter (the compromise link included).
        links: [f.group.charter, f.x, linkOfRecord(bobVault.getLink(proposal.id) as LinkRecord), rotation],
        statements: [next.statement],
        signatures: [
          makeStatementSignature({ statement: next.id, group: f.group.id, link: rotationId, role: 'release' }, f.alice.sign),
          makeStatementSignature({ statement: next.id, group: f.group.id, link: rotationId, role: 'release' }, carolNew),
        ],
      };
      // Any holder, whatever she saw before and in whatever order the bundles come: the same.
      let holders = 0;
      for (const order of permutations<Objects | Uint8Array>([f.bx, f.by, resolution, signed])) {
        const vault = Vault.scratch();
        try {
          for (const b of order) await (b instanceof Uint8Array ? importBytes(vault, b) : importObjects(vault, b));
          const held = heldChain(vault, f.group.id);
          expect(held.fork).toBeUndefined();
          expect(held.head?.linkId).toBe(rotationId);
          const after = reportOf(vault, next.id);
          expect(after.released).toBe(true);
          expect(after.groups[0]?.signers.map((s) => s.name).sort()).toEqual(['Alice', 'Carol']);
          // The statement Alice and Bob signed at the charter, before the fork, is released again.
          expect(reportOf(vault, f.id).released).toBe(true);
          holders++;
        } finally {
          vault.close();
        }
      }
      importTally.add('real fork ended by the members of one branch: no fork, new statement released', holders);
    } finally {
      aliceVault.close();
      bobVault.close();
    }
  });

  it('when each side marks compromised a key of someone who signed only the other side, the weights stay equal: still a fork, reported, never resolved to either', async () => {
    const f = forked();
    const onX = signBy(f.group.propose({ op: 'compromise', member: f.carol.id, key: hex(f.carol.sign) }, { id: objectId(f.x), seq: 1 }), [f.alice, f.bob]);
    const onY = signBy(f.group.propose({ op: 'compromise', member: f.alice.id, key: hex(f.alice.sign) }, { id: objectId(f.y), seq: 1 }), [f.bob, f.carol]);
    for (const order of permutations([{ links: [f.group.charter, f.x, onX] }, { links: [f.group.charter, f.y, onY] }, f.bs])) {
      const vault = await vaultWith(order);
      try {
        expect(heldChain(vault, f.group.id).fork?.branches).toEqual([objectId(f.x), objectId(f.y)].sort());
        expect(reportOf(vault, f.id).released).toBe(false);
      } finally {
        vault.close();
      }
    }
  });
});

describe('a stolen key of a current member, with a removed member (the known limit, second form: docs/SECURITY.md)', () => {
  // Alice's key (current on main) and Bob's (removed on main) held the membership threshold at the
  // charter. Their rival branch removes Carol and rotates Alice's key away. This is the fork sweep's
  // genuine history with the roles swapped (main there removes a member and rotates the key that
  // signed both sides), so no rule over the links alone can tell the two apart: fork choice prefers
  // the branch that retired the key both sides used. What the genuine members can do is mark that
  // key compromised on their branch; from then on the rival weighs nothing either, and the fork is
  // reported, never resolved to the rival.
  it("prefers the rival while Alice's stolen key still counts on main, and reports a fork, in every order, once main marks it compromised", () => {
    const [alice, bob, carol] = ['Alice', 'Bob', 'Carol'].map(makePerson) as [Person, Person, Person];
    const group = TestGroup.create('KRAS-IWA', [alice, bob, carol], { release: 2, membership: 2 });
    const removeBob = group.append({ op: 'remove', member: bob.id }, [alice, carol]);
    const r1 = signBy(group.propose({ op: 'remove', member: carol.id }, { id: group.id, seq: 0 }), [alice, bob]);
    const r2 = signBy(group.propose({ op: 'rotate', member: alice.id, sign: hex(generateSigningKeyPair()), box: toHex(generateBoxKeyPair().publicKey) }, { id: objectId(r1), seq: 1 }), [alice, bob]);
    const before = replayChain(group.id, [...group.links, r1, r2]);
    expect(before.fork).toBeUndefined();
    expect(before.head?.linkId).toBe(objectId(r2));
    expect(before.problems.find((p) => p.code === 'superseded-link')?.subject).toBe(objectId(removeBob));
    // Main marks Alice's key compromised (Alice, who still holds it, and Carol sign): a fork, whatever the order.
    const mark = group.append({ op: 'compromise', member: alice.id, key: alice.id }, [alice, carol]);
    const links = [...group.links, r1, r2];
    for (const order of [links, [...links].reverse(), [r2, mark, r1, ...links]]) {
      const after = replayChain(group.id, order);
      expect(after.fork?.branches.sort()).toEqual([objectId(removeBob), objectId(r1)].sort());
      expect(after.head?.linkId).toBe(group.id);
    }
  });
});

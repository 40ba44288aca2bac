// A few of docs/FORMAT.md's verification rules, checked on the worked example's group.
import { describe, expect, it } from 'vitest';
import { signingKeyPairFromSeed } from '../../../src/core/crypto/index.js';
import { makeLaterLink, makeStatementSignature, signLink } from '../../../src/core/model/build.js';
import { objectId } from '../../../src/core/model/objects.js';
import type { ChainLink, LaterChainLink, StatementSignature } from '../../../src/core/model/types.js';
import { replayChain, type ChainReport } from '../../../src/core/verify/chain.js';
import { verifyStatement, whyNotCounting } from '../../../src/core/verify/statement.js';
import { buildExample, keysOf, type Person } from './example.js';

const ex = buildExample();
const key = (p: Person): string => Buffer.from(keysOf(p).sign.publicKey).toString('hex');

/** A link after the add link (seq 2), signed by `signers`. */
function after(op: Parameters<typeof makeLaterLink>[2], signers: Person[]): LaterChainLink {
  let link = makeLaterLink(ex.groupId, { id: ex.addId, seq: 1 }, op);
  for (const p of signers) link = signLink(link, keysOf(p).sign);
  return link;
}

function report(links: ChainLink[], signatures: StatementSignature[] = [ex.aliceSignature, ex.carolSignature]) {
  const chain: ChainReport = replayChain(ex.groupId, links);
  return verifyStatement({ id: ex.statementId, statement: ex.statement, signatures, chain: () => chain, trust: () => 'verified' });
}
const base = [ex.charter, ex.add];
const codes = (r: ReturnType<typeof report>) => r.groups[0]?.problems.map((p) => p.code);
/** Why `sig` does not count against the chain of `links` (undefined: it counts). */
const whyNot = (sig: StatementSignature, links: ChainLink[]) => whyNotCounting(sig, ex.statement.authors, replayChain(ex.groupId, links))?.reason;

describe('docs/FORMAT.md verification rules', () => {
  it('V-MERGE: a copy of a link with a bad entry does not hide a good entry for the same key, in either order', () => {
    const junk = { ...ex.add, signatures: ex.add.signatures.map((s) => ({ ...s, sig: '00'.repeat(64) })) };
    expect(replayChain(ex.groupId, [ex.charter, ex.add, junk]).head?.linkId).toBe(ex.addId);
    expect(replayChain(ex.groupId, [ex.charter, junk, ex.add]).head?.linkId).toBe(ex.addId);
  });

  it("V-NO-VETO: a signature that does not count (a stranger's) changes nothing in the report: released, ok, no problem", () => {
    const stranger = signingKeyPairFromSeed(new Uint8Array(32).fill(0x99));
    const stray = makeStatementSignature({ statement: ex.statementId, group: ex.groupId, link: ex.addId, role: 'release' }, stranger);
    expect(whyNot(stray, base)).toBe('unknown-signer');
    const r = report(base, [ex.aliceSignature, ex.carolSignature, stray]);
    expect(r).toEqual(report(base, [ex.aliceSignature, ex.carolSignature]));
    expect(codes(r)).toEqual([]);
    expect(r.released).toBe(true);
    expect(r.ok).toBe(true);
    // Nor can it make up for a missing one.
    expect(report(base, [ex.aliceSignature, stray])).toEqual(report(base, [ex.aliceSignature]));
  });

  it('V-LINK-UNDERSIGNED: a link with fewer signers than the membership threshold is pending', () => {
    const rename = after({ op: 'rename', name: 'Renamed Union' }, ['alice']);
    const chain = replayChain(ex.groupId, [...base, rename]);
    expect(chain.head?.linkId).toBe(ex.addId);
    expect(chain.problems.map((p) => p.code)).toEqual(['pending-link']);
  });

  it('V-LINK-SIGNER: a signature by a key that is not a current member key does not count', () => {
    const stranger = signingKeyPairFromSeed(new Uint8Array(32).fill(0x99));
    let rename = after({ op: 'rename', name: 'Renamed Union' }, ['alice']);
    rename = signLink(rename, stranger);
    const chain = replayChain(ex.groupId, [...base, rename]);
    expect(chain.head?.linkId).toBe(ex.addId);
    expect(chain.problems.map((p) => p.code).sort()).toEqual(['pending-link', 'rejected-link']);
  });

  it('V-FORK: two valid links after the same state stop replay and release nothing', () => {
    const a = after({ op: 'rename', name: 'Union A' }, ['alice', 'bob']);
    const b = after({ op: 'rename', name: 'Union B' }, ['carol', 'dave']);
    const chain = replayChain(ex.groupId, [...base, a, b]);
    expect(chain.head?.linkId).toBe(ex.addId);
    expect(chain.fork?.branches.sort()).toEqual([objectId(a), objectId(b)].sort());
    const r = report([...base, a, b]);
    expect(r.released).toBe(false);
    expect(codes(r)).toContain('fork');
  });

  it('V-COMPROMISED-SIGNER: once a key is marked compromised, its earlier signatures stop counting (and are not reported)', () => {
    const mark = after({ op: 'compromise', member: key('alice'), key: key('alice') }, ['bob', 'carol']);
    expect(whyNot(ex.aliceSignature, base)).toBeUndefined();
    expect(whyNot(ex.aliceSignature, [...base, mark])).toBe('compromised-signer');
    const r = report([...base, mark]);
    expect(r).toEqual(report([...base, mark], [ex.carolSignature]));
    expect(r.released).toBe(false);
    expect(codes(r)).toEqual(['threshold-not-met']);
  });

  it('V-REMOVED-SIGNER: once a member is removed, her signatures stop counting (and are not reported)', () => {
    const remove = after({ op: 'remove', member: key('carol') }, ['alice', 'bob']);
    expect(whyNot(ex.carolSignature, [...base, remove])).toBe('removed-signer');
    const r = report([...base, remove]);
    expect(r).toEqual(report([...base, remove], [ex.aliceSignature]));
    expect(r.released).toBe(false);
    expect(codes(r)).toEqual(['threshold-not-met']);
  });

  it('V-FORK-CHOICE: a rival link signed by a member the other branch removed loses (superseded-link), in either order', () => {
    // Alice and Bob remove Carol; Carol and Dave sign a rival rename at the same place. Carol's key
    // does not count at the head of the removal's branch: the rival weighs 1 against 2.
    const remove = after({ op: 'remove', member: key('carol') }, ['alice', 'bob']);
    const rival = after({ op: 'rename', name: 'Breakaway' }, ['carol', 'dave']);
    for (const links of [
      [...base, remove, rival],
      [...base, rival, remove],
    ]) {
      const chain = replayChain(ex.groupId, links);
      expect(chain.fork).toBeUndefined();
      expect(chain.head?.linkId).toBe(objectId(remove));
      expect(chain.problems.map((p) => [p.code, p.subject])).toEqual([['superseded-link', objectId(rival)]]);
    }
    const r = report([...base, remove, rival], [ex.aliceSignature]);
    expect(codes(r)).toEqual(['threshold-not-met']);
  });

  it('V-KEY-REUSED: a rotate to a key a member has held does not apply', () => {
    const rotate = after({ op: 'rotate', member: key('dave'), sign: key('alice'), box: 'ab'.repeat(32) }, ['alice', 'bob']);
    const chain = replayChain(ex.groupId, [...base, rotate]);
    expect(chain.head?.linkId).toBe(ex.addId);
    expect(chain.problems.map((p) => p.code)).toEqual(['rejected-link']);
  });
});

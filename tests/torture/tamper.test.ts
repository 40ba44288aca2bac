// Tamper sweep: single-bit flips of a small released bundle (tests/torture/released-bundle.ts),
// imported in process into an empty in-memory vault. Raw flips must all be refused, by a named
// rule, with nothing stored: the trailer's SHA-256 covers every byte before it. Flips with the
// trailer recomputed (so that the checksum protects nothing) must each be refused with nothing
// stored, or accepted with every stored object one of the original's, and nothing altered
// released. `npm test` runs a seeded sample of bits; `npm run torture` runs every bit.
import { afterAll, describe, expect, it } from 'vitest';
import { BUNDLE_RULES } from '../../src/core/bundle/format.js';
import { OBJECT_RULES } from '../../src/core/model/rules.js';
import { toHex } from '../../src/core/crypto/bytes.js';
import { makeStatement } from '../../src/core/model/build.js';
import { canonicalBytes } from '../../src/core/model/canonical.js';
import { Vault, type LinkRecord, type SignatureRecord } from '../../src/core/store/index.js';
import { sha256Hex } from '../unit/bundle/helpers.js';
import { keysOf } from '../unit/format/example.js';
import { flipped, importInto, judge, leftovers, reframed, released, sample, Tally } from './released-bundle.js';
import { fullTorture, tortureTimeout, trials } from './scale.js';

const keyOf = (who: 'alice' | 'bob' | 'carol'): string => toHex(keysOf(who).sign.publicKey);
const KNOWN_RULES = new Set<string>([...BUNDLE_RULES, ...OBJECT_RULES, 'R-ATTACHMENT-MISMATCH']);

/**
 * Import each damaged copy into an empty vault and judge it; a vault is reused only while it is
 * proved empty (after a refusal), otherwise the next copy gets a fresh one.
 */
async function sweep(copies: Iterable<{ bit: number; bytes: Uint8Array }>): Promise<{ tally: Tally; failures: string[] }> {
  const r = await released();
  const tally = new Tally();
  const failures: string[] = [];
  let vault = Vault.scratch();
  try {
    for (const { bit, bytes } of copies) {
      const where = `bit ${bit} (byte ${bit >> 3}, mask 0x${(1 << (bit & 7)).toString(16).padStart(2, '0')})`;
      const { outcome, writes } = await importInto(vault, bytes);
      if (outcome.kind === 'refused') {
        if (!KNOWN_RULES.has(outcome.rule)) failures.push(`${where}: refused with a rule FORMAT.md does not name: ${outcome.rule}`);
        const left = leftovers(vault, writes, r);
        if (left.length > 0) failures.push(`${where}: refused (${outcome.rule}) but the vault keeps ${left.join('; ')}`);
        tally.add(`refused ${outcome.rule}`);
        if (left.length > 0) {
          vault.close();
          vault = Vault.scratch();
        }
        continue;
      }
      const j = judge(vault, writes, r);
      for (const v of j.violations) failures.push(`${where}: accepted, but ${v}`);
      const parts = [
        j.newStatements.length > 0 ? 'an altered statement kept as an unsigned draft, not released' : 'nothing new',
        j.genuineAsSigned ? 'genuine statement verifies as signed' : j.genuineNotReleased ? 'genuine statement not released' : 'genuine statement absent',
        j.missing.length > 0 ? `dropped ${j.missing.join(', ')}` : j.droppedLinkSignatures > 0 ? `dropped ${j.droppedLinkSignatures} charter signature entry` : 'nothing dropped',
      ];
      // One set of objects has one bundle: a different byte string cannot carry exactly the same set.
      if (j.newStatements.length === 0 && j.missing.length === 0 && j.droppedLinkSignatures === 0) failures.push(`${where}: accepted with exactly the original's objects, though its bytes differ`);
      tally.add(`accepted: ${parts.join('; ')}`);
      vault.close();
      vault = Vault.scratch();
    }
  } finally {
    vault.close();
  }
  return { tally, failures };
}

const log: string[] = [];
afterAll(() => {
  if (log.length > 0) console.log(log.join('\n\n'));
});

describe(`tamper sweep of a released bundle (${fullTorture ? 'every bit' : 'a seeded sample of bits'})`, () => {
  it('the bundle under test imports cleanly and releases its statement (the control)', async () => {
    const r = await released();
    const vault = Vault.scratch();
    try {
      const { outcome, writes } = await importInto(vault, r.bundle);
      expect(outcome.kind).toBe('accepted');
      const j = judge(vault, writes, r);
      expect(j).toEqual({ violations: [], newStatements: [], genuineAsSigned: true, genuineNotReleased: false, missing: [], droppedLinkSignatures: 0 });
      expect(r.report.released).toBe(true);
    } finally {
      vault.close();
    }
  });

  it('the judge sees a stored object that is not the original\'s (a check of the check)', async () => {
    const r = await released();
    const alice = r.records.find((x) => x.name === 'signature-alice') as { bytes: Uint8Array };
    const sig = JSON.parse(Buffer.from(alice.bytes).toString('utf8')) as Omit<SignatureRecord, 'id' | 'canonical'>;
    const vault = Vault.scratch();
    try {
      // A statement held under the genuine id with other bytes, before the import.
      const altered = makeStatement({ authors: [r.groupId], title: 'Yes to the war', lang: 'en', date: '24 February 2026', body: 'We say yes.' });
      vault.putStatement({ ...altered, id: r.statementId, canonical: canonicalBytes(altered) });
      const { writes } = await importInto(vault, r.bundle);
      // A signature and a link signature entry that no one in the original made.
      const forged = new TextEncoder().encode('{"forged":true}');
      const forgedId = sha256Hex(forged);
      vault.putSignature({ ...sig, id: forgedId, canonical: forged });
      writes.signatures.add(forgedId);
      const charter = vault.getLink(r.groupId) as LinkRecord;
      vault.putLink({ ...charter, signatures: [...charter.signatures, { key: keyOf('carol'), sig: 'ab'.repeat(64) }] });
      const j = judge(vault, writes, r);
      expect(j.violations).toEqual([
        `link ${r.groupId} holds a signature entry not in the original (key ${keyOf('carol')})`,
        `statement ${r.statementId} stored with bytes other than the original's`,
        `signature ${forgedId} is not one of the original's`,
        expect.stringMatching(/^the genuine statement verifies as released, but not as in the original/),
      ]);
    } finally {
      vault.close();
    }
  });

  it(
    'raw flips: every one is refused by a named rule, and nothing is stored',
    async () => {
      const r = await released();
      const bits = r.bundle.length * 8;
      const chosen = sample(bits, trials(300, bits), 0x5a3d);
      const { tally, failures } = await sweep(chosen.map((bit) => ({ bit, bytes: flipped(r.bundle, bit) })));
      log.push(`tamper sweep, raw: ${chosen.length} of ${bits} bits of a ${r.bundle.length}-byte bundle\n${tally.toString()}`);
      expect(failures).toEqual([]);
      expect(tally.total).toBe(chosen.length);
      expect(tally.keys().filter((k) => !k.startsWith('refused '))).toEqual([]);
      // The checksum is what catches a flip in a payload that still decodes.
      expect(tally.get('refused B-CHECKSUM')).toBeGreaterThan(0);
    },
    tortureTimeout(30_000, 600_000),
  );

  it(
    'flips with the trailer recomputed: each refused with nothing stored, or accepted with nothing altered and nothing altered released',
    async () => {
      const r = await released();
      const bits = r.body.length * 8;
      const chosen = sample(bits, trials(300, bits), 0x1c0ffee);
      const { tally, failures } = await sweep(chosen.map((bit) => ({ bit, bytes: reframed(flipped(r.body, bit)) })));
      log.push(`tamper sweep, trailer recomputed: ${chosen.length} of ${bits} bits before the trailer\n${tally.toString()}`);
      expect(failures).toEqual([]);
      expect(tally.total).toBe(chosen.length);
      // No B-CHECKSUM: the trailer was recomputed, so every refusal names the rule that the flip broke.
      expect(tally.get('refused B-CHECKSUM')).toBe(0);
    },
    tortureTimeout(30_000, 600_000),
  );
});

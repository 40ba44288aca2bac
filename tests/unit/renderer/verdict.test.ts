// The badge's one rule: "released" alone is never a verdict. A release wears the verified look only
// when every author group is mine or verified by fingerprint; a lookalike or a broken author wins.

import { describe, expect, it } from 'vitest';
import { verdictOf, worstTrust } from '../../../src/renderer/components/trust.js';
import type { AuthorRef, GroupTrust, StatementStatus } from '../../../src/shared/view-models.js';

const author = (name: string, trust: GroupTrust): AuthorRef => ({ groupId: name.padEnd(64, '0'), name, trust });
const verified = author('KRAS-IWA', { state: 'verified' });
const mine = author('ICC', { state: 'mine' });
const unverified = author('Federation', { state: 'unverified', firstSeen: { from: 'stick.samizdat', at: null } });
const impostor = author('KRАS-IWA', { state: 'lookalike', looksLike: [{ groupId: verified.groupId, name: 'KRAS-IWA' }] });
const broken = author('Forked', { state: 'broken', problem: 'fork' });

const verdict = (status: StatementStatus, ...authors: AuthorRef[]) => verdictOf({ status, authors });

describe('verdictOf', () => {
  it('calls a release verified only when every author is mine or verified', () => {
    expect(verdict('released', verified)).toBe('verified');
    expect(verdict('released', mine, verified)).toBe('verified');
    expect(verdict('released', verified, unverified)).toBe('unverified');
    expect(verdict('released')).toBe('unverified');
  });

  it("never lets the impostor's release look verified, whoever co-signs it", () => {
    expect(verdict('released', impostor)).toBe('lookalike');
    expect(verdict('released', verified, impostor)).toBe('lookalike');
    expect(verdict('released', impostor, mine)).toBe('lookalike');
    expect(verdict('waiting', impostor)).toBe('lookalike');
  });

  it('puts a broken chain above everything but a problem the report found', () => {
    expect(verdict('released', broken, impostor)).toBe('broken');
    expect(verdict('problem', broken)).toBe('problem');
    expect(verdict('problem', verified)).toBe('problem');
  });

  it('waits while waiting, unless an author is suspect', () => {
    expect(verdict('waiting', mine)).toBe('waiting');
    expect(verdict('waiting', unverified)).toBe('waiting');
  });

  it('ranks trust worst first', () => {
    expect(worstTrust([verified, unverified, impostor])).toBe('lookalike');
    expect(worstTrust([mine, verified])).toBe('verified');
  });
});

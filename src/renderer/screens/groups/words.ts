// A group's chain in words, in the UI language: one sentence per applied link ("Added Ivan; signed
// by Olga and Anna."), each pending change and each branch of a fork said the same way, the
// thresholds as rules, the outcome of a change as the person's next step. Pure (a `t` is passed
// in), so tests/unit/renderer/group-words.test.ts reads it through the real catalogues.

import type { ChainEvent, ForkBranch, GroupDetail, LinkOutcome, PendingChange } from '../../../shared/view-models.js';

export type Translate = (key: string | string[], values?: Record<string, unknown>) => string;

export type Thresholds = { release: number; membership: number };

/** More than half of the members: the smallest membership threshold no minority can meet. */
export const majorityOf = (members: number): number => Math.floor(members / 2) + 1;

/**
 * Whether a membership threshold lets fewer than a majority change the group (core's
 * `membershipWarning`, the same condition, said before the person submits; the handler's
 * `warnings` say it again afterwards).
 */
export const belowMajority = (members: number, membership: number): boolean => members >= 2 && membership < Math.min(members, majorityOf(members));

/** The default a founder is offered, as core chooses it when none is given (`safeMembershipThreshold`). */
export const safeMembership = (members: number, release: number): number => Math.min(members, Math.max(release, majorityOf(members)));

const shortKey = (key: string): string => key.slice(0, 8);

/** Words about one group: its members' names (me marked), its events, its pending changes, its branches. */
export class GroupWords {
  readonly #names = new Map<string, { name: string; me: boolean }>();

  constructor(
    readonly group: Pick<GroupDetail, 'members' | 'removed' | 'history'>,
    readonly t: Translate,
    readonly list: (items: string[]) => string,
  ) {
    for (const m of group.removed) this.#names.set(m.memberId, { name: m.name, me: false });
    for (const m of group.members) this.#names.set(m.memberId, { name: m.name, me: m.me });
  }

  /** A member by id: her name, "(you)" for me; a member not known here by the start of her key. */
  member(id: string | null, fallbackName?: string | null): string {
    const known = id === null ? undefined : this.#names.get(id);
    if (known) return known.me ? this.t('member.you', { name: known.name }) : known.name;
    if (fallbackName) return fallbackName;
    return id === null ? this.t('member.someone') : this.t('member.key', { key: shortKey(id) });
  }

  /** The owner of a signing key (a member's id is the key she was first listed with; or her current key). */
  keyOwner(key: string | null): string {
    if (key === null) return this.t('member.someone');
    if (this.#names.has(key)) return this.member(key);
    const holder = this.group.members.find((m) => m.signKey === key);
    return holder ? this.member(holder.memberId) : this.t('member.key', { key: shortKey(key) });
  }

  names(ids: readonly string[]): string {
    return this.list(ids.map((id) => this.member(id)));
  }

  signed(ids: readonly string[]): string {
    return ids.length === 0 ? this.t('history.unsigned') : this.t('history.signed', { count: ids.length, names: this.names(ids) });
  }

  rules(th: Thresholds): { release: string; membership: string } {
    return { release: this.t('rule.release', { count: th.release }), membership: this.t('rule.membership', { count: th.membership }) };
  }

  /** The founding members: everyone the chain knows but those a later link added. */
  founders(): string[] {
    const added = new Set(this.group.history.filter((e) => e.op === 'add' && e.subject !== null).map((e) => e.subject as string));
    return [...this.group.members.map((m) => m.memberId), ...this.group.removed.map((m) => m.memberId)].filter((id) => !added.has(id));
  }

  /** What a link does, without who signed it (a pending change, the first link of a branch). */
  change(c: { op: ChainEvent['op']; subject: string | null; thresholds: Thresholds | null; memberName?: string | null }, tense: 'done' | 'proposed'): string {
    const prefix = tense === 'done' ? 'history' : 'pending';
    switch (c.op) {
      case 'charter':
        return this.t(`${prefix}.charter`, { members: this.names(this.founders()), ...this.rules(c.thresholds ?? { release: 0, membership: 0 }) });
      case 'add':
        return this.t(`${prefix}.add`, { member: this.member(c.subject, c.memberName) });
      case 'remove':
        return this.t(`${prefix}.remove`, { member: this.member(c.subject) });
      case 'rotate':
        return this.t(`${prefix}.rotate`, { member: this.member(c.subject) });
      case 'compromise':
        return this.t(`${prefix}.compromise`, { member: this.keyOwner(c.subject) });
      case 'thresholds':
        return c.thresholds ? this.t(`${prefix}.thresholds`, this.rules(c.thresholds)) : this.t(`${prefix}.thresholdsUnknown`);
      case 'rename':
        return this.t(`${prefix}.rename`, { name: c.subject ?? '' });
    }
  }

  /** One sentence per applied link: what it did; who signed it. */
  event(e: ChainEvent): string {
    return this.t('history.sentence', { change: this.change(e, 'done'), signed: this.signed(e.signers) });
  }

  pending(p: PendingChange): string {
    return this.change(p, 'proposed');
  }

  /** A fork's branch: its first change, who signed it, and the group as it leaves it. */
  branch(b: ForkBranch): { change: string; signed: string; leaves: string } {
    const names = new Map(b.members.map((m) => [m.memberId, m.name]));
    const members = this.list(b.members.map((m) => (this.#names.has(m.memberId) ? this.member(m.memberId) : (names.get(m.memberId) ?? m.name))));
    return {
      change: this.t('branch.change', { op: this.t(`op.${b.op}`) }),
      signed: this.signed(b.signers),
      leaves: this.t('branch.leaves', { name: b.name, members, ...this.rules(b.thresholds) }),
    };
  }
}

/** What a proposal or an approval came to, as the next step: applied, or how many more signatures it needs. */
export function outcomeWords(o: Pick<LinkOutcome, 'applied' | 'signatures' | 'needed'>, t: Translate, kind: 'proposed' | 'approved'): string {
  if (o.applied) return t(`outcome.${kind}.applied`);
  return t(`outcome.${kind}.waiting`, { count: Math.max(1, o.needed - o.signatures) });
}

/** Warnings of a change by code (e.g. membership-below-majority), in words; an unknown code by a general sentence. */
export function warningWords(codes: readonly string[], t: Translate, facts: { members: number; membership: number }): string[] {
  return codes.map((code) => t([`warning.${code}`, 'warning.other'], { ...facts, majority: majorityOf(facts.members), count: facts.membership }));
}

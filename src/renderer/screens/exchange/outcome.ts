// What a finished job did, for the report: from its details (ImportResult, ExportResult,
// SyncResult), never from the English `summary`. How the report looks at a glance (its tone), the
// counts to word, the trust a group first seen is shown with, the words of each rejection reason.
// Pure (tests/unit/renderer/exchange.test.ts).

import type { BundleFailure, BundleImport, ExportResult, GroupTrust, ImportResult, JobView, NewGroup, ObjectCounts, SyncResult } from '../../../shared/view-models.js';
import type { Words } from './progress.js';

/**
 * ok: everything came in or went out. warning: it did, but look (a lookalike group, objects
 * rejected). partial: some files failed. failed: nothing was done.
 */
export type Tone = 'ok' | 'warning' | 'partial' | 'failed';

export const baseName = (p: string): string => p.split(/[\\/]/).filter(Boolean).pop() ?? p;

const COUNT_KEYS: ReadonlyArray<keyof ObjectCounts> = ['statements', 'signatures', 'links', 'linkSignatures', 'attachments'];

/** The kinds of object there are some of, each with its count (`count.<kind>` takes the plural). */
export function countParts(c: ObjectCounts): { key: string; count: number }[] {
  return COUNT_KEYS.filter((k) => c[k] > 0).map((k) => ({ key: `count.${k}`, count: c[k] }));
}

const ZERO: ObjectCounts = { links: 0, linkSignatures: 0, statements: 0, signatures: 0, attachments: 0 };

export function sum(counts: readonly ObjectCounts[]): ObjectCounts {
  const total = { ...ZERO };
  for (const c of counts) for (const k of COUNT_KEYS) total[k] += c[k];
  return total;
}

export const isEmpty = (c: ObjectCounts): boolean => COUNT_KEYS.every((k) => c[k] === 0);

/** The groups first seen that look like a group already held. */
export const lookalikes = (files: readonly BundleImport[]): NewGroup[] => files.flatMap((f) => f.newGroups).filter((g) => g.lookalikes.length > 0);

function bundlesTone(files: readonly BundleImport[], failed: readonly BundleFailure[]): Tone {
  if (failed.length > 0) return files.length === 0 ? 'failed' : 'partial';
  if (lookalikes(files).length > 0 || files.some((f) => f.rejectedCount > 0)) return 'warning';
  return 'ok';
}

export const importTone = (r: ImportResult): Tone => bundlesTone(r.files, r.failed);

export const syncTone = (r: SyncResult): Tone => bundlesTone(r.imported, r.failed);

/** A job's tone: failed when it failed or was lost; else its details'. */
export function jobTone(view: JobView | null, lost: boolean): Tone | null {
  if (lost || view?.state === 'failed') return 'failed';
  const d = view?.state === 'done' ? view.result?.details : null;
  if (!d) return view?.state === 'done' ? 'ok' : null;
  if (d.kind === 'import') return importTone(d.import);
  if (d.kind === 'sync') return syncTone(d.sync);
  return 'ok';
}

/**
 * How a group first seen in a bundle is shown: a lookalike of the groups named (possibly an
 * impostor), else unverified, first seen in that file. Never more trusted than that.
 */
export function firstSeenTrust(g: NewGroup, from: string): GroupTrust {
  if (g.lookalikes.length > 0) return { state: 'lookalike', looksLike: g.lookalikes.map((l) => ({ groupId: l.groupId, name: l.name })) };
  return { state: 'unverified', firstSeen: { from, at: null } };
}

/** Reasons an object can never count (core/exchange/import.ts, core/verify/statement.ts), each worded. */
export const REASONS = [
  'bad-signature',
  'unknown-statement',
  'wrong-role',
  'unknown-group',
  'unknown-link',
  'unknown-signer',
  'compromised-signer',
  'removed-signer',
  'rejected-link',
  'bad-charter',
  'orphan-link',
  'no-signer',
] as const;

export const reasonKey = (reason: string): string => ((REASONS as readonly string[]).includes(reason) ? `reason.${reason}` : 'reason.other');

/** Why the bundle got its envelope. */
export function sealWords(r: ExportResult): Words {
  switch (r.reason) {
    case 'passphrase':
      return { key: 'seal.passphrase' };
    case 'groups-named':
      return { key: 'seal.groups-named', values: { count: r.recipients } };
    case 'clear-requested':
      return { key: 'seal.clear-requested' };
    case 'all-released':
      return { key: 'seal.all-released' };
    case 'drafts':
      return { key: 'seal.drafts', values: { count: r.drafts, keys: r.recipients } };
  }
}

/** Codes after which the report offers a passphrase field for the file. */
export const PASSPHRASE_CODES: readonly string[] = ['bundle.needs-passphrase', 'bundle.wrong-passphrase'];

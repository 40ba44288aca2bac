// What a finished import, export or sync job says to people: plain text, several lines, shown by
// the renderer as text. Group names and rejection messages come from bundles, that is from anyone:
// they are quoted, never interpreted.

import type { BundleImport, ExportResult, ImportResult, ObjectCounts, SyncResult } from '../shared/view-models.js';

const COUNT_NAMES: ReadonlyArray<[keyof ObjectCounts, string]> = [
  ['statements', 'statement'],
  ['signatures', 'signature'],
  ['links', 'chain link'],
  ['linkSignatures', 'link signature'],
  ['attachments', 'attachment'],
];

const plural = (n: number, what: string): string => `${n} ${what}${n === 1 ? '' : 's'}`;

export function countsText(c: ObjectCounts): string {
  const parts = COUNT_NAMES.filter(([k]) => c[k] > 0).map(([k, name]) => plural(c[k], name));
  return parts.length ? parts.join(', ') : 'nothing';
}

const ENVELOPE_NOTE = { clear: '', members: ' (encrypted to members)', passphrase: ' (sealed with a passphrase)' } as const;

export function bundleImportText(b: BundleImport): string[] {
  const lines = [
    `${b.path}${ENVELOPE_NOTE[b.envelope]}`,
    `  new: ${countsText(b.added)}`,
    `  already held: ${countsText(b.held)}`,
    `  rejected: ${b.rejectedCount}`,
  ];
  for (const r of b.rejected) lines.push(`  REJECTED ${r.kind} ${r.id.slice(0, 12)} (${r.reason}): ${r.message}`);
  if (b.rejected.length < b.rejectedCount) lines.push(`  … and ${b.rejectedCount - b.rejected.length} more rejection(s)`);
  for (const g of b.newGroups) {
    lines.push(`  first seen: group "${g.name}" ${g.groupId.slice(0, 12)}, fingerprint ${g.fingerprint}: unverified; compare the fingerprint in person before you trust it`);
    for (const l of g.lookalikes) {
      lines.push(
        `    WARNING: its name ${l.kind === 'same-name' ? 'is the same as' : 'looks like'} that of group "${l.name}" (${l.groupId.slice(0, 12)}), which you already hold: it may be an impostor`,
      );
    }
  }
  return lines;
}

export function importSummary(r: ImportResult): string {
  const lines = r.files.flatMap(bundleImportText);
  for (const f of r.failed) lines.push(`FAILED ${f.path}: ${f.error.message} (nothing of this file was imported)`);
  return lines.join('\n');
}

export function sealText(r: ExportResult): string {
  const keys = r.recipients ? ` (${plural(r.recipients, 'member key')})` : '';
  switch (r.reason) {
    case 'passphrase':
      return 'sealed with a passphrase';
    case 'groups-named':
      return `encrypted to the members of the groups chosen${keys}`;
    case 'clear-requested':
      return 'in clear, as asked';
    case 'all-released':
      return 'in clear: every statement is released';
    case 'drafts':
      return `encrypted to the members of its author groups${keys}: ${plural(r.drafts, 'statement')} not released yet (choose "clear" to override)`;
  }
}

export function exportSummary(r: ExportResult): string {
  const c = r.counts;
  return [
    `wrote ${r.out} (${r.bytes} bytes): ${plural(c.statements, 'statement')}, ${plural(c.signatures, 'signature')}, ${plural(c.links, 'chain link')}, ${plural(c.attachments, 'attachment')}`,
    `  ${sealText(r)}`,
    `  sha256 ${r.sha256}`,
  ].join('\n');
}

export function syncSummary(r: SyncResult): string {
  const lines = [`synced with ${r.folder}: ${plural(r.bundlesRead, 'bundle')} read`];
  for (const b of r.imported) lines.push(...bundleImportText(b));
  if (r.notForUs.length) lines.push(`  ${r.notForUs.length} bundle(s) encrypted to other keys or sealed with a passphrase: left alone`);
  for (const f of r.failed) lines.push(`  FAILED ${f.path}: ${f.error.message}`);
  for (const w of r.written) lines.push(`  wrote ${w.path} (${plural(w.records, 'record')}, ${w.envelope === 'clear' ? 'clear' : 'encrypted to members'})`);
  if (r.written.length === 0) lines.push('  nothing to write: the folder already carries everything this vault holds');
  return lines.join('\n');
}

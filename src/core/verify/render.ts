// The verification report as text for people: what was signed, by whom, whether it is released,
// and every problem, errors first.
import type { GroupReport, VerificationReport } from './statement.js';
import type { Problem } from './problems.js';

const TRUST_TEXT = {
  verified: 'fingerprint verified',
  unverified: 'NOT verified (first seen on import; compare the fingerprint in person)',
  unknown: 'unknown group',
} as const;

function problemLines(problems: readonly Problem[], indent: string): string[] {
  const sorted = [...problems].sort((a, b) => (a.severity === b.severity ? 0 : a.severity === 'error' ? -1 : 1));
  return sorted.map((p) => `${indent}${p.severity === 'error' ? 'ERROR' : 'warning'}: ${p.message}`);
}

function groupLines(g: GroupReport, verb: string): string[] {
  const who = g.signers.map((s) => s.name).join(', ') || 'nobody';
  const state = g.released ? verb : `not ${verb}`;
  return [
    `  ${g.name}: ${state}, ${g.signers.length} of ${g.threshold} member signatures (${who})`,
    `    group ${g.groupId}`,
    `    fingerprint ${g.fingerprint}`,
    `    trust: ${TRUST_TEXT[g.trust]}`,
    ...problemLines(g.problems, '    '),
  ];
}

export function renderReport(report: VerificationReport): string {
  const s = report.statement;
  const lines = [
    `${report.ok ? 'OK' : 'NOT OK'}: "${s.title}" (${s.lang}, ${s.date})`,
    `  statement ${s.id}`,
    report.released ? '  released by every author group' : '  NOT released by every author group',
    ...report.groups.flatMap((g) => groupLines(g, 'released')),
  ];
  if (report.endorsements.length) {
    lines.push('endorsed by:');
    lines.push(...report.endorsements.flatMap((g) => groupLines(g, 'endorsed')));
  }
  lines.push(...problemLines(report.problems, '  '));
  return `${lines.join('\n')}\n`;
}

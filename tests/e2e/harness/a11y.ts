// axe-core on the page as it is: the violations by impact, printed so the figures can be quoted,
// and those that block (serious, critical) listed with where they are.

import { AxeBuilder } from '@axe-core/playwright';
import type { Page } from 'playwright-core';

export const IMPACTS = ['critical', 'serious', 'moderate', 'minor'] as const;
export type Impact = (typeof IMPACTS)[number];

export interface A11yViolation {
  id: string;
  impact: Impact;
  help: string;
  /** The first few elements it was found on (CSS selectors). */
  targets: string[];
}

export interface A11yResult {
  context: string;
  /** Violated rules by impact (a rule counts once however many elements break it). */
  counts: Record<Impact, number>;
  /** Elements concerned, by impact. */
  nodes: Record<Impact, number>;
  violations: A11yViolation[];
  /** The serious and critical ones: what must be fixed. */
  blocking: A11yViolation[];
  passes: number;
}

const zero = (): Record<Impact, number> => ({ critical: 0, serious: 0, moderate: 0, minor: 0 });

/** One line: `axe <context>: critical 0, serious 1 (color-contrast), moderate 0, minor 0; 31 rules pass`. */
export function formatA11y(r: A11yResult): string {
  const part = (impact: Impact) => {
    const ids = r.violations.filter((v) => v.impact === impact).map((v) => v.id);
    return `${impact} ${r.counts[impact]}${ids.length ? ` (${ids.join(', ')})` : ''}`;
  };
  return `axe ${r.context}: ${IMPACTS.map(part).join(', ')}; ${r.passes} rules pass`;
}

/** Runs axe on the page, prints the counts by impact, and returns them with the violations. */
export async function checkA11y(page: Page, context: string): Promise<A11yResult> {
  const results = await new AxeBuilder({ page }).analyze();
  const counts = zero();
  const nodes = zero();
  const violations: A11yViolation[] = results.violations.map((v) => {
    const impact = (v.impact ?? 'minor') as Impact;
    counts[impact] += 1;
    nodes[impact] += v.nodes.length;
    return { id: v.id, impact, help: v.help, targets: v.nodes.slice(0, 3).map((n) => n.target.join(' ')) };
  });
  const result: A11yResult = {
    context,
    counts,
    nodes,
    violations,
    blocking: violations.filter((v) => v.impact === 'serious' || v.impact === 'critical'),
    passes: results.passes.length,
  };
  console.info(formatA11y(result));
  return result;
}

/** As checkA11y, and throws when a serious or critical violation is found, naming each and where. */
export async function assertA11y(page: Page, context: string): Promise<A11yResult> {
  const result = await checkA11y(page, context);
  if (result.blocking.length > 0) {
    const lines = result.blocking.map((v) => `  ${v.impact} ${v.id}: ${v.help} — at ${v.targets.join('; ')}`);
    throw new Error(`axe ${context}: ${result.blocking.length} serious or critical violation(s):\n${lines.join('\n')}`);
  }
  return result;
}

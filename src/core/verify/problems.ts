// Problems found by verification: a stable code for programs, a sentence for people.

export type Severity = 'error' | 'warning';

export type ProblemCode =
  | 'bad-signature'
  | 'unknown-signer'
  | 'removed-signer'
  | 'compromised-signer'
  | 'threshold-not-met'
  | 'fork'
  | 'unknown-group'
  | 'unknown-link'
  | 'bad-charter'
  | 'rejected-link'
  | 'pending-link'
  | 'superseded-link'
  | 'orphan-link'
  | 'wrong-role'
  | 'newer-revision'
  | 'unverified-group'
  | 'lookalike-group';

export interface Problem {
  code: ProblemCode;
  severity: Severity;
  message: string;
  /** The group, link, key or statement the problem is about, where there is one. */
  subject?: string;
}

export const problem = (code: ProblemCode, severity: Severity, message: string, subject?: string): Problem =>
  subject === undefined ? { code, severity, message } : { code, severity, message, subject };

export const short = (hex: string): string => hex.slice(0, 12);

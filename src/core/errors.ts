// Typed errors: a fixed layer prefix, a kind that maps to the CLI's exit codes, never key material.

/** What went wrong, in the terms of the CLI contract's exit codes. */
export type ErrorKind =
  | 'verification' // 1: a signature, threshold or trust requirement is not met
  | 'usage' // 2: the caller asked for something malformed
  | 'vault' // 3: vault missing, locked, wrong passphrase, from the future
  | 'input' // 4: malformed, truncated or over-limit input
  | 'io'; // 5: disk full, permission, drive removed

export const EXIT_CODES: Record<ErrorKind, number> = {
  verification: 1,
  usage: 2,
  vault: 3,
  input: 4,
  io: 5,
};

/** The layer that raised an error; its name is the message prefix (`vault: ...`). */
export type ErrorLayer = 'crypto' | 'model' | 'verify' | 'vault' | 'bundle' | 'exchange' | 'interop' | 'cli';

export class SamizdatError extends Error {
  readonly kind: ErrorKind;
  readonly layer: ErrorLayer;
  /** A stable machine-readable code, e.g. `vault.wrong-passphrase`. */
  readonly code: string;
  /** The docs/FORMAT.md rule that the input breaks (`R-TEXT-LENGTH`, `B-ORDER`), when there is one. */
  readonly rule: string | undefined;

  constructor(layer: ErrorLayer, kind: ErrorKind, code: string, message: string, options?: { cause?: unknown; rule?: string }) {
    super(`${layer}: ${message}${options?.rule ? ` (${options.rule})` : ''}`, options?.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'SamizdatError';
    this.layer = layer;
    this.kind = kind;
    this.code = code;
    this.rule = options?.rule;
  }

  get exitCode(): number {
    return EXIT_CODES[this.kind];
  }
}

/** Quote user input inside an error message: bounded, control characters made visible. */
export function quote(input: string, max = 80): string {
  // eslint-disable-next-line no-control-regex -- control characters are exactly what must be escaped
  const visible = input.replace(/[\u0000-\u001f\u007f]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
  return JSON.stringify(visible.length > max ? `${visible.slice(0, max)}…` : visible);
}

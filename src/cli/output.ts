// Output for people (text on stdout) or programs (--json on stdout); errors always on stderr.
import { SamizdatError } from '../core/errors.js';
import { readlinkSync } from 'node:fs';
import { errnoCode, ioError } from '../core/io.js';

/** Internal errors (bugs) exit with EX_SOFTWARE, outside the contract's 0-5. */
export const EXIT_INTERNAL = 70;

/**
 * JSON.stringify(value, null, 2) (`null` for what has no JSON) with every line after the first
 * indented `depth` levels more, as it reads nested that deep: V8 indents it inside `depth` arrays,
 * and the arrays' own brackets are cut off. A second pass over the text (replaceAll) made 74 of
 * the 797 MB that `check` of 10,000 statements allocated.
 */
export function nestedJson(value: unknown, depth: number): string {
  let wrapped: unknown = value;
  for (let i = 0; i < depth; i++) wrapped = [wrapped];
  const text = JSON.stringify(wrapped, null, 2);
  let cut = 0; // each level opens with "[\n" and its indent, and closes with "\n", the outer indent and "]"
  for (let i = 1; i <= depth; i++) cut += 2 + 2 * i;
  let tail = 0;
  for (let i = 0; i < depth; i++) tail += 2 + 2 * i;
  return text.slice(cut, text.length - tail);
}

export class Output {
  constructor(
    readonly json: boolean,
    private readonly stdout: NodeJS.WritableStream = process.stdout,
    private readonly stderr: NodeJS.WritableStream = process.stderr,
  ) {}

  /** Print a result: `data` as JSON with --json, else the text `human` gives. */
  result(data: unknown, human: () => string): void {
    if (this.json) this.stdout.write(`${JSON.stringify(data, null, 2)}\n`);
    else {
      const text = human();
      if (text) this.stdout.write(text.endsWith('\n') ? text : `${text}\n`);
    }
  }

  /**
   * Print a result too large to hold as one string (`check` of an archive): with --json, the
   * object of `fields` in their order, written one field, and one element of an `Each` field, at
   * a time, byte for byte what `result` writes for the whole object; else the lines of `human`,
   * one at a time. A field given as a function is asked for its value only when it is written,
   * after the fields before it. The output is written as the reader takes it (back-pressure).
   */
  async streamResult(fields: ReadonlyArray<readonly [string, unknown]>, human: () => Iterable<string>): Promise<void> {
    const out = new PacedWriter(this.stdout);
    if (!this.json) {
      for (const line of human()) await out.write(`${line}\n`);
      return out.end();
    }
    let separator = '{\n';
    for (const [name, field] of fields) {
      const value = typeof field === 'function' ? (field as () => unknown)() : field;
      await out.write(`${separator}  ${JSON.stringify(name)}: `);
      separator = ',\n';
      if (!(value instanceof Each)) {
        await out.write(nestedJson(value, 1));
        continue;
      }
      let first = true;
      for (const item of value.items) {
        await out.write(`${first ? '[\n' : ',\n'}    ${nestedJson(item, 2)}`);
        first = false;
      }
      await out.write(first ? '[]' : '\n  ]');
    }
    await out.write(separator === '{\n' ? '{}\n' : '\n}\n');
    return out.end();
  }

  /** A note for people on stderr (warnings, hints); silent with --json, where it is in the result. */
  note(text: string): void {
    if (!this.json) this.stderr.write(`${text}\n`);
  }

  /** Report an error and return the exit code. No stack traces unless SAMIZDAT_DEBUG is set. */
  error(err: unknown): number {
    const debug = Boolean(process.env.SAMIZDAT_DEBUG);
    if (err instanceof SamizdatError) {
      if (this.json) this.stderr.write(`${JSON.stringify({ error: { code: err.code, kind: err.kind, message: err.message, ...(err.rule ? { rule: err.rule } : {}) } })}\n`);
      else this.stderr.write(`samizdat: ${err.message}\n`);
      if (debug && err.stack) this.stderr.write(`${err.stack}\n`);
      return err.exitCode;
    }
    const message = err instanceof Error ? err.message : String(err);
    if (this.json) this.stderr.write(`${JSON.stringify({ error: { code: 'internal', kind: 'internal', message } })}\n`);
    else this.stderr.write(`samizdat: internal error: ${message}\n(this is a bug in Samizdat; run with SAMIZDAT_DEBUG=1 for details)\n`);
    if (debug && err instanceof Error && err.stack) this.stderr.write(`${err.stack}\n`);
    return EXIT_INTERNAL;
  }
}

/** A field of `Output.streamResult` that is an array written one element at a time. */
export class Each<T> {
  constructor(readonly items: Iterable<T>) {}
}

/** Writes to a stream in pieces of about 64 KiB, waiting while the reader has not taken the last. */
class PacedWriter {
  #pending = '';

  constructor(private readonly stream: NodeJS.WritableStream) {}

  async write(text: string): Promise<void> {
    this.#pending += text;
    if (this.#pending.length >= 65_536) await this.#flush();
  }

  async end(): Promise<void> {
    await this.#flush();
  }

  async #flush(): Promise<void> {
    const text = this.#pending;
    this.#pending = '';
    const stream = this.stream as NodeJS.WritableStream & { destroyed?: boolean };
    if (text === '' || stream.destroyed === true || stream.write(text)) return;
    // Full: wait for the reader, or for the stream to go (a reader gone early: see guardOutputStreams).
    await new Promise<void>((resolve) => {
      const done = (): void => {
        stream.off('drain', done);
        stream.off('close', done);
        stream.off('error', done);
        resolve();
      };
      stream.on('drain', done);
      stream.on('close', done);
      stream.on('error', done);
    });
  }
}

export const usageError = (message: string, code = 'cli.usage'): SamizdatError => new SamizdatError('cli', 'usage', code, message);

let outputError: SamizdatError | undefined;

/** The file a standard stream is redirected to, where the system says (Linux), for messages. */
function fileOf(fd: number): string | undefined {
  try {
    const target = readlinkSync(`/proc/self/fd/${fd}`);
    return target.startsWith('/') ? target : undefined;
  } catch {
    return undefined;
  }
}

/**
 * A reader that goes away early (`samizdat statement list | head -c1`) closes the pipe: what is
 * left to print has nowhere to go, and that is no failure. Without a listener Node throws the
 * stream's EPIPE as an uncaught 'error' event, with a stack trace. With this one the command
 * finishes as it would have (its vault closed, its exit code kept) and the rest of its output is
 * dropped. Any other failure to write the output (a full disk under `> FILE`) is an I/O error:
 * one line on stderr, exit 5.
 */
export function guardOutputStreams(): void {
  for (const [stream, fd, name] of [
    [process.stdout, 1, 'the standard output'],
    [process.stderr, 2, 'the standard error'],
  ] as const) {
    stream.on('error', (err: unknown) => {
      const code = errnoCode(err);
      if (code === 'EPIPE' || code === 'ERR_STREAM_DESTROYED' || outputError !== undefined) return;
      outputError = ioError('cli', err, `write ${name} to`, fileOf(fd) ?? 'it');
      if (stream === process.stdout) process.stderr.write(`samizdat: ${outputError.message}\n`);
      process.exitCode = outputError.exitCode;
    });
  }
}

/** The exit code of a failure to write the output, once there has been one. */
export const outputFailure = (): number | undefined => outputError?.exitCode;

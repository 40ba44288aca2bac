// A pull reader over a stream of byte chunks: lines of bounded length and payloads of exact length.
// It holds the chunks not yet handed out, and copies each byte at most once more when it hands
// it out. Running out of bytes is B-TRUNCATED.
import { bundleError } from './format.js';

const LF = 0x0a;

export class ByteSource {
  /** Chunks received; those before `head` are used up, the one at `head` up to `offset`. */
  private queue: Uint8Array[] = [];
  private head = 0;
  private offset = 0;
  private queued = 0;
  private done = false;
  /** Bytes handed to the caller so far. */
  consumed = 0;

  constructor(private readonly chunks: AsyncIterator<Uint8Array>) {}

  static from(iterable: AsyncIterable<Uint8Array> | Iterable<Uint8Array>): ByteSource {
    const it = Symbol.asyncIterator in iterable ? iterable[Symbol.asyncIterator]() : toAsync(iterable[Symbol.iterator]());
    return new ByteSource(it);
  }

  /** Pull one more chunk; false at the end of the stream. */
  private async fill(): Promise<boolean> {
    while (!this.done) {
      const next = await this.chunks.next();
      if (next.done) this.done = true;
      else if (next.value.length > 0) {
        if (this.head > 0 && this.head * 2 >= this.queue.length) {
          // Drop used-up chunks once they are half the queue: the queue never holds more of them
          // than chunks still in use, whether or not a read ever ends at a chunk's end, and each
          // chunk is moved in the queue once on average.
          this.queue = this.queue.slice(this.head);
          this.head = 0;
        }
        this.queue.push(next.value);
        this.queued += next.value.length;
        return true;
      }
    }
    return false;
  }

  private truncated(what: string): Error {
    return bundleError('B-TRUNCATED', `the file ends inside ${what}: the copy is incomplete`);
  }

  /** Hand out the first `n` queued bytes (n <= queued). */
  private take(n: number): Uint8Array {
    const out = new Uint8Array(n);
    let filled = 0;
    while (filled < n) {
      const head = this.queue[this.head] as Uint8Array;
      const part = head.subarray(this.offset, Math.min(head.length, this.offset + n - filled));
      out.set(part, filled);
      filled += part.length;
      this.offset += part.length;
      if (this.offset === head.length) {
        this.head++;
        this.offset = 0;
      }
    }
    this.queued -= n;
    this.consumed += n;
    return out;
  }

  /** True when no byte is left. */
  async atEnd(): Promise<boolean> {
    return this.queued === 0 && !(await this.fill());
  }

  /** A line with its LF, at most `max` bytes before the LF; B-SYNTAX when longer, B-TRUNCATED at the end. */
  async line(max: number, what: string): Promise<Uint8Array> {
    let searched = 0; // bytes of the queue already searched for LF
    for (;;) {
      let position = 0;
      for (let i = this.head; i < this.queue.length; i++) {
        const chunk = this.queue[i] as Uint8Array;
        const start = i === this.head ? this.offset : 0;
        const length = chunk.length - start;
        if (position + length > searched) {
          const from = Math.max(start, start + searched - position);
          const at = chunk.indexOf(LF, from);
          if (at >= 0) {
            const lineLength = position + (at - start);
            if (lineLength > max) break;
            return this.take(lineLength + 1);
          }
        }
        position += length;
      }
      searched = this.queued;
      if (searched > max) throw bundleError('B-SYNTAX', `${what} is longer than ${max} bytes, or has no line end`);
      if (!(await this.fill())) throw this.truncated(what);
    }
  }

  /** Exactly `n` bytes; B-TRUNCATED when the stream ends first. */
  async exact(n: number, what: string): Promise<Uint8Array> {
    while (this.queued < n) if (!(await this.fill())) throw this.truncated(what);
    return this.take(n);
  }

  /** Between 1 and `max` bytes, whatever is at hand; B-TRUNCATED at the end. */
  async some(max: number, what: string): Promise<Uint8Array> {
    if (this.queued === 0 && !(await this.fill())) throw this.truncated(what);
    const head = this.queue[this.head] as Uint8Array;
    return this.take(Math.min(max, head.length - this.offset));
  }

  /** Up to `n` bytes from the current position, without consuming them (fewer only at the end). */
  async peek(n: number): Promise<Uint8Array> {
    while (this.queued < n) if (!(await this.fill())) break;
    const out = new Uint8Array(Math.min(n, this.queued));
    let filled = 0;
    for (let i = this.head; filled < out.length; i++) {
      const chunk = this.queue[i] as Uint8Array;
      const part = chunk.subarray(i === this.head ? this.offset : 0, Math.min(chunk.length, (i === this.head ? this.offset : 0) + out.length - filled));
      out.set(part, filled);
      filled += part.length;
    }
    return out;
  }
}

async function* toAsync(it: Iterator<Uint8Array>): AsyncGenerator<Uint8Array> {
  for (let next = it.next(); !next.done; next = it.next()) yield next.value;
}

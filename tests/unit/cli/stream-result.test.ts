// Output.streamResult writes a result too large for one string (`check` of an archive) piece by
// piece: it must be byte for byte what Output.result writes for the whole object, and it must wait
// for a slow reader rather than pile the output up in memory.
import { Writable } from 'node:stream';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Each, Output } from '../../../src/cli/output.js';

/** A stream that keeps what it is given; `highWaterMark` small and a slow reader, when asked. */
function sink(options: { slow?: boolean } = {}): { stream: Writable; text: () => string; most: () => number } {
  const chunks: string[] = [];
  let buffered = 0;
  let most = 0;
  const stream = new Writable({
    highWaterMark: 1024,
    write(chunk: Buffer, _encoding, done) {
      chunks.push(chunk.toString());
      if (options.slow) setTimeout(done, 1);
      else done();
    },
  });
  const write = stream.write.bind(stream);
  stream.write = ((chunk: string) => {
    const ok = write(chunk);
    buffered = stream.writableLength;
    most = Math.max(most, buffered);
    return ok;
  }) as typeof stream.write;
  return { stream, text: () => chunks.join(''), most: () => most };
}

async function written(json: boolean, run: (out: Output) => Promise<void> | void): Promise<string> {
  const s = sink();
  await run(new Output(json, s.stream, s.stream));
  await new Promise<void>((resolve) => s.stream.end(resolve));
  return s.text();
}

describe('Output.streamResult', () => {
  it('writes with --json exactly what result writes for the whole object, arrays streamed or not, empty or not', async () => {
    const value = fc.jsonValue({ maxDepth: 3 });
    await fc.assert(
      fc.asyncProperty(fc.uniqueArray(fc.tuple(fc.string({ maxLength: 6 }), value, fc.boolean()), { selector: ([name]) => name, maxLength: 4 }), fc.array(value, { maxLength: 4 }), async (fields, items) => {
        const whole = Object.fromEntries([...fields.map(([name, v]) => [name, v] as const), ['items', items]]);
        // A name JSON.stringify would reorder (an integer-like one) cannot be tested against result: skip.
        fc.pre(Object.keys(whole).join('\n') === [...fields.map(([n]) => n), 'items'].join('\n') && !fields.some(([n]) => n === 'items'));
        const expected = await written(true, (out) => out.result(whole, () => ''));
        const streamed = await written(true, (out) => out.streamResult([...fields.map(([name, v, lazy]) => [name, lazy ? () => v : v] as const), ['items', new Each(items)]], () => []));
        expect(streamed).toBe(expected);
      }),
      { numRuns: 300 },
    );
  });

  it('asks for a field given as a function only when it comes to it, after the items before it', async () => {
    let read = 0;
    function* items() {
      for (let i = 0; i < 3; i++) {
        read++;
        yield i;
      }
    }
    const text = await written(true, (out) => out.streamResult([['items', new Each(items())], ['read', () => read]], () => []));
    expect(JSON.parse(text)).toEqual({ items: [0, 1, 2], read: 3 });
  });

  it('writes the lines of the text form one after the other, each ended by a newline', async () => {
    expect(await written(false, (out) => out.streamResult([], () => ['one', 'two\nlines', 'three']))).toBe('one\ntwo\nlines\nthree\n');
  });

  it('waits for a slow reader: what waits in the stream stays near one piece, not the whole output', async () => {
    const s = sink({ slow: true });
    const big = Array.from({ length: 2000 }, (_, i) => ({ i, text: 'x'.repeat(200) }));
    await new Output(true, s.stream, s.stream).streamResult([['items', new Each(big)]], () => []);
    await new Promise<void>((resolve) => s.stream.end(resolve));
    expect(JSON.parse(s.text())).toEqual({ items: big });
    const total = s.text().length;
    expect(total).toBeGreaterThan(400_000);
    expect(s.most()).toBeLessThan(70_000 * 2);
  });
});

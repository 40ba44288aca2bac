// ByteSource (bounded lines, exact payloads, pieces) and jsonDepth (nesting found by scanning bytes).
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { ByteSource } from '../../../src/core/bundle/source.js';
import { jsonDepth } from '../../../src/core/bundle/depth.js';
import { canonicalBytes } from '../../../src/core/model/canonical.js';
import { ascii, asyncChunks, chunked, errorOf, example, utf8 } from './helpers.js';

const text = (b: Uint8Array): string => Buffer.from(b).toString('latin1');
const source = (...parts: string[]): ByteSource => ByteSource.from(parts.map(ascii));

describe('ByteSource.line', () => {
  it('returns one line with its LF, from one chunk or across many', async () => {
    const s = source('abc\ndef', '\n', 'g', 'h', 'i\n');
    expect(text(await s.line(100, 'x'))).toBe('abc\n');
    expect(text(await s.line(100, 'x'))).toBe('def\n');
    expect(text(await s.line(100, 'x'))).toBe('ghi\n');
    expect(await s.atEnd()).toBe(true);
    expect(s.consumed).toBe(12);
  });

  it('takes an empty line, and a line of exactly max bytes before its LF; refuses max + 1 (B-SYNTAX)', async () => {
    expect(text(await source('\n').line(0, 'x'))).toBe('\n');
    expect(text(await source('a'.repeat(100), '\n').line(100, 'x'))).toBe(`${'a'.repeat(100)}\n`);
    expect(text(await ByteSource.from(chunked(ascii(`${'a'.repeat(100)}\n`), 1)).line(100, 'x')).length).toBe(101);
    expect((await errorOf(source(`${'a'.repeat(101)}\n`).line(100, 'x'))).rule).toBe('B-SYNTAX');
    expect((await errorOf(ByteSource.from(chunked(ascii(`${'a'.repeat(101)}\n`), 1)).line(100, 'x'))).rule).toBe('B-SYNTAX');
  });

  it('stops at max + 1 bytes without a line end, even when the stream never ends', async () => {
    let pulled = 0;
    function* endless(): Generator<Uint8Array> {
      for (;;) {
        pulled++;
        yield ascii('aaaaaaa');
      }
    }
    const err = await errorOf(ByteSource.from(endless()).line(100, 'the header line'));
    expect(err.rule).toBe('B-SYNTAX');
    expect(err.message).toContain('the header line');
    expect(pulled).toBeLessThanOrEqual(16);
  });

  it('reports the end of the stream inside a line as B-TRUNCATED, naming what was being read', async () => {
    const err = await errorOf(source('abc').line(100, 'the trailer'));
    expect(err.rule).toBe('B-TRUNCATED');
    expect(err.message).toContain('the trailer');
    expect((await errorOf(ByteSource.from([]).line(100, 'x'))).rule).toBe('B-TRUNCATED');
  });

  it('skips empty chunks', async () => {
    const s = ByteSource.from([new Uint8Array(0), ascii('a'), new Uint8Array(0), new Uint8Array(0), ascii('\nb'), new Uint8Array(0)]);
    expect(text(await s.line(10, 'x'))).toBe('a\n');
    expect(text(await s.exact(1, 'x'))).toBe('b');
    expect(await s.atEnd()).toBe(true);
  });

  it('finds each line whatever the chunking (property)', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(fc.string({ unit: fc.constantFrom('a', 'b', ' '), maxLength: 30 }), { minLength: 1, maxLength: 10 }), fc.array(fc.integer({ min: 1, max: 9 }), { minLength: 1 }), async (lines, sizes) => {
        const bytes = ascii(lines.map((l) => `${l}\n`).join(''));
        const s = ByteSource.from(asyncChunks(chunked(bytes, sizes)));
        for (const l of lines) expect(text(await s.line(30, 'x'))).toBe(`${l}\n`);
        expect(await s.atEnd()).toBe(true);
        expect(s.consumed).toBe(bytes.length);
      }),
    );
  });
});

describe('ByteSource.exact, some and atEnd', () => {
  it('exact: n bytes across chunks, 0 bytes, and B-TRUNCATED when fewer remain', async () => {
    const s = source('ab', 'cd', 'ef');
    expect(text(await s.exact(0, 'x'))).toBe('');
    expect(text(await s.exact(3, 'x'))).toBe('abc');
    expect(text(await s.exact(3, 'x'))).toBe('def');
    expect((await errorOf(s.exact(1, 'record 3 of 3'))).message).toMatch(/ends inside record 3 of 3.*\(B-TRUNCATED\)$/);
    expect((await errorOf(source('abc').exact(4, 'x'))).rule).toBe('B-TRUNCATED');
  });

  it('some: between 1 and max bytes of what is at hand, never more than one chunk; B-TRUNCATED at the end', async () => {
    const s = source('abcdef', 'gh');
    expect(text(await s.some(4, 'x'))).toBe('abcd');
    expect(text(await s.some(4, 'x'))).toBe('ef');
    expect(text(await s.some(4, 'x'))).toBe('gh');
    expect((await errorOf(s.some(4, 'x'))).rule).toBe('B-TRUNCATED');
  });

  it('atEnd: false while a byte is left (pulling one more chunk if needed), true after the last', async () => {
    const s = ByteSource.from(asyncChunks([ascii('a'), new Uint8Array(0), ascii('b')]));
    expect(await s.atEnd()).toBe(false);
    await s.exact(1, 'x');
    expect(await s.atEnd()).toBe(false);
    await s.exact(1, 'x');
    expect(await s.atEnd()).toBe(true);
    expect(await s.atEnd()).toBe(true);
    expect(await ByteSource.from([]).atEnd()).toBe(true);
  });

  it('hands out copies: changing a chunk afterwards changes nothing already handed out', async () => {
    const chunk = ascii('abc\ndef');
    const s = ByteSource.from([chunk]);
    const line = await s.line(10, 'x');
    const rest = await s.exact(3, 'x');
    chunk.fill(0x7a);
    expect(text(line)).toBe('abc\n');
    expect(text(rest)).toBe('def');
  });

  it('counts every byte handed out in consumed', async () => {
    const s = source('abc\n', 'defgh');
    await s.line(10, 'x');
    await s.exact(2, 'x');
    await s.some(10, 'x');
    expect(s.consumed).toBe(9);
  });
});

describe('jsonDepth', () => {
  it('counts the arrays and objects that enclose a value', () => {
    expect(jsonDepth(ascii('1'), 4)).toBe(0);
    expect(jsonDepth(ascii('"x"'), 4)).toBe(0);
    expect(jsonDepth(ascii('{}'), 4)).toBe(1);
    expect(jsonDepth(ascii('[]'), 4)).toBe(1);
    expect(jsonDepth(ascii('{"a":[{"b":[]}]}'), 4)).toBe(4);
    expect(jsonDepth(ascii('[[]][[]][]'), 4)).toBe(2);
    expect(jsonDepth(ascii('[[[[[]]]]]'), 4)).toBe(5);
  });

  it('ignores brackets inside strings, escaped quotes and escaped backslashes included', () => {
    expect(jsonDepth(ascii('{"a":"[[[[[[{{{{"}'), 4)).toBe(1);
    expect(jsonDepth(ascii('["\\"[[[[[["]'), 4)).toBe(1);
    expect(jsonDepth(ascii('["\\\\",[[[]]]]'), 4)).toBe(4);
    expect(jsonDepth(utf8('["Ні війні — «[[[[[»"]'), 4)).toBe(1);
  });

  it('stops early once past the maximum, so a million "[" costs nothing', () => {
    const hostile = new Uint8Array(1_000_000).fill(0x5b);
    const started = performance.now();
    expect(jsonDepth(hostile, 4)).toBe(5);
    expect(performance.now() - started).toBeLessThan(50);
  });

  it('finds every object of the worked example at most 3 deep, as docs/FORMAT.md says', () => {
    const ex = example();
    for (const o of [ex.charter, ex.add, ex.statement, ex.translation, ex.aliceSignature, ex.carolSignature, ex.daveCard]) {
      expect(jsonDepth(canonicalBytes(o), 4)).toBeLessThanOrEqual(3);
    }
    expect(jsonDepth(canonicalBytes(ex.charter), 4)).toBe(3);
    expect(jsonDepth(canonicalBytes(ex.statement), 4)).toBe(3);
    expect(jsonDepth(canonicalBytes(ex.aliceSignature), 4)).toBe(1);
  });

  it('agrees with a parser on random nestings (property)', () => {
    const value: fc.Arbitrary<unknown> = fc.letrec((tie) => ({
      v: fc.oneof({ depthSize: 'small' }, fc.string(), fc.nat(), fc.array(tie('v'), { maxLength: 3 }), fc.dictionary(fc.string(), tie('v'), { maxKeys: 3 })),
    })).v;
    const depthOf = (v: unknown): number =>
      Array.isArray(v) ? 1 + Math.max(0, ...v.map(depthOf)) : v !== null && typeof v === 'object' ? 1 + Math.max(0, ...Object.values(v).map(depthOf)) : 0;
    fc.assert(
      fc.property(value, (v) => {
        expect(jsonDepth(utf8(JSON.stringify(v)), 100)).toBe(depthOf(v));
      }),
    );
  });
});

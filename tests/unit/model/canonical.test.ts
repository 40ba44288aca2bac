// Canonical JSON (RFC 8785): the examples of the RFC, and the strict reverse, parseCanonical.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { canonicalBytes, canonicalString, parseCanonical } from '../../../src/core/model/canonical.js';
import { SamizdatError } from '../../../src/core/errors.js';

const utf8 = (s: string): Uint8Array => new TextEncoder().encode(s);

/** The double whose IEEE 754 bits are `hex` (RFC 8785, appendix B, gives its examples so). */
function double(hex: string): number {
  const view = new DataView(new ArrayBuffer(8));
  view.setBigUint64(0, BigInt(`0x${hex}`));
  return view.getFloat64(0);
}

/** The error code parseCanonical throws for `bytes`, or 'accepted'. */
function outcome(bytes: Uint8Array | string): string {
  try {
    parseCanonical(typeof bytes === 'string' ? utf8(bytes) : bytes, 'test input');
    return 'accepted';
  } catch (err) {
    if (!(err instanceof SamizdatError)) throw err;
    expect(err.message.startsWith('model: test input')).toBe(true);
    return err.code;
  }
}

/** Replace -0 by 0 everywhere: JSON has no -0, and JCS writes it as 0. */
function withoutNegativeZero(v: unknown): unknown {
  if (typeof v === 'number') return Object.is(v, -0) ? 0 : v;
  if (Array.isArray(v)) return v.map(withoutNegativeZero);
  if (v !== null && typeof v === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, x] of Object.entries(v)) Object.defineProperty(out, k, { value: withoutNegativeZero(x), enumerable: true, writable: true, configurable: true });
    return out;
  }
  return v;
}

/** JSON values with every kind of string: full Unicode (incl. non-BMP) and ASCII control characters. */
const jsonValues = fc
  .oneof(fc.jsonValue({ stringUnit: 'grapheme' }), fc.jsonValue({ stringUnit: 'binary-ascii' }), fc.jsonValue())
  .map(withoutNegativeZero);

describe('canonicalString (RFC 8785)', () => {
  it('sorts members by UTF-16 code units, non-BMP keys included (RFC 8785, 3.2.3)', () => {
    const input = {
      '\u20ac': 'Euro Sign',
      '\r': 'Carriage Return',
      '\ufb33': 'Hebrew Letter Dalet With Dagesh',
      '1': 'One',
      '\ud83d\ude00': 'Emoji: Grinning Face',
      '\u0080': 'Control',
      '\u00f6': 'Latin Small Letter O With Diaeresis',
    };
    // U+1F600 is the surrogate pair D83D DE00, so it sorts before U+FB33 although its code point is higher.
    expect(canonicalString(input)).toBe(
      '{"\\r":"Carriage Return","1":"One","\u0080":"Control","\u00f6":"Latin Small Letter O With Diaeresis",' +
        '"\u20ac":"Euro Sign","\ud83d\ude00":"Emoji: Grinning Face","\ufb33":"Hebrew Letter Dalet With Dagesh"}',
    );
  });

  it('sorts nested members and keeps array order', () => {
    expect(canonicalString({ b: [3, 1, { z: 1, a: 2 }], a: { y: null, x: true } })).toBe('{"a":{"x":true,"y":null},"b":[3,1,{"a":2,"z":1}]}');
  });

  it('serialises the example of RFC 8785, 3.2.2', () => {
    const text = String.raw`{"numbers": [333333333.33333329, 1E30, 4.50, 2e-3, 0.000000000000000000000000001], "string": "\u20ac$\u000F\u000aA'\u0042\u0022\u005c\\\"\/", "literals": [null, true, false]}`;
    expect(canonicalString(JSON.parse(text))).toBe(
      String.raw`{"literals":[null,true,false],"numbers":[333333333.3333333,1e+30,4.5,0.002,1e-27],"string":"€$\u000f\nA'B\"\\\\\"/"}`,
    );
  });

  it.each([
    ['0000000000000000', '0'],
    ['8000000000000000', '0'], // -0
    ['0000000000000001', '5e-324'],
    ['8000000000000001', '-5e-324'],
    ['7fefffffffffffff', '1.7976931348623157e+308'],
    ['ffefffffffffffff', '-1.7976931348623157e+308'],
    ['4340000000000000', '9007199254740992'],
    ['c340000000000000', '-9007199254740992'],
    ['4430000000000000', '295147905179352830000'],
    ['44b52d02c7e14af5', '9.999999999999997e+22'],
    ['44b52d02c7e14af6', '1e+23'],
    ['44b52d02c7e14af7', '1.0000000000000001e+23'],
    ['444b1ae4d6e2ef4e', '999999999999999700000'],
    ['444b1ae4d6e2ef4f', '999999999999999900000'],
    ['444b1ae4d6e2ef50', '1e+21'],
    ['3eb0c6f7a0b5ed8c', '9.999999999999997e-7'],
    ['3eb0c6f7a0b5ed8d', '0.000001'],
    ['41b3de4355555553', '333333333.3333332'],
    ['41b3de4355555554', '333333333.33333325'],
    ['41b3de4355555555', '333333333.3333333'],
    ['41b3de4355555556', '333333333.3333334'],
    ['41b3de4355555557', '333333333.33333343'],
    ['becbf647612f3696', '-0.0000033333333333333333'],
    ['43143ff3c1cb0959', '1424953923781206.2'],
  ])('writes the double %s as %s (RFC 8785, appendix B)', (bits, expected) => {
    expect(canonicalString(double(bits))).toBe(expected);
  });

  it('writes the usual number forms as ECMAScript does', () => {
    expect(canonicalString([1e21, 1e20, 0.1, -0, 1.5e-7, 100, 1e-6, -1])).toBe('[1e+21,100000000000000000000,0.1,0,1.5e-7,100,0.000001,-1]');
  });

  it('refuses values with no JSON form: NaN, infinities, lone surrogates, undefined', () => {
    for (const bad of [Number.NaN, Number.POSITIVE_INFINITY, -Infinity, '\ud800', 'a\udc00b', { '\ud83d': 1 }, undefined]) {
      expect(() => canonicalString(bad)).toThrow();
    }
    expect(() => canonicalString(undefined)).toThrow(/model: value has no JSON form/);
  });

  it('escapes control characters as lowercase \\u00xx, with the short forms JSON has', () => {
    expect(canonicalString('\u0000\u0001\u001f\u000b\u007f')).toBe('"\\u0000\\u0001\\u001f\\u000b\u007f"');
    expect(canonicalString('\b\t\n\f\r"\\/')).toBe('"\\b\\t\\n\\f\\r\\"\\\\/"');
    for (let c = 0; c < 0x20; c++) {
      const escaped = canonicalString(String.fromCharCode(c));
      expect(escaped).toMatch(/^"(\\u00[0-1][0-9a-f]|\\[btnfr])"$/);
    }
  });

  it('leaves U+2028, U+2029, non-ASCII and non-BMP characters as they are, in UTF-8', () => {
    expect(canonicalString('a\u2028b\u2029c')).toBe('"a\u2028b\u2029c"');
    expect(canonicalString('Слава 😀 é')).toBe('"Слава 😀 é"');
    expect([...canonicalBytes('\u2028😀')]).toEqual([0x22, 0xe2, 0x80, 0xa8, 0xf0, 0x9f, 0x98, 0x80, 0x22]);
  });

  it('drops undefined members, as JSON does', () => {
    expect(canonicalString({ a: undefined, b: 1 })).toBe('{"b":1}');
  });
});

describe('parseCanonical', () => {
  it('accepts canonical text and returns its value', () => {
    expect(parseCanonical(utf8('{"a":[1,"x",null],"b":{"c":true}}'), 'x')).toEqual({ a: [1, 'x', null], b: { c: true } });
    expect(parseCanonical(utf8('"\u2028"'), 'x')).toBe('\u2028');
    // A member named __proto__ is an ordinary member, kept and re-encoded.
    const proto = parseCanonical(utf8('{"__proto__":1}'), 'x') as Record<string, unknown>;
    expect(Object.keys(proto)).toEqual(['__proto__']);
  });

  it('rejects duplicate member names, even with equal values', () => {
    expect(outcome('{"a":1,"a":1}')).toBe('model.duplicate-field');
    expect(outcome('{"a":1,"a":2}')).toBe('model.duplicate-field');
    expect(outcome('{"a":{"b":1,"b":1}}')).toBe('model.duplicate-field');
    // The same name spelt with an escape is the same name.
    expect(outcome('{"a":1,"\\u0061":2}')).toBe('model.duplicate-field');
    // Equal names in different objects, or a name equal to a string value, are no duplicates.
    expect(outcome('{"a":{"a":1},"b":[{"a":1},{"a":"a"}]}')).toBe('accepted');
    expect(outcome('{"b":1,"a":{"b":1}}')).toBe('model.not-canonical');
  });

  it('rejects whitespace anywhere outside strings', () => {
    for (const text of [' {"a":1}', '{"a":1} ', '{"a": 1}', '{"a" :1}', '{ "a":1}', '[1, 2]', '{"a":1}\n', '\t[]']) {
      expect(outcome(text), text).toBe('model.not-canonical');
    }
  });

  it('rejects unsorted members, nested ones included', () => {
    expect(outcome('{"b":1,"a":2}')).toBe('model.not-canonical');
    expect(outcome('{"a":{"d":1,"c":2}}')).toBe('model.not-canonical');
    // UTF-16 order, not code point order: U+FB33 after U+1F600 (D83D DE00).
    expect(outcome('{"\ufb33":1,"\ud83d\ude00":2}')).toBe('model.not-canonical');
    expect(outcome('{"\ud83d\ude00":2,"\ufb33":1}')).toBe('accepted');
  });

  it('rejects other spellings of numbers and strings', () => {
    for (const text of ['1.0', '1E21', '1e21', '-0', '0.10', '1e+0', '"\\u0041"', '"\\/"', '"\\u001F"', '"\\u2028"', '"\\ud83d\\ude00"']) {
      expect(outcome(text), text).toBe('model.not-canonical');
    }
    for (const text of ['1e+21', '0', '0.1', '"A"', '"/"', '"\\u001f"', '"\u2028"', '"😀"']) {
      expect(outcome(text), text).toBe('accepted');
    }
  });

  it('rejects invalid UTF-8: stray bytes, overlong forms, encoded surrogates, truncation', () => {
    const bad = [
      [0x22, 0xff, 0x22],
      [0x22, 0xc0, 0xaf, 0x22], // overlong "/"
      [0x22, 0xed, 0xa0, 0x80, 0x22], // U+D800 encoded (CESU-style)
      [0x22, 0xf0, 0x9f, 0x98, 0x22], // truncated 4-byte sequence
      [0x22, 0x80, 0x22], // lone continuation byte
    ];
    for (const b of bad) expect(outcome(new Uint8Array(b))).toBe('model.bad-utf8');
  });

  it('rejects lone surrogates written as escapes', () => {
    expect(outcome('"\\ud800"')).toBe('model.not-canonical');
    expect(outcome('"\\udc00x"')).toBe('model.not-canonical');
    expect(outcome('{"\\ud83d":1}')).toBe('model.not-canonical');
  });

  it('rejects a byte order mark and text that is not JSON', () => {
    expect(outcome(new Uint8Array([0xef, 0xbb, 0xbf, 0x7b, 0x7d]))).toBe('model.bad-json');
    for (const text of ['', '{', '01', '{"a":1,}', "{'a':1}", 'NaN', '{"a":1}{"b":2}', 'undefined']) {
      expect(outcome(text), text).toBe('model.bad-json');
    }
  });

  it('refuses absurdly deep nesting with a typed input error, not a crash', () => {
    const deep = utf8(`${'['.repeat(100_000)}${']'.repeat(100_000)}`);
    expect(outcome(deep)).toBe('model.not-canonical');
    expect(outcome(`${'['.repeat(100)}${']'.repeat(100)}`)).toBe('accepted');
  });

  it('is an input error (exit code 4) naming what was parsed', () => {
    try {
      parseCanonical(utf8('{"b":1,"a":2}'), 'bundle entry 7');
      expect.unreachable();
    } catch (err) {
      expect(err).toBeInstanceOf(SamizdatError);
      const e = err as SamizdatError;
      expect(e.kind).toBe('input');
      expect(e.exitCode).toBe(4);
      expect(e.message).toMatch(/^model: bundle entry 7 is not in canonical form/);
    }
  });
});

describe('canonical encoding, properties', () => {
  it('is stable: encoding the decoded encoding gives the same text', () => {
    fc.assert(
      fc.property(jsonValues, (x) => {
        const text = canonicalString(x);
        expect(canonicalString(JSON.parse(text))).toBe(text);
      }),
      { numRuns: 500 },
    );
  });

  it('parseCanonical accepts the canonical text, returning an equal value', () => {
    fc.assert(
      fc.property(jsonValues, (x) => {
        const bytes = canonicalBytes(x);
        expect(parseCanonical(bytes, 'x')).toStrictEqual(JSON.parse(canonicalString(x)));
        expect(parseCanonical(bytes, 'x')).toStrictEqual(x);
      }),
      { numRuns: 500 },
    );
  });

  it('parseCanonical rejects every other spelling of the same value', () => {
    fc.assert(
      fc.property(jsonValues, fc.constantFrom(0, 1, 2, '\t'), (x, indent) => {
        const canonical = canonicalString(x);
        const other = JSON.stringify(x, null, indent);
        expect(outcome(other)).toBe(other === canonical ? 'accepted' : 'model.not-canonical');
      }),
      { numRuns: 500 },
    );
  });

  // parseCanonical takes a shortcut for text with no \u escape whose members are already sorted
  // (JSON.stringify's form is then JCS's): it must accept exactly what comparing with the JCS form
  // accepts, whatever the member order, integer-like names (which JavaScript objects reorder),
  // escapes and lone surrogates.
  it('parseCanonical accepts exactly the texts equal to their JCS form, in any member order', () => {
    const name = fc.oneof(fc.constantFrom('a', 'b', 'B', '0', '9', '10', '01', '__proto__', 'toJSON', '\u00e9', '\u{1F600}', '\ud800', '\u001f'), fc.string({ maxLength: 3 }));
    const { value } = fc.letrec((tie) => ({
      value: fc.oneof({ depthSize: 'small' }, fc.constantFrom(null, true, 0, -1.5, 1e21, 'x', '\u2028', '\u001f', '\ud800'), fc.string({ unit: 'binary', maxLength: 4 }), fc.array(tie('value'), { maxLength: 3 }), tie('object')),
      object: fc.array(fc.tuple(name, tie('value')), { maxLength: 4 }).map((entries) => Object.fromEntries(entries)),
    }));
    const jcs = (text: string): string | undefined => {
      try {
        return canonicalString(JSON.parse(text));
      } catch {
        return undefined;
      }
    };
    fc.assert(
      fc.property(value, fc.boolean(), (x, sorted) => {
        const text = sorted ? (jcs(JSON.stringify(x)) ?? JSON.stringify(x)) : JSON.stringify(x);
        expect(outcome(text)).toBe(jcs(text) === text ? 'accepted' : 'model.not-canonical');
      }),
      { numRuns: 2000 },
    );
  });

  it('parseCanonical rejects the canonical text with whitespace inserted between tokens', () => {
    const structured = jsonValues.filter((x) => typeof x === 'object' && x !== null);
    fc.assert(
      fc.property(structured, fc.nat(), fc.constantFrom(' ', '\n', '\t', '\r'), (x, at, ws) => {
        const text = canonicalString(x);
        // Positions outside strings, right after a structural character.
        const positions: number[] = [];
        let inString = false;
        for (let i = 0; i < text.length; i++) {
          const c = text[i];
          if (inString) {
            if (c === '\\') i++;
            else if (c === '"') inString = false;
          } else if (c === '"') inString = true;
          else if (c === '{' || c === '[' || c === ',' || c === ':') positions.push(i + 1);
        }
        positions.push(0, text.length);
        const p = positions[at % positions.length] as number;
        expect(outcome(text.slice(0, p) + ws + text.slice(p))).toBe('model.not-canonical');
      }),
      { numRuns: 300 },
    );
  });
});

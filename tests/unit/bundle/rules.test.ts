// docs/FORMAT.md, "Bundles a reader MUST reject", rules 57 to 70, on hand-made byte strings: each
// case is a bundle that is well-formed but for the one thing the rule names, with a correct trailer
// unless the trailer is the point. The reader must stop with a SamizdatError naming the rule.
import { describe, expect, it } from 'vitest';
import { openBundle } from '../../../src/core/bundle/envelope.js';
import { BUNDLE_LIMITS } from '../../../src/core/bundle/format.js';
import { readBundle } from '../../../src/core/bundle/reader.js';
import { makeStatement } from '../../../src/core/model/build.js';
import { canonicalBytes } from '../../../src/core/model/canonical.js';
import { objectId } from '../../../src/core/model/objects.js';
import { malformedObjects, HELLO_BYTES, attachmentMismatchStatement } from '../../helpers/malformed.js';
import { ATTACHMENT_BYTES } from '../format/example.js';
import {
  ascii,
  attachmentRecord,
  bundleExampleRecords,
  chunked,
  concat,
  errorOf,
  example,
  exampleBundle,
  handmade,
  objectRecord,
  partsOf,
  readAll,
  ruleOf,
  sha256Hex,
  sortRecords,
  type Item,
  type Part,
} from './helpers.js';

const records = bundleExampleRecords(); // charter, add, statement, signatures (by id), attachment
const byName = (name: string): Item => {
  const r = records.find((x) => x.name === name);
  if (!r) throw new Error(name);
  return r;
};
const parts = (...names: string[]): Part[] => names.flatMap((n) => partsOf(byName(n)));
const ALL = records.map((r) => r.name);
const header = (count: number | string = records.length) => `samizdat-bundle/v1 ${count}`;
/** The rule the reader stops at, for bytes given whole and byte by byte (they must agree). */
async function rule(bytes: Uint8Array, limits?: Parameters<typeof readAll>[1]): Promise<string> {
  const whole = await ruleOf(readAll([bytes], limits));
  const bytewise = await ruleOf(readAll(chunked(bytes, 1), limits));
  expect(bytewise, 'the same rule when the bytes come one at a time').toBe(whole);
  return whole;
}
/** A source that yields `bytes`, then fails if the reader asks for more: the rule must be decided from what came. */
async function* thenNothing(bytes: Uint8Array): AsyncGenerator<Uint8Array> {
  yield bytes;
  throw new Error('the reader read past the record header');
}

describe('the hand-made example bundle', () => {
  it('is the writer\'s bundle, and reads without error', async () => {
    const bytes = handmade([header(), ...parts(...ALL)]);
    expect(Buffer.from(bytes).equals(Buffer.from(await exampleBundle()))).toBe(true);
    expect(await rule(bytes)).toBe('resolved');
  });
});

describe('57 B-MAGIC', () => {
  it.each([
    ['another version', 'samizdat-bundle/v2 6'],
    ['upper case', 'Samizdat-bundle/v1 6'],
    ['no space after the magic', 'samizdat-bundle/v1'],
    ['a tab for the space', 'samizdat-bundle/v1\t6'],
    ['an armoured age file', '-----BEGIN AGE ENCRYPTED FILE-----'],
    ['a text file', 'Dear friends,'],
  ])('%s', async (_what, first) => {
    expect(await rule(handmade([first, ...parts(...ALL)]))).toBe('B-MAGIC');
  });

  it('a byte order mark before the magic', async () => {
    expect(await rule(handmade([concat([new Uint8Array([0xef, 0xbb, 0xbf]), ascii(`${header()}\n`)]), ...parts(...ALL)]))).toBe('B-MAGIC');
  });

  it('binary data with no line end in its first 100 bytes', async () => {
    expect(await rule(new Uint8Array(4096).map((_, i) => (i * 37 + 1) % 256 || 1))).toBe('B-MAGIC');
  });

  // Only a prefix of "samizdat-bundle/v1 " can be a truncated bundle; "hello" begins otherwise.
  it('a short file that is not a bundle at all (no line end), e.g. "hello"', async () => {
    expect(await rule(ascii('hello'))).toBe('B-MAGIC');
  });

  /** The rule for a whole file, read as `samizdat import` reads one (envelope first, then the clear bundle), 3 bytes at a time. */
  async function* asyncOf(bytes: Uint8Array): AsyncGenerator<Uint8Array> {
    for (const c of chunked(bytes, 3)) yield c;
  }
  async function fileRuleOf(bytes: Uint8Array): Promise<string> {
    return ruleOf(
      (async () => {
        const opened = await openBundle(asyncOf(bytes), { boxSecrets: [] });
        const out = [];
        for await (const r of readBundle(opened.plaintext)) out.push(r);
        return out;
      })(),
    );
  }

  it('every proper prefix of either magic line, the empty file included, is B-TRUNCATED, not B-MAGIC', async () => {
    for (const line of ['samizdat-bundle/v1 ', 'age-encryption.org/v1\n']) {
      for (let n = 0; n < line.length; n++) expect(await fileRuleOf(ascii(line.slice(0, n))), JSON.stringify(line.slice(0, n))).toBe('B-TRUNCATED');
    }
  });

  it('a file that begins as the age line and then differs is B-MAGIC', async () => {
    for (const start of ['age-encryption.org/v2\n', 'age-encryption.org/v1 \n', 'age-encryption.org/v1\r\n', 'age-encryption.org/v10', 'age-encryption.org/V1\n', 'agE']) {
      expect(await fileRuleOf(concat([ascii(start), await exampleBundle()])), JSON.stringify(start)).toBe('B-MAGIC');
    }
  });
});

describe('58 B-SYNTAX', () => {
  const statement = byName('statement');
  const statementBytes = statement.bytes;
  const attachmentId = sha256Hex(ATTACHMENT_BYTES);
  const cases: Array<[string, Part[]]> = [
    ['a leading zero in the count', [header('06'), ...parts(...ALL)]],
    ['a sign in the count', [header('+6'), ...parts(...ALL)]],
    ['two spaces in the header', ['samizdat-bundle/v1  6', ...parts(...ALL)]],
    ['a CR before the header\'s LF', [`${header()}\r`, ...parts(...ALL)]],
    ['a count of 19 digits', [header('1'.repeat(19)), ...parts(...ALL)]],
    ['a leading zero in a length', [header(), ...parts('charter', 'add'), `object 0${statementBytes.length}`, concat([statementBytes, ascii('\n')]), ...parts('signature-alice', 'signature-carol', 'attachment')]],
    ['two spaces in a record header', [header(), ...parts('charter', 'add'), `object  ${statementBytes.length}`, concat([statementBytes, ascii('\n')])]],
    ['a CR in a record header', [header(), ...parts('charter', 'add'), `object ${statementBytes.length}\r`, concat([statementBytes, ascii('\n')])]],
    ['an unknown keyword', [header(), ...parts('charter', 'add'), `statement ${statementBytes.length}`, concat([statementBytes, ascii('\n')])]],
    ['an upper-case keyword', [header(), ...parts('charter', 'add'), `OBJECT ${statementBytes.length}`, concat([statementBytes, ascii('\n')])]],
    ['an upper-case hex digit in an attachment id', [header(), ...parts('charter', 'add', 'statement', 'signature-alice', 'signature-carol'), `attachment ${attachmentId.toUpperCase()} 15`, concat([ATTACHMENT_BYTES, ascii('\n')])]],
    ['a short attachment id', [header(), ...parts('charter', 'add', 'statement', 'signature-alice', 'signature-carol'), `attachment ${attachmentId.slice(2)} 15`, concat([ATTACHMENT_BYTES, ascii('\n')])]],
    ['a record header longer than 100 bytes', [header(), ...parts('charter', 'add'), `object ${statementBytes.length}${' '.repeat(100)}`]],
    ['a length one too short: the byte after the payload is not LF', [header(), ...parts('charter', 'add'), `object ${statementBytes.length - 1}`, concat([statementBytes, ascii('\n')])]],
    ['a CR LF after a payload', [header(), ...parts('charter', 'add'), `object ${statementBytes.length}`, concat([statementBytes, ascii('\r\n')])]],
  ];
  it.each(cases)('%s', async (_what, p) => {
    expect(await rule(handmade(p))).toBe('B-SYNTAX');
  });

  // A first line that begins with the magic is a bundle's header, so its faults are B-SYNTAX.
  it('a header line longer than 100 bytes that begins with the magic', async () => {
    expect(await rule(handmade([header(`6${' '.repeat(100)}`), ...parts(...ALL)]))).toBe('B-SYNTAX');
  });

  it.each([
    ['upper-case hex', (h: string) => `end ${h.toUpperCase()}`],
    ['a CR', (h: string) => `end ${h}\r`],
    ['two spaces', (h: string) => `end  ${h}`],
    ['"END"', (h: string) => `END ${h}`],
    ['a short hash', (h: string) => `end ${h.slice(1)}`],
  ])('a trailer with %s', async (_what, trailer) => {
    const body = handmade([header(), ...parts(...ALL)]);
    const before = body.subarray(0, body.length - 69);
    expect(await rule(handmade([before], trailer(sha256Hex(before))))).toBe('B-SYNTAX');
  });
});

describe('59 B-COUNT', () => {
  it('a count above 1,000,000 is refused from the header alone', async () => {
    expect(await ruleOf(readAll(thenNothing(ascii(`${header(BUNDLE_LIMITS.records + 1)}\n`))))).toBe('B-COUNT');
    expect(await rule(handmade([header(BUNDLE_LIMITS.records + 1), ...parts(...ALL)]))).toBe('B-COUNT');
    expect(await rule(handmade([header('9'.repeat(18)), ...parts(...ALL)]))).toBe('B-COUNT');
  });

  it('1,000,000 itself passes the header (the bundle then ends too early)', async () => {
    expect(await rule(handmade([header(BUNDLE_LIMITS.records), ...parts(...ALL)]))).toBe('B-RECORD-COUNT');
  });
});

describe('60 B-RECORD-COUNT', () => {
  it('the trailer comes after fewer records than the count', async () => {
    expect(await rule(handmade([header(records.length + 1), ...parts(...ALL)]))).toBe('B-RECORD-COUNT');
    expect(await rule(handmade([header(1)]))).toBe('B-RECORD-COUNT');
  });

  it('a record comes where the trailer is due', async () => {
    expect(await rule(handmade([header(records.length - 1), ...parts(...ALL)]))).toBe('B-RECORD-COUNT');
    expect(await rule(handmade([header(0), ...parts('charter')]))).toBe('B-RECORD-COUNT');
    expect(await rule(handmade([header(5), ...parts(...ALL)]))).toBe('B-RECORD-COUNT');
  });
});

describe('61 B-OBJECT-SIZE', () => {
  it('a length above 8 MiB is refused before the payload is read', async () => {
    const bytes = ascii(`${header()}\nobject ${BUNDLE_LIMITS.objectBytes + 1}\n`);
    expect(await ruleOf(readAll(thenNothing(bytes)))).toBe('B-OBJECT-SIZE');
    expect(await rule(handmade([header(), ...parts('charter'), `object ${BUNDLE_LIMITS.objectBytes + 1}`, concat([new Uint8Array(10), ascii('\n')])]))).toBe('B-OBJECT-SIZE');
  });

  it('exactly 8 MiB passes the size check', async () => {
    const payload = new Uint8Array(BUNDLE_LIMITS.objectBytes).fill(0x20);
    payload[0] = 0x7b;
    payload[payload.length - 1] = 0x7d; // "{   ...   }": JSON, but not canonical
    expect(await ruleOf(readAll([handmade([header(1), ...objectRecord(payload)])]))).toBe('R-NONCANONICAL');
  });
});

describe('62 B-ATTACHMENT-SIZE', () => {
  it('a length above 1 GiB is refused before the payload is read', async () => {
    const id = sha256Hex(ATTACHMENT_BYTES);
    const bytes = handmade([header(), ...parts('charter', 'add', 'statement', 'signature-alice', 'signature-carol')]);
    const prefix = concat([bytes.subarray(0, bytes.length - 69), ascii(`attachment ${id} ${BUNDLE_LIMITS.attachmentBytes + 1}\n`)]);
    expect(await ruleOf(readAll(thenNothing(prefix)))).toBe('B-ATTACHMENT-SIZE');
  });

  it('exactly 1 GiB passes the size check (and is then unreferenced here)', async () => {
    const prefix = ascii(`${header(1)}\nattachment ${'0'.repeat(64)} ${BUNDLE_LIMITS.attachmentBytes}\n`);
    expect(await ruleOf(readAll(thenNothing(prefix)))).toBe('B-UNREFERENCED');
  });
});

describe('63 B-FILE-SIZE', () => {
  const limits = (fileBytes: number) => ({ ...BUNDLE_LIMITS, fileBytes });

  it('a record that would take the bundle past the limit is refused before its payload', async () => {
    const bytes = await exampleBundle();
    const size = bytes.length;
    expect(await rule(bytes, limits(size))).toBe('resolved');
    // The limit falls inside the statement's payload.
    const statementEnd = Buffer.from(bytes).indexOf('"type":"statement","v":1}\n') + 26;
    expect(await rule(bytes, limits(statementEnd - 10))).toBe('B-FILE-SIZE');
    const prefix = bytes.subarray(0, Buffer.from(bytes).indexOf('{"attachments"'));
    expect(await ruleOf(readAll(thenNothing(prefix), limits(statementEnd - 1)))).toBe('B-FILE-SIZE');
  });

  it('a bundle longer than the limit only by its trailer', async () => {
    const bytes = await exampleBundle();
    expect(await rule(bytes, limits(bytes.length - 1))).toBe('B-FILE-SIZE');
  });
});

describe('64 B-DEPTH', () => {
  const statement = example().statement;
  it.each([
    ['an array 4 deep in a statement', canonicalBytes({ ...statement, relations: [[[]]] })],
    ['an array 5 deep in a statement', canonicalBytes({ ...statement, relations: [[[[]]]] })],
    ['objects 4 deep', ascii('{"a":{"b":{"c":{}}}}')],
    ['4 unbalanced "[" (not JSON: the depth is found first, by scanning)', ascii('[[[[')],
    ['4 deep after a string holding brackets and an escaped quote', ascii('{"a":"]]\\"}}","b":[[{}]]}')],
  ])('%s', async (_what, payload) => {
    expect(await rule(handmade([header(), ...parts('charter', 'add'), ...objectRecord(payload)]))).toBe('B-DEPTH');
  });

  it('a million "[" (read in one chunk)', async () => {
    const bytes = handmade([header(), ...parts('charter', 'add'), ...objectRecord(new Uint8Array(1_000_000).fill(0x5b))]);
    expect(await ruleOf(readAll([bytes]))).toBe('B-DEPTH');
  });

  it('3 levels, the deepest of any valid object, pass the depth check (the object is then malformed by the R- rules)', async () => {
    expect(await rule(handmade([header(), ...parts('charter', 'add'), ...objectRecord(canonicalBytes({ ...statement, relations: [[]] }))]))).toBe('R-FIELD-TYPE');
    expect(await rule(handmade([header(), ...parts('charter', 'add'), ...objectRecord(ascii('[[['))]))).toBe('R-JSON');
    // Brackets inside strings do not count.
    expect(await rule(handmade([header(), ...parts('charter', 'add'), ...objectRecord(ascii('{"a":"[[[[{{{{"}'))]))).toBe('R-UNKNOWN-TYPE');
  });
});

describe('65 B-ORDER', () => {
  it.each([
    ['the add link before the charter (same section, ids descending)', ['add', 'charter', 'statement', 'signature-alice', 'signature-carol', 'attachment']],
    ['a statement before the links', ['statement', 'charter', 'add', 'signature-alice', 'signature-carol', 'attachment']],
    ['a signature before the statement', ['charter', 'add', 'signature-alice', 'statement', 'signature-carol', 'attachment']],
    ['the signatures in descending order of id', ['charter', 'add', 'statement', ...records.filter((r) => r.name.startsWith('signature')).map((r) => r.name).reverse(), 'attachment']],
  ])('%s', async (_what, order) => {
    expect(await rule(handmade([header(), ...parts(...order)]))).toBe('B-ORDER');
  });

  it('an attachment before a signature', async () => {
    // The attachment's statement is read first, so that B-ORDER, not B-UNREFERENCED, is what is broken.
    expect(await rule(handmade([header(), ...parts('charter', 'add', 'statement', 'attachment', 'signature-alice', 'signature-carol')]))).toBe('B-ORDER');
  });
});

describe('66 B-DUPLICATE', () => {
  it('the same object twice', async () => {
    expect(await rule(handmade([header(7), ...parts('charter', 'charter', 'add', 'statement', 'signature-alice', 'signature-carol', 'attachment')]))).toBe('B-DUPLICATE');
    expect(await rule(handmade([header(7), ...parts(...ALL, 'attachment')]))).toBe('B-DUPLICATE');
  });

  it('two copies of one link with different signatures (a link\'s id leaves its signatures out)', async () => {
    const ex = example();
    const unsigned = canonicalBytes({ ...ex.charter, signatures: [] });
    expect(await rule(handmade([header(7), ...objectRecord(unsigned), ...parts(...ALL)]))).toBe('B-DUPLICATE');
  });
});

describe('67 B-UNREFERENCED', () => {
  it('an attachment no statement of the bundle references', async () => {
    expect(await rule(handmade([header(5), ...parts('charter', 'add', 'signature-alice', 'signature-carol', 'attachment')]))).toBe('B-UNREFERENCED');
    const hello = attachmentRecord(HELLO_BYTES); // sha256("hello") = 2cf2… sorts before the leaflet's b92e…
    expect(await rule(handmade([header(7), ...parts('charter', 'add', 'statement', 'signature-alice', 'signature-carol'), ...hello, ...parts('attachment')]))).toBe('B-UNREFERENCED');
  });

  it('a statement may reference an attachment that the bundle does not carry', async () => {
    expect(await rule(handmade([header(5), ...parts('charter', 'add', 'statement', 'signature-alice', 'signature-carol')]))).toBe('resolved');
  });
});

describe('68 B-TRUNCATED', () => {
  it('every proper prefix of a bundle, empty included, is B-TRUNCATED', async () => {
    const bytes = await exampleBundle();
    const seen = new Map<string, number>();
    for (let n = 0; n < bytes.length; n++) {
      const r = await ruleOf(readAll([bytes.subarray(0, n)]));
      seen.set(r, (seen.get(r) ?? 0) + 1);
      if (r !== 'B-TRUNCATED') expect.fail(`the first ${n} bytes: ${r}`);
    }
    expect([...seen.keys()]).toEqual(['B-TRUNCATED']);
  });

  it('is decided at the end of the stream, chunk by chunk as well', async () => {
    const bytes = await exampleBundle();
    expect(await rule(bytes.subarray(0, bytes.length - 1))).toBe('B-TRUNCATED');
    expect(await rule(bytes.subarray(0, Math.floor(bytes.length / 2)))).toBe('B-TRUNCATED');
  });
});

describe('69 B-CHECKSUM', () => {
  it('a trailer whose hash is not that of the bytes before it', async () => {
    const bytes = await exampleBundle();
    const body = bytes.subarray(0, bytes.length - 69);
    const hash = sha256Hex(body);
    const other = `${hash.slice(0, -1)}${hash.endsWith('0') ? '1' : '0'}`;
    expect(await rule(handmade([body], `end ${other}`))).toBe('B-CHECKSUM');
    // The hash covers the header line too, and nothing but the bytes before the trailer.
    const headerEnd = body.indexOf(0x0a) + 1;
    expect(await rule(handmade([body], `end ${sha256Hex(body.subarray(headerEnd))}`))).toBe('B-CHECKSUM');
    expect(await rule(handmade([body], `end ${sha256Hex(new Uint8Array(0))}`))).toBe('B-CHECKSUM');
  });

  it('a payload byte changed that leaves every object valid', async () => {
    // A signature entry of the add link: a link's id leaves its signatures out, so the order holds.
    const bytes = await exampleBundle();
    const at = Buffer.from(bytes).indexOf('"sig":"03902d09');
    expect(at).toBeGreaterThan(0);
    const changed = bytes.slice();
    changed[at + 7] = 0x31; // "03902d09…" -> "13902d09…"
    expect(await rule(changed)).toBe('B-CHECKSUM');
  });
});

describe('70 B-TRAILING-DATA', () => {
  it.each([
    ['one LF', ascii('\n')],
    ['one zero byte', new Uint8Array(1)],
    ['a second copy of the bundle', null],
  ])('%s after the trailer', async (_what, extra) => {
    const bytes = await exampleBundle();
    expect(await rule(concat([bytes, extra ?? bytes]))).toBe('B-TRAILING-DATA');
  });
});

describe('R- rules inside a bundle', () => {
  it('a record whose payload breaks an R- rule rejects the bundle with that rule (every object of tests/helpers/malformed.ts)', async () => {
    for (const m of malformedObjects()) {
      if (m.kind === 'member-card' || m.rule === 'R-ATTACHMENT-MISMATCH') continue;
      const before = m.kind === 'link' ? ['charter', 'add'] : m.kind === 'statement' ? ['charter', 'add', 'statement'] : ['charter', 'add', 'statement', 'signature-alice', 'signature-carol'];
      const err = await errorOf(readAll([handmade([header(before.length + 1), ...parts(...before), ...objectRecord(m.bytes)])]));
      expect(err.rule, m.rule).toBe(m.rule);
      expect(err.message, m.rule).toMatch(new RegExp(`^bundle: record ${before.length + 1} of ${before.length + 1}: .*\\(${m.rule}\\)$`));
      expect(err.kind).toBe('input');
    }
  });

  it('R-ATTACHMENT-MISMATCH: an attachment whose length is not its statement\'s size, or whose bytes do not hash to its id', async () => {
    const mismatch = attachmentMismatchStatement();
    const mismatchRecord: Item = { name: 'mismatch', section: 'statement', id: objectId(mismatch), bytes: canonicalBytes(mismatch) };
    expect(await rule(handmade([header(2), ...partsOf(mismatchRecord), ...attachmentRecord(HELLO_BYTES)]))).toBe('R-ATTACHMENT-MISMATCH');

    const same = new Uint8Array(ATTACHMENT_BYTES);
    same[0] = 0x6e; // "no to the war." : same length, other bytes, still announced under the leaflet's id
    expect(await rule(handmade([header(), ...parts('charter', 'add', 'statement', 'signature-alice', 'signature-carol'), ...attachmentRecord(same, sha256Hex(ATTACHMENT_BYTES))]))).toBe('R-ATTACHMENT-MISMATCH');
  });

  it('an attachment referenced by two statements with different sizes is R-ATTACHMENT-MISMATCH', async () => {
    // docs/FORMAT.md: every statement record that references a carried attachment gives its length as size.
    const ex = example();
    const other = makeStatement({ ...ex.statement, title: 'Other', attachments: [{ ...(ex.statement.attachments[0] as NonNullable<(typeof ex.statement.attachments)[0]>), size: 16 }] });
    const list = sortRecords<Item>([byName('statement'), { name: 'other', section: 'statement', id: objectId(other), bytes: canonicalBytes(other) }]);
    expect(await rule(handmade([header(3), ...list.flatMap(partsOf), ...parts('attachment')]))).toBe('R-ATTACHMENT-MISMATCH');
  });
});

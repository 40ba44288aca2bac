// docs/FORMAT.md, "Bundles" > "Worked example": the block `example:bundle` is the bundle of the
// worked example's charter, add link, statement, Alice's and Carol's signatures and attachment,
// line by line, with each payload elided as `… (example:NAME, N bytes)`, NAME being the block
// above that holds exactly those bytes (for the attachment, the hex on its `bytes:` line). The
// header, the record headers and the trailer (with its real SHA-256) are shown as they are.
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { readBundle } from '../../../src/core/bundle/reader.js';
import { writeBundle } from '../../../src/core/bundle/writer.js';
import { bundleExampleRecords, collect, writerRecord } from '../bundle/helpers.js';
import { exampleBlocks, keyValues } from './example.js';

const PAYLOAD_BLOCKS = ['charter', 'add', 'statement', 'signature-alice', 'signature-carol', 'attachment'] as const;
const ELIDED = /^… \(example:([a-z0-9-]+), (\d+) bytes\)$/;

/** The bytes a block of the document stands for as a payload. */
function blockBytes(blocks: Map<string, string>, name: string): Uint8Array {
  const block = blocks.get(name);
  if (block === undefined) throw new Error(`docs/FORMAT.md has no block example:${name}`);
  if (name === 'attachment') return new Uint8Array(Buffer.from(keyValues(block).get('bytes') ?? '', 'hex'));
  return new TextEncoder().encode(block);
}

/** The bundle, its payloads elided: each must be the bytes of one of the example's blocks. */
function renderBundle(bytes: Uint8Array, blocks: Map<string, string>): string {
  const buf = Buffer.from(bytes);
  const lines: string[] = [];
  let at = 0;
  const line = (): string => {
    const end = buf.indexOf(0x0a, at);
    if (end < 0) throw new Error('no line end');
    const text = buf.subarray(at, end).toString('latin1');
    at = end + 1;
    lines.push(text);
    return text;
  };
  const count = Number(/^samizdat-bundle\/v1 (\d+)$/.exec(line())?.[1]);
  for (let n = 0; n < count; n++) {
    const header = line();
    const length = Number(/ (\d+)$/.exec(header)?.[1]);
    const payload = buf.subarray(at, at + length);
    at += length + 1; // the payload and its LF
    const name = PAYLOAD_BLOCKS.find((b) => Buffer.from(blockBytes(blocks, b)).equals(payload));
    if (!name) throw new Error(`record ${n + 1}: its payload is no block of the worked example`);
    lines.push(`… (example:${name}, ${length} bytes)`);
  }
  line();
  if (at !== buf.length) throw new Error('bytes after the trailer');
  return lines.join('\n');
}

describe('docs/FORMAT.md: the bundle of the worked example', () => {
  const blocks = exampleBlocks();
  const built = (async () => {
    const records = bundleExampleRecords();
    return collect(writeBundle(records.length, records.map(writerRecord)));
  })();

  it('is shown line by line in the block example:bundle, its payloads elided', async () => {
    expect(blocks.get('bundle')).toBe(renderBundle(await built, blocks));
  });

  it('elides each payload as `… (example:NAME, N bytes)`, and holds every record of the example once, in the format\'s order', () => {
    const shown = (blocks.get('bundle') ?? '').split('\n');
    const elided = shown.flatMap((l) => {
      const m = ELIDED.exec(l);
      return m ? [m[1] as string] : [];
    });
    expect([...elided].sort()).toEqual([...PAYLOAD_BLOCKS].sort());
    expect(elided.slice(0, 3)).toEqual(['charter', 'add', 'statement']);
    expect(elided.at(-1)).toBe('attachment');
    expect(shown[0]).toBe('samizdat-bundle/v1 6');
    expect(shown.at(-1)).toMatch(/^end [0-9a-f]{64}$/);
  });

  it('rebuilt from the document alone (each elision replaced by its block\'s bytes), is the bundle, with the trailer\'s SHA-256', async () => {
    const shown = (blocks.get('bundle') ?? '').split('\n');
    const parts: Buffer[] = [];
    for (const l of shown) {
      const m = ELIDED.exec(l);
      if (m) {
        const bytes = blockBytes(blocks, m[1] as string);
        expect(bytes.length, l).toBe(Number(m[2]));
        parts.push(Buffer.from(bytes), Buffer.from('\n'));
      } else {
        parts.push(Buffer.from(`${l}\n`, 'latin1'));
      }
    }
    const rebuilt = Buffer.concat(parts);
    expect(rebuilt.equals(Buffer.from(await built))).toBe(true);
    const trailer = `${shown.at(-1)}\n`;
    expect(trailer).toBe(`end ${createHash('sha256').update(rebuilt.subarray(0, rebuilt.length - trailer.length)).digest('hex')}\n`);
    const kinds: string[] = [];
    for await (const r of readBundle([rebuilt])) kinds.push(r.kind);
    expect(kinds.filter((k) => k === 'object')).toHaveLength(5);
  });
});

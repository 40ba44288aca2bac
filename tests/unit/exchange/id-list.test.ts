// IdList: the statement ids an import reports, held as bytes; read back, and in JSON, as the strings pushed.
import { describe, expect, it } from 'vitest';
import { sha256Hex } from '../../../src/core/crypto/hash.js';
import { IdList } from '../../../src/core/exchange/id-list.js';

const ids = (n: number): string[] => Array.from({ length: n }, (_, i) => sha256Hex(new TextEncoder().encode(`record ${i}`)));

describe('IdList', () => {
  it('gives back every id pushed, in order, past several growths of its buffer', () => {
    const pushed = ids(1000);
    const list = new IdList();
    for (const id of pushed) list.push(id);
    expect(list.length).toBe(1000);
    expect([...list]).toEqual(pushed);
    expect(list.at(0)).toBe(pushed[0]);
    expect(list.at(999)).toBe(pushed[999]);
    expect(list.at(1000)).toBeUndefined();
    expect(list.at(-1)).toBeUndefined();
  });

  it('is an array of strings in JSON, as the reports had it', () => {
    const pushed = ids(3);
    const list = new IdList();
    for (const id of pushed) list.push(id);
    expect(JSON.stringify({ statements: list })).toBe(JSON.stringify({ statements: pushed }));
    expect(JSON.stringify(new IdList())).toBe('[]');
  });

  it('refuses anything but 64 lowercase hex characters, and keeps what it held', () => {
    const list = new IdList();
    const [first] = ids(1) as [string];
    list.push(first);
    for (const bad of [first.toUpperCase(), first.slice(1), `${first}0`, `${first.slice(0, 63)}g`, '']) expect(() => list.push(bad)).toThrow(/64 lowercase hex/);
    expect([...list]).toEqual([first]);
  });
});

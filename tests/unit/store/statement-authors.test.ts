// getStatementAuthors (what an import reads to decide whether a signature on a held statement can
// count, without reading the statement's text) is getStatement's `authors`, in their order, for every
// held statement, and undefined for one not held, in a vault and in a scratch vault.
import { describe, expect, it } from 'vitest';
import { Vault } from '../../../src/core/store/index.js';
import { id, statement } from './helpers.js';

describe('getStatementAuthors', () => {
  it('gives the authors getStatement gives, in order; undefined when the statement is not held', () => {
    const vault = Vault.scratch();
    try {
      const groups = ['a', 'b', 'c', 'd'].map((g) => id(`group-${g}`));
      const held = [
        statement('one', { authors: [groups[0] as string] }),
        statement('two', { authors: [groups[2] as string, groups[1] as string, groups[3] as string] }),
        statement('three', { authors: [groups[3] as string, groups[0] as string] }),
      ];
      vault.transaction(() => held.forEach((s) => vault.putStatement(s)));
      for (const s of held) {
        expect(vault.getStatementAuthors(s.id)).toEqual(vault.getStatement(s.id)?.authors);
        expect(vault.getStatementAuthors(s.id)).toEqual(s.authors);
      }
      expect(vault.getStatementAuthors(id('statement/not-held'))).toBeUndefined();
    } finally {
      vault.close();
    }
  });
});

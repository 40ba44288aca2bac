// No plaintext on disk: a byte search of every file of the vault directory, while open and after close.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Vault, type IdentityRecord } from '../../../src/core/store/index.js';
import { PASS, id, link, signature, statement, tempRoot } from './helpers.js';

const ASCII_TITLE = 'Zebracorn-Quixotic-Title-4417';
const ASCII_BODY = 'plaintext-canary-body-Xylophage-9932 and more words';
const CYRILLIC_TITLE = 'Заявление Щелкунчика';
const CYRILLIC_BODY = 'Непримиримая позиция профсоюза Жужелица против войны';
const GROUP_NAME = 'Профсоюз Канарейка KRAS-Canary';
const MEMBER_NAME = 'Евлампия Canary-Member';

function keyBytes(seed: number, n: number): Uint8Array {
  // Distinctive, non-repeating bytes, so a match cannot be a coincidence.
  const out = new Uint8Array(n);
  for (let i = 0; i < n; i++) out[i] = (seed * 131 + i * 197 + ((i * i) % 251)) & 0xff;
  return out;
}

const identity: IdentityRecord = {
  name: MEMBER_NAME,
  signPublic: keyBytes(1, 32),
  signSecret: keyBytes(2, 64),
  boxPublic: keyBytes(3, 32),
  boxSecret: keyBytes(4, 32),
};

/** Every byte string that must never appear in a file of the vault directory. */
function needles(): [string, Uint8Array][] {
  const enc = new TextEncoder();
  const text = [ASCII_TITLE, ASCII_BODY, CYRILLIC_TITLE, CYRILLIC_BODY, GROUP_NAME, MEMBER_NAME];
  // The full-text index stores tokens lowercased: look for those too, and for single distinctive words.
  const words = ['Zebracorn', 'Xylophage', 'Щелкунчика', 'Непримиримая', 'Жужелица', 'Канарейка', 'Евлампия'];
  const out: [string, Uint8Array][] = [];
  for (const t of [...text, ...words]) {
    out.push([t, enc.encode(t)]);
    out.push([t.toLowerCase(), enc.encode(t.toLowerCase())]);
  }
  for (const [name, k] of [
    ['sign secret', identity.signSecret],
    ['box secret', identity.boxSecret],
    ['sign secret seed half', identity.signSecret.subarray(0, 32)],
  ] as const) {
    out.push([`${name} (raw)`, k]);
    out.push([`${name} (hex)`, enc.encode(Buffer.from(k).toString('hex'))]);
  }
  // The search for the raw key bytes would also find a 16-byte prefix: a stricter check.
  out.push(['box secret prefix', identity.boxSecret.subarray(0, 16)]);
  return out;
}

function findPlaintext(dir: string): string[] {
  const found: string[] = [];
  const files = readdirSync(dir);
  for (const name of files) {
    const data = readFileSync(path.join(dir, name));
    for (const [what, needle] of needles()) {
      if (data.indexOf(needle) !== -1) found.push(`${what} in ${name}`);
    }
  }
  return found;
}

let root: string;
let cleanup: () => void;
beforeEach(() => {
  ({ root, cleanup } = tempRoot());
});
afterEach(() => cleanup());

describe('no plaintext in the vault files', () => {
  it('finds none of the statement text, names or keys, while open (in the WAL) and after close', async () => {
    const dir = path.join(root, 'v');
    const v = await Vault.create(dir, PASS, 'interactive');
    const group = id('group/canary');
    v.transaction(() => {
      v.setIdentity(identity);
      v.upsertGroup({ id: group, name: GROUP_NAME, origin: 'created' });
      v.putLink(link('canary-charter', { id: group, group, body: new TextEncoder().encode(`{"name":"${GROUP_NAME}"}`) }));
      v.putStatement(statement('canary', { title: `${ASCII_TITLE} ${CYRILLIC_TITLE}`, body: `${ASCII_BODY}\n\n${CYRILLIC_BODY}`, authors: [group] }));
      v.putSignature(signature('canary', { statement: id('statement/canary'), group }));
    });
    // Sanity: the data is there and searchable.
    expect(v.search('Жужелица').hits.length).toBe(1);
    expect(v.search('zebracorn').hits.length).toBe(1);

    // Still open: the writes sit in the WAL, not yet checkpointed.
    const openFiles = readdirSync(dir).sort();
    expect(openFiles).toEqual(['vault.db', 'vault.db-shm', 'vault.db-wal', 'vault.json']);
    expect(readFileSync(path.join(dir, 'vault.db-wal')).length).toBeGreaterThan(0);
    expect(findPlaintext(dir)).toEqual([]);

    v.close();
    expect(readdirSync(dir).sort()).toEqual(['vault.db', 'vault.json']);
    expect(findPlaintext(dir)).toEqual([]);

    // After a change of passphrase too (the rekey rewrites every page through a rollback journal).
    const w = await Vault.open(dir, PASS);
    await w.changePassphrase('another passphrase');
    expect(findPlaintext(dir)).toEqual([]);
    w.close();
    expect(findPlaintext(dir)).toEqual([]);
  });

  it('the byte search itself works: it finds the needles in an unencrypted copy of the same text', () => {
    const plain = Buffer.from(`${ASCII_TITLE} ${CYRILLIC_BODY.toLowerCase()} ${Buffer.from(identity.boxSecret).toString('hex')}`);
    const hits = needles().filter(([, n]) => plain.indexOf(n) !== -1);
    expect(hits.length).toBeGreaterThanOrEqual(3);
  });
});

// Shared helpers for the vault tests: temporary directories, fake records, file hashes.
import { createHash } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3-multiple-ciphers';
import { SamizdatError } from '../../../src/core/errors.js';
import { deriveKey } from '../../../src/core/crypto/kdf.js';
import { fromHex, toHex } from '../../../src/core/crypto/bytes.js';
import { parseHeader } from '../../../src/core/store/header.js';
import type { LinkRecord, SignatureRecord, StatementRecord } from '../../../src/core/store/index.js';

export const PASS = 'correct horse battery staple';

export function tempRoot(): { root: string; cleanup: () => void } {
  const root = mkdtempSync(path.join(tmpdir(), 'samizdat-vault-test-'));
  return { root, cleanup: () => rmSync(root, { recursive: true, force: true }) };
}

/** A deterministic 64-hex id for a label (the store never computes ids: any valid hex will do). */
export function id(label: string): string {
  return createHash('sha256').update(label).digest('hex');
}

export function sig(label: string): string {
  return id(`${label}/a`) + id(`${label}/b`);
}

const enc = new TextEncoder();

export function statement(label: string, fields: Partial<StatementRecord> = {}): StatementRecord {
  const s = {
    title: `Title ${label}`,
    lang: 'en',
    date: '2024-02-24',
    body: `Body of ${label}.`,
    authors: [id('group-1')],
    relations: [],
    attachments: [],
    ...fields,
  };
  return { ...s, id: fields.id ?? id(`statement/${label}`), canonical: enc.encode(JSON.stringify(s)) };
}

export function link(label: string, fields: Partial<LinkRecord> = {}): LinkRecord {
  return {
    id: id(`link/${label}`),
    group: id('group-1'),
    seq: 0,
    prev: null,
    op: 'charter',
    body: enc.encode(`{"link":"${label}"}`),
    signatures: [],
    ...fields,
  };
}

export function signature(label: string, fields: Partial<SignatureRecord> = {}): SignatureRecord {
  return {
    id: id(`signature/${label}`),
    statement: id('statement/s1'),
    group: id('group-1'),
    link: id('link/charter'),
    role: 'release',
    key: id(`key/${label}`),
    sig: sig(label),
    canonical: enc.encode(`{"signature":"${label}"}`),
    ...fields,
  };
}

/** SHA-256 of every file in `dir`, by name. */
export function hashFiles(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const name of readdirSync(dir).sort()) {
    out[name] = createHash('sha256').update(readFileSync(path.join(dir, name))).digest('hex');
  }
  return out;
}

/** Awaits `p`, expecting a SamizdatError; returns it. */
export async function rejection(p: Promise<unknown>): Promise<SamizdatError> {
  try {
    await p;
  } catch (e) {
    if (e instanceof SamizdatError) return e;
    throw new Error(`expected a SamizdatError, got ${String(e)}`, { cause: e });
  }
  throw new Error('expected a rejection, got success');
}

/** Calls `fn`, expecting a SamizdatError; returns it. */
export { errorOf as thrown } from '../../helpers/errors.js';

/** A raw connection to a vault's database, keyed from its header and `passphrase`: for tests that look beneath the API. */
export async function rawDb(dir: string, passphrase = PASS): Promise<Database.Database> {
  const header = parseHeader(readFileSync(path.join(dir, 'vault.json'), 'utf8'), 'vault.json');
  const key = await deriveKey(passphrase, fromHex(header.salt), header.kdf);
  const db = new Database(path.join(dir, 'vault.db'), { fileMustExist: true });
  db.pragma("cipher = 'chacha20'");
  db.pragma(`key = "x'${toHex(key)}'"`);
  return db;
}

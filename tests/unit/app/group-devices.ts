// Devices for the tests of groups and trust (groups-handlers.test.ts, trust.test.ts): real vaults
// with a member's identity, bundles written and imported with the core's own export and import,
// member card files as `samizdat me export` writes them.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { writeStreamAtomic } from '../../../src/core/exchange/atomic.js';
import { bundleChunks, closureOf } from '../../../src/core/exchange/export.js';
import { openBundleFile } from '../../../src/core/exchange/files.js';
import { importBundle, type ImportReport } from '../../../src/core/exchange/import.js';
import { openersFor } from '../../../src/core/exchange/seal.js';
import { encodeMemberCard } from '../../../src/core/model/card.js';
import { createGroup, recordFirstSightings } from '../../../src/core/service/groups.js';
import { createIdentity, memberCard } from '../../../src/core/service/identity.js';
import { createStatement, signStatement } from '../../../src/core/service/statements.js';
import { Vault } from '../../../src/core/store/vault.js';

export const PASS = 'vault passphrase of the group tests';

/** A vault in memory with a member's identity (a real SQLite vault with every migration; no file). */
export function scratchMember(name: string): Vault {
  const v = Vault.scratch();
  createIdentity(v, name);
  return v;
}

/** A vault on disk with a member's identity, closed again (the app core opens it). */
export async function memberVault(root: string, name: string): Promise<string> {
  const dir = join(root, name);
  const v = await Vault.create(dir, PASS, 'interactive');
  try {
    createIdentity(v, name);
  } finally {
    v.close();
  }
  return dir;
}

export async function withOpen<T>(dir: string, fn: (v: Vault) => T | Promise<T>): Promise<T> {
  const v = await Vault.open(dir, PASS);
  try {
    return await fn(v);
  } finally {
    v.close();
  }
}

/** The member card file of the vault's member, as `samizdat me export` writes it (with a final newline, as editors leave it). */
export function writeCard(v: Vault, path: string): string {
  writeFileSync(path, Buffer.concat([Buffer.from(encodeMemberCard(memberCard(v))), Buffer.from('\n')]));
  return path;
}

/** A group of the vault's member alone (threshold 1) and a statement it released. */
export function groupWithRelease(v: Vault, groupName: string, title: string): { group: string; statement: string } {
  const group = createGroup(v, { name: groupName, cards: [], release: 1 }).id;
  const statement = createStatement(v, { authors: [group], title, lang: 'en', date: '2024-03-01', body: `${title}.`, relations: [], attachments: [] }).id;
  signStatement(v, statement, { endorse: false });
  return { group, statement };
}

/** A clear bundle file of statements and groups, written with the core's export. */
export async function writeBundle(v: Vault, out: string, selection: { statements?: string[]; groups?: string[] }): Promise<string> {
  await writeStreamAtomic(out, bundleChunks(v, closureOf(v, { statements: selection.statements ?? [], groups: selection.groups ?? [] })));
  return out;
}

/** Imports a bundle file as `samizdat import` does: the core's import, then the first sightings. */
export async function importFile(v: Vault, path: string, at?: Date): Promise<ImportReport> {
  const report = await importBundle(v, openBundleFile(path).chunks, openersFor(v));
  recordFirstSightings(v, report.newGroups, path, at);
  return report;
}

/** Copies statements and groups from one vault to another through a bundle file in `dir`. */
export async function carry(from: Vault, to: Vault, dir: string, file: string, selection: { statements?: string[]; groups?: string[] }, at?: Date): Promise<ImportReport> {
  return importFile(to, await writeBundle(from, join(dir, file), selection), at);
}

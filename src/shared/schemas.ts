// A runtime schema for every channel's argument. Transports deliver `unknown`; src/app parses with
// these before any handler runs. Objects are strict: an unexpected key is an error, not ignored.

import { z } from 'zod';
import { MAX_CURSOR, MAX_PAGE, type Args, type Channel } from './contract.js';

const noArgs = z.strictObject({});

/** Statement ids are SHA-256 hashes in lowercase hex (docs/FORMAT.md). */
const id = z.string().regex(/^[0-9a-f]{64}$/, 'expected an id: 64 lowercase hex characters');

/** A page cursor: opaque base64url text that core made (Page.next). */
const cursor = z
  .string()
  .min(1)
  .max(MAX_CURSOR)
  .regex(/^[A-Za-z0-9_-]+$/, 'expected a page cursor, as the previous page gave it');

/** Job ids are UUIDs chosen by src/app. */
const jobId = z.string().regex(/^[0-9a-f-]{36}$/, 'expected a job id');

/** POSIX `/...`, Windows `C:\...` or `C:/...`, or a UNC share `\\host\share`. */
const isAbsolutePath = (p: string): boolean => p.startsWith('/') || /^[A-Za-z]:[\\/]/.test(p) || p.startsWith('\\\\');

/** Paths name files on the machine the vault is on; relative ones would depend on a working directory nobody sees. */
const filePath = z
  .string()
  .min(1)
  .max(4096)
  .refine((p) => !p.includes('\0'), 'a path cannot contain a NUL character')
  .refine(isAbsolutePath, 'expected an absolute path (e.g. /media/stick/kras.samizdat or E:\\kras.samizdat)');

/** A passphrase that opens a sealed bundle: whatever its sender chose. */
const openingPassphrase = z.string().min(1, 'the bundle passphrase is empty').max(1024);

/** A passphrase to seal a bundle with: at least 8 characters, as the CLI asks (MIN_PASSPHRASE_CHARS). */
const sealingPassphrase = z
  .string()
  .max(1024)
  .refine((p) => [...p].length >= 8, 'a bundle passphrase has at least 8 characters');

/**
 * Where an export writes: a new *.samizdat file. The extension is required here (the CLI only
 * suggests it) so that a page cannot make the app create, say, a shell profile or an autostart entry.
 */
const bundleOut = filePath.refine((p) => p.toLowerCase().endsWith('.samizdat') && !/[\\/]\.samizdat$/i.test(p), 'expected the path of a .samizdat file');

// 500 ids fit browser mode's 64 KiB request body with room to spare.
const exportTarget = { ids: z.array(id).min(1).max(500), out: bundleOut };

const exportArgs = z.discriminatedUnion('mode', [
  z.strictObject({ ...exportTarget, mode: z.enum(['auto', 'clear']) }),
  z.strictObject({ ...exportTarget, mode: z.literal('members'), to: z.array(id).min(1).max(64) }),
  z.strictObject({ ...exportTarget, mode: z.literal('passphrase'), passphrase: sealingPassphrase }),
]);

/** A vault passphrase being chosen: as the CLI asks (MIN_PASSPHRASE_CHARS); the UI also shows its strength. */
const newVaultPassphrase = z
  .string()
  .max(1024)
  .refine((p) => [...p].length >= 8, 'a vault passphrase has at least 8 characters');

const vaultPassphrase = z.string().min(1, 'the passphrase is empty').max(1024);

const kdf = z.enum(['interactive', 'moderate', 'sensitive']);

/** Names of people and groups, titles: core checks them fully (NFC, no controls, no bidi overrides). */
const shortText = (max: number) => z.string().min(1, 'this is empty').max(max);

const count = z.number().int().min(1).max(256);

/** A new file of a given extension, never a bare extension (see bundleOut). */
const newFileWith = (ext: string) =>
  filePath.refine((p) => p.toLowerCase().endsWith(ext) && !new RegExp(`[\\\\/]\\${ext}$`, 'i').test(p), `expected the path of a ${ext} file`);

const groupChange = z.discriminatedUnion('op', [
  z.strictObject({ op: z.literal('add'), card: filePath }),
  z.strictObject({ op: z.literal('remove'), memberId: id }),
  z.strictObject({ op: z.literal('rotate') }),
  z.strictObject({ op: z.literal('compromise'), key: id }),
  z.strictObject({ op: z.literal('thresholds'), release: count, membership: count }),
  z.strictObject({ op: z.literal('rename'), name: shortText(200) }),
]);

const relationKind = z.enum(['translation-of', 'introduces', 'revises', 'responds-to', 'retracts']);

const statementFilter = z.strictObject({
  query: z.string().min(1).max(500).optional(),
  groupId: id.optional(),
  lang: z.string().min(1).max(35).optional(),
  status: z.enum(['released', 'waiting', 'problem']).optional(),
});

export const ARG_SCHEMAS: { readonly [C in Channel]: z.ZodType<Args<C>> } = {
  'vault:status': noArgs,
  'vault:create': z.strictObject({ passphrase: newVaultPassphrase, kdf }),
  'vault:unlock': z.strictObject({ passphrase: vaultPassphrase }),
  'vault:lock': noArgs,
  'vault:passwd': z.strictObject({ current: vaultPassphrase, next: newVaultPassphrase, kdf: kdf.optional() }),
  'vault:wipe': z.strictObject({ confirm: z.literal('wipe') }),
  'settings:get': noArgs,
  'settings:set': z.strictObject({ idleLockMinutes: z.number().int().min(1).max(240) }),
  'session:ping': noArgs,
  'identity:show': noArgs,
  'identity:create': z.strictObject({ name: shortText(200) }),
  'identity:card': z.strictObject({ out: newFileWith('.member') }),
  'groups:list': noArgs,
  'groups:show': z.strictObject({ groupId: id }),
  'groups:create': z.strictObject({ name: shortText(200), cards: z.array(filePath).max(255), release: count, membership: count.optional() }),
  'groups:change': z.strictObject({ groupId: id, change: groupChange, branch: id.optional() }),
  'groups:approve': z.strictObject({ linkId: id }),
  'groups:fingerprint': z.strictObject({ groupId: id }),
  'groups:trust': z.strictObject({ groupId: id, fingerprint: z.string().min(1).max(200) }),
  'statements:list': z.strictObject({
    after: cursor.nullable(),
    limit: z.number().int().min(1).max(MAX_PAGE),
    filter: statementFilter.optional(),
  }),
  'statements:languages': noArgs,
  'statements:show': z.strictObject({ id }),
  'statements:verify': z.strictObject({ id }),
  'statements:create': z.strictObject({
    authors: z.array(id).min(1).max(16),
    title: shortText(500),
    lang: z.string().min(1).max(35),
    date: shortText(100),
    body: z.string().min(1, 'the text is empty').max(1_000_000),
    relations: z.array(z.strictObject({ kind: relationKind, target: id })).max(16),
    attachments: z.array(filePath).max(64),
  }),
  'statements:sign': z.strictObject({ id, endorse: z.boolean(), groupId: id.optional() }),
  'text:export': z.strictObject({ id, dir: filePath, force: z.boolean().optional() }),
  'bundles:import': z.strictObject({ paths: z.array(filePath).min(1).max(256), passphrase: openingPassphrase.optional() }),
  'bundles:export': exportArgs,
  'bundles:sync': z.strictObject({ dir: filePath }),
  'drives:list': noArgs,
  'files:folders': z.strictObject({ dir: filePath.nullable() }),
  'files:about': z.strictObject({ paths: z.array(filePath).min(1).max(64) }),
  'jobs:poll': z.strictObject({ jobId }),
  'jobs:list': noArgs,
};

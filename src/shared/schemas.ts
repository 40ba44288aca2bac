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

export const ARG_SCHEMAS: { readonly [C in Channel]: z.ZodType<Args<C>> } = {
  'vault:status': noArgs,
  'vault:unlock': z.strictObject({ passphrase: z.string().min(1, 'the passphrase is empty').max(1024) }),
  'vault:lock': noArgs,
  'statements:list': z.strictObject({
    after: cursor.nullable(),
    limit: z.number().int().min(1).max(MAX_PAGE),
  }),
  'statements:show': z.strictObject({ id }),
  'statements:verify': z.strictObject({ id }),
  'groups:list': noArgs,
  'bundles:import': z.strictObject({ paths: z.array(filePath).min(1).max(256), passphrase: openingPassphrase.optional() }),
  'bundles:export': exportArgs,
  'bundles:sync': z.strictObject({ dir: filePath }),
  'drives:list': noArgs,
  'jobs:poll': z.strictObject({ jobId }),
  'jobs:list': noArgs,
};

// A runtime schema for every channel's argument. Transports deliver `unknown`; src/app parses with
// these before any handler runs. Objects are strict: an unexpected key is an error, not ignored.

import { z } from 'zod';
import { MAX_PAGE, type Args, type Channel } from './contract.js';

const noArgs = z.strictObject({});

/** Statement ids are SHA-256 hashes in lowercase hex (docs/FORMAT.md). */
const id = z.string().regex(/^[0-9a-f]{64}$/, 'expected an id: 64 lowercase hex characters');

/** Job ids are UUIDs chosen by src/app. */
const jobId = z.string().regex(/^[0-9a-f-]{36}$/, 'expected a job id');

const filePath = z
  .string()
  .min(1)
  .max(4096)
  .refine((p) => !p.includes('\0'), 'a path cannot contain a NUL character');

export const ARG_SCHEMAS: { readonly [C in Channel]: z.ZodType<Args<C>> } = {
  'vault:status': noArgs,
  'vault:unlock': z.strictObject({ passphrase: z.string().min(1, 'the passphrase is empty').max(1024) }),
  'vault:lock': noArgs,
  'statements:list': z.strictObject({
    offset: z.number().int().min(0),
    limit: z.number().int().min(1).max(MAX_PAGE),
  }),
  'statements:show': z.strictObject({ id }),
  'statements:verify': z.strictObject({ id }),
  'groups:list': noArgs,
  'bundles:import': z.strictObject({ paths: z.array(filePath).min(1).max(256) }),
  'jobs:poll': z.strictObject({ jobId }),
  'jobs:list': noArgs,
};

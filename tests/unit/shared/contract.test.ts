// The contract written once: the runtime channel list, the schemas and the type all name the same
// channels, and every schema accepts a well-formed argument and refuses the rest.

import { describe, expect, it } from 'vitest';
import { CHANNEL_PATTERN, CHANNELS, isChannel } from '../../../src/shared/channels.js';
import type { Args, Channel } from '../../../src/shared/contract.js';
import { ARG_SCHEMAS } from '../../../src/shared/schemas.js';

const ID = 'a'.repeat(64);
const JOB = '123e4567-e89b-42d3-a456-426614174000';

/** One valid argument per channel: typed by the contract, so a new channel must be added here. */
const VALID: { [C in Channel]: Args<C> } = {
  'vault:status': {},
  'vault:create': { passphrase: 'a long passphrase', kdf: 'moderate' },
  'vault:unlock': { passphrase: 'a long passphrase' },
  'vault:lock': {},
  'vault:passwd': { current: 'a long passphrase', next: 'another long one' },
  'vault:wipe': { confirm: 'wipe' },
  'settings:get': {},
  'settings:set': { idleLockMinutes: 10 },
  'session:ping': {},
  'identity:show': {},
  'identity:create': { name: 'Olga' },
  'identity:card': { out: '/home/olga/olga.member' },
  'groups:list': {},
  'groups:show': { groupId: ID },
  'groups:create': { name: 'KRAS-IWA', cards: ['/home/olga/ivan.member'], release: 2 },
  'groups:change': { groupId: ID, change: { op: 'thresholds', release: 2, membership: 2 } },
  'groups:approve': { linkId: ID },
  'groups:fingerprint': { groupId: ID },
  'groups:trust': { groupId: ID, fingerprint: '12345 '.repeat(12).trim() },
  'statements:list': { after: null, limit: 500, filter: { query: 'Vorkuta', lang: 'ru', status: 'released' } },
  'statements:languages': {},
  'statements:show': { id: ID },
  'statements:verify': { id: ID },
  'statements:create': { authors: [ID], title: 'Solidarity', lang: 'en', date: '2026-12-01', body: 'We stand.', relations: [{ kind: 'translation-of', target: ID }], attachments: [] },
  'statements:sign': { id: ID, endorse: false },
  'text:export': { id: ID, dir: '/media/usb/text' },
  'files:folders': { dir: null },
  'files:about': { paths: ['/home/olga/leaflet.pdf'] },
  'bundles:import': { paths: ['/media/usb/kras.samizdat'] },
  'bundles:export': { ids: [ID], out: '/media/usb/out.samizdat', mode: 'auto' },
  'bundles:sync': { dir: '/media/usb' },
  'drives:list': {},
  'jobs:poll': { jobId: JOB },
  'jobs:list': {},
};

describe('channels', () => {
  it('lists the same channels as the schemas, each named domain:verb', () => {
    expect([...CHANNELS].sort()).toEqual(Object.keys(ARG_SCHEMAS).sort());
    for (const c of CHANNELS) expect(c).toMatch(CHANNEL_PATTERN);
    expect(Object.isFrozen(CHANNELS)).toBe(true);
  });

  it('isChannel knows the channels and nothing inherited', () => {
    expect(isChannel('vault:unlock')).toBe(true);
    for (const n of ['__proto__', 'constructor', 'toString', 'vault:unlock ', 'VAULT:UNLOCK']) expect(isChannel(n)).toBe(false);
  });
});

describe('argument schemas', () => {
  it.each(CHANNELS)('%s accepts a well-formed argument and refuses an extra key', (channel) => {
    const schema = ARG_SCHEMAS[channel];
    expect(schema.safeParse(VALID[channel]).success).toBe(true);
    expect(schema.safeParse({ ...VALID[channel], extra: 1 }).success).toBe(false);
    expect(schema.safeParse(null).success).toBe(false);
    expect(schema.safeParse('x').success).toBe(false);
  });

  it('bounds pages, ids, passphrases and paths', () => {
    const refused = (c: Channel, v: unknown) => expect(ARG_SCHEMAS[c].safeParse(v).success).toBe(false);
    refused('statements:list', { after: null, limit: 0 });
    refused('statements:list', { after: null, limit: 501 });
    refused('statements:list', { after: null, limit: 1.5 });
    refused('statements:list', { limit: 10 });
    refused('statements:list', { after: '', limit: 10 });
    refused('statements:list', { after: 'not a cursor', limit: 10 });
    refused('statements:list', { after: 'A'.repeat(1025), limit: 10 });
    refused('statements:list', { after: 5, limit: 10 });
    refused('statements:list', { offset: 0, limit: 10 });
    expect(ARG_SCHEMAS['statements:list'].safeParse({ after: 'Ab-_09'.repeat(10), limit: 10 }).success).toBe(true);
    refused('statements:show', { id: 'A'.repeat(64) });
    refused('statements:show', { id: 'a'.repeat(63) });
    refused('vault:unlock', { passphrase: '' });
    refused('vault:unlock', { passphrase: 'x'.repeat(1025) });
    refused('bundles:import', { paths: [] });
    refused('bundles:import', { paths: ['/tmp/a\0.samizdat'] });
    refused('bundles:import', { paths: Array(257).fill('/a.samizdat') });
    refused('jobs:poll', { jobId: '../../x' });
  });

  it('wants absolute paths: POSIX, Windows drive letters and UNC shares', () => {
    const accepted = (v: unknown) => expect(ARG_SCHEMAS['bundles:sync'].safeParse(v).success).toBe(true);
    const refused = (v: unknown) => expect(ARG_SCHEMAS['bundles:sync'].safeParse(v).success).toBe(false);
    for (const dir of ['/media/stick', 'E:\\', 'e:/drop', '\\\\server\\share']) accepted({ dir });
    for (const dir of ['', 'stick', './stick', '../etc', 'E:', '~/stick', '/a\0b', `/${'a'.repeat(4096)}`]) refused({ dir });
    refused({ dir: 42 });
    expect(ARG_SCHEMAS['bundles:import'].safeParse({ paths: ['relative.samizdat'] }).success).toBe(false);
  });

  it('takes an optional passphrase to open sealed bundles on import', () => {
    const schema = ARG_SCHEMAS['bundles:import'];
    expect(schema.safeParse({ paths: ['/a.samizdat'], passphrase: 'p' }).success).toBe(true);
    expect(schema.safeParse({ paths: ['/a.samizdat'], passphrase: '' }).success).toBe(false);
    expect(schema.safeParse({ paths: ['/a.samizdat'], passphrase: 'x'.repeat(1025) }).success).toBe(false);
  });

  it('export: ids of 64 hex, each mode with exactly what it needs', () => {
    const schema = ARG_SCHEMAS['bundles:export'];
    const ok = (v: unknown) => expect(schema.safeParse(v).success, JSON.stringify(v)).toBe(true);
    const no = (v: unknown) => expect(schema.safeParse(v).success, JSON.stringify(v)).toBe(false);
    const base = { ids: [ID], out: '/media/usb/out.samizdat' };
    ok({ ...base, mode: 'auto' });
    ok({ ...base, mode: 'clear' });
    ok({ ...base, mode: 'members', to: [ID] });
    ok({ ...base, mode: 'passphrase', passphrase: 'eight ch' });
    no({ ...base, mode: 'members' });
    no({ ...base, mode: 'members', to: [] });
    no({ ...base, mode: 'members', to: ['KRAS-IWA'] });
    no({ ...base, mode: 'passphrase' });
    no({ ...base, mode: 'passphrase', passphrase: 'short' });
    no({ ...base, mode: 'auto', to: [ID] });
    no({ ...base, mode: 'clear', passphrase: 'long enough passphrase' });
    no({ ...base, mode: 'everything' });
    no({ ...base, ids: [], mode: 'auto' });
    no({ ...base, ids: ['a'.repeat(63)], mode: 'auto' });
    no({ ...base, ids: Array(501).fill(ID), mode: 'auto' });
    ok({ ...base, ids: Array(500).fill(ID), mode: 'auto' });
    no({ ...base, out: 'out.samizdat', mode: 'auto' });
    no({ ...base, out: '/home/anna/.bash_profile', mode: 'auto' });
    no({ ...base, out: '/media/usb/.samizdat', mode: 'auto' });
    ok({ ...base, out: 'E:\\KRAS.SAMIZDAT', mode: 'auto' });
  });
});

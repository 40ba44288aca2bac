// The runtime list of channels, without schemas, so the preload bundle stays tiny.
// Typed as a record over Channel: a channel added to the contract and missing here does not compile.

import type { Channel } from './contract.js';

const CHANNEL_SET: { readonly [C in Channel]: true } = {
  'vault:status': true,
  'vault:create': true,
  'vault:unlock': true,
  'vault:lock': true,
  'vault:passwd': true,
  'vault:wipe': true,
  'settings:get': true,
  'settings:set': true,
  'session:ping': true,
  'identity:show': true,
  'identity:create': true,
  'identity:card': true,
  'groups:list': true,
  'groups:show': true,
  'groups:create': true,
  'groups:change': true,
  'groups:approve': true,
  'groups:fingerprint': true,
  'groups:trust': true,
  'statements:list': true,
  'statements:languages': true,
  'statements:show': true,
  'statements:verify': true,
  'statements:create': true,
  'statements:sign': true,
  'text:export': true,
  'bundles:import': true,
  'bundles:export': true,
  'bundles:sync': true,
  'drives:list': true,
  'files:folders': true,
  'files:about': true,
  'jobs:poll': true,
  'jobs:list': true,
};

export const CHANNELS: readonly Channel[] = Object.freeze(Object.keys(CHANNEL_SET) as Channel[]);

export function isChannel(name: string): name is Channel {
  return Object.hasOwn(CHANNEL_SET, name);
}

/** Channel names are `domain:verb` in lower case; the HTTP transport relies on this to route /api/<channel>. */
export const CHANNEL_PATTERN = /^[a-z]+:[a-z]+$/;

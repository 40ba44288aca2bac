// Which calls count as the user doing something. The renderer polls vault:status and jobs:* on a
// timer, and in browser mode every open page calls session:ping every few seconds to say it is
// still there; if those kept the vault awake, the idle lock would never fire.

import type { Channel } from '../shared/contract.js';

const PASSIVE: ReadonlySet<Channel> = new Set<Channel>(['vault:status', 'jobs:poll', 'jobs:list', 'session:ping']);

export function countsAsActivity(channel: string): boolean {
  return !PASSIVE.has(channel as Channel);
}

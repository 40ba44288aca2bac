// groups:*: groups, their chains, fingerprints and trust.

import { notBuilt } from '../errors.js';
import * as project from '../project.js';
import type { DomainHandlers, HandlerContext } from './context.js';

type GroupChannels = 'groups:list' | 'groups:show' | 'groups:create' | 'groups:change' | 'groups:approve' | 'groups:fingerprint' | 'groups:trust';

export function groupHandlers({ core, requireUnlocked }: HandlerContext): DomainHandlers<GroupChannels> {
  return {
    'groups:list': async () => {
      requireUnlocked();
      return (await core.listGroups()).map(project.groupSummary);
    },
    'groups:show': async () => {
      throw notBuilt('groups:show');
    },
    'groups:create': async () => {
      throw notBuilt('groups:create');
    },
    'groups:change': async () => {
      throw notBuilt('groups:change');
    },
    'groups:approve': async () => {
      throw notBuilt('groups:approve');
    },
    'groups:fingerprint': async () => {
      throw notBuilt('groups:fingerprint');
    },
    'groups:trust': async () => {
      throw notBuilt('groups:trust');
    },
  };
}

// identity:*: my member keys (public halves only ever leave core).

import { notBuilt } from '../errors.js';
import type { DomainHandlers, HandlerContext } from './context.js';

export function identityHandlers(_ctx: HandlerContext): DomainHandlers<'identity:show' | 'identity:create' | 'identity:card'> {
  return {
    'identity:show': async () => {
      throw notBuilt('identity:show');
    },
    'identity:create': async () => {
      throw notBuilt('identity:create');
    },
    'identity:card': async () => {
      throw notBuilt('identity:card');
    },
  };
}

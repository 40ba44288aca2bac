// Keyset pages of a channel that answers Page<T> (statements:list): TanStack Query's infinite query
// over the contract, the next page asked for with the last page's `next` cursor. A screen calls
// `fetchNextPage` as the person scrolls near the end: nothing is ever fetched all at once.
//
// Cached under [channel, 'pages', args]: beside, never on top of, useChannel's [channel, args] (an
// infinite query's data has another shape), and still refreshed by every action that invalidates
// the channel (invalidation matches the [channel] prefix).

import { useInfiniteQuery } from '@tanstack/react-query';
import type { Args, Channel, Result } from '../../shared/contract.js';
import type { Page } from '../../shared/view-models.js';
import { call } from './api.js';

/** Channels taking an `after` cursor and answering a page. */
export type PagedChannel = {
  [C in Channel]: Args<C> extends { after: string | null } ? (Result<C> extends Page<unknown> ? C : never) : never;
}[Channel];

export type PageItem<C extends PagedChannel> = Result<C> extends Page<infer T> ? T : never;

export const pagesKey = <C extends PagedChannel>(channel: C, args: Omit<Args<C>, 'after'>): readonly unknown[] => [channel, 'pages', args];

export function useChannelPages<C extends PagedChannel>(channel: C, args: Omit<Args<C>, 'after'>, options: { staleTime?: number } = {}) {
  return useInfiniteQuery({
    queryKey: pagesKey(channel, args),
    queryFn: ({ pageParam }) => call(channel, { ...args, after: pageParam } as Args<C>) as Promise<Page<PageItem<C>>>,
    initialPageParam: null as string | null,
    getNextPageParam: (last: Page<PageItem<C>>) => last.next ?? undefined,
    ...(options.staleTime === undefined ? {} : { staleTime: options.staleTime }),
  });
}

// The one data layer over the contract: TanStack Query keyed by channel, so that a screen asks
// `useChannel('groups:list', {})` and every screen showing groups shares one answer, refreshed
// together when an action says what it changed. Components never call the transport in effects.

import { QueryCache, QueryClient, useMutation, useQuery, useQueryClient, type UseQueryOptions } from '@tanstack/react-query';
import { isChannel } from '../../shared/channels.js';
import type { Args, Channel, Result } from '../../shared/contract.js';
import { call, isLockedError } from './api.js';

type VaultLockedListener = () => void;
let onVaultLocked: VaultLockedListener = () => undefined;

/** The shell listens: `vault.locked` anywhere (locked by the idle timer, say) sends the person to the lock screen. */
export function setVaultLockedListener(listener: VaultLockedListener): void {
  onVaultLocked = listener;
}

export const queryClient = new QueryClient({
  queryCache: new QueryCache({
    onError: (err) => {
      if (isLockedError(err)) onVaultLocked();
    },
  }),
  defaultOptions: {
    // Errors are shown as the person's next step; retrying a wrong passphrase or a missing file helps nobody.
    queries: { retry: false, refetchOnWindowFocus: false, staleTime: 2_000 },
    mutations: { retry: false },
  },
});

export const channelKey = <C extends Channel>(channel: C, args?: Args<C>): readonly unknown[] => (args === undefined ? [channel] : [channel, args]);

type ChannelQueryOptions<C extends Channel> = Omit<UseQueryOptions<Result<C>, Error, Result<C>, readonly unknown[]>, 'queryKey' | 'queryFn'>;

/** Reads a channel; cached under [channel, args]. */
export function useChannel<C extends Channel>(channel: C, args: Args<C>, options: ChannelQueryOptions<C> = {}) {
  return useQuery({ queryKey: channelKey(channel, args), queryFn: () => call(channel, args), ...options });
}

export interface ActionOptions<C extends Channel> {
  /**
   * Channels this action changes, refreshed before onSuccess runs. Everything else read from the
   * vault is refreshed too (see refreshAfterChange): this only says what must be fresh first.
   */
  invalidates?: readonly Channel[];
  onSuccess?: (result: Result<C>, args: Args<C>) => void;
}

/** Calls a channel that changes something, then refreshes what it changed. Errors stay in `error` for the screen to word. */
export function useAction<C extends Channel>(channel: C, options: ActionOptions<C> = {}) {
  const client = useQueryClient();
  return useMutation<Result<C>, Error, Args<C>>({
    mutationFn: (args) => call(channel, args),
    onSuccess: async (result, args) => {
      await Promise.all((options.invalidates ?? []).map((c) => client.invalidateQueries({ queryKey: [c] })));
      refreshAfterChange();
      options.onSuccess?.(result, args);
    },
    onError: (err) => {
      if (isLockedError(err)) onVaultLocked();
    },
  });
}

/** Channels that read no vault data: kept across a lock (the status is what shows the lock screen). */
const VAULTLESS: ReadonlySet<string> = new Set<Channel>(['vault:status', 'session:ping', 'drives:list']);

const vaultData = (query: { queryKey: readonly unknown[] }) => !VAULTLESS.has(String(query.queryKey[0]));

/**
 * After anything the person did: a trust can go down as well as up (a key marked compromised, a
 * fork), so no screen may show an answer read before. What is on screen is fetched again now; what
 * is not is dropped, so that coming back to it shows a fresh answer, never a stale one first.
 */
export function refreshAfterChange(): void {
  // Answers of channels only: what a page keeps for itself here (Exchange's reports, the list's
  // place) is the page's own memory, not an answer, and goes only on lock.
  const answer = (query: { queryKey: readonly unknown[] }) => isChannel(String(query.queryKey[0])) && vaultData(query);
  void queryClient.invalidateQueries({ predicate: answer, refetchType: 'active' });
  queryClient.removeQueries({ predicate: answer, type: 'inactive' });
}

/** On lock: nothing read from the vault stays in the page. */
export function forgetVaultData(): void {
  queryClient.removeQueries({ predicate: vaultData });
  queryClient.getMutationCache().clear();
}

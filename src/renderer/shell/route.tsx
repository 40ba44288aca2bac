// Where the person is: one of the six places, and what is open there (a statement, a group, a
// form's starting point). Kept in history state, so Back works in both shells; never in the URL,
// which browser mode's server could log.

import { createContext, useCallback, useContext, useEffect, useState, type ReactNode } from 'react';

export const PLACES = ['statements', 'write', 'groups', 'contacts', 'exchange', 'settings'] as const;
export type Place = (typeof PLACES)[number];

export type Route = {
  place: Place;
  /** The statement or group open in that place, if any. */
  id?: string;
  /** A place's own parameters, e.g. Write's { relation: 'translation-of', target: id }. */
  params?: Readonly<Record<string, string>>;
};

const isRoute = (value: unknown): value is Route =>
  typeof value === 'object' && value !== null && PLACES.includes((value as Route).place);

interface Navigation {
  route: Route;
  navigate: (to: Route) => void;
}

const RouteContext = createContext<Navigation | null>(null);

export function RouteProvider({ children, initial = { place: 'statements' } }: { children: ReactNode; initial?: Route }) {
  const [route, setRoute] = useState<Route>(() => (isRoute(window.history.state) ? window.history.state : initial));
  useEffect(() => {
    window.history.replaceState(route, '');
    const onPop = (event: PopStateEvent) => {
      if (isRoute(event.state)) setRoute(event.state);
    };
    window.addEventListener('popstate', onPop);
    return () => window.removeEventListener('popstate', onPop);
    // Runs once: the first route is recorded; later ones are pushed by navigate.
  }, []);
  const navigate = useCallback((to: Route) => {
    window.history.pushState(to, '');
    setRoute(to);
  }, []);
  return <RouteContext.Provider value={{ route, navigate }}>{children}</RouteContext.Provider>;
}

export function useRoute(): Navigation {
  const nav = useContext(RouteContext);
  if (!nav) throw new Error('useRoute outside RouteProvider');
  return nav;
}

/** A key that changes whenever the page changes, so the page remounts and its heading takes focus. */
export const routeKey = (r: Route): string => `${r.place}/${r.id ?? ''}/${JSON.stringify(r.params ?? {})}`;

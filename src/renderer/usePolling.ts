// Runs a callback now and then every `ms` while mounted. Used for the vault status (an idle lock in
// main must reach the screen) and for job progress: polling works the same over both transports.

import { useEffect, useRef } from 'react';

export function usePolling(callback: () => void, ms: number): void {
  const latest = useRef(callback);
  latest.current = callback;
  useEffect(() => {
    latest.current();
    const timer = window.setInterval(() => latest.current(), ms);
    return () => window.clearInterval(timer);
  }, [ms]);
}

// The heading of a page. After every navigation focus moves here (UI.md "Motion and focus"), so a
// screen-reader user hears where she is and Tab starts from the page, not from the top of the window.

import { useEffect, useRef, type ReactNode } from 'react';

export function PageHeading({ children }: { children: ReactNode }) {
  const ref = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    ref.current?.focus();
  }, []);
  return (
    <h1 ref={ref} tabIndex={-1} className="page-heading">
      {children}
    </h1>
  );
}

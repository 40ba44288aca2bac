// Icons drawn inline (no image files, nothing remote), always beside words: they repeat what the
// words say for the eye and are hidden from screen readers.

export type IconName = 'shield-check' | 'question' | 'warning' | 'crossed' | 'clock' | 'person' | 'lock';

const PATHS: Record<IconName, React.ReactNode> = {
  // A filled shield with a check: verified.
  'shield-check': (
    <>
      <path d="M12 2 4 5v6c0 5 3.4 9.3 8 11 4.6-1.7 8-6 8-11V5z" fill="currentColor" />
      <path d="m8 12 3 3 5-6" fill="none" stroke="var(--icon-contrast, #fff)" strokeWidth="2.2" strokeLinecap="round" strokeLinejoin="round" />
    </>
  ),
  // An outlined circle with a question mark: not verified.
  question: (
    <>
      <circle cx="12" cy="12" r="9.5" fill="none" stroke="currentColor" strokeWidth="2" />
      <path d="M9.3 9.3a2.8 2.8 0 1 1 3.9 2.6c-.8.4-1.2 1-1.2 1.8v.6" fill="none" stroke="currentColor" strokeWidth="2" strokeLinecap="round" />
      <circle cx="12" cy="17.3" r="1.2" fill="currentColor" />
    </>
  ),
  // A warning triangle: a lookalike, possibly an impostor.
  warning: (
    <>
      <path d="M12 2.5 1.5 21h21z" fill="currentColor" />
      <path d="M12 9v5.5" stroke="var(--icon-contrast, #fff)" strokeWidth="2.2" strokeLinecap="round" />
      <circle cx="12" cy="17.8" r="1.3" fill="var(--icon-contrast, #fff)" />
    </>
  ),
  // A crossed circle: broken, a problem.
  crossed: (
    <>
      <circle cx="12" cy="12" r="9.5" fill="none" stroke="currentColor" strokeWidth="2.2" />
      <path d="m5.5 5.5 13 13" stroke="currentColor" strokeWidth="2.2" />
    </>
  ),
  // A clock: waiting for signatures.
  clock: (
    <>
      <circle cx="12" cy="12" r="9.5" fill="none" stroke="currentColor" strokeWidth="2" />
      <path d="M12 6.5V12l3.5 2.5" fill="none" stroke="currentColor" strokeWidth="2" strokeLinecap="round" />
    </>
  ),
  person: (
    <>
      <circle cx="12" cy="8" r="4" fill="currentColor" />
      <path d="M4 21c0-4.4 3.6-7 8-7s8 2.6 8 7z" fill="currentColor" />
    </>
  ),
  lock: (
    <>
      <rect x="4.5" y="10.5" width="15" height="10.5" rx="1.5" fill="currentColor" />
      <path d="M8 10.5V7.5a4 4 0 0 1 8 0v3" fill="none" stroke="currentColor" strokeWidth="2.2" />
    </>
  ),
};

export function Icon({ name, size = 18 }: { name: IconName; size?: number }) {
  return (
    <svg className={`icon icon-${name}`} width={size} height={size} viewBox="0 0 24 24" aria-hidden="true" focusable="false">
      {PATHS[name]}
    </svg>
  );
}

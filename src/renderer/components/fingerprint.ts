// A fingerprint's digits as people read them: groups of five, and each group digit by digit for a
// voice. Pure (tests/unit/renderer/fingerprint.test.ts); FingerprintDigits.tsx and the comparison draw them.

/** The groups of five digits of a fingerprint (spaces and any other separators ignored). */
export function fingerprintGroups(fingerprint: string): string[] {
  const digits = fingerprint.replace(/\D+/g, '');
  const groups: string[] = [];
  for (let i = 0; i < digits.length; i += 5) groups.push(digits.slice(i, i + 5));
  return groups;
}

/** Digit by digit, for a voice: "7 5 6 2 1". */
export const spoken = (group: string): string => [...group].join(' ');

// Lookalike group names: a forged group can take a name that reads like a known group's ("КRАS-IWA"
// with Cyrillic К and А, "Anarchist B1ack Cross", a zero-width joiner inside, fullwidth letters).
// Names are compared by skeletons in the sense of Unicode UTS #39 (section 4, "Confusable Detection"),
// made case-insensitive and blind to spacing and punctuation:
//
//   1. NFKC: fullwidth forms, ligatures, superscripts and the like become their plain letters;
//   2. default-ignorable code points (zero-width space/joiners, soft hyphen, bidi controls, variation
//      selectors) are removed;
//   3. case folding, then confusables.txt maps every character to its prototype (Cyrillic а -> a,
//      digit 0 -> O, 1 -> l, m -> rn), then folding again (prototypes may be capitals);
//   4. i and l become one letter: capital I is drawn like l (confusables.txt maps I -> l) yet folds to i;
//   5. whitespace and punctuation are removed ("KRAS-IWA", "kras iwa", "KRAS‐IWA" are one skeleton).
//
// That is `nameSkeleton`. confusables.txt is case-sensitive, though, and folding first loses the
// capitals that are homoglyphs only as capitals (Cyrillic К is Latin K, but к is not k; В is B, в is
// not b). So each name has a second skeleton that maps before it folds (К -> K -> k), and two names
// look alike when any skeleton of one equals any skeleton of the other. No single skeleton can do both:
// "same letter in another case" closed under "confusable with" chains through rare scripts
// (r ~ ⲅ ~ Ⲅ ~ Γ ~ γ ~ y, N ~ Ν ~ ν ~ v) and would merge most Latin letters.
//
// The confusables data is confusables.txt (Unicode 13.0.0, 6311 single-character mappings) as
// shipped by the `unhomoglyph` package (nodeca, MIT, no dependencies); characters added to the data
// since then are not mapped. The skeletons depend on the Unicode version of Node's ICU (NFKC, case
// mapping): they are computed when names are compared and never stored.
import unhomoglyph from 'unhomoglyph';

/** What makes a name look like a known one. */
export type LookalikeKind = 'same-name' | 'confusable';

export interface NamedEntry {
  id: string;
  name: string;
}

export type Lookalike<T extends NamedEntry = NamedEntry> = T & { kind: LookalikeKind };

const IGNORABLE = /\p{Default_Ignorable_Code_Point}/gu;
// Punctuation (dashes, dots, underscores, quotes, brackets, !?), separators, other whitespace and controls.
const SPACING_AND_PUNCTUATION = /[\p{P}\p{Z}\p{Cc}\s]/gu;

/** Full case folding as far as JavaScript offers it: upper then lower turns ß into ss and final ς into σ. */
const fold = (s: string): string => s.toUpperCase().toLowerCase().normalize('NFKC');

const plain = (name: string): string => name.normalize('NFKC').replace(IGNORABLE, '');
const finish = (s: string): string => fold(s).replace(IGNORABLE, '').replace(/i/g, 'l').replace(SPACING_AND_PUNCTUATION, '');

/** The skeleton of a group name (fold, then map confusables): names with equal skeletons can be mistaken for each other. */
export function nameSkeleton(name: string): string {
  return finish(unhomoglyph(fold(plain(name))));
}

/** All skeletons of a name: `nameSkeleton`, and the one that maps confusable capitals before folding (one entry when they agree). */
export function nameSkeletons(name: string): string[] {
  const base = plain(name);
  const folded = finish(unhomoglyph(fold(base)));
  const mappedFirst = finish(unhomoglyph(fold(unhomoglyph(base))));
  return folded === mappedFirst ? [folded] : [folded, mappedFirst];
}

/**
 * The known entries (other than `selfId`) whose names look like `name`: `same-name` when the NFC names
 * are exactly equal, `confusable` when only a skeleton of one equals a skeleton of the other. Known entries keep their order.
 * A name whose skeleton is empty (only spaces, punctuation or invisible characters) matches only its exact equal.
 */
export function findLookalikes<T extends NamedEntry>(name: string, known: readonly T[], selfId?: string): Array<Lookalike<T>> {
  const skeletons = new Set(nameSkeletons(name).filter((k) => k !== ''));
  const exact = name.normalize('NFC');
  const found: Array<Lookalike<T>> = [];
  for (const entry of known) {
    if (selfId !== undefined && entry.id === selfId) continue;
    if (entry.name.normalize('NFC') === exact) found.push({ ...entry, kind: 'same-name' });
    else if (nameSkeletons(entry.name).some((k) => skeletons.has(k))) found.push({ ...entry, kind: 'confusable' });
  }
  return found;
}

/**
 * findLookalikes against the same `known` entries many times (an import of a thousand new groups,
 * `check` of an archive): each known name's skeletons are made once, not once per query. The
 * finder answers `(name, selfId)` exactly as `findLookalikes(name, known, selfId)` does, in the
 * same order; `known` must not change while it is used.
 */
export function lookalikeFinder<T extends NamedEntry>(known: readonly T[]): (name: string, selfId?: string) => Array<Lookalike<T>> {
  const bySkeleton = new Map<string, number[]>();
  const byName = new Map<string, number[]>();
  const add = (map: Map<string, number[]>, key: string, i: number): void => {
    const list = map.get(key);
    if (list === undefined) map.set(key, [i]);
    else if (list[list.length - 1] !== i) list.push(i);
  };
  known.forEach((entry, i) => {
    add(byName, entry.name.normalize('NFC'), i);
    for (const k of nameSkeletons(entry.name)) add(bySkeleton, k, i);
  });
  return (name, selfId) => {
    const exact = name.normalize('NFC');
    const same = new Set(byName.get(exact) ?? []);
    const candidates = new Set(same);
    for (const k of nameSkeletons(name)) if (k !== '') for (const i of bySkeleton.get(k) ?? []) candidates.add(i);
    return [...candidates]
      .sort((a, b) => a - b)
      .filter((i) => selfId === undefined || (known[i] as T).id !== selfId)
      .map((i) => ({ ...(known[i] as T), kind: same.has(i) ? 'same-name' : 'confusable' }));
  };
}

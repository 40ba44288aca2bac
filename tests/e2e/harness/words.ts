// The UI's own words, for finding things by the label a person reads in her language: the
// renderer's catalogues (src/renderer/i18n/catalogues.ts, no DOM needed), looked up by
// `namespace:key` as i18next does, with {{variables}} filled in.

import { CATALOGUES, type Namespace } from '../../../src/renderer/i18n/catalogues.js';
import { LANGUAGES, type Language } from '../../../src/renderer/i18n/languages.js';

export { LANGUAGES, type Language };

/** The text of `namespace:key` in `lang`, or undefined when the catalogue has no such key. */
export function lookup(lang: Language, ref: string, vars: Record<string, string | number> = {}): string | undefined {
  const colon = ref.indexOf(':');
  const ns = ref.slice(0, colon) as Namespace;
  const key = ref.slice(colon + 1);
  const text = colon > 0 && Object.hasOwn(CATALOGUES, ns) ? CATALOGUES[ns][lang][key] : undefined;
  return text?.replace(/\{\{\s*([\w.]+)\s*\}\}/g, (_, name: string) => String(vars[name] ?? `{{${name}}}`));
}

/** As lookup, but a key the catalogues lack is an error naming it (a test asks for words that exist). */
export function words(lang: Language, ref: string, vars?: Record<string, string | number>): string {
  const text = lookup(lang, ref, vars);
  if (text === undefined) throw new Error(`no text "${ref}" in the ${lang} catalogue (src/renderer/i18n/catalogues.ts)`);
  return text;
}

/**
 * What ErrorText shows for an error code (components/ErrorText.tsx): the screen's own
 * `error.<code>` first, then the `errors` namespace's, then the words of its kind.
 */
export function errorWords(lang: Language, code: string, kind: string, screen?: Namespace): string {
  const refs = [...(screen ? [`${screen}:error.${code}`] : []), `errors:${code}`, `errors:kind.${kind}`];
  for (const ref of refs) {
    const text = lookup(lang, ref);
    if (text !== undefined) return text;
  }
  throw new Error(`no words for error ${code} (${kind}) in ${lang}`);
}

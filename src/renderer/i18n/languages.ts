// The UI's languages: English, Russian and Ukrainian, each complete (tests/unit/renderer/strings.test.ts).

export const LANGUAGES = ['en', 'ru', 'uk'] as const;
export type Language = (typeof LANGUAGES)[number];

/** One namespace's texts: flat keys (i18next's keySeparator is off), plurals with i18next suffixes. */
export type Catalogue = Readonly<Record<string, string>>;
export type Strings = Readonly<Record<Language, Catalogue>>;

export const isLanguage = (value: unknown): value is Language => typeof value === 'string' && (LANGUAGES as readonly string[]).includes(value);

/** The language a person's system asks for, if we have it (uk-UA → uk, ru-RU → ru), else English. */
export function preferredLanguage(requested: readonly string[]): Language {
  for (const tag of requested) {
    const base = tag.toLowerCase().split('-')[0];
    if (isLanguage(base)) return base;
  }
  return 'en';
}

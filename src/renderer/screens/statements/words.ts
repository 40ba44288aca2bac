// Small wording helpers of this screen, in the UI language through Intl: a language's name, names
// joined into a list.

import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';

export function useIntlWords() {
  const { i18n } = useTranslation();
  const locale = i18n.language;
  return useMemo(() => {
    let names: Intl.DisplayNames | null = null;
    try {
      names = new Intl.DisplayNames([locale], { type: 'language' });
    } catch {
      names = null; // an engine without DisplayNames: codes it is
    }
    const lists = new Intl.ListFormat(locale, { style: 'long', type: 'conjunction' });
    return {
      /** "Russian" for `ru` in English, "русский" in Russian; the code itself when it names no language. */
      language: (code: string): string => {
        try {
          const name = names?.of(code);
          return name && name !== code ? name : code;
        } catch {
          return code;
        }
      },
      /** The same with a capital, for a list of choices. */
      languageOption: (code: string): string => {
        let name: string;
        try {
          name = names?.of(code) ?? code;
        } catch {
          name = code;
        }
        return name.charAt(0).toLocaleUpperCase(locale) + name.slice(1);
      },
      list: (items: string[]): string => lists.format(items),
    };
  }, [locale]);
}

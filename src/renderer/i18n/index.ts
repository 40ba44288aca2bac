// i18next for the renderer: every namespace loaded up front (they are small and bundled), the
// language chosen by the person (kept in this window's localStorage: it is needed before the vault
// opens), else her system's, else English. <html lang> follows the language so screen readers
// speak the frame right; statement bodies carry their own lang (see components/StatementBody).

import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';
import { CATALOGUES, type Namespace } from './catalogues.js';
import { LANGUAGES, isLanguage, preferredLanguage, type Language } from './languages.js';

const STORAGE_KEY = 'samizdat.language';

function savedLanguage(): Language | null {
  try {
    const saved = window.localStorage.getItem(STORAGE_KEY);
    return isLanguage(saved) ? saved : null;
  } catch {
    return null; // storage refused (a private window): the system's language it is
  }
}

export function initialLanguage(): Language {
  return savedLanguage() ?? preferredLanguage(navigator.languages ?? [navigator.language]);
}

export async function initI18n(language: Language = initialLanguage()): Promise<typeof i18next> {
  const resources: Record<string, Record<string, Record<string, string>>> = {};
  for (const lng of LANGUAGES) {
    resources[lng] = {};
    for (const [ns, strings] of Object.entries(CATALOGUES)) resources[lng][ns] = { ...strings[lng] };
  }
  await i18next.use(initReactI18next).init({
    resources,
    lng: language,
    fallbackLng: false, // a missing text is a bug the catalogue test catches, not a silent switch to English
    supportedLngs: [...LANGUAGES],
    ns: Object.keys(CATALOGUES) as Namespace[],
    defaultNS: 'common',
    keySeparator: false,
    nsSeparator: ':',
    // React escapes what it renders; i18next must not escape again (names would show &amp;).
    interpolation: { escapeValue: false },
    returnNull: false,
  });
  document.documentElement.lang = language;
  i18next.on('languageChanged', (lng) => {
    document.documentElement.lang = lng;
  });
  return i18next;
}

export async function changeLanguage(language: Language): Promise<void> {
  try {
    window.localStorage.setItem(STORAGE_KEY, language);
  } catch {
    // not remembered across restarts; still switched now
  }
  await i18next.changeLanguage(language);
}

export { LANGUAGES, type Language } from './languages.js';

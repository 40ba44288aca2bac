// The `statements` namespace: the words of this screen, in English, Russian and Ukrainian.

import type { Strings } from '../../i18n/languages.js';

export const strings: Strings = {
  en: {
    'title': 'Statements',
  },
  ru: {
    'title': 'Заявления',
  },
  uk: {
    'title': 'Заяви',
  },
};

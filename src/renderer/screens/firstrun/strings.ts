// The `firstrun` namespace: the words of this screen, in English, Russian and Ukrainian.

import type { Strings } from '../../i18n/languages.js';

export const strings: Strings = {
  en: {
    'title': 'Welcome to Samizdat',
  },
  ru: {
    'title': 'Добро пожаловать в Samizdat',
  },
  uk: {
    'title': 'Ласкаво просимо до Samizdat',
  },
};

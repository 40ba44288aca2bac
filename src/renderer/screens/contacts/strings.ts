// The `contacts` namespace: the words of this screen, in English, Russian and Ukrainian.

import type { Strings } from '../../i18n/languages.js';

export const strings: Strings = {
  en: {
    'title': 'Contacts',
  },
  ru: {
    'title': 'Контакты',
  },
  uk: {
    'title': 'Контакти',
  },
};

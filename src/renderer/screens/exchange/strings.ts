// The `exchange` namespace: the words of this screen, in English, Russian and Ukrainian.

import type { Strings } from '../../i18n/languages.js';

export const strings: Strings = {
  en: {
    'title': 'Exchange',
  },
  ru: {
    'title': 'Обмен',
  },
  uk: {
    'title': 'Обмін',
  },
};

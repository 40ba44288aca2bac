// The `write` namespace: the words of this screen, in English, Russian and Ukrainian.

import type { Strings } from '../../i18n/languages.js';

export const strings: Strings = {
  en: {
    'title': 'Write a statement',
  },
  ru: {
    'title': 'Написать заявление',
  },
  uk: {
    'title': 'Написати заяву',
  },
};

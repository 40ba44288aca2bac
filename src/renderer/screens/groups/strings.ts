// The `groups` namespace: the words of this screen, in English, Russian and Ukrainian.

import type { Strings } from '../../i18n/languages.js';

export const strings: Strings = {
  en: {
    'title': 'My groups',
  },
  ru: {
    'title': 'Мои группы',
  },
  uk: {
    'title': 'Мої групи',
  },
};

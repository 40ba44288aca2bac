// The `lock` namespace: the words of this screen, in English, Russian and Ukrainian.

import type { Strings } from '../../i18n/languages.js';

export const strings: Strings = {
  en: {
    'title': 'The vault is locked',
    'form.label': 'Unlock the vault',
    'passphrase': 'Passphrase',
    'unlock': 'Unlock',
    'unlocking': 'Unlocking…',
    'hint': 'Your statements and keys are encrypted on this computer. Only your passphrase opens them.',
  },
  ru: {
    'title': 'Хранилище заблокировано',
    'form.label': 'Разблокировать хранилище',
    'passphrase': 'Парольная фраза',
    'unlock': 'Разблокировать',
    'unlocking': 'Разблокируем…',
    'hint': 'Ваши заявления и ключи зашифрованы на этом компьютере. Открыть их может только ваша парольная фраза.',
  },
  uk: {
    'title': 'Сховище заблоковано',
    'form.label': 'Розблокувати сховище',
    'passphrase': 'Парольна фраза',
    'unlock': 'Розблокувати',
    'unlocking': 'Розблоковуємо…',
    'hint': 'Ваші заяви й ключі зашифровано на цьому комп’ютері. Відкрити їх може лише ваша парольна фраза.',
  },
};

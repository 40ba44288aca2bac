// Choose the UI language: on the lock screen, in the first run and in Settings.

import { useTranslation } from 'react-i18next';
import { Button, Label, ListBox, ListBoxItem, Popover, Select, SelectValue } from 'react-aria-components';
import { changeLanguage, LANGUAGES, type Language } from '../i18n/index.js';

export function LanguagePicker() {
  const { t, i18n } = useTranslation('common');
  return (
    <Select className="select language-picker" selectedKey={i18n.language} onSelectionChange={(key) => void changeLanguage(key as Language)}>
      <Label>{t('language.label')}</Label>
      <Button className="select-button">
        <SelectValue />
        <span aria-hidden="true">▾</span>
      </Button>
      <Popover className="select-popover">
        <ListBox className="select-list">
          {LANGUAGES.map((lng) => (
            <ListBoxItem key={lng} id={lng} className="select-item" lang={lng}>
              {t(`language.${lng}`)}
            </ListBoxItem>
          ))}
        </ListBox>
      </Popover>
    </Select>
  );
}

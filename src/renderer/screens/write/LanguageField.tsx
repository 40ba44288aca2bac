// The statement's language: English, Russian, Ukrainian and the languages of the statements held,
// by their names in the UI language; or any other, typed as a language tag (BCP 47: `be`, `pt-BR`).

import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Button, FieldError, Input, Label, ListBox, ListBoxItem, Popover, Select, SelectValue, Text, TextField } from 'react-aria-components';
import { useChannel } from '../../data/query.js';
import { useIntlWords } from '../statements/words.js';
import { languageChoices, languageTag } from './compose.js';

const OTHER = '*other';

export interface LanguageFieldProps {
  /** The tag chosen, or as typed. */
  value: string;
  onChange: (value: string) => void;
  /** What is wrong, in words (empty: nothing). */
  problem: string;
  register: (el: HTMLElement | null) => void;
}

export function LanguageField({ value, onChange, problem, register }: LanguageFieldProps) {
  const { t } = useTranslation('write');
  const words = useIntlWords();
  const held = useChannel('statements:languages', {});
  // The language the form started with is always listed (a revision of a statement in Belarusian).
  const [first] = useState(() => languageTag(value) ?? '');
  const listed = languageChoices(held.data ?? [], first);
  const [typing, setTyping] = useState(() => first === '' && value.trim() !== '');
  const tagInput = useRef<HTMLInputElement>(null);
  const invalid = problem !== '';

  return (
    <div className="language-field" ref={typing ? undefined : register}>
      <Select
        className="select"
        selectedKey={typing ? OTHER : (languageTag(value) ?? OTHER)}
        onSelectionChange={(key) => {
          if (key === OTHER) {
            setTyping(true);
            onChange('');
            // After the list closes and gives focus back to its button.
            setTimeout(() => tagInput.current?.focus(), 0);
          } else if (key !== null) {
            setTyping(false);
            onChange(String(key));
          }
        }}
        isInvalid={invalid && !typing}
        validationBehavior="aria"
      >
        <Label className="field-label">{t('field.lang')}</Label>
        <Button className="select-button">
          <SelectValue />
          <span aria-hidden="true">▾</span>
        </Button>
        <Popover className="select-popover">
          <ListBox className="select-list">
            {listed.map((code) => (
              <ListBoxItem key={code} id={code} className="select-item" textValue={words.languageOption(code)}>
                <span lang={code}>{words.languageOption(code)}</span> <span className="muted">{code}</span>
              </ListBoxItem>
            ))}
            <ListBoxItem id={OTHER} className="select-item" textValue={t('lang.other')}>
              {t('lang.other')}
            </ListBoxItem>
          </ListBox>
        </Popover>
        {!typing && <FieldError className="error">{problem}</FieldError>}
      </Select>
      {typing && (
        <TextField className="field tag-field" value={value} onChange={onChange} isInvalid={invalid} validationBehavior="aria" ref={register}>
          <Label>{t('field.tag')}</Label>
          <Input ref={tagInput} spellCheck={false} autoCapitalize="off" autoCorrect="off" />
          <Text slot="description">{languageTag(value) ? t('field.tag.named', { name: words.language(languageTag(value) as string) }) : t('field.tag.hint')}</Text>
          <FieldError className="error">{problem}</FieldError>
        </TextField>
      )}
    </div>
  );
}

// A passphrase field: labelled, its error read out when it appears and described by the field
// (aria-describedby), so that focus can stay in the field after a refusal; a hint when Caps Lock
// is on. The lock screen, the first run and Settings use it.

import { useId, useState, type KeyboardEvent, type ReactNode, type Ref } from 'react';
import { useTranslation } from 'react-i18next';
import { Input, Label, Text, TextField } from 'react-aria-components';

export interface PassphraseFieldProps {
  label: string;
  value: string;
  onChange: (value: string) => void;
  autoComplete: 'current-password' | 'new-password';
  /** What is wrong, in words: shown below the field, announced, and described by it. */
  error?: string | null;
  /** The error's code, for tests and for styling (`data-code`). */
  errorCode?: string;
  /** Words below the field that the field is described by (a hint, the strength). */
  description?: ReactNode;
  /** Shown between the input and its description (the strength meter). */
  below?: ReactNode;
  inputRef?: Ref<HTMLInputElement>;
  autoFocus?: boolean;
  /** While a check runs: the field keeps focus and its text, but cannot change. */
  isReadOnly?: boolean;
  /** Shows what is typed. */
  reveal?: boolean;
}

export function PassphraseField({ label, value, onChange, autoComplete, error, errorCode, description, below, inputRef, autoFocus, isReadOnly, reveal = false }: PassphraseFieldProps) {
  const { t } = useTranslation('passphrase');
  const [capsLock, setCapsLock] = useState(false);
  const errorId = useId();
  const capsId = useId();
  const onKey = (event: KeyboardEvent<HTMLInputElement>) => setCapsLock(event.getModifierState('CapsLock'));
  const describedBy = [error ? errorId : null, capsLock ? capsId : null].filter(Boolean).join(' ') || undefined;
  return (
    <TextField
      className="field passphrase-field"
      type={reveal ? 'text' : 'password'}
      autoComplete={autoComplete}
      value={value}
      onChange={onChange}
      isInvalid={Boolean(error)}
      // Invalid is said in words (and aria-invalid), never by the browser's own validation, which would block the next try.
      validationBehavior="aria"
      isReadOnly={isReadOnly}
      autoFocus={autoFocus}
      aria-describedby={describedBy}
    >
      <Label>{label}</Label>
      {/* Never sent to a spell checker, never capitalised by a phone's keyboard. */}
      <Input ref={inputRef} onKeyDown={onKey} onKeyUp={onKey} spellCheck={false} autoCapitalize="off" autoCorrect="off" />
      {below}
      {description !== undefined && (
        <Text slot="description" className="description">
          {description}
        </Text>
      )}
      <p id={capsId} className="caps-lock" aria-live="polite">
        {capsLock ? t('capsLock') : ''}
      </p>
      {error && (
        <p id={errorId} className="error" role="alert" data-code={errorCode}>
          {error}
        </p>
      )}
    </TextField>
  );
}

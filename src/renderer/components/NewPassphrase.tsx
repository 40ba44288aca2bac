// Choosing a new passphrase (the first run, Settings' change of passphrase): the field with its
// strength in words and as a bar (zxcvbn-ts, loaded when first needed), the same again to
// confirm, and, for a weak one, an explicit "use it anyway". `submit()` says what stops it, in
// words, with focus on the field concerned; or gives the passphrase to use.

import { useDeferredValue, useEffect, useId, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Checkbox, Meter } from 'react-aria-components';
import { loadEstimator, type Estimate } from './estimator.js';
import { PassphraseField } from './PassphraseField.js';
import { barsOf, LEVELS, newPassphraseProblem, strengthWords, type NewPassphraseProblem, type Strength } from './strength.js';
import './passphrase.css';

/** When the estimator cannot load: nothing is claimed about the passphrase, and using it takes the explicit tick. */
const UNCHECKED: Strength = { level: 'weak', time: { kind: 'instant' }, acceptable: false };

function useEstimator(): { estimate: Estimate | null; failed: boolean } {
  const [estimate, setEstimate] = useState<Estimate | null>(null);
  const [failed, setFailed] = useState(false);
  useEffect(() => {
    let live = true;
    loadEstimator().then(
      (e) => live && setEstimate(() => e),
      () => live && setFailed(true),
    );
    return () => {
      live = false;
    };
  }, []);
  return { estimate, failed };
}

export function StrengthMeter({ strength }: { strength: Strength }) {
  const { t } = useTranslation('passphrase');
  return (
    <Meter className="strength-meter" value={barsOf(strength.level)} minValue={0} maxValue={LEVELS.length} aria-label={t('meter.label')} valueLabel={t(`strength.level.${strength.level}`)}>
      {({ percentage }) => (
        <div className="strength-track" aria-hidden="true">
          <div className={`strength-fill level-${strength.level}`} style={{ width: `${percentage}%` }} />
        </div>
      )}
    </Meter>
  );
}

export interface NewPassphraseOptions {
  /** The first field's label ("Choose a passphrase", "New passphrase"). */
  label: string;
  autoFocus?: boolean;
}

export function useNewPassphrase({ label, autoFocus = false }: NewPassphraseOptions) {
  const { t } = useTranslation('passphrase');
  const [passphrase, setPassphrase] = useState('');
  const [confirm, setConfirm] = useState('');
  const [acceptWeak, setAcceptWeak] = useState(false);
  const [reveal, setReveal] = useState(false);
  const [problem, setProblem] = useState<NewPassphraseProblem | null>(null);
  const { estimate, failed } = useEstimator();
  const typed = useDeferredValue(passphrase);
  const strength = useMemo(() => (typed === '' ? null : estimate ? estimate(typed) : failed ? UNCHECKED : null), [typed, estimate, failed]);
  const passphraseRef = useRef<HTMLInputElement>(null);
  const confirmRef = useRef<HTMLInputElement>(null);
  const acceptRef = useRef<HTMLInputElement>(null);
  const weakId = useId();
  const weakNow = strength !== null && !strength.acceptable;

  const description =
    passphrase === '' ? (
      t('hint')
    ) : failed ? (
      t('unchecked')
    ) : strength === null || typed !== passphrase ? (
      t('checking')
    ) : (
      <span className={`strength-words level-${strength.level}`}>{strengthWords((key, options) => t(key, options ?? {}), strength)}</span>
    );

  /** The passphrase to use, or null after saying what stops it (focus on that field). */
  const submit = async (): Promise<string | null> => {
    let s: Strength;
    try {
      s = (await loadEstimator())(passphrase);
    } catch {
      s = UNCHECKED;
    }
    const found = newPassphraseProblem({ passphrase, confirm, acceptWeak, strength: s });
    setProblem(found);
    if (found === 'short') passphraseRef.current?.focus();
    if (found === 'mismatch') confirmRef.current?.focus();
    if (found === 'weak') acceptRef.current?.focus();
    return found === null ? passphrase : null;
  };

  /** Forgets what was typed (after use: a passphrase stays in the page no longer than needed). */
  const clear = () => {
    setPassphrase('');
    setConfirm('');
    setAcceptWeak(false);
    setProblem(null);
  };

  const fields = (
    <div className="new-passphrase">
      <PassphraseField
        label={label}
        value={passphrase}
        onChange={(v) => {
          setPassphrase(v);
          // The tick was for the passphrase it was given to.
          setAcceptWeak(false);
          if (problem === 'short' || problem === 'weak') setProblem(null);
        }}
        autoComplete="new-password"
        reveal={reveal}
        inputRef={passphraseRef}
        autoFocus={autoFocus}
        error={problem === 'short' ? t('problem.short') : null}
        below={strength && !failed ? <StrengthMeter strength={strength} /> : null}
        description={description}
      />
      {strength && !failed && <p className="strength-who muted">{t('strength.who')}</p>}
      <PassphraseField
        label={t('confirm.label')}
        value={confirm}
        onChange={(v) => {
          setConfirm(v);
          if (problem === 'mismatch') setProblem(null);
        }}
        autoComplete="new-password"
        reveal={reveal}
        inputRef={confirmRef}
        error={problem === 'mismatch' ? t('problem.mismatch') : null}
      />
      <Checkbox className="tick" isSelected={reveal} onChange={setReveal}>
        <span className="tick-box" aria-hidden="true" />
        {t('reveal')}
      </Checkbox>
      {(weakNow || problem === 'weak') && (
        <div className="accept-weak">
          <Checkbox
            className="tick"
            isSelected={acceptWeak}
            onChange={(v) => {
              setAcceptWeak(v);
              if (v && problem === 'weak') setProblem(null);
            }}
            inputRef={acceptRef}
            aria-describedby={problem === 'weak' ? weakId : undefined}
          >
            <span className="tick-box" aria-hidden="true" />
            {t('acceptWeak')}
          </Checkbox>
          {problem === 'weak' && (
            <p id={weakId} className="error" role="alert">
              {t('problem.weak')}
            </p>
          )}
        </div>
      )}
    </div>
  );

  return { fields, submit, clear };
}

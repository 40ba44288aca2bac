// Long work on screen: what it is doing, how far, in words and as a bar (React Aria's ProgressBar
// gives the role and values to assistive technology).

import { ProgressBar as AriaProgressBar, Label } from 'react-aria-components';
import { useFormat } from '../i18n/format.js';

/** `valueText`: how far, in words (bytes as sizes, say), in place of "done / total". */
export function ProgressBar({ label, done, total, valueText }: { label: string; done: number; total: number | null; valueText?: string }) {
  const format = useFormat();
  const known = total !== null && total > 0;
  return (
    <AriaProgressBar className="progress" value={known ? Math.min(done, total) : undefined} maxValue={known ? total : undefined} isIndeterminate={!known} valueLabel={known ? (valueText ?? `${format.number(done)} / ${format.number(total)}`) : undefined}>
      {({ percentage, valueText }) => (
        <>
          <Label className="progress-label">{label}</Label>
          {valueText !== undefined && <span className="progress-value">{valueText}</span>}
          <div className="progress-track">
            <div className={`progress-fill${known ? '' : ' indeterminate'}`} style={{ width: known ? `${percentage ?? 0}%` : '30%' }} />
          </div>
        </>
      )}
    </AriaProgressBar>
  );
}

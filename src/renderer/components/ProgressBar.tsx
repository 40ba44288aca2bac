// Long work on screen: what it is doing, how far, in words and as a bar (React Aria's ProgressBar
// gives the role and values to assistive technology).

import { ProgressBar as AriaProgressBar, Label } from 'react-aria-components';
import { useFormat } from '../i18n/format.js';

export function ProgressBar({ label, done, total }: { label: string; done: number; total: number | null }) {
  const format = useFormat();
  const known = total !== null && total > 0;
  return (
    <AriaProgressBar className="progress" value={known ? Math.min(done, total) : undefined} maxValue={known ? total : undefined} isIndeterminate={!known} valueLabel={known ? `${format.number(done)} / ${format.number(total)}` : undefined}>
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

import type { CallProgress } from '../../../src-main/contract/api';

/**
 * How far a long call has got (api.ts, callWithProgress). A native <progress>:
 * screen readers announce it, and it needs no inline style (the CSP allows none).
 * With no total yet it shows activity rather than a fraction.
 */
export function ProgressBar(props: { progress: CallProgress | null; fallbackLabel: string }) {
  const { progress } = props;
  const label = progress?.label ?? props.fallbackLabel;
  const known = progress !== null && progress.total > 0;
  const count = known
    ? ` (${progress.done.toLocaleString('en-GB')} of ${progress.total.toLocaleString('en-GB')})`
    : '';
  return (
    <div className="progress">
      <p className="progress__label">
        {label}
        {count}
      </p>
      {known ? (
        <progress className="progress__bar" max={progress.total} value={progress.done} aria-label={label} />
      ) : (
        <progress className="progress__bar" aria-label={label} />
      )}
    </div>
  );
}

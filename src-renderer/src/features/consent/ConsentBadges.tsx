import { formatDateTime, formatDay } from '../../dates';
import type { ConsentCurrent } from '../../../../src-main/contract/consent-types';
import { STATE_LABELS } from './consent-labels';

/** A stored date or instant shown as DD/MM/YYYY, without shifting a plain date by a day. */
export function formatWhen(value: string | null): string {
  if (!value) return '';
  return /^\d{4}-\d{2}-\d{2}$/.test(value) ? formatDay(value) : formatDateTime(value).slice(0, 10);
}

/** Art 7(1): a grant without a notice version or wording cannot show what the client was told. */
export function EvidenceIncompleteBadge() {
  return (
    <span
      className="badge badge--warning"
      title="No privacy-notice version or no wording was recorded with this consent."
    >
      Evidence incomplete
    </span>
  );
}

export function StateBadge(props: { state: ConsentCurrent['state'] }) {
  return <span className={`consent-state consent-state--${props.state}`}>{STATE_LABELS[props.state]}</span>;
}

import { useState } from 'react';
import { messageOf } from '../../api';
import { Alert } from '../../components/Alert';
import { SelectField, TextField } from '../../components/Field';
import {
  WITHHELD_REASON_LABELS,
  WITHHELD_REASONS,
  type PackItemSummary,
  type RedactionRecord,
  type WithheldReason,
} from '../../../../src-main/contract/access-pack-schemas';

const REASON_OPTIONS = [
  { value: '', label: 'Choose a reason…' },
  ...WITHHELD_REASONS.map((r) => ({ value: r, label: WITHHELD_REASON_LABELS[r] })),
] as const;

/** One item of the pack: shown as included, or withheld with its reason; withhold or release it. */
export function RedactItem(props: {
  item: PackItemSummary;
  redaction: RedactionRecord | undefined;
  busy: boolean;
  onWithhold(reason: WithheldReason, reasonText: string): Promise<void>;
  onRelease(): Promise<void>;
}) {
  const { item, redaction } = props;
  const [open, setOpen] = useState(false);
  const [reason, setReason] = useState<WithheldReason | ''>('');
  const [text, setText] = useState('');
  const [problem, setProblem] = useState<string | null>(null);

  async function act(fn: () => Promise<void>) {
    setProblem(null);
    try {
      await fn();
      setOpen(false);
    } catch (err) {
      setProblem(messageOf(err));
    }
  }

  return (
    <li className="access-pack__item">
      <span className="access-pack__item-label">
        {item.label}
        {item.health ? <span className="access-pack__tag">health</span> : null}
      </span>
      {redaction ? (
        <>
          <span className="access-pack__withheld">Withheld: {WITHHELD_REASON_LABELS[redaction.reason]}{redaction.reasonText ? ` (${redaction.reasonText})` : ''}</span>
          <button type="button" className="button button--small" disabled={props.busy} onClick={() => void act(props.onRelease)}>
            Include again
          </button>
        </>
      ) : open ? (
        <span className="access-pack__redact-form">
          <SelectField label={`Why withhold ${item.label}?`} value={reason} onChange={(v) => setReason(v as WithheldReason | '')} options={REASON_OPTIONS} />
          {reason === 'other' ? <TextField label="The reason, in words" value={text} onChange={setText} maxLength={2000} /> : null}
          <button
            type="button"
            className="button button--small button--primary"
            disabled={props.busy}
            onClick={() => {
              // The core refuses a redaction with no reason too; this says so before the round trip.
              if (reason === '') return setProblem('Choose why this is withheld.');
              void act(() => props.onWithhold(reason, text));
            }}
          >
            Withhold
          </button>
          <button type="button" className="button button--small" onClick={() => setOpen(false)}>
            Cancel
          </button>
        </span>
      ) : (
        <button type="button" className="button button--small" onClick={() => setOpen(true)}>
          Withhold…
        </button>
      )}
      {problem ? <Alert kind="error">{problem}</Alert> : null}
    </li>
  );
}

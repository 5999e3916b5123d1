import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { api, messageOf } from '../api';
import { Alert } from '../components/Alert';
import { DateField, SelectField, TextAreaField } from '../components/Field';
import { formatDay, parseUkDate, todayIso } from '../dates';
import { HOLD_KINDS, HOLD_KIND_LABELS, type HoldKind, type LegalHoldSummary } from '../../../src-main/contract/retention-types';
import { refreshRetention } from './retention-queries';

/**
 * The legal-hold banner on a client's record, for everyone who opens it, and
 * the owner's Place / Release controls (docs/retention.md, "Legal holds").
 * While held, nothing of the record can be destroyed or anonymised; the core
 * refuses it whatever the screen shows.
 */
export function LegalHoldPanel(props: { clientId: string; hold: LegalHoldSummary | null; canManage: boolean; onChanged: () => void }) {
  const { clientId, hold } = props;
  const queries = useQueryClient();
  const [form, setForm] = useState<'none' | 'place' | 'release'>('none');
  const [kind, setKind] = useState<HoldKind>('complaint');
  const [reason, setReason] = useState('');
  const [review, setReview] = useState('');
  const [reviewError, setReviewError] = useState<string | undefined>(undefined);

  const changed = () => {
    setForm('none');
    setReason('');
    setReview('');
    refreshRetention(queries, clientId);
    props.onChanged();
  };
  const place = useMutation({ mutationFn: (reviewOn: string | null) => api('holds.place', { clientId, kind, reason, reviewOn }), onSuccess: changed });
  const release = useMutation({ mutationFn: () => api('holds.release', { clientId, reason }), onSuccess: changed });
  const problem = place.error ?? release.error;

  function submitPlace(e: FormEvent) {
    e.preventDefault();
    let reviewOn: string | null = null;
    if (review.trim()) {
      reviewOn = parseUkDate(review);
      if (!reviewOn) return setReviewError('Enter the review date like 01/03/2027, or leave it empty.');
      if (reviewOn <= todayIso()) return setReviewError('Choose a date after today.');
    }
    place.mutate(reviewOn);
  }

  return (
    <div className="legal-hold">
      {problem ? <Alert kind="error">{messageOf(problem)}</Alert> : null}
      {hold ? (
        <Alert kind="warning" title="Legal hold">
          <p data-testid="legal-hold-banner">
            {HOLD_KIND_LABELS[hold.kind]} since {formatDay(hold.placedOn)}
            {hold.reason ? (
              <>
                : <bdi dir="auto">{hold.reason}</bdi>
              </>
            ) : null}
            . Nothing of this record can be destroyed or anonymised until the hold is released.
            {hold.reviewOn ? ` Review on ${formatDay(hold.reviewOn)}.` : ''}
          </p>
          {props.canManage && form === 'none' ? (
            <div className="hold-banner__actions">
              <button type="button" className="button" onClick={() => setForm('release')}>
                Release the hold…
              </button>
            </div>
          ) : null}
        </Alert>
      ) : props.canManage && form === 'none' ? (
        <p className="record-rights__actions">
          <button type="button" className="link-button" onClick={() => setForm('place')}>
            Place a legal hold…
          </button>
        </p>
      ) : null}
      {form === 'place' ? (
        <form className="form-stack record-rights__form" onSubmit={submitPlace} noValidate aria-label="Place a legal hold">
          <p>A hold stops this client’s data being destroyed or anonymised, by any route, until you release it.</p>
          <SelectField label="Kind" value={kind} onChange={setKind} options={HOLD_KINDS.map((k) => ({ value: k, label: HOLD_KIND_LABELS[k] }))} />
          <TextAreaField label="Reason" value={reason} onChange={setReason} rows={2} />
          <DateField
            label="Review date (optional)"
            hint="DD/MM/YYYY: when to look at the hold again"
            value={review}
            onChange={(v) => {
              setReview(v);
              setReviewError(undefined);
            }}
            error={reviewError}
          />
          <div className="form-actions">
            <button type="button" className="button" onClick={() => setForm('none')}>
              Cancel
            </button>
            <button type="submit" className="button button--primary" disabled={place.isPending || !reason.trim()}>
              Place the hold
            </button>
          </div>
        </form>
      ) : null}
      {form === 'release' ? (
        <form
          className="form-stack record-rights__form"
          aria-label="Release the legal hold"
          onSubmit={(e) => {
            e.preventDefault();
            release.mutate();
          }}
        >
          <TextAreaField label="Why it is no longer needed" value={reason} onChange={setReason} rows={2} />
          <div className="form-actions">
            <button type="button" className="button" onClick={() => setForm('none')}>
              Cancel
            </button>
            <button type="submit" className="button button--primary" disabled={release.isPending || !reason.trim()}>
              Release the hold
            </button>
          </div>
        </form>
      ) : null}
    </div>
  );
}

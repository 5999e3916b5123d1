import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { api, messageOf } from '../../api';
import { Alert } from '../../components/Alert';
import { DateField, SelectField, TextAreaField } from '../../components/Field';
import { formatDay, parseUkDate, todayIso } from '../../dates';
import {
  RESTRICTION_REASONS,
  RESTRICTION_REASON_LABELS,
  TOLD_HOW,
  type RestrictionReason,
  type ToldHow,
} from '../../../../src-main/contract/erasure-types';
import { Dialog } from '../../components/Dialog';
import { ErasurePanel } from './ErasureStep';
import { rightsKeys, useRecordRights } from './useRecordRights';

const TOLD_LABELS: Record<ToldHow, string> = { letter: 'Letter', email: 'Email', phone: 'Phone', in_person: 'In person' };

/**
 * The record's rights state above its tabs: the restriction banner (Art 18)
 * with the owner's Lift (which first records when and how the client was
 * told, Art 18(3)) or Restrict, and the erasure banner (Art 17) saying until
 * when the clinical record is kept.
 */
export function RecordRightsBanner(props: { clientId: string; canRestrict: boolean; onChanged(): void }) {
  const { clientId } = props;
  const rights = useRecordRights(clientId);
  const queries = useQueryClient();
  const [form, setForm] = useState<'none' | 'restrict' | 'lift' | 'erase'>('none');
  const [reason, setReason] = useState<RestrictionReason>('accuracy-contested');
  const [detail, setDetail] = useState('');
  const [toldOn, setToldOn] = useState('');
  const [toldHow, setToldHow] = useState<ToldHow>('letter');
  const [toldError, setToldError] = useState<string | undefined>(undefined);

  const changed = () => {
    void queries.invalidateQueries({ queryKey: rightsKeys.restriction(clientId) });
    setForm('none');
    props.onChanged();
  };
  const restrict = useMutation({ mutationFn: () => api('restriction.set', { clientId, reason, detail }), onSuccess: changed });
  const lift = useMutation({
    mutationFn: (day: string) => api('restriction.lift', { clientId, clientToldOn: day, clientToldHow: toldHow }),
    onSuccess: changed,
  });

  function submitLift(e: FormEvent) {
    e.preventDefault();
    const day = parseUkDate(toldOn);
    if (!day) return setToldError('Enter the date the client was told, like 21/11/2026.');
    if (day > todayIso()) return setToldError('Tell the client first: that date is in the future.');
    lift.mutate(day);
  }

  const r = rights.restriction;
  const e = rights.erasure;
  const problem = restrict.error ?? lift.error ?? rights.problem;
  return (
    <div className="record-rights">
      {problem ? <Alert kind="error">{messageOf(problem)}</Alert> : null}
      {e ? (
        <Alert kind="info" title="Contact details erased">
          <p data-testid="erasure-banner">
            Erased on {formatDay(e.erasedAt.slice(0, 10))} at the client’s request (UK GDPR Art 17).{' '}
            {e.keptUntil ? `The clinical record is kept, read-only, until ${formatDay(e.keptUntil)}, then destroyed.` : null}
            {e.retainedIdentity ? (
              <>
                {' '}
                Kept to identify it: <bdi dir="auto">{`${e.retainedIdentity.firstName} ${e.retainedIdentity.lastName}`.trim()}</bdi>.
              </>
            ) : null}
          </p>
        </Alert>
      ) : null}
      {r ? (
        <Alert kind="warning" title="Processing restricted">
          <p data-testid="restriction-banner">
            Since {formatDay(r.restrictedAt.slice(0, 10))}: {RESTRICTION_REASON_LABELS[r.reason]}.
            {r.detail ? ` ${r.detail}` : ''} This record can be read but not changed, and it is left out of marketing and of
            any disclosure (UK GDPR Art 18).
          </p>
          {props.canRestrict && form !== 'lift' ? (
            <button type="button" className="button" onClick={() => setForm('lift')}>
              Lift the restriction…
            </button>
          ) : null}
        </Alert>
      ) : props.canRestrict && !e && form === 'none' ? (
        <p className="record-rights__actions">
          <button type="button" className="link-button" onClick={() => setForm('restrict')}>
            Restrict processing (Art 18)…
          </button>{' '}
          <button type="button" className="link-button" onClick={() => setForm('erase')}>
            Erase contact details (Art 17)…
          </button>
        </p>
      ) : null}
      {form === 'restrict' ? (
        <form
          className="form-stack record-rights__form"
          onSubmit={(ev) => {
            ev.preventDefault();
            restrict.mutate();
          }}
        >
          <SelectField label="Why" value={reason} onChange={setReason} options={RESTRICTION_REASONS.map((v) => ({ value: v, label: RESTRICTION_REASON_LABELS[v] }))} />
          <TextAreaField label="Detail (optional)" value={detail} onChange={setDetail} rows={2} />
          <div className="form-actions">
            <button type="button" className="button" onClick={() => setForm('none')}>
              Cancel
            </button>
            <button type="submit" className="button button--primary" disabled={restrict.isPending}>
              Restrict
            </button>
          </div>
        </form>
      ) : null}
      {form === 'erase' ? (
        <Dialog title="Erase this client’s data" wide onClose={() => setForm('none')}>
          <ErasurePanel clientId={clientId} requestId={null} onChanged={props.onChanged} />
          <div className="form-actions">
            <button type="button" className="button" onClick={() => setForm('none')}>
              Close
            </button>
          </div>
        </Dialog>
      ) : null}
      {form === 'lift' ? (
        <form className="form-stack record-rights__form" onSubmit={submitLift} noValidate>
          <p>The client must be told before the restriction is lifted. Record when and how you told them.</p>
          <DateField
            label="Date the client was told"
            hint="DD/MM/YYYY"
            value={toldOn}
            onChange={(v) => {
              setToldOn(v);
              setToldError(undefined);
            }}
            error={toldError}
          />
          <SelectField label="How they were told" value={toldHow} onChange={setToldHow} options={TOLD_HOW.map((v) => ({ value: v, label: TOLD_LABELS[v] }))} />
          <div className="form-actions">
            <button type="button" className="button" onClick={() => setForm('none')}>
              Cancel
            </button>
            <button type="submit" className="button button--primary" disabled={lift.isPending}>
              Lift the restriction
            </button>
          </div>
        </form>
      ) : null}
    </div>
  );
}

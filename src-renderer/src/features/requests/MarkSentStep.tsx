import { useState } from 'react';
import { messageOf } from '../../api';
import { Alert } from '../../components/Alert';
import { DateField, SelectField } from '../../components/Field';
import { formatDay, parseUkDate, todayIso } from '../../dates';
import { REQUEST_OUTCOME_LABELS, REQUEST_OUTCOMES, type RequestOutcome, type SubjectRequest } from '../../../../src-main/contract/request-types';
import { formatUkDate } from '../../../../src-main/contract/uk-formats';
import { useRequestWrite } from './request-queries';

const OUTCOME_OPTIONS = REQUEST_OUTCOMES.map((o) => ({ value: o, label: REQUEST_OUTCOME_LABELS[o] }));

/** The last step: the response was sent (the day, and how it ended), which closes the request. */
export function MarkSentStep(props: { request: SubjectRequest }) {
  const r = props.request;
  const update = useRequestWrite('requests.update');
  const [sent, setSent] = useState(formatDay(todayIso()));
  const [outcome, setOutcome] = useState<RequestOutcome>('complied');
  const [problem, setProblem] = useState<string | null>(null);

  async function markSent() {
    setProblem(null);
    const day = parseUkDate(sent);
    if (!day) return setProblem('Enter the day the response was sent as DD/MM/YYYY.');
    try {
      await update.mutateAsync({ id: r.id, changes: { responseSentOn: day, outcome, status: 'closed' } });
    } catch (err) {
      setProblem(messageOf(err));
    }
  }

  async function reopen() {
    setProblem(null);
    try {
      await update.mutateAsync({ id: r.id, changes: { status: 'open' } });
    } catch (err) {
      setProblem(messageOf(err));
    }
  }

  return (
    <section className="card" aria-labelledby="sent-step-title">
      <h2 id="sent-step-title" className="card__title">
        Mark sent
      </h2>
      {problem ? <Alert kind="error">{problem}</Alert> : null}
      {r.status === 'closed' ? (
        <>
          <p>
            Closed{r.responseSentOn ? `: the response was sent on ${formatUkDate(r.responseSentOn)}` : ''}
            {r.outcome ? ` (${REQUEST_OUTCOME_LABELS[r.outcome]})` : ''}.
          </p>
          <button type="button" className="button" onClick={() => void reopen()}>
            Reopen
          </button>
        </>
      ) : (
        <div className="request-inline">
          <DateField label="Response sent on" value={sent} onChange={setSent} />
          <SelectField label="Outcome" value={outcome} onChange={setOutcome} options={OUTCOME_OPTIONS} />
          <button type="button" className="button button--primary" onClick={() => void markSent()} disabled={update.isPending}>
            Mark sent and close
          </button>
        </div>
      )}
    </section>
  );
}

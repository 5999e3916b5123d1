import { useState } from 'react';
import { messageOf } from '../../api';
import { Alert } from '../../components/Alert';
import { PageHeader } from '../../components/PageHeader';
import { useToast } from '../../components/Toast';
import type { SubjectRequest } from '../../../../src-main/contract/request-types';
import { formatUkDate } from '../../../../src-main/contract/uk-formats';
import { LogRequestForm } from './LogRequestForm';
import { daysLeftLabel, dueLabel, typesLabel, urgency } from './request-labels';
import { useRequestDashboard } from './request-queries';

/**
 * The register of data subject requests and its dashboard (issue #12 item 4):
 * open requests by due date, the overdue, the due this week and the waiting
 * (clock stopped) ones apart. Anyone at the desk can log a request here.
 */
export function RequestsPage(props: { onOpen: (requestId: string) => void }) {
  const board = useRequestDashboard();
  const [logging, setLogging] = useState(false);
  const toast = useToast();
  const d = board.data;

  return (
    <>
      <PageHeader
        title="Requests"
        actions={
          logging ? null : (
            <button type="button" className="button button--primary" onClick={() => setLogging(true)}>
              Log a request
            </button>
          )
        }
      >
        Requests from people about their personal data (access, erasure, correction and the other rights), each with its
        legal due date.
      </PageHeader>
      {logging ? (
        <LogRequestForm
          onCancel={() => setLogging(false)}
          onLogged={(r) => {
            setLogging(false);
            toast(`Request ${r.reference} logged. ${r.dueDate ? `Due ${formatUkDate(r.dueDate)}.` : 'The clock starts when the ID arrives.'}`);
            props.onOpen(r.id);
          }}
        />
      ) : null}
      {board.error ? <Alert kind="error">{messageOf(board.error)}</Alert> : null}
      {board.isPending ? <p className="loading">Loading…</p> : null}
      {d ? (
        <>
          <ul className="request-counts" aria-label="Open requests" data-testid="request-counts">
            <Count label="Open" n={d.counts.open} />
            <Count label="Overdue" n={d.counts.overdue} tone={d.counts.overdue > 0 ? 'danger' : undefined} />
            <Count label="Due this week" n={d.counts.dueThisWeek} tone={d.counts.dueThisWeek > 0 ? 'warning' : undefined} />
            <Count label="Waiting (clock stopped)" n={d.counts.waiting} />
          </ul>
          {d.counts.open === 0 ? <p className="card empty">No open requests.</p> : null}
          <RequestTable title="Overdue" list={d.overdue} onOpen={props.onOpen} testId="requests-overdue" />
          <RequestTable title="Due this week" list={d.dueThisWeek} onOpen={props.onOpen} testId="requests-this-week" />
          <RequestTable title="Waiting for ID, authority, a fee or clarification" list={d.waiting} onOpen={props.onOpen} testId="requests-waiting" />
          <RequestTable title="Other open requests" list={d.open} onOpen={props.onOpen} testId="requests-open" />
        </>
      ) : null}
    </>
  );
}

function Count(props: { label: string; n: number; tone?: 'danger' | 'warning' | undefined }) {
  return (
    <li className={`request-counts__item${props.tone ? ` request-counts__item--${props.tone}` : ''}`}>
      <span className="request-counts__n">{props.n.toLocaleString('en-GB')}</span>
      <span className="request-counts__label">{props.label}</span>
    </li>
  );
}

function RequestTable(props: { title: string; list: SubjectRequest[]; onOpen: (id: string) => void; testId: string }) {
  if (props.list.length === 0) return null;
  return (
    <section className="card card--table" aria-label={props.title} data-testid={props.testId}>
      <h2 className="card__title request-table__title">{props.title}</h2>
      <table className="table">
        <thead>
          <tr>
            <th scope="col">Reference</th>
            <th scope="col">From</th>
            <th scope="col">Asks for</th>
            <th scope="col">Received</th>
            <th scope="col">Due</th>
            <th scope="col">Time left</th>
          </tr>
        </thead>
        <tbody>
          {props.list.map((r) => (
            <tr key={r.id}>
              <td>
                <button type="button" className="link-button" onClick={() => props.onOpen(r.id)}>
                  {r.reference}
                </button>
              </td>
              <td>
                <bdi dir="auto">{r.displayName}</bdi>
                {r.clientId ? null : <span className="muted"> (not matched)</span>}
              </td>
              <td>{typesLabel(r)}</td>
              <td>{formatUkDate(r.receivedOn)}</td>
              <td>{dueLabel(r)}</td>
              <td className={`request-urgency request-urgency--${urgency(r)}`}>{daysLeftLabel(r)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}

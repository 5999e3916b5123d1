import { useState } from 'react';
import { messageOf } from '../../api';
import { Alert } from '../../components/Alert';
import { DateField, SelectField, TextAreaField, TextField } from '../../components/Field';
import { formatDay, parseUkDate, todayIso } from '../../dates';
import type { FeeReason, SubjectRequest } from '../../../../src-main/contract/request-types';
import { formatUkDate } from '../../../../src-main/contract/uk-formats';
import { useRequestWrite } from './request-queries';

const FEE_OPTIONS: { value: FeeReason; label: string }[] = [
  { value: 'manifestly_unfounded', label: 'Manifestly unfounded' },
  { value: 'manifestly_excessive', label: 'Manifestly excessive' },
];

/**
 * What moves the clock (owner only): clarification asked and answered (the
 * days between do not count, UK GDPR Art 12A), a fee for a manifestly
 * unfounded or excessive request, and the one extension of two months.
 */
export function RequestClockPanel(props: { request: SubjectRequest }) {
  const r = props.request;
  const update = useRequestWrite('requests.update');
  const today = formatDay(todayIso());
  const [clarDay, setClarDay] = useState(today);
  const [feeDay, setFeeDay] = useState(today);
  const [feeReason, setFeeReason] = useState<FeeReason>('manifestly_excessive');
  const [feePounds, setFeePounds] = useState('');
  const [extReason, setExtReason] = useState('');
  const [extTold, setExtTold] = useState(today);
  const [problem, setProblem] = useState<string | null>(null);
  if (r.status !== 'open') return null;

  const openClarification = r.clarifications.find((c) => c.answeredOn === null);
  async function change(changes: Parameters<typeof update.mutateAsync>[0]['changes']) {
    setProblem(null);
    try {
      await update.mutateAsync({ id: r.id, changes });
    } catch (err) {
      setProblem(messageOf(err));
    }
  }
  const day = (text: string, what: string): string | null => {
    const d = parseUkDate(text);
    if (!d) setProblem(`Enter ${what} as DD/MM/YYYY.`);
    return d;
  };

  return (
    <section className="card" aria-labelledby="clock-title">
      <h2 id="clock-title" className="card__title">
        The clock
      </h2>
      {problem ? <Alert kind="error">{problem}</Alert> : null}
      <h3 className="request-subtitle">Clarification</h3>
      {r.clarifications.map((c) => (
        <p key={c.askedOn} className="muted">
          Asked {formatUkDate(c.askedOn)}
          {c.answeredOn ? `, answered ${formatUkDate(c.answeredOn)}` : ', not answered yet (clock stopped)'}
        </p>
      ))}
      <div className="request-inline">
        <DateField label={openClarification ? 'Answer arrived on' : 'Clarification asked on'} value={clarDay} onChange={setClarDay} />
        <button
          type="button"
          className="button"
          onClick={() => {
            const d = day(clarDay, 'the day');
            if (d) void change(openClarification ? { clarificationAnsweredOn: d } : { clarificationAskedOn: d });
          }}
        >
          {openClarification ? 'Record the answer' : 'Record clarification asked'}
        </button>
      </div>

      <h3 className="request-subtitle">Fee (manifestly unfounded or excessive requests only)</h3>
      {r.fee ? (
        <p className="muted">
          £{(r.fee.amountPence / 100).toFixed(2)} asked for on {formatUkDate(r.fee.requestedOn)}
          {r.fee.receivedOn ? `, paid ${formatUkDate(r.fee.receivedOn)}` : ', not paid yet (clock stopped)'}
        </p>
      ) : null}
      {r.fee && !r.fee.receivedOn ? (
        <div className="request-inline">
          <DateField label="Fee paid on" value={feeDay} onChange={setFeeDay} />
          <button type="button" className="button" onClick={() => { const d = day(feeDay, 'the day'); if (d) void change({ feeReceivedOn: d }); }}>
            Record fee paid
          </button>
        </div>
      ) : null}
      {!r.fee ? (
        <div className="request-inline">
          <SelectField label="Why" value={feeReason} onChange={setFeeReason} options={FEE_OPTIONS} />
          <TextField label="Fee (£)" value={feePounds} onChange={setFeePounds} inputMode="numeric" inputClassName="input--short" />
          <DateField label="Asked for on" value={feeDay} onChange={setFeeDay} />
          <button
            type="button"
            className="button"
            onClick={() => {
              const d = day(feeDay, 'the day');
              const pence = Math.round(Number(feePounds) * 100);
              if (!Number.isFinite(pence) || pence <= 0) return setProblem('Enter the fee in pounds, like 25 or 12.50.');
              if (d) void change({ fee: { reason: feeReason, amountPence: pence, requestedOn: d } });
            }}
          >
            Record fee asked for
          </button>
        </div>
      ) : null}

      <h3 className="request-subtitle">Extension</h3>
      {r.extension ? (
        <p className="muted">
          Extended: the person was told on {formatUkDate(r.extension.toldOn)} ({r.extension.reason}).
        </p>
      ) : r.deadline.clockStartsOn && r.deadline.clockStoppedFor === null ? (
        <>
          <p className="muted">
            Up to two more months for a complex request, or several from the same person. The person must be told, with the reasons,
            by {formatUkDate(r.deadline.extensionNoticeBy)}.
          </p>
          <TextAreaField label="Reason (told to the person)" value={extReason} onChange={setExtReason} rows={2} />
          <div className="request-inline">
            <DateField label="Person told on" value={extTold} onChange={setExtTold} />
            <button type="button" className="button" onClick={() => { const d = day(extTold, 'the day'); if (d) void change({ extension: { reason: extReason, toldOn: d } }); }}>
              Extend
            </button>
          </div>
        </>
      ) : (
        <p className="muted">An extension can be given once the clock is running.</p>
      )}
    </section>
  );
}

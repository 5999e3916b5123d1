import { useState, type FormEvent } from 'react';
import { messageOf } from '../../api';
import { Alert } from '../../components/Alert';
import { ProgressBar } from '../../components/ProgressBar';
import { downloadCsv } from '../../components/download-csv';
import { useLongCall } from '../../components/useLongCall';
import { SelectField } from '../../components/Field';
import { PageHeader } from '../../components/PageHeader';
import { formatDateTime } from '../../dates';
import {
  MARKETING_CHANNELS,
  type MarketingChannel,
  type MarketingExport,
} from '../../../../src-main/contract/consent-types';
import {
  CHANNEL_LABELS,
  CHANNEL_PHRASES,
  clients,
  exclusionLabel,
  exclusionsFor,
  exportFileName,
} from '../consent/consent-labels';

const CHANNEL_OPTIONS = MARKETING_CHANNELS.map((c) => ({ value: c, label: CHANNEL_LABELS[c] }));

/** What each channel's file holds besides the name (issue #11 item 6): only what that channel needs. */
const FILE_HOLDS: Record<MarketingChannel, string> = {
  email: 'the email address',
  sms: 'the mobile number',
  phone: 'the one number that may be called (screened against the TPS, or the client does not object to our calls)',
  post: 'the postal address',
  messenger: 'the Messenger handle (clients with none are left off)',
};

/**
 * The owner's list of clients who may be sent marketing on one channel today,
 * built by the app from the consent ledger, objections, restrictions, deaths,
 * ages and the TPS. Every exclusion is counted and explained.
 */
export function MarketingPage() {
  const [channel, setChannel] = useState<MarketingChannel>('email');
  const [result, setResult] = useState<MarketingExport | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const { busy, progress, stopped, run, stop } = useLongCall();

  async function prepare(e?: FormEvent) {
    e?.preventDefault();
    setProblem(null);
    setResult(null);
    try {
      // null when cancelled: the core made no list and logged nothing.
      setResult(await run('marketing.export', { channel }));
    } catch (err) {
      setProblem(messageOf(err));
    }
  }

  function save() {
    if (result) downloadCsv([result.csv], exportFileName(result.channel, result.generatedAt));
  }

  const excluded = result
    ? exclusionsFor(result.channel).map((r) => ({ reason: r, count: result.excluded[r] ?? 0 }))
    : [];
  const excludedTotal = excluded.reduce((n, x) => n + x.count, 0);

  return (
    <>
      <PageHeader title="Marketing lists">
        Who may be sent marketing today, on one channel, for a mailing or SMS service. Only clients who said
        yes are included.
      </PageHeader>
      {problem ? <Alert kind="error">{problem}</Alert> : null}

      <form className="card marketing-form" onSubmit={prepare} noValidate>
        <SelectField
          label="Channel"
          value={channel}
          onChange={(v) => {
            setChannel(v);
            setResult(null);
          }}
          options={CHANNEL_OPTIONS}
        />
        <button type="submit" className="button button--primary" disabled={busy}>
          {busy ? 'Preparing…' : 'Prepare list'}
        </button>
        {busy ? (
          <button type="button" className="button" onClick={stop}>
            Cancel
          </button>
        ) : null}
      </form>
      {busy ? <ProgressBar progress={progress} fallbackLabel="Making the marketing list" /> : null}
      {stopped ? <Alert kind="info">The list was cancelled before it was made. Nothing was saved or logged.</Alert> : null}

      {result ? (
        <section className="card marketing-result" aria-labelledby="marketing-summary">
          <div className="marketing-result__head">
            <div>
              <h2 id="marketing-summary" className="marketing-result__count" data-testid="marketing-summary">
                {clients(result.included)} may be contacted {CHANNEL_PHRASES[result.channel]} today
              </h2>
              <p className="card__lead">
                Prepared {formatDateTime(result.generatedAt)}. The file holds each client’s name and{' '}
                {FILE_HOLDS[result.channel]}.{' '}
                {excludedTotal > 0
                  ? `${clients(excludedTotal)} left off, each counted once, under the first reason that applies.`
                  : 'Nobody was left off.'}
                {result.includedEvidenceIncomplete > 0
                  ? ` ${clients(result.includedEvidenceIncomplete)} included by the clinic’s setting although their consent evidence is incomplete.`
                  : ''}
              </p>
            </div>
            <button
              type="button"
              className="button button--primary"
              onClick={save}
              disabled={result.included === 0}
            >
              Download CSV
            </button>
          </div>

          <table className="table marketing-exclusions">
            <caption className="marketing-exclusions__caption">Left off the list</caption>
            <thead>
              <tr>
                <th scope="col">Reason</th>
                <th scope="col" className="table__number">
                  Clients
                </th>
              </tr>
            </thead>
            <tbody>
              {excluded.map((x) => (
                <tr
                  key={x.reason}
                  className={x.count === 0 ? 'table__row--muted' : undefined}
                  data-reason={x.reason}
                >
                  <th scope="row">{exclusionLabel(x.reason, result.channel)}</th>
                  <td className="table__number">{x.count}</td>
                </tr>
              ))}
            </tbody>
          </table>

          <Alert kind="info" title="This list is for today only">
            <p>
              Consents, objections and TPS registrations change. Prepare a fresh list each time you send,
              never reuse an old one, and delete the file from the mailing service and this computer once the
              message has gone.
            </p>
          </Alert>
        </section>
      ) : null}
    </>
  );
}

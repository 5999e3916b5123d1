/**
 * The request page's access-pack step (issue #12 item 6): review what the pack
 * holds, withhold items with a reason, record the health-data check, make the
 * response PDF (progress and Cancel), preview its pages with pdf.js, then Save
 * or Print; or make the PDF and the ZIP (data.json and the original files)
 * into a folder, as `sar export` does (PackZipExport.tsx). The owner only: the
 * core refuses everyone else (sar.export).
 */
import { useMemo, useState } from 'react';
import { messageOf } from '../../api';
import { Alert } from '../../components/Alert';
import { Checkbox } from '../../components/Checkbox';
import { TextField } from '../../components/Field';
import { ProgressBar } from '../../components/ProgressBar';
import { useLongCall } from '../../components/useLongCall';
import { parseUkDate } from '../../dates';
import type { AccessPackPdf, HealthCheck } from '../../../../src-main/contract/access-pack-schemas';
import type { SubjectRequest } from '../../../../src-main/contract/request-types';
import { HealthCheckFields, type HealthChoice } from './HealthCheckFields';
import { PackPreview } from './PackPreview';
import { PackZipExport } from './PackZipExport';
import { RedactItem } from './RedactItem';
import { useAccessPackReview, useRedaction } from './access-pack-queries';

export function AccessPackStep(props: { request: SubjectRequest; onChanged(): void }) {
  const r = props.request;
  const review = useAccessPackReview(r.id);
  const { redact, release } = useRedaction(r.id, props.onChanged);
  const long = useLongCall();
  const [choice, setChoice] = useState<HealthChoice>('');
  const [opinionName, setOpinionName] = useState('');
  const [opinionDate, setOpinionDate] = useState('');
  const [override, setOverride] = useState('');
  const [protect, setProtect] = useState(r.channel === 'email');
  const [pdf, setPdf] = useState<AccessPackPdf | null>(null);
  const [problem, setProblem] = useState<string | null>(null);

  const data = review.data;
  const bySection = useMemo(() => {
    const groups = new Map<string, NonNullable<typeof data>['items']>();
    for (const item of data?.items ?? []) groups.set(item.section, [...(groups.get(item.section) ?? []), item]);
    return [...groups.entries()];
  }, [data]);
  const redactions = useMemo(() => new Map((data?.redactions ?? []).map((x) => [x.itemId, x])), [data]);

  function healthCheck(): HealthCheck | null | 'invalid' {
    if (choice === '') return null;
    if (choice !== 'health_opinion') return { kind: choice };
    const day = parseUkDate(opinionDate);
    if (!opinionName.trim() || !day) return 'invalid';
    return { kind: 'health_opinion', professionalName: opinionName.trim(), opinionOn: day };
  }

  async function makePdf() {
    setProblem(null);
    setPdf(null);
    const check = healthCheck();
    if (check === 'invalid') return setProblem('Enter the health professional’s name and the date of their opinion (DD/MM/YYYY).');
    try {
      const result = await long.run('accessPack.pdf', {
        requestId: r.id,
        protect,
        healthCheck: check,
        ...(override.trim() ? { restrictionOverride: override.trim() } : {}),
      });
      if (result) {
        setPdf(result);
        props.onChanged();
      }
    } catch (err) {
      setProblem(messageOf(err));
    }
  }

  return (
    <section className="card access-pack" aria-labelledby="access-pack-title">
      <h2 id="access-pack-title" className="card__title">
        Subject-access pack
      </h2>
      {review.isPending ? <p>Gathering everything held on the client…</p> : null}
      {review.error ? <Alert kind="error">{messageOf(review.error)}</Alert> : null}
      {data ? (
        <>
          {!data.identityVerified ? (
            <Alert kind="warning">{r.identityProblem ?? 'The requester’s identity is not confirmed yet: the pack cannot be sent until it is.'}</Alert>
          ) : null}
          <h3 className="access-pack__subtitle">Review and withhold</h3>
          <p className="muted">
            Withhold only what the law allows: another person’s data, a health professional’s serious-harm opinion, or
            legally privileged material. The clinician who treated the client is not third-party data and stays named.
          </p>
          {bySection.map(([section, items]) => {
            const withheld = items.filter((i) => redactions.has(i.itemId)).length;
            return (
              <details key={section} className="access-pack__section">
                <summary>
                  {section} ({items.length} item{items.length === 1 ? '' : 's'}
                  {withheld ? `, ${withheld} withheld` : ''})
                </summary>
                <ul className="access-pack__items">
                  {items.map((item) => (
                    <RedactItem
                      key={item.itemId}
                      item={item}
                      redaction={redactions.get(item.itemId)}
                      busy={redact.isPending || release.isPending}
                      // A changed redaction makes an earlier PDF out of date.
                      onWithhold={async (reason, reasonText) => {
                        setPdf(null);
                        await redact.mutateAsync({ requestId: r.id, itemId: item.itemId, reason, ...(reasonText.trim() ? { reasonText } : {}) });
                      }}
                      onRelease={async () => {
                        setPdf(null);
                        await release.mutateAsync(item.itemId);
                      }}
                    />
                  ))}
                </ul>
              </details>
            );
          })}

          <h3 className="access-pack__subtitle">Check and make the response</h3>
          <HealthCheckFields choice={choice} onChoice={setChoice} name={opinionName} onName={setOpinionName} date={opinionDate} onDate={setOpinionDate} />
          {data.restricted ? (
            <TextField
              label="This client’s data is restricted (Art 18). Reason for disclosing it anyway"
              value={override}
              onChange={setOverride}
              maxLength={2000}
            />
          ) : null}
          <Checkbox checked={protect} onChange={setProtect}>
            Protect with a passphrase (AES-256), for sending by email
          </Checkbox>
          {problem ? <Alert kind="error">{problem}</Alert> : null}
          {long.busy ? (
            <div className="request-inline">
              <ProgressBar progress={long.progress} fallbackLabel="Making the response PDF" />
              <button type="button" className="button" onClick={long.stop}>
                Cancel
              </button>
            </div>
          ) : (
            <button type="button" className="button button--primary" onClick={() => void makePdf()} disabled={!data.identityVerified}>
              Make the response PDF
            </button>
          )}
          {long.stopped ? <Alert kind="info">Stopped. Nothing was made or recorded.</Alert> : null}
          {pdf ? <PackPreview key={pdf.sha256} pdf={pdf} /> : null}
          <PackZipExport
            requestId={r.id}
            protect={protect}
            restrictionOverride={override}
            healthCheck={healthCheck}
            disabled={!data.identityVerified || long.busy}
            onDone={props.onChanged}
          />
        </>
      ) : null}
    </section>
  );
}

/**
 * The record of processing activities (UK GDPR Art 30) in Settings: the
 * clinic's purposes and lawful bases, who and what it holds, who receives it,
 * transfers, retention and security, seeded with the usual answers for a
 * clinic. The owner edits and saves it (each save is a new version, the old
 * ones kept) and exports it as a PDF. Read with react-query; a save updates
 * the cache.
 */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { api, ApiError, messageOf } from '../../api';
import { Alert } from '../../components/Alert';
import { SelectField, TextAreaField, TextField } from '../../components/Field';
import { useToast } from '../../components/Toast';
import { formatDateTime } from '../../dates';
import type { ProcessingRecord, ProcessingRecordContent } from '../../../../src-main/contract/processing-types';
import { issuesToFieldErrors } from '../../validation';
import { RowListEditor, StringListEditor } from './ProcessingRecordLists';
import { downloadPdf } from '../../components/download-pdf';

export const PROCESSING_RECORD_QUERY = ['processing.get'] as const;

function contentOf(record: ProcessingRecord): ProcessingRecordContent {
  const { updatedAt: _u, version: _v, updatedBy: _b, ...content } = record;
  return content;
}

export function ProcessingRecordSection(props: { canEdit: boolean }) {
  const query = useQuery({ queryKey: PROCESSING_RECORD_QUERY, queryFn: () => api('processing.get') });
  return (
    <section className="card" aria-labelledby="processing-heading">
      <h2 id="processing-heading" className="card__title">
        Record of processing (UK GDPR Art 30)
      </h2>
      <p className="card__lead">
        What the clinic does with personal data and why. The ICO can ask to see it, and replies to requests for
        personal data draw their &ldquo;supplementary information&rdquo; from it.
      </p>
      {query.error ? <Alert kind="error">{messageOf(query.error)}</Alert> : null}
      {query.data ? (
        // Keyed by version: after a save (or someone else's), the form starts again from what is stored.
        <ProcessingRecordForm key={query.data.version} record={query.data} canEdit={props.canEdit} />
      ) : !query.error ? (
        <p className="loading">Loading the record of processing…</p>
      ) : null}
    </section>
  );
}

function ProcessingRecordForm(props: { record: ProcessingRecord; canEdit: boolean }) {
  const [draft, setDraft] = useState<ProcessingRecordContent>(() => contentOf(props.record));
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [problem, setProblem] = useState<string | null>(null);
  const queryClient = useQueryClient();
  const toast = useToast();

  const save = useMutation({
    mutationFn: (content: ProcessingRecordContent) => api('processing.update', { ...content, expectedVersion: props.record.version }),
    onSuccess: (saved) => {
      queryClient.setQueryData(PROCESSING_RECORD_QUERY, saved);
      void queryClient.invalidateQueries({ queryKey: PROCESSING_RECORD_QUERY });
      toast(`Record of processing saved (version ${saved.version}).`);
    },
    onError: (err) => {
      setErrors(err instanceof ApiError ? issuesToFieldErrors(err.issues) : {});
      setProblem(messageOf(err));
    },
  });
  const exportPdf = useMutation({
    mutationFn: () => api('processing.exportPdf', { password: null }),
    onSuccess: (pdf) => downloadPdf(pdf.pdfBase64, pdf.fileName),
    onError: (err) => setProblem(messageOf(err)),
  });

  function submit(e: FormEvent) {
    e.preventDefault();
    setProblem(null);
    setErrors({});
    save.mutate(draft);
  }
  const set = <K extends keyof ProcessingRecordContent>(key: K, value: ProcessingRecordContent[K]) => setDraft({ ...draft, [key]: value });
  const r = props.record;

  return (
    <form onSubmit={submit} noValidate data-guard aria-label="Record of processing">
      <p className="field__hint" data-testid="processing-version">
        Version {r.version}, {r.updatedBy ? `saved by ${r.updatedBy} on ${formatDateTime(r.updatedAt)}` : 'the defaults Clinic Vault started with'}.
      </p>
      {problem ? <Alert kind="error">{problem}</Alert> : null}
      <fieldset disabled={!props.canEdit} className="form-section">
        <RowListEditor
          legend="Purposes and lawful basis"
          hint="Why the clinic uses personal data, the UK GDPR Art 6 basis, and for health data the Art 9 and DPA 2018 Sch 1 condition."
          itemLabel="Purpose"
          path="purposes"
          rows={draft.purposes}
          errors={errors}
          empty={() => ({ name: '', lawfulBasis: '', healthCondition: null })}
          onChange={(rows) => set('purposes', rows)}
          renderRow={(row, update, errorOf, i) => (
            <>
              <TextField label={`Purpose ${i + 1}`} dir="auto" value={row.name} onChange={(v) => update({ ...row, name: v })} error={errorOf('name')} />
              <TextAreaField label="Lawful basis" rows={2} value={row.lawfulBasis} onChange={(v) => update({ ...row, lawfulBasis: v })} error={errorOf('lawfulBasis')} />
              <TextAreaField
                label="Health data condition (blank if no health data)"
                rows={2}
                value={row.healthCondition ?? ''}
                onChange={(v) => update({ ...row, healthCondition: v === '' ? null : v })}
                error={errorOf('healthCondition')}
              />
            </>
          )}
        />
        <StringListEditor legend="Categories of people" itemLabel="Category of people" path="peopleCategories" items={draft.peopleCategories} errors={errors} onChange={(v) => set('peopleCategories', v)} />
        <StringListEditor legend="Categories of personal data" itemLabel="Category of data" path="dataCategories" items={draft.dataCategories} errors={errors} onChange={(v) => set('dataCategories', v)} />
        <RowListEditor
          legend="Recipients and processors"
          hint="Processors act for the clinic under a contract (booking, accounting, email and SMS services); recipients receive data for their own purposes (insurers, regulators)."
          itemLabel="Recipient"
          path="recipients"
          rows={draft.recipients}
          errors={errors}
          empty={() => ({ name: '', kind: 'processor' as const, purpose: '', country: 'United Kingdom' })}
          onChange={(rows) => set('recipients', rows)}
          renderRow={(row, update, errorOf, i) => (
            <>
              <TextField label={`Recipient ${i + 1}`} dir="auto" value={row.name} onChange={(v) => update({ ...row, name: v })} error={errorOf('name')} />
              <SelectField
                label="Role"
                value={row.kind}
                options={[
                  { value: 'processor', label: 'Processor (acts for the clinic)' },
                  { value: 'recipient', label: 'Recipient' },
                ]}
                onChange={(v) => update({ ...row, kind: v })}
                error={errorOf('kind')}
              />
              <TextAreaField label="What for" rows={2} value={row.purpose} onChange={(v) => update({ ...row, purpose: v })} error={errorOf('purpose')} />
              <TextField label="Country" value={row.country} onChange={(v) => update({ ...row, country: v })} error={errorOf('country')} />
            </>
          )}
        />
        <RowListEditor
          legend="Transfers outside the UK"
          itemLabel="Transfer"
          path="transfers"
          rows={draft.transfers}
          errors={errors}
          empty={() => ({ destination: '', safeguard: '' })}
          onChange={(rows) => set('transfers', rows)}
          renderRow={(row, update, errorOf, i) => (
            <>
              <TextField label={`Transfer ${i + 1}: destination`} value={row.destination} onChange={(v) => update({ ...row, destination: v })} error={errorOf('destination')} />
              <TextAreaField label="Safeguard (adequacy, IDTA, UK Addendum)" rows={2} value={row.safeguard} onChange={(v) => update({ ...row, safeguard: v })} error={errorOf('safeguard')} />
            </>
          )}
        />
        <StringListEditor legend="Retention" itemLabel="Retention rule" path="retention" items={draft.retention} errors={errors} onChange={(v) => set('retention', v)} />
        <StringListEditor legend="Security measures (UK GDPR Art 32)" itemLabel="Security measure" path="securityMeasures" items={draft.securityMeasures} errors={errors} onChange={(v) => set('securityMeasures', v)} />
        <TextAreaField label="Sources of personal data" value={draft.sources} onChange={(v) => set('sources', v)} error={errors.sources} />
        <TextAreaField label="Automated decision-making" value={draft.automatedDecisions} onChange={(v) => set('automatedDecisions', v)} error={errors.automatedDecisions} />
      </fieldset>
      <div className="form-actions form-actions--start">
        {props.canEdit ? (
          <button type="submit" className="button button--primary" disabled={save.isPending}>
            {save.isPending ? 'Saving…' : 'Save record of processing'}
          </button>
        ) : null}
        {props.canEdit ? (
          <button type="button" className="button" disabled={exportPdf.isPending} onClick={() => exportPdf.mutate()}>
            {exportPdf.isPending ? 'Making the PDF…' : 'Export as PDF'}
          </button>
        ) : null}
      </div>
    </form>
  );
}

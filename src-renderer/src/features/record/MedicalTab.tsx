import { useState } from 'react';
import { useDrafts } from '../../app/drafts';
import { api } from '../../api';
import { Alert } from '../../components/Alert';
import { useToast } from '../../components/Toast';
import { SelectField, TextAreaField } from '../../components/Field';
import { formatDateTime, formatDay } from '../../dates';
import type { MedicalHistory, YesNoUnknown } from '../../../../src-main/contract/record-types';
import { medicalHistorySchema } from '../../../../src-main/contract/record-schemas';
import { Facts, Prose, prose } from './Facts';
import { SectionEditForm } from './SectionEditForm';
import {
  type SectionForm,
  sectionFormOf,
  sectionInputOf,
  useSectionEditor,
  useSectionHistory,
} from './useSectionEditor';

export const YES_NO_LABELS: Record<YesNoUnknown, string> = {
  yes: 'Yes',
  no: 'No',
  unknown: 'Not asked yet',
  'not-applicable': 'Not applicable',
};
const YES_NO_OPTIONS = (['unknown', 'no', 'yes', 'not-applicable'] as const).map((v) => ({
  value: v,
  label: YES_NO_LABELS[v],
}));

type MedicalForm = SectionForm<MedicalHistory>;
const formOf = sectionFormOf<MedicalHistory>;
const inputOf = sectionInputOf<MedicalForm>;

/** Medical history: read, and edit with a reason. Opening the tab asks the app (which audit-logs the read). */
export function MedicalTab(props: { clientId: string; canEdit: boolean }) {
  const { history, setHistory, problem } = useSectionHistory('medical.get', props.clientId);
  const draftKey = `medical:${props.clientId}`;
  // Back from a lock with a draft of this section: the edit form reopens with it.
  const drafts = useDrafts();
  const [editing, setEditing] = useState(() => drafts.has(draftKey));
  const toast = useToast();

  if (problem) return <Alert kind="error">{problem}</Alert>;
  if (!history) return <p className="loading">Loading the medical history…</p>;

  if (editing) {
    return (
      <EditMedical
        clientId={props.clientId}
        draftKey={draftKey}
        history={history}
        onCancel={() => setEditing(false)}
        onSaved={(saved) => {
          setHistory(saved);
          setEditing(false);
          toast('Medical history saved.');
        }}
      />
    );
  }

  const recorded = history.updatedAt !== null;
  return (
    <>
      <div className="section-bar">
        <div>
          <h2 className="section-bar__title">Medical history</h2>
          <p className="section-bar__meta">
            {history.reviewedOn ? `Last reviewed ${formatDay(history.reviewedOn)}` : 'Not reviewed yet'}
            {history.updatedAt ? ` · Updated ${formatDateTime(history.updatedAt)}` : ''}
          </p>
        </div>
        {props.canEdit ? (
          <button type="button" className="button" onClick={() => setEditing(true)}>
            {recorded ? 'Edit medical history' : 'Record medical history'}
          </button>
        ) : null}
      </div>
      {!recorded ? (
        <section className="card">
          <p className="empty">
            No medical history recorded yet.
            {props.canEdit
              ? ' Go through it with the client, then record it with Record medical history.'
              : ''}
          </p>
        </section>
      ) : (
        <>
          {history.allergies.trim() ? (
            <Alert kind="warning" title="Allergies">
              <Prose text={history.allergies} />
            </Alert>
          ) : null}
          <section className="card">
            <Facts
              items={[
                { label: 'Medical conditions', value: prose(history.conditions), wide: true },
                { label: 'Medications', value: prose(history.medications), wide: true },
                { label: 'Allergies', value: prose(history.allergies), wide: true },
                { label: 'Pregnant', value: YES_NO_LABELS[history.pregnant] },
                { label: 'Breastfeeding', value: YES_NO_LABELS[history.breastfeeding] },
                {
                  label: 'Previous aesthetic treatments',
                  value: prose(history.previousAestheticTreatments),
                  wide: true,
                },
                { label: 'Contraindications', value: prose(history.contraindications), wide: true },
                { label: 'Notes', value: prose(history.notes), wide: true },
              ]}
            />
          </section>
        </>
      )}
    </>
  );
}

function EditMedical(props: {
  clientId: string;
  draftKey: string;
  history: MedicalHistory;
  onCancel: () => void;
  onSaved: (m: MedicalHistory) => void;
}) {
  const editor = useSectionEditor({
    initial: formOf(props.history),
    draftKey: props.draftKey,
    inputOf,
    schema: medicalHistorySchema,
    save: (changes, reason) => api('medical.update', { clientId: props.clientId, changes, reason }),
    onSaved: props.onSaved,
  });

  const { form, set, errors } = editor;

  return (
    <SectionEditForm
      title="Edit medical history"
      saveLabel="Save medical history"
      editor={editor}
      onCancel={props.onCancel}
    >
      <TextAreaField
        label="Medical conditions"
        value={form.conditions}
        onChange={set('conditions')}
        error={errors.conditions}
      />
      <TextAreaField
        label="Medications"
        value={form.medications}
        onChange={set('medications')}
        error={errors.medications}
      />
      <TextAreaField
        label="Allergies"
        value={form.allergies}
        onChange={set('allergies')}
        error={errors.allergies}
      />
      <div className="form-grid">
        <SelectField
          label="Pregnant"
          value={form.pregnant}
          onChange={set('pregnant')}
          options={YES_NO_OPTIONS}
        />
        <SelectField
          label="Breastfeeding"
          value={form.breastfeeding}
          onChange={set('breastfeeding')}
          options={YES_NO_OPTIONS}
        />
      </div>
      <TextAreaField
        label="Previous aesthetic treatments"
        value={form.previousAestheticTreatments}
        onChange={set('previousAestheticTreatments')}
        error={errors.previousAestheticTreatments}
      />
      <TextAreaField
        label="Contraindications"
        value={form.contraindications}
        onChange={set('contraindications')}
        error={errors.contraindications}
      />
    </SectionEditForm>
  );
}

import { useState } from 'react';
import { useDrafts } from '../../app/drafts';
import { api } from '../../api';
import { Alert } from '../../components/Alert';
import { useToast } from '../../components/Toast';
import { SelectField, TextAreaField, TextField } from '../../components/Field';
import { formatDateTime, formatDay } from '../../dates';
import type { LifestyleHistory, Smoking, SunExposure } from '../../../../src-main/contract/record-types';
import { lifestyleHistorySchema } from '../../../../src-main/contract/record-schemas';
import { Facts, prose } from './Facts';
import { SectionEditForm } from './SectionEditForm';
import {
  type SectionForm,
  sectionFormOf,
  sectionInputOf,
  useSectionEditor,
  useSectionHistory,
} from './useSectionEditor';

export const SMOKING_LABELS: Record<Smoking, string> = {
  never: 'Never smoked',
  former: 'Used to smoke',
  current: 'Smokes',
  unknown: 'Not asked yet',
};
export const SUN_LABELS: Record<SunExposure, string> = {
  low: 'Low',
  moderate: 'Moderate',
  high: 'High',
  unknown: 'Not asked yet',
};
const SMOKING_OPTIONS = (['unknown', 'never', 'former', 'current'] as const).map((v) => ({
  value: v,
  label: SMOKING_LABELS[v],
}));
const SUN_OPTIONS = (['unknown', 'low', 'moderate', 'high'] as const).map((v) => ({
  value: v,
  label: SUN_LABELS[v],
}));

type LifestyleForm = SectionForm<LifestyleHistory>;
const formOf = sectionFormOf<LifestyleHistory>;
const inputOf = sectionInputOf<LifestyleForm>;

/** Lifestyle: smoking, alcohol, sun, skincare. Opening the tab asks the app (which audit-logs the read). */
export function LifestyleTab(props: { clientId: string; canEdit: boolean }) {
  const { history, setHistory, problem } = useSectionHistory('lifestyle.get', props.clientId);
  const draftKey = `lifestyle:${props.clientId}`;
  // Back from a lock with a draft of this section: the edit form reopens with it.
  const drafts = useDrafts();
  const [editing, setEditing] = useState(() => drafts.has(draftKey));
  const toast = useToast();

  if (problem) return <Alert kind="error">{problem}</Alert>;
  if (!history) return <p className="loading">Loading lifestyle details…</p>;

  if (editing) {
    return (
      <EditLifestyle
        clientId={props.clientId}
        draftKey={draftKey}
        history={history}
        onCancel={() => setEditing(false)}
        onSaved={(saved) => {
          setHistory(saved);
          setEditing(false);
          toast('Lifestyle details saved.');
        }}
      />
    );
  }

  const recorded = history.updatedAt !== null;
  return (
    <>
      <div className="section-bar">
        <div>
          <h2 className="section-bar__title">Lifestyle</h2>
          <p className="section-bar__meta">
            {history.reviewedOn ? `Last reviewed ${formatDay(history.reviewedOn)}` : 'Not reviewed yet'}
            {history.updatedAt ? ` · Updated ${formatDateTime(history.updatedAt)}` : ''}
          </p>
        </div>
        {props.canEdit ? (
          <button type="button" className="button" onClick={() => setEditing(true)}>
            {recorded ? 'Edit lifestyle' : 'Record lifestyle'}
          </button>
        ) : null}
      </div>
      {!recorded ? (
        <section className="card">
          <p className="empty">
            No lifestyle details recorded yet.
            {props.canEdit ? ' Ask the client, then record them with Record lifestyle.' : ''}
          </p>
        </section>
      ) : (
        <section className="card">
          <Facts
            items={[
              { label: 'Smoking', value: SMOKING_LABELS[history.smoking] },
              { label: 'Sun exposure', value: SUN_LABELS[history.sunExposure] },
              { label: 'Alcohol', value: history.alcohol ? <bdi dir="auto">{history.alcohol}</bdi> : '' },
              { label: 'Skincare routine', value: prose(history.skincareRoutine), wide: true },
              { label: 'Notes', value: prose(history.notes), wide: true },
            ]}
          />
        </section>
      )}
    </>
  );
}

function EditLifestyle(props: {
  clientId: string;
  draftKey: string;
  history: LifestyleHistory;
  onCancel: () => void;
  onSaved: (l: LifestyleHistory) => void;
}) {
  const editor = useSectionEditor({
    initial: formOf(props.history),
    draftKey: props.draftKey,
    inputOf,
    schema: lifestyleHistorySchema,
    save: (changes, reason) => api('lifestyle.update', { clientId: props.clientId, changes, reason }),
    onSaved: props.onSaved,
  });

  const { form, set, errors } = editor;

  return (
    <SectionEditForm
      title="Edit lifestyle"
      saveLabel="Save lifestyle"
      editor={editor}
      onCancel={props.onCancel}
    >
      <div className="form-grid">
        <SelectField
          label="Smoking"
          value={form.smoking}
          onChange={set('smoking')}
          options={SMOKING_OPTIONS}
        />
        <SelectField
          label="Sun exposure"
          value={form.sunExposure}
          onChange={set('sunExposure')}
          options={SUN_OPTIONS}
        />
        <TextField
          className="form-grid__full"
          label="Alcohol"
          hint="Like “A glass of wine most weekends”."
          value={form.alcohol}
          onChange={set('alcohol')}
          error={errors.alcohol}
          dir="auto"
        />
      </div>
      <TextAreaField
        label="Skincare routine"
        value={form.skincareRoutine}
        onChange={set('skincareRoutine')}
        error={errors.skincareRoutine}
      />
    </SectionEditForm>
  );
}

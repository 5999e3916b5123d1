import type { FormEvent, ReactNode } from 'react';
import { Alert } from '../../components/Alert';
import { TextAreaField, TextField } from '../../components/Field';
import type { FieldErrors } from '../../validation';
import { ReviewedOnField } from './ReviewedOnField';

/** What SectionEditForm needs of useSectionEditor: the fields every history section has, and the submit. */
export interface SectionEditorState {
  form: { notes: string; reviewedOn: string };
  set: (key: 'notes' | 'reviewedOn') => (v: string) => void;
  reason: string;
  setReason: (v: string) => void;
  errors: FieldErrors;
  problem: string | null;
  busy: boolean;
  submit: (e: FormEvent) => void | Promise<void>;
  /** The form reopened with a draft kept across a lock: it counts as changed for the leave guard. */
  restored?: boolean;
}

/**
 * The edit form of a history section (medical, lifestyle) around its own
 * fields: the title and any problem, then the parts every section shares
 * (notes, the "last reviewed" date, the reason for the change), Save and Cancel.
 */
export function SectionEditForm(props: {
  title: string;
  saveLabel: string;
  editor: SectionEditorState;
  onCancel: () => void;
  children: ReactNode;
}) {
  const { form, set, reason, setReason, errors, problem, busy, submit, restored } = props.editor;
  return (
    <form onSubmit={(e) => void submit(e)} noValidate data-guard data-dirty={restored ? '' : undefined}>
      <div className="section-bar">
        <h2 className="section-bar__title">{props.title}</h2>
      </div>
      {problem ? <Alert kind="error">{problem}</Alert> : null}
      <section className="card form-stack">
        {props.children}
        <TextAreaField
          label="Notes"
          rows={4}
          value={form.notes}
          onChange={set('notes')}
          error={errors.notes}
        />
        <ReviewedOnField value={form.reviewedOn} onChange={set('reviewedOn')} error={errors.reviewedOn} />
        <TextField
          label="Reason for change"
          hint="Optional. Kept in the change history."
          value={reason}
          onChange={setReason}
          maxLength={500}
          error={errors.reason}
        />
      </section>
      <div className="form-actions form-actions--start">
        <button type="submit" className="button button--primary" disabled={busy}>
          {busy ? 'Saving…' : props.saveLabel}
        </button>
        <button type="button" className="button" onClick={props.onCancel} disabled={busy}>
          Cancel
        </button>
      </div>
    </form>
  );
}

import { TextAreaField } from '../../components/Field';

/** The signed form, if there is one (kept in the vault as evidence), and a note. */
export function ConsentEvidenceFields(props: {
  note: string;
  errors: Record<string, string>;
  onEvidence: (file: File | null) => void;
  onNote: (note: string) => void;
}) {
  return (
    <div className="form-grid">
      <div className="field">
        <label className="field__label" htmlFor="consent-evidence-file">
          Evidence
        </label>
        <p className="field__hint">Optional. A PDF or a photo of the signed form.</p>
        <input
          id="consent-evidence-file"
          className="file-input"
          type="file"
          accept="application/pdf,image/*,.heic"
          onChange={(e) => props.onEvidence(e.target.files?.[0] ?? null)}
        />
        {props.errors.evidence ? <p className="field__error">{props.errors.evidence}</p> : null}
      </div>
      <TextAreaField
        label="Note"
        hint="Optional."
        value={props.note}
        onChange={props.onNote}
        error={props.errors.note}
        rows={2}
        maxLength={2000}
      />
    </div>
  );
}

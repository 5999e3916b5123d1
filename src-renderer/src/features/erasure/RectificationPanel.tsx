import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { api, messageOf } from '../../api';
import { Alert } from '../../components/Alert';
import { SelectField, TextAreaField, TextField } from '../../components/Field';
import { formatDay } from '../../dates';
import type { RecordSection } from '../../../../src-main/contract/record-types';
import { rightsKeys } from './useRecordRights';

const SECTION_LABELS: Record<RecordSection, string> = { identity: 'Details', medical: 'Medical history', lifestyle: 'Lifestyle' };

/**
 * Rectification (UK GDPR Art 16) beside the change history: the clinic's
 * declined changes with their reasons, and the client's statements of
 * disagreement, shown with the data; the owner records either.
 */
export function RectificationPanel(props: { clientId: string; canRecord: boolean; canSeeClinical: boolean }) {
  const { clientId } = props;
  const queries = useQueryClient();
  const list = useQuery({ queryKey: rightsKeys.rectification(clientId), queryFn: () => api('rectification.list', { clientId }) });
  const [kind, setKind] = useState<'decline' | 'statement'>('statement');
  const [section, setSection] = useState<RecordSection>('identity');
  const [field, setField] = useState('');
  const [text, setText] = useState('');
  const save = useMutation({
    mutationFn: () =>
      kind === 'decline'
        ? api('rectification.decline', { clientId, section, field, reasons: text }).then(() => undefined)
        : api('rectification.recordStatement', { clientId, section, field, statement: text }).then(() => undefined),
    onSuccess: () => {
      setText('');
      setField('');
      void queries.invalidateQueries({ queryKey: rightsKeys.rectification(clientId) });
    },
  });
  const sections: RecordSection[] = props.canSeeClinical ? ['identity', 'medical', 'lifestyle'] : ['identity'];
  const data = list.data;
  return (
    <section className="rectification" aria-labelledby="rectification-heading">
      <h3 id="rectification-heading">Corrections declined and the client’s statements</h3>
      {list.error ? <Alert kind="error">{messageOf(list.error)}</Alert> : null}
      {data && data.statements.length + data.decisions.length === 0 ? <p className="muted">None recorded.</p> : null}
      <ul className="rectification__list">
        {data?.statements.map((s) => (
          <li key={s.id} data-testid="client-statement">
            <strong>Client’s statement</strong> about {SECTION_LABELS[s.section]}: {s.field} ({formatDay(s.recordedAt.slice(0, 10))}):{' '}
            <bdi dir="auto">{s.statement}</bdi>
          </li>
        ))}
        {data?.decisions.map((d) => (
          <li key={d.id}>
            <strong>Correction declined</strong> for {SECTION_LABELS[d.section]}: {d.field} ({formatDay(d.decidedAt.slice(0, 10))}, {d.decidedByName}):{' '}
            <bdi dir="auto">{d.reasons}</bdi>
          </li>
        ))}
      </ul>
      {props.canRecord ? (
        <form
          className="form-stack"
          onSubmit={(e) => {
            e.preventDefault();
            save.mutate();
          }}
        >
          {save.error ? <Alert kind="error">{messageOf(save.error)}</Alert> : null}
          <SelectField
            label="Record"
            value={kind}
            onChange={setKind}
            options={[
              { value: 'statement', label: 'The client’s statement of disagreement' },
              { value: 'decline', label: 'A correction the clinic declined, with reasons' },
            ]}
          />
          <SelectField label="Section" value={section} onChange={setSection} options={sections.map((s) => ({ value: s, label: SECTION_LABELS[s] }))} />
          <TextField label="Field (as in the change history, e.g. dateOfBirth)" value={field} onChange={setField} />
          <TextAreaField label={kind === 'decline' ? 'Reasons' : 'Statement'} value={text} onChange={setText} rows={3} />
          <div className="form-actions">
            <button type="submit" className="button button--primary" disabled={save.isPending || !field || !text}>
              Record
            </button>
          </div>
        </form>
      ) : null}
    </section>
  );
}

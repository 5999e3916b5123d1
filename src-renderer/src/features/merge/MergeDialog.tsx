import { useQuery } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { api, messageOf } from '../../api';
import { CLIENT_READ, queryKeys } from '../../app/query-keys';
import { Alert } from '../../components/Alert';
import { Dialog } from '../../components/Dialog';
import { useClientSearch } from '../../components/useClientSearch';
import { formatDay } from '../../dates';
import type { MergeField, MergeSide } from '../../../../src-main/contract/duplicate-types';
import type { ClientRecord } from '../../../../src-main/contract/record-types';
import { fieldLabel } from '../../../../src-main/contract/field-labels';
import { fullName } from '../clients/client-names';
import { defaultChoices, shownValue } from './merge-choices';
import { formatUkPhone } from '../../../../src-main/contract/uk-formats';
import './merge.css';

/**
 * Merging a duplicate into this record (docs/duplicates.md), in two steps:
 * find the other record, then a preview of both, field by field, with what
 * will move. Nothing changes until "Merge records"; the core refuses the merge
 * if either record changed after the preview. This record is the one kept.
 */
export function MergeDialog(props: { client: ClientRecord; onClose: () => void; onMerged: (kept: ClientRecord) => void }) {
  const [otherId, setOtherId] = useState<string | null>(null);
  return (
    <Dialog title="Merge a duplicate record into this one" onClose={props.onClose} wide>
      {otherId === null ? (
        <FindOther client={props.client} onPick={setOtherId} onCancel={props.onClose} />
      ) : (
        <PreviewAndMerge keptId={props.client.id} mergedId={otherId} onBack={() => setOtherId(null)} onMerged={props.onMerged} />
      )}
    </Dialog>
  );
}

function FindOther(props: { client: ClientRecord; onPick: (id: string) => void; onCancel: () => void }) {
  const [query, setQuery] = useState('');
  const search = useClientSearch(query, { limit: 10, delayMs: 250 });
  const { settled, found } = search;
  const hits = settled !== '' && found?.for === settled ? found.hits.filter((h) => h.id !== props.client.id) : [];

  return (
    <>
      <p>
        Find the other record of <bdi dir="auto">{fullName(props.client)}</bdi>. Its treatments, photos, consents and
        history will move to this record.
      </p>
      <label className="field">
        <span className="field__label">Search for the other record</span>
        <input className="input" type="search" value={query} onChange={(e) => setQuery(e.target.value)} autoFocus />
      </label>
      {search.problem ? <Alert kind="error">{search.problem}</Alert> : null}
      {settled !== '' && found?.for === settled && hits.length === 0 ? <p className="muted">No other client found.</p> : null}
      <ul className="duplicate-prompt__list" aria-label="Records found">
        {hits.map((h) => (
          <li key={h.id} className="duplicate-prompt__match">
            <div>
              <p className="duplicate-prompt__name">
                <bdi dir="auto">{fullName(h)}</bdi>
              </p>
              <p className="duplicate-prompt__facts">
                {[h.dateOfBirth ? `Born ${formatDay(h.dateOfBirth)}` : null, h.postcode || null, h.mobile ? formatUkPhone(h.mobile) : null].filter(Boolean).join(' · ')}
              </p>
            </div>
            <button type="button" className="button" onClick={() => props.onPick(h.id)}>
              Compare with this record
            </button>
          </li>
        ))}
      </ul>
      <div className="form-actions">
        <button type="button" className="button" onClick={props.onCancel}>
          Cancel
        </button>
      </div>
    </>
  );
}

function PreviewAndMerge(props: { keptId: string; mergedId: string; onBack: () => void; onMerged: (kept: ClientRecord) => void }) {
  // The core logs each preview: asked afresh each time, never kept (CLIENT_READ).
  const read = useQuery({
    queryKey: queryKeys.mergePreview(props.keptId, props.mergedId),
    queryFn: () => api('clients.mergePreview', { keptId: props.keptId, mergedId: props.mergedId }),
    ...CLIENT_READ,
  });
  const preview = read.data ?? null;
  // What the person picked; every other field keeps the suggested side (merge-choices.ts).
  const [picked, setPicked] = useState<Partial<Record<MergeField, MergeSide>>>({});
  const [sections, setSections] = useState<{ medical: MergeSide; lifestyle: MergeSide }>({ medical: 'kept', lifestyle: 'kept' });
  const [writeProblem, setProblem] = useState<string | null>(null);
  const problem = writeProblem ?? (read.error ? messageOf(read.error) : null);
  const [busy, setBusy] = useState(false);

  if (!preview) {
    return problem ? <Alert kind="error">{problem}</Alert> : <p className="muted">Comparing the two records…</p>;
  }

  const take = { ...defaultChoices(preview), ...picked };
  const merge = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setProblem(null);
    try {
      props.onMerged(await api('clients.merge', { keptId: props.keptId, mergedId: props.mergedId, planToken: preview.planToken, take, sections }));
    } catch (err) {
      setProblem(messageOf(err));
      setBusy(false);
    }
  };

  const differing = preview.fields.filter((f) => !f.same);
  const m = preview.moves;
  return (
    <form onSubmit={merge}>
      {problem ? <Alert kind="error">{problem}</Alert> : null}
      <p>
        Choose which value to keep where the two records differ. Nothing has changed yet. After merging, the other record
        can no longer be opened or found, but it is kept, with its original details.
      </p>
      {differing.length === 0 ? (
        <p className="muted">Both records have the same details.</p>
      ) : (
        <table className="merge-table">
          <thead>
            <tr>
              <th scope="col">Detail</th>
              <th scope="col">This record</th>
              <th scope="col">The other record</th>
            </tr>
          </thead>
          <tbody>
            {differing.map((f) => (
              <tr key={f.field}>
                <th scope="row">{fieldLabel('identity', f.field)}</th>
                {(['kept', 'merged'] as const).map((side) => (
                  <td key={side}>
                    <label>
                      <input
                        type="radio"
                        name={`take-${f.field}`}
                        checked={(take[f.field] ?? 'kept') === side}
                        onChange={() => setPicked({ ...picked, [f.field]: side })}
                        aria-label={`${fieldLabel('identity', f.field)}: ${side === 'kept' ? 'this record' : 'the other record'}`}
                      />
                      <bdi dir="auto">{shownValue(f.field, side === 'kept' ? f.kept : f.merged)}</bdi>
                    </label>
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {(['medical', 'lifestyle'] as const)
        .filter((s) => preview.sections[s] === 'both')
        .map((s) => (
          <fieldset key={s} className="form-section merge-sections">
            <legend>Both records have a {s} history. Keep:</legend>
            {(['kept', 'merged'] as const).map((side) => (
              <label key={side}>
                <input type="radio" name={`section-${s}`} checked={sections[s] === side} onChange={() => setSections({ ...sections, [s]: side })} />{' '}
                {side === 'kept' ? 'this record’s' : 'the other record’s'} (the other one stays with the merged-away record)
              </label>
            ))}
          </fieldset>
        ))}
      <p>
        Moves to this record: {m.treatments} {m.treatments === 1 ? 'treatment' : 'treatments'}, {m.photos}{' '}
        {m.photos === 1 ? 'photo' : 'photos'}, {m.consentEvents} consent {m.consentEvents === 1 ? 'entry' : 'entries'},{' '}
        {m.historyEntries} history {m.historyEntries === 1 ? 'entry' : 'entries'}
        {m.requests > 0 ? `, ${m.requests} subject ${m.requests === 1 ? 'request' : 'requests'}` : ''}.
      </p>
      <div className="form-actions">
        <button type="button" className="button" onClick={props.onBack} disabled={busy}>
          Back
        </button>
        <button type="submit" className="button button--primary" disabled={busy}>
          {busy ? 'Merging…' : 'Merge records'}
        </button>
      </div>
    </form>
  );
}

import { useMemo, useState } from 'react';
import { useDrafts, useKeptDraft } from '../../app/drafts';
import { api, ApiError } from '../../api';
import { Alert } from '../../components/Alert';
import { useToast } from '../../components/Toast';
import { TextField } from '../../components/Field';
import { formatDate, formatDay } from '../../dates';
import type { ClientRecord } from '../../../../src-main/contract/record-types';
import { formatNhsNumber, formatUkPhone } from '../../../../src-main/contract/uk-formats';
import {
  changedFields,
  clientFormFromRecord,
  clientInputFromForm,
  type ClientForm,
} from '../clients/client-form';
import { ClientFormFields } from '../clients/ClientFormFields';
import { useClientForm } from '../clients/useClientForm';
import { fullName } from '../clients/client-names';
import { deceasedOnOf } from '../consent/consent-labels';
import { DeceasedDialog } from './DeceasedDialog';
import { MergeDialog } from '../merge/MergeDialog';
import { PossibleDuplicates } from '../merge/PossibleDuplicates';
import { useDuplicateCheck } from '../merge/useDuplicateCheck';
import { Facts, Prose } from './Facts';
import { fieldLabel, SECTION_LABELS } from '../../../../src-main/contract/field-labels';

export function OverviewTab(props: {
  client: ClientRecord;
  canEdit: boolean;
  /** Owner and practitioners may merge a duplicate into this record (the core enforces it). */
  canMerge?: boolean;
  onSaved: (client: ClientRecord) => void;
}) {
  const { client } = props;
  // Back from a lock with a draft of these details: the edit form reopens with it.
  const drafts = useDrafts();
  const [editing, setEditing] = useState(() => drafts.has(detailsDraftKey(client.id)));
  const [merging, setMerging] = useState(false);
  const toast = useToast();
  const [markingDeceased, setMarkingDeceased] = useState(false);
  const deceasedOn = deceasedOnOf(client);

  if (editing) {
    return (
      <EditDetails
        client={client}
        onCancel={() => setEditing(false)}
        onSaved={(saved, count) => {
          setEditing(false);
          toast(
            `Saved ${count} ${count === 1 ? 'change' : 'changes'}. The change history shows what was there before.`,
          );
          props.onSaved(saved);
        }}
      />
    );
  }

  const gp = client.gp;
  return (
    <>
      {client.openDisputes.length > 0 ? (
        <Alert kind="warning" title="The client disputes part of this record">
          <ul className="plain-list">
            {client.openDisputes.map((d) => (
              <li key={d.id}>
                <strong>
                  {SECTION_LABELS[d.section]}: {fieldLabel(d.section, d.field)}
                </strong>{' '}
                &mdash; <bdi dir="auto">{d.note}</bdi>{' '}
                <span className="muted">
                  (recorded {formatDate(d.recordedAt)} by {d.recordedByName})
                </span>
              </li>
            ))}
          </ul>
        </Alert>
      ) : null}

      {deceasedOn ? (
        <Alert kind="info" title={`Died ${formatDay(deceasedOn)}`}>
          <p>
            This record is kept, but the client is left off every marketing list and no reminders should be
            sent.
          </p>
          {props.canEdit ? (
            <button type="button" className="link-button" onClick={() => setMarkingDeceased(true)}>
              Change or undo
            </button>
          ) : null}
        </Alert>
      ) : null}

      <div className="section-bar">
        <h2 className="section-bar__title">Overview</h2>
        {props.canEdit ? (
          <div className="section-bar__actions">
            {!deceasedOn ? (
              <button type="button" className="button button--quiet" onClick={() => setMarkingDeceased(true)}>
                Mark as deceased
              </button>
            ) : null}
            {props.canMerge ? (
              <button type="button" className="button button--quiet" onClick={() => setMerging(true)}>
                Merge a duplicate…
              </button>
            ) : null}
            <button type="button" className="button" onClick={() => setEditing(true)}>
              Edit details
            </button>
          </div>
        ) : null}
      </div>
      {merging ? (
        <MergeDialog
          client={client}
          onClose={() => setMerging(false)}
          onMerged={(kept) => {
            setMerging(false);
            toast('The duplicate record was merged into this one. The change history shows what came from it.');
            props.onSaved(kept);
          }}
        />
      ) : null}

      <div className="record-grid">
        <section className="card" aria-labelledby="ov-identity">
          <h3 id="ov-identity" className="card__title">
            Identity
          </h3>
          <Facts
            items={[
              { label: 'Full name', value: <bdi dir="auto">{fullName(client)}</bdi> },
              {
                label: 'Preferred name',
                value: client.preferredName ? <bdi dir="auto">{client.preferredName}</bdi> : '',
              },
              { label: 'Date of birth', value: formatDay(client.dateOfBirth) },
              { label: 'Gender', value: client.gender },
              { label: 'Occupation', value: client.occupation },
              {
                label: 'NHS number',
                value: client.nhsNumber ? (
                  <span className="mono">{formatNhsNumber(client.nhsNumber)}</span>
                ) : (
                  ''
                ),
              },
            ]}
          />
        </section>

        <section className="card" aria-labelledby="ov-contact">
          <h3 id="ov-contact" className="card__title">
            Contact
          </h3>
          <Facts
            items={[
              { label: 'Mobile', value: formatUkPhone(client.mobile) },
              { label: 'Email', value: client.email ? <span className="break">{client.email}</span> : '' },
              ...client.otherPhones.map((p, i) => ({
                label: p.label ? `Phone (${p.label})` : `Other phone ${i + 1}`,
                value: formatUkPhone(p.number),
              })),
              ...(client.messengerHandle ? [{ label: 'Messenger', value: client.messengerHandle }] : []),
              {
                label: 'Address',
                wide: true,
                value:
                  client.addressLines.length > 0 || client.postcode ? (
                    <address className="address" dir="auto">
                      {[...client.addressLines, client.postcode].filter(Boolean).join('\n')}
                    </address>
                  ) : (
                    ''
                  ),
              },
            ]}
          />
        </section>

        <section className="card" aria-labelledby="ov-gp">
          <h3 id="ov-gp" className="card__title">
            GP
          </h3>
          <Facts
            items={[
              { label: 'GP', value: gp?.name ? <bdi dir="auto">{gp.name}</bdi> : '' },
              { label: 'Practice', value: gp?.practice ?? '' },
              { label: 'Phone', value: formatUkPhone(gp?.phone ?? '') },
              {
                label: 'Address',
                wide: true,
                value: gp?.address ? <address className="address">{gp.address}</address> : '',
              },
            ]}
          />
        </section>

        <section className="card" aria-labelledby="ov-visits">
          <h3 id="ov-visits" className="card__title">
            Visits
          </h3>
          <Facts
            items={[
              // Left out by the core for reception when the clinic keeps the visit summary from them.
              ...(client.treatmentCount === undefined
                ? []
                : [
                    {
                      label: 'Last visit',
                      value: client.lastVisitOn ? formatDay(client.lastVisitOn) : 'No visits yet',
                    },
                    { label: 'Treatments', value: String(client.treatmentCount) },
                    { label: 'Photos', value: String(client.photoCount ?? 0) },
                  ]),
              { label: 'Client since', value: formatDate(client.createdAt) },
              {
                label: 'Treatment interests',
                wide: true,
                value: client.treatmentInterests.length ? client.treatmentInterests.join(', ') : '',
              },
            ]}
          />
        </section>
      </div>

      <section className="card" aria-labelledby="ov-notes">
        <h3 id="ov-notes" className="card__title">
          Notes
        </h3>
        {client.notes.trim() ? <Prose text={client.notes} /> : <p className="muted">No notes.</p>}
      </section>

      {markingDeceased ? (
        <DeceasedDialog
          client={client}
          deceasedOn={deceasedOn}
          onClose={() => setMarkingDeceased(false)}
          onSaved={(saved, message) => {
            setMarkingDeceased(false);
            toast(message);
            props.onSaved(saved);
          }}
        />
      ) : null}
    </>
  );
}

function EditDetails(props: {
  client: ClientRecord;
  onCancel: () => void;
  onSaved: (client: ClientRecord, changes: number) => void;
}) {
  const drafts = useDrafts();
  const draftKey = detailsDraftKey(props.client.id);
  const [kept] = useState(() => drafts.get<{ form: ClientForm; reason: string }>(draftKey));
  const [reason, setReason] = useState(kept?.reason ?? '');
  const { form, onFieldChange, errors, problem, busy, submitWith } = useClientForm(
    () => kept?.form ?? clientFormFromRecord(props.client),
  );
  const changesIn = (f: ClientForm) =>
    changedFields(clientInputFromForm(clientFormFromRecord(props.client)), clientInputFromForm(f));
  // A change that makes this record look like another client's is asked about first (docs/duplicates.md).
  const [savedForm] = useState(() => clientFormFromRecord(props.client));
  const duplicates = useDuplicateCheck(form, { clientId: props.client.id, saved: savedForm });
  const [promptFocus, setPromptFocus] = useState(0);
  const draft = useMemo(() => ({ form, reason }), [form, reason]);
  useKeptDraft(draftKey, draft, reason.trim() !== '' || Object.keys(changesIn(form)).length > 0);
  const submit = submitWith(
    async (f) => {
      if ((await duplicates.checkNow()).length > 0) {
        setPromptFocus((n) => n + 1);
        throw new ApiError({ code: 'POSSIBLE_DUPLICATE', message: 'Not saved yet: first look at the possible match under “Is this someone already on file?”.' });
      }
      const changes = changesIn(f);
      const saved = await api('clients.update', { clientId: props.client.id, changes, reason, notDuplicateOf: duplicates.notDuplicateOf });
      props.onSaved(saved, Object.keys(changes).length);
    },
    (f) => (Object.keys(changesIn(f)).length === 0 ? 'Nothing has been changed yet.' : null),
  );

  return (
    <form onSubmit={submit} noValidate data-guard data-dirty={kept ? '' : undefined}>
      <div className="section-bar">
        <h2 className="section-bar__title">Edit details</h2>
      </div>
      {problem ? <Alert kind="error">{problem}</Alert> : null}
      <PossibleDuplicates
        matches={duplicates.open}
        onDifferent={duplicates.confirmDifferent}
        disabled={busy}
        focusRequest={promptFocus}
      />
      <section className="card">
        <ClientFormFields
          value={form}
          onChange={onFieldChange}
          errors={errors}
        />
      </section>
      <section className="card">
        <TextField
          label="Reason for change"
          hint="Optional. Kept in the change history, like “Client moved house” or “Corrected spelling”."
          value={reason}
          onChange={setReason}
          error={errors.reason}
          maxLength={500}
        />
      </section>
      <div className="form-actions form-actions--start">
        <button type="submit" className="button button--primary" disabled={busy}>
          {busy ? 'Saving…' : 'Save changes'}
        </button>
        <button type="button" className="button" onClick={props.onCancel} disabled={busy}>
          Cancel
        </button>
      </div>
    </form>
  );
}

/** Names the draft of a client's edited details (app/drafts.ts). */
function detailsDraftKey(clientId: string): string {
  return `details:${clientId}`;
}

import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef } from 'react';
import { messageOf } from '../../api';
import { queryKeys } from '../../app/query-keys';
import { Alert } from '../../components/Alert';
import { PageHeader } from '../../components/PageHeader';
import { TabPanel, Tabs, type TabItem } from '../../components/Tabs';
import { ageOn, formatDay, todayIso } from '../../dates';
import type { Permission } from '../../../../src-main/contract/permissions';
import type { SessionInfo } from '../../../../src-main/contract/types';
import { fullName, knownAs } from '../clients/client-names';
import { ConsentTab } from '../consent/ConsentTab';
import { deceasedOnOf } from '../consent/consent-labels';
import { ClinicalAlertsBanner, useClinicalAlerts } from './ClinicalAlerts';
import { HistoryTab } from './HistoryTab';
import { LifestyleTab } from './LifestyleTab';
import { MedicalTab } from './MedicalTab';
import { OverviewTab } from './OverviewTab';
import { PhotosTab } from './PhotosTab';
import { TreatmentsTab } from './TreatmentsTab';
import { recordSaved, useClientRecord } from './useClientRecord';
import { RecordRightsBanner } from '../erasure/RecordRightsBanner';
import { LegalHoldPanel } from '../../retention/LegalHoldPanel';
import { RectificationPanel } from '../erasure/RectificationPanel';
import { useRecordRights } from '../erasure/useRecordRights';
import { useRecordDestroyed } from '../../retention/useRecordDestroyed';

export const RECORD_TABS = [
  'overview',
  'medical',
  'lifestyle',
  'treatments',
  'photos',
  'consent',
  'history',
] as const;
export type RecordTab = (typeof RECORD_TABS)[number];

const TAB_ITEMS: (TabItem<RecordTab> & { needs: Permission })[] = [
  { id: 'overview', label: 'Overview', needs: 'clients.read' },
  { id: 'medical', label: 'Medical', needs: 'clinical.read' },
  { id: 'lifestyle', label: 'Lifestyle', needs: 'clinical.read' },
  { id: 'treatments', label: 'Treatments', needs: 'clinical.read' },
  { id: 'photos', label: 'Photos', needs: 'clinical.read' },
  { id: 'consent', label: 'Consent', needs: 'clients.read' },
  { id: 'history', label: 'History', needs: 'clients.read' },
];

/**
 * One client's record. Tabs a role may not read are not offered; if one is
 * reached anyway, its panel asks the app, which refuses, and the refusal is
 * shown. Opening a clinical tab always asks the app afresh (it records the
 * access in the audit log).
 */
export function RecordPage(props: {
  session: SessionInfo;
  clientId: string;
  tab: RecordTab;
  onTab: (tab: RecordTab) => void;
  onBack: () => void;
}) {
  const { session, clientId, tab } = props;
  const record = useClientRecord(clientId);
  const client = record.data ?? null;
  const problem = record.error ? messageOf(record.error) : null;
  const queryClient = useQueryClient();
  const destroyed = useRecordDestroyed(record.error);
  // A restricted (Art 18) or erased (Art 17) record is read-only: no write is offered (the core refuses them too).
  const rights = useRecordRights(clientId);
  const allowed = (p: Permission) => session.permissions.includes(p);
  const can = (p: Permission) => allowed(p) && !(rights.readOnly && (p === 'clients.write' || p === 'clinical.write'));
  const tabs = TAB_ITEMS.filter((t) => can(t.needs));

  // Clinical roles only (the app refuses anyone else). Asked again by the writes that change
  // them (a treatment, a date of death: docs/renderer-data.md) and on leaving the Medical tab,
  // where the history may have been edited (here or elsewhere).
  const clinical = can('clinical.read');
  const clinicalAlerts = useClinicalAlerts(clientId, clinical && client !== null);
  const shownTab = useRef(tab);
  useEffect(() => {
    if (shownTab.current === 'medical' && tab !== 'medical')
      void queryClient.invalidateQueries({ queryKey: queryKeys.clinicalAlerts(clientId) });
    shownTab.current = tab;
  }, [tab, clientId, queryClient]);

  const back = (
    <button type="button" className="link-button back-link" onClick={props.onBack}>
      All clients
    </button>
  );

  // Destroyed at the end of its retention period while open here: the record closes, saying why.
  if (destroyed) {
    return (
      <>
        <PageHeader title="Record closed" before={back} />
        <Alert kind="warning" title="This record is no longer held">
          <p data-testid="record-destroyed">{destroyed}</p>
        </Alert>
      </>
    );
  }

  if (!client) {
    return (
      <>
        <PageHeader title="Client record" before={back} />
        {problem ? <Alert kind="error">{problem}</Alert> : <p className="loading">Opening the record…</p>}
      </>
    );
  }

  const today = todayIso();
  const deceasedOn = deceasedOnOf(client);
  // A deceased client's age stays the age they died at.
  const age = ageOn(client.dateOfBirth, deceasedOn ?? today);
  const preferred = knownAs(client);
  const idBase = `record-${client.id}`;

  return (
    <>
      <PageHeader title={fullName(client) || 'Client record (contact details erased)'} dir="auto" before={back}>
        <span className="record-facts">
          <span>
            Born {formatDay(client.dateOfBirth)} ({age})
          </span>
          {preferred ? (
            <span>
              Known as <bdi dir="auto">{preferred}</bdi>
            </span>
          ) : null}
          {client.lastVisitOn === undefined ? null : (
            <span>
              {client.lastVisitOn ? `Last visit ${formatDay(client.lastVisitOn)}` : 'No visits yet'}
            </span>
          )}
          {deceasedOn ? (
            <span className="badge badge--deceased" data-testid="deceased-badge">
              Deceased {formatDay(deceasedOn)}
            </span>
          ) : null}
          {age < 18 && !deceasedOn ? <span className="badge badge--warning">Under 18</span> : null}
          {client.openDisputes.length > 0 ? (
            <span className="badge badge--warning">
              {client.openDisputes.length} open {client.openDisputes.length === 1 ? 'dispute' : 'disputes'}
            </span>
          ) : null}
        </span>
      </PageHeader>

      {clinical ? <ClinicalAlertsBanner alerts={clinicalAlerts.alerts} problem={clinicalAlerts.problem} /> : null}
      {problem ? <Alert kind="error">{problem}</Alert> : null}
      <RecordRightsBanner clientId={client.id} canRestrict={allowed('records.destroy')} onChanged={() => void queryClient.invalidateQueries({ queryKey: queryKeys.client(clientId) })} />
      <LegalHoldPanel clientId={client.id} hold={client.legalHold} canManage={allowed('records.destroy')} onChanged={() => void queryClient.invalidateQueries({ queryKey: queryKeys.client(clientId) })} />

      <Tabs label="Record sections" idBase={idBase} tabs={tabs} current={tab} onSelect={props.onTab} />
      <TabPanel idBase={idBase} current={tab}>
        {tab === 'overview' ? (
          <OverviewTab client={client} canEdit={can('clients.write')} canMerge={can('clinical.write')} onSaved={(saved) => recordSaved(queryClient, saved)} />
        ) : null}
        {tab === 'medical' ? <MedicalTab clientId={client.id} canEdit={can('clinical.write')} /> : null}
        {tab === 'lifestyle' ? <LifestyleTab clientId={client.id} canEdit={can('clinical.write')} /> : null}
        {tab === 'treatments' ? (
          <TreatmentsTab
            session={session}
            client={client}
            canAdd={can('clinical.write')}
          />
        ) : null}
        {tab === 'photos' ? (
          <PhotosTab client={client} canImport={can('clinical.write')} />
        ) : null}
        {tab === 'consent' ? (
          <ConsentTab
            client={client}
            canEdit={can('clients.write')}
            canClinicalRead={can('clinical.read')}
            canClinicalWrite={can('clinical.write')}
          />
        ) : null}
        {tab === 'history' ? (
          <HistoryTab
            client={client}
            canDispute={can('clients.write')}
            canSeeClinical={can('clinical.read')}
            canSeeAudit={can('audit.read')}
          />
        ) : null}
        {tab === 'history' ? <RectificationPanel clientId={client.id} canRecord={allowed('sar.export')} canSeeClinical={can('clinical.read')} /> : null}
      </TabPanel>
    </>
  );
}

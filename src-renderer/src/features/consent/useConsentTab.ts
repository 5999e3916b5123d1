import { useQuery } from '@tanstack/react-query';
import { api, messageOf } from '../../api';
import { CLIENT_READ, queryKeys } from '../../app/query-keys';
import { formatDay } from '../../dates';
import type { ConsentEvent } from '../../../../src-main/contract/consent-types';
import { useTreatments } from '../record/useTreatments';
import { groupCurrent, visibleCategories } from './consent-labels';

/** Newest first: when it happened, then when it was recorded. */
function byNewest(events: ConsentEvent[]): ConsentEvent[] {
  return [...events].sort(
    (a, b) => b.occurredAt.localeCompare(a.occurredAt) || b.recordedAt.localeCompare(a.recordedAt),
  );
}

/**
 * What the consent tab shows: the client's current consents and the ledger
 * behind them (the core logs the read), and what the form and the tables need
 * besides (the purposes, the privacy notices, the clinic's name, and for
 * clinical roles the treatments a consent can be linked to). A failure of any
 * of these is returned in the core's words; the first two are the page's own.
 */
export function useConsentTab(clientId: string, access: { clinicalRead: boolean; clinicalWrite: boolean }) {
  const summary = useQuery({
    queryKey: queryKeys.consentCurrent(clientId),
    queryFn: () => api('consent.current', { clientId }),
    ...CLIENT_READ,
  });
  const history = useQuery({
    queryKey: queryKeys.consentHistory(clientId),
    queryFn: () => api('consent.history', { clientId }),
    select: byNewest,
    ...CLIENT_READ,
  });
  const purposes = useQuery({ queryKey: queryKeys.consentPurposes, queryFn: () => api('consent.purposes') });
  const notices = useQuery({ queryKey: queryKeys.noticeList, queryFn: () => api('notices.list') });
  const settings = useQuery({ queryKey: queryKeys.settings, queryFn: () => api('settings.get') });
  const treatments = useTreatments(clientId, access.clinicalRead);

  const purposeList = purposes.data ?? [];
  const treatmentList = treatments.data ?? [];
  const categories = visibleCategories(access.clinicalRead);
  const recordable = purposeList.filter(
    (p) =>
      p.active &&
      visibleCategories(access.clinicalWrite).includes(p.category) &&
      categories.includes(p.category),
  );
  const mainError = summary.error ?? history.error;
  const sideError = purposes.error ?? notices.error ?? settings.error ?? treatments.error;

  return {
    summary: summary.data ?? null,
    history: history.data ?? null,
    purposes: purposeList,
    notices: notices.data ?? [],
    clinicName: settings.data?.clinicName ?? '',
    treatments: treatmentList,
    /** The current consents by group, only the groups this role may see. */
    groups: summary.data ? groupCurrent(summary.data.current, purposeList, categories) : [],
    /** The purposes this role may record an answer for. */
    recordable,
    problem: mainError ? messageOf(mainError) : null,
    /** A failed read of the purposes, notices, settings or treatments: the page still works without it. */
    sideProblem: sideError ? messageOf(sideError) : null,
    treatmentName: (id: string | null): string | null => {
      const t = id ? treatmentList.find((x) => x.id === id) : undefined;
      return t ? `${t.typeName}, ${formatDay(t.treatedOn)}` : null;
    },
    hasMarketing:
      summary.data?.current.some((c) => c.purpose.category === 'marketing' && c.state === 'granted') ?? false,
  };
}

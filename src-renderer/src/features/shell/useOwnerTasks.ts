import { useQuery } from '@tanstack/react-query';
import { api, messageOf } from '../../api';
import { queryKeys } from '../../app/query-keys';
import { useRequestDashboard } from '../requests/request-queries';
import { useHoldsPastReview, useRetentionDueCount } from '../../retention/retention-queries';
import type { PageId } from './Shell';

/** Something the owner should do, with where to do it. */
export interface Task {
  key: string;
  text: string;
  page: PageId;
  action: string;
}

const consentsRest = (n: number) =>
  `${n.toLocaleString('en-GB')} ${n === 1 ? "client's consents rest" : "clients' consents rest"}`;

/**
 * The owner's work list, from the same reads the Settings and Staff pages use
 * (so publishing a notice or resetting a password there refreshes it): the
 * privacy notice (none published, or clients whose consents rest on an older
 * one or on none), staff whose key slot still lacks the clinical key, and the
 * open data subject requests, which have legal deadlines (docs/requests.md).
 * `tasks` is null until every read has answered; a read that failed leaves its
 * tasks out and its message in `problems`.
 */
export function useOwnerTasks(): { tasks: Task[] | null; problems: string[] } {
  const notices = useQuery({ queryKey: queryKeys.noticeList, queryFn: () => api('notices.list') });
  const latest = notices.data?.[0];
  const affected = useQuery({
    queryKey: queryKeys.noticeAffectedCount(latest?.id ?? ''),
    queryFn: () => api('notices.affectedCount', { noticeId: latest!.id }),
    enabled: latest !== undefined,
  });
  const staff = useQuery({ queryKey: queryKeys.staff, queryFn: () => api('staff.list') });
  const requests = useRequestDashboard();
  // Owner only, like this whole list (the core refuses the queue to anyone else).
  const retention = useRetentionDueCount(true);
  const holds = useHoldsPastReview(true);

  const problems = [notices.error, affected.error, staff.error, requests.error, retention.error, holds.error].filter((e) => e !== null).map(messageOf);
  const noticesSettled = notices.isError || (notices.isSuccess && (!latest || !affected.isPending));
  if (!noticesSettled || staff.isPending || requests.isPending || retention.isPending || holds.isPending) return { tasks: null, problems };

  const found: Task[] = [];
  if (notices.isSuccess && !latest) {
    found.push({
      key: 'notice',
      text: 'No privacy notice is published yet: consents cannot record which notice the client saw.',
      page: 'settings',
      action: 'Publish a privacy notice',
    });
  }
  const count = affected.data;
  if (count && count.olderVersion > 0)
    found.push({
      key: 'older',
      text: `${consentsRest(count.olderVersion)} on an older privacy notice.`,
      page: 'settings',
      action: 'See who',
    });
  if (count && count.noNotice > 0)
    found.push({
      key: 'none',
      text: `${consentsRest(count.noNotice)} on no recorded notice.`,
      page: 'settings',
      action: 'See who',
    });
  for (const m of staff.data ?? []) {
    if (m.removedAt === null && m.needsPasswordResetForClinical)
      found.push({
        key: `staff-${m.id}`,
        text: `${m.displayName} cannot open clinical records until their password is reset.`,
        page: 'staff',
        action: 'Reset it',
      });
  }
  const counts = requests.data?.counts;
  if (counts && counts.open > 0) {
    const extra = `${counts.overdue > 0 ? `, ${counts.overdue} overdue` : ''}${counts.dueThisWeek > 0 ? `, ${counts.dueThisWeek} due this week` : ''}`;
    found.push({
      key: 'requests',
      text: `${counts.open} data ${counts.open === 1 ? 'request is' : 'requests are'} open${extra}.`,
      page: 'requests',
      action: 'Open the register',
    });
  }
  const due = retention.data?.clients ?? 0;
  if (due > 0)
    found.push({
      key: 'retention',
      text: `${due.toLocaleString('en-GB')} ${due === 1 ? 'client is' : 'clients are'} due for review.`,
      page: 'retention',
      action: 'Open the retention queue',
    });
  const pastReview = holds.data?.holds.length ?? 0;
  if (pastReview > 0)
    found.push({
      key: 'holds',
      text: `${pastReview} legal ${pastReview === 1 ? 'hold has' : 'holds have'} come to their review date.`,
      page: 'retention',
      action: 'Review the holds',
    });
  return { tasks: found, problems };
}

/**
 * The register's lists and the dashboard (issue #12 item 4, docs/requests.md):
 * open requests by due date, with the overdue, the due this week and the
 * waiting (clock stopped) ones apart. Due dates are computed on read (they
 * follow the clinic's bank holidays), so the order is made here, not in SQL.
 */
import type { RequestDashboard, SubjectRequest } from '../../contract/request-types';
import type { ParsedInput } from '../../contract/schemas';
import type { ServiceContext } from '../service/service-context';
import { readRequests, todayFor } from './request-store';

/** Due first; no due date (clock stopped) after, oldest received first. */
function byDueDate(a: SubjectRequest, b: SubjectRequest): number {
  if (a.dueDate !== b.dueDate) {
    if (a.dueDate === null) return 1;
    if (b.dueDate === null) return -1;
    return a.dueDate < b.dueDate ? -1 : 1;
  }
  return a.receivedOn < b.receivedOn ? -1 : a.receivedOn > b.receivedOn ? 1 : a.reference < b.reference ? -1 : 1;
}

export function listRequests(ctx: ServiceContext, input: ParsedInput<'requests.list'>): SubjectRequest[] {
  const today = todayFor(ctx, input.asOf);
  const where = input.status === 'all' ? '1' : 'r.status = ?';
  const params = input.status === 'all' ? [] : [input.status];
  let list = readRequests(ctx, where, params, today);
  if (input.overdue) list = list.filter((r) => r.daysLeft !== null && r.daysLeft < 0);
  if (input.dueWithinDays !== null) {
    const within = input.dueWithinDays;
    list = list.filter((r) => r.daysLeft !== null && r.daysLeft <= within);
  }
  return list.sort(byDueDate);
}

/** "This week": due today or in the next 7 days. */
const WEEK = 7;

export function requestDashboard(ctx: ServiceContext, asOf?: string): RequestDashboard {
  const today = todayFor(ctx, asOf);
  const open = readRequests(ctx, `r.status = 'open'`, [], today).sort(byDueDate);
  const board: RequestDashboard = { today, overdue: [], dueThisWeek: [], waiting: [], open: [], counts: { open: open.length, overdue: 0, dueThisWeek: 0, waiting: 0 } };
  for (const r of open) {
    if (r.deadline.clockStoppedFor !== null) board.waiting.push(r);
    else if (r.daysLeft !== null && r.daysLeft < 0) board.overdue.push(r);
    else if (r.daysLeft !== null && r.daysLeft <= WEEK) board.dueThisWeek.push(r);
    else board.open.push(r);
  }
  board.counts.overdue = board.overdue.length;
  board.counts.dueThisWeek = board.dueThisWeek.length;
  board.counts.waiting = board.waiting.length;
  return board;
}

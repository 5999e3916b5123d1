/** How the register's screens word a request's state (docs/requests.md). Pure, so it is tested on its own. */
import { REQUEST_TYPE_LABELS, type SubjectRequest } from '../../../../src-main/contract/request-types';
import { formatUkDate } from '../../../../src-main/contract/uk-formats';

const STOPPED: Record<NonNullable<SubjectRequest['deadline']['clockStoppedFor']>, string> = {
  identity: 'Waiting for ID',
  authority: 'Waiting for proof of authority',
  fee: 'Waiting for the fee',
  clarification: 'Waiting for clarification',
};

/** "12 days left", "Due today", "3 days overdue", or what the clock waits for. */
export function daysLeftLabel(r: SubjectRequest): string {
  if (r.status === 'closed') return r.responseSentOn ? `Closed, sent ${formatUkDate(r.responseSentOn)}` : 'Closed';
  if (r.deadline.clockStoppedFor) return `${STOPPED[r.deadline.clockStoppedFor]} (clock stopped)`;
  if (r.daysLeft === null) return '';
  if (r.daysLeft < 0) return `${-r.daysLeft} ${r.daysLeft === -1 ? 'day' : 'days'} overdue`;
  if (r.daysLeft === 0) return 'Due today';
  return `${r.daysLeft} ${r.daysLeft === 1 ? 'day' : 'days'} left`;
}

export function dueLabel(r: SubjectRequest): string {
  return r.dueDate ? formatUkDate(r.dueDate) : 'Not yet running';
}

/** "Access, Erasure": the short form of each type for lists. */
export function typesLabel(r: Pick<SubjectRequest, 'types'>): string {
  return r.types.map((t) => REQUEST_TYPE_LABELS[t].split(' (')[0]).join(', ');
}

export function urgency(r: SubjectRequest): 'overdue' | 'soon' | 'waiting' | 'normal' | 'closed' {
  if (r.status === 'closed') return 'closed';
  if (r.deadline.clockStoppedFor) return 'waiting';
  if (r.daysLeft !== null && r.daysLeft < 0) return 'overdue';
  if (r.daysLeft !== null && r.daysLeft <= 7) return 'soon';
  return 'normal';
}

/**
 * The queue's rows from each client's facts (docs/retention.md, "The
 * queue"). Pure: the SQL that reads the facts is queue-facts.ts.
 *
 * A row is due when its kept-until date is before today ('passed'), or falls
 * within the next 30 or 90 days. A "keep longer" review hides the row while
 * today is on or before the review's date; after it the row comes back
 * (with reviewedUntil saying it was reviewed), if its date has passed.
 */
import { addDays } from '../time/london-time';
import { addMonths, clinicalRetention, personalRetention, requestRetention, type RetentionDate } from './rules';
import type { ClientRetentionFacts, DueWindow, QueueRow, RetentionCategory, RetentionPeriods, WithinDays } from './retention-types';

function dueOf(retainUntil: string, today: string, day30: string, day90: string, withinDays: WithinDays): DueWindow | null {
  if (retainUntil < today) return 'passed';
  if (withinDays >= 30 && retainUntil < day30) return 'within-30';
  if (withinDays >= 90 && retainUntil < day90) return 'within-90';
  return null;
}

/**
 * Whether a date `months` after `trigger` can fall before `limit`, by string
 * comparison alone for all but the few days near the boundary. addMonths never
 * goes backwards as the trigger moves forwards, so the triggers whose date is
 * before the limit are those up to a boundary day: well before it they are in,
 * well after it out, and only the days around it are worked out. This keeps
 * the 50,000 clients' rules to string compares (bench/retention-queue.ts).
 */
function boundOf(limit: string, months: number): (trigger: string) => boolean {
  const back = addMonths(limit, -months);
  const surelyIn = addDays(back, -4);
  const surelyOut = addDays(back, 4);
  return (trigger) => (trigger < surelyIn ? true : trigger > surelyOut ? false : addMonths(trigger, months) < limit);
}

export function queueRows(
  facts: readonly ClientRetentionFacts[],
  policy: RetentionPeriods,
  today: string,
  withinDays: WithinDays,
  category?: RetentionCategory,
): QueueRow[] {
  const day30 = addDays(today, 30);
  const day90 = addDays(today, 90);
  const rows: QueueRow[] = [];
  const push = (f: ClientRetentionFacts, cat: RetentionCategory, date: RetentionDate, requestId?: string) => {
    const due = dueOf(date.retainUntil, today, day30, day90, withinDays);
    if (!due) return;
    const reviewed = f.reviewedUntil[cat] ?? null;
    if (reviewed !== null && reviewed >= today) return;
    rows.push({
      clientId: f.clientId,
      category: cat,
      rule: date.rule,
      triggerKind: date.triggerKind,
      triggerDate: date.triggerDate,
      retainUntil: date.retainUntil,
      due,
      held: f.held,
      reviewedUntil: reviewed,
      ...(requestId ? { requestId } : {}),
    });
  };
  // The latest day a row's date may be to be listed: before it is due within the window.
  const limit = withinDays === 0 ? today : withinDays === 30 ? day30 : day90;
  const clinicalMayBeDue = boundOf(limit, policy.clinicalMonthsAfterLastTreatment);
  const personalMayBeDue = boundOf(limit, policy.personalMonthsAfterLastInteraction);
  for (const f of facts) {
    // The children's rule only ever makes the date later, so a record whose adult date is not due is not due.
    if ((!category || category === 'clinical') && f.hasClinical && f.lastTreatedOn && clinicalMayBeDue(f.lastTreatedOn)) {
      push(f, 'clinical', clinicalRetention(f.lastTreatedOn, f.dateOfBirth, policy));
    }
    if ((!category || category === 'personal') && !f.personalErased && personalMayBeDue(f.lastInteractionOn)) {
      push(f, 'personal', personalRetention(f.lastInteractionOn, policy));
    }
    if (!category || category === 'requests') {
      for (const r of f.closedRequests) push(f, 'requests', requestRetention(r.closedOn, policy), r.requestId);
    }
  }
  return rows;
}

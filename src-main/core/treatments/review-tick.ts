/**
 * The "I have reviewed the medical history today" tick on a new treatment
 * (issue #10 item 3; docs/clinical-alerts.md). When the client's medical
 * history was never reviewed, or not within the clinic's setting
 * (medicalReviewMonths, 12 by default), a treatment is refused without the
 * tick. A tick is recorded with the treatment (in its sealed details) and
 * brings the history's review date up to today, through the change history
 * like any other edit, so the next treatment does not ask again.
 */
import type { FieldIssue } from '../../contract/errors';
import { londonToday } from '../../contract/field-schemas';
import { diffFields } from '../clients/change-history';
import { reviewIsDue } from '../clients/clinical-alert-rules';
import { clientServices } from '../clients/client-services';
import { sectionData } from '../clients/section-store';
import type { ServiceContext } from '../service/service-context';
import { formatUkDate } from '../../contract/uk-formats';

export const REVIEW_TICK_FIELD = 'medicalHistoryReviewed';

/** The field issue when a tick is needed and missing, else none. */
export function reviewTickIssues(ctx: ServiceContext, clientId: string, ticked: boolean): FieldIssue[] {
  if (ticked) return [];
  const { reviewedOn } = clientServices(ctx).sections.get(clientId, 'medical');
  const months = ctx.settings.getClinic().medicalReviewMonths;
  if (!reviewIsDue(reviewedOn, londonToday(ctx.clock.now()), months)) return [];
  const when = reviewedOn
    ? `It was last reviewed on ${formatUkDate(reviewedOn)}, more than ${months} ${months === 1 ? 'month' : 'months'} ago.`
    : 'It has never been reviewed.';
  return [
    {
      field: REVIEW_TICK_FIELD,
      message: `Review the client's medical history with them, then tick "I have reviewed the medical history today". ${when}`,
    },
  ];
}

/**
 * Call inside the treatment's transaction when the tick was given: the
 * history's review date becomes today (if it is not already), recorded as a
 * change by the practitioner with the reason saying where it came from.
 */
export function recordReviewToday(ctx: ServiceContext, clientId: string, at: string): string {
  const today = londonToday(ctx.clock.now());
  const { sections, history } = clientServices(ctx);
  const before = sectionData<'medical'>(sections.get(clientId, 'medical'));
  if (before.reviewedOn === today) return today;
  const after = { ...before, reviewedOn: today };
  const staffId = ctx.actor.id;
  sections.put(clientId, 'medical', after, staffId, at);
  history.record(
    { clientId, section: 'medical', staffId, at, reason: 'Reviewed with the client when recording a treatment.' },
    diffFields(before, after, ['reviewedOn']),
  );
  ctx.audit.append({ staffId, action: 'client.medical_updated', subjectType: 'client', subjectId: clientId, detail: { fields: 1 } });
  return today;
}

/**
 * Clinical alerts for one client (issue #10 item 3; docs/clinical-alerts.md).
 * They are computed here, from the medical history as the section store opens
 * it (sealed under the clinical key: docs/clinical-sealing.md), so a role
 * without clinical access never receives them: the dispatcher refuses
 * reception ('clinical.read'), and the store itself refuses a session without
 * the clinical key. Showing an allergy is reading health data, so it is logged.
 */
import type { ClinicalAlerts } from '../../contract/alert-types';
import { londonToday } from '../../contract/field-schemas';
import type { ServiceContext } from '../service/service-context';
import { isProcessingRestricted } from '../requests/restriction';
import { clinicalAlertsOf } from './clinical-alert-rules';
import { clientServices } from './client-services';
import { requireClient } from './client-service';

/** The alerts, without logging (for callers that log their own action, such as recording a treatment). */
export function computeClinicalAlerts(ctx: ServiceContext, clientId: string): ClinicalAlerts {
  const row = requireClient(ctx, clientId);
  const medical = clientServices(ctx).sections.get(clientId, 'medical');
  const today = londonToday(ctx.clock.now());
  const { medicalReviewMonths } = ctx.settings.getClinic();
  const computed = clinicalAlertsOf(
    {
      dateOfBirth: row.date_of_birth || null,
      deceasedOn: row.deceased_on,
      restricted: isProcessingRestricted(ctx.db, clientId),
      medical,
    },
    today,
    medicalReviewMonths,
  );
  return { clientId, ...computed };
}

export function getClinicalAlerts(ctx: ServiceContext, clientId: string): ClinicalAlerts {
  const alerts = computeClinicalAlerts(ctx, clientId);
  ctx.audit.append({
    staffId: ctx.actor.id,
    action: 'client.alerts_viewed',
    subjectType: 'client',
    subjectId: clientId,
    detail: { alerts: alerts.alerts.length },
  });
  return alerts;
}

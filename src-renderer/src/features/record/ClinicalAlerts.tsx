import { useQuery } from '@tanstack/react-query';
import { api, messageOf } from '../../api';
import { CLIENT_READ, queryKeys } from '../../app/query-keys';
import { formatDay } from '../../dates';
import type { ClinicalAlert, ClinicalAlerts } from '../../../../src-main/contract/alert-types';
import '../../styles/clinical-alerts.css';

/** How each alert reads: a short label and, where there is one, the client's own words. */
export function alertText(a: ClinicalAlert): { label: string; detail?: string; serious: boolean } {
  switch (a.kind) {
    case 'allergies':
      return { label: 'Allergies', detail: a.text, serious: true };
    case 'contraindications':
      return { label: 'Contraindications', detail: a.text, serious: true };
    case 'pregnant':
      return { label: 'Pregnant', serious: true };
    case 'breastfeeding':
      return { label: 'Breastfeeding', serious: true };
    case 'review-due':
      return {
        label: 'Medical history review due',
        detail: a.reviewedOn
          ? `Last reviewed ${formatDay(a.reviewedOn)}, over ${a.months} ${a.months === 1 ? 'month' : 'months'} ago`
          : 'Never reviewed',
        serious: false,
      };
    case 'under-18':
      // One phrase, not "Under 18" alone: the record's header already has an "Under 18" badge.
      return { label: `Under 18 (aged ${a.age})`, serious: false };
    case 'deceased':
      return { label: 'Deceased', detail: formatDay(a.deceasedOn), serious: true };
    case 'restricted':
      return { label: 'Processing restricted', detail: 'Keep the record; do not otherwise use it', serious: true };
  }
}

/**
 * The client's clinical alerts, asked of the app (which refuses any role
 * without clinical access, so reception never receives them). The writes that
 * change them (a treatment, the medical history, a date of death) invalidate
 * them (docs/renderer-data.md).
 */
export function useClinicalAlerts(clientId: string, enabled: boolean) {
  const query = useQuery({
    queryKey: queryKeys.clinicalAlerts(clientId),
    queryFn: () => api('clients.clinicalAlerts', { clientId }),
    enabled,
    ...CLIENT_READ,
  });
  return { alerts: query.data ?? null, problem: query.error ? messageOf(query.error) : null };
}

/** The banner under the client's name, and at the top of Add treatment. Nothing when there is nothing to say. */
export function ClinicalAlertsBanner(props: {
  alerts: ClinicalAlerts | null;
  problem?: string | null;
  id?: string;
  /** The region's name: unique on the page (the record's banner and the form's are both shown). */
  label?: string;
}) {
  const { alerts, problem } = props;
  if (problem) {
    return (
      <div className="clinical-alerts clinical-alerts--problem" role="alert" id={props.id}>
        Clinical alerts could not be loaded: {problem}
      </div>
    );
  }
  if (!alerts || alerts.alerts.length === 0) return null;
  const serious = alerts.alerts.some((a) => alertText(a).serious);
  return (
    <section
      className={`clinical-alerts${serious ? ' clinical-alerts--serious' : ''}`}
      aria-label={props.label ?? 'Clinical alerts'}
      data-testid="clinical-alerts"
      id={props.id}
    >
      <h2 className="clinical-alerts__title">Clinical alerts</h2>
      <ul className="clinical-alerts__list">
        {alerts.alerts.map((a) => {
          const t = alertText(a);
          return (
            <li key={a.kind} className={`clinical-alert clinical-alert--${t.serious ? 'serious' : 'note'}`} data-kind={a.kind}>
              <strong className="clinical-alert__label">{t.label}</strong>
              {t.detail ? (
                <span className="clinical-alert__detail">
                  <bdi dir="auto">{t.detail}</bdi>
                </span>
              ) : null}
            </li>
          );
        })}
      </ul>
    </section>
  );
}

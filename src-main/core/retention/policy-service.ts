/**
 * Changing the retention policy (docs/retention.md, "Policy"): the owner sees
 * which clients move into or out of the queue before saving; a period under
 * 12 months needs explicit confirmation (RETENTION_POLICY_SHORT); each save
 * is a new version, audit-logged with its numbers only.
 */
import { AppError } from '../../contract/errors';
import {
  RETENTION_MONTH_FIELDS,
  RETENTION_PERIOD_FIELDS,
  type PolicyPreviewClient,
  type RetentionPeriods,
  type RetentionPolicy,
  type RetentionPolicyPreview,
} from '../../contract/retention-types';
import type { ServiceContext } from '../service/service-context';
import { currentPolicy, insertPolicyVersion } from './policy-store';
import { clientRetentionFacts } from './queue-facts';
import { queueRows } from './queue-rows';
import { displayNamesOf, plausibleToday } from './queue-service';
import type { QueueRow } from './retention-types';

export function shortPeriods(p: RetentionPeriods): (keyof RetentionPeriods)[] {
  return RETENTION_MONTH_FIELDS.filter((f) => p[f] < 12);
}

const keyOf = (r: QueueRow) => `${r.clientId}|${r.category}|${r.requestId ?? ''}`;

/** Rows due today that the proposed policy would take out of the queue or bring into it. */
export function previewPolicy(ctx: ServiceContext, proposed: RetentionPeriods): RetentionPolicyPreview {
  const today = plausibleToday(ctx);
  const facts = clientRetentionFacts(ctx.db);
  const before = new Map(queueRows(facts, currentPolicy(ctx.db), today, 0).map((r) => [keyOf(r), r]));
  const after = new Map(queueRows(facts, proposed, today, 0).map((r) => [keyOf(r), r]));
  const leavingRows = [...before].filter(([k]) => !after.has(k)).map(([, r]) => r);
  const joiningRows = [...after].filter(([k]) => !before.has(k)).map(([, r]) => r);
  const names = displayNamesOf(ctx.db, [...new Set([...leavingRows, ...joiningRows].map((r) => r.clientId))]);
  const view = (r: QueueRow): PolicyPreviewClient => ({ clientId: r.clientId, displayName: names.get(r.clientId) ?? r.clientId, category: r.category });
  return { leaving: leavingRows.map(view), joining: joiningRows.map(view), short: shortPeriods(proposed) };
}

export function setPolicy(ctx: ServiceContext, proposed: RetentionPeriods, confirmShort: boolean): RetentionPolicy {
  const short = shortPeriods(proposed);
  if (short.length && !confirmShort) {
    throw new AppError(
      'RETENTION_POLICY_SHORT',
      `A retention period under 12 months (${short.map((f) => `${proposed[f]} months`).join(', ')}) destroys records very soon after they were last used. ` +
        'Nothing was saved. Check the period, and confirm that you mean it to save it.',
    );
  }
  if (proposed.childAged17UntilBirthday < proposed.childUntilBirthday) {
    throw new AppError('VALIDATION', 'Someone who was 17 when treatment ended is kept at least as long as a younger child. Nothing was saved.', {
      issues: [{ field: 'childAged17UntilBirthday', message: `Use ${proposed.childUntilBirthday} or more.` }],
    });
  }
  return ctx.db.transaction(() => {
    const before = currentPolicy(ctx.db);
    if (RETENTION_PERIOD_FIELDS.every((f) => before[f] === proposed[f])) {
      throw new AppError('VALIDATION', 'That is the policy already in force: nothing was changed.');
    }
    const saved = insertPolicyVersion(ctx.db, proposed, ctx.clock.now().toISOString(), ctx.actor.id);
    ctx.audit.append({
      staffId: ctx.actor.id,
      action: 'retention.policy_changed',
      detail: {
        version: saved.version,
        previousVersion: before.version,
        ...Object.fromEntries(RETENTION_PERIOD_FIELDS.map((f) => [f, saved[f]])),
        confirmedShort: short.length > 0,
      },
    });
    return saved;
  })();
}

/**
 * A client's date of death. The UK GDPR protects living people only, but the
 * clinic still keeps the record for its retention period; the marketing export
 * never includes a deceased client (a letter to the dead is a hurt, not a lapse).
 */
import { AppError } from '../../contract/errors';
import { londonToday } from '../../contract/field-schemas';
import type { ClientRecord } from '../../contract/record-types';
import type { ParsedInput } from '../../contract/schemas';
import { requireClient, toRecord } from '../clients/client-service';
import type { ServiceContext } from '../service/service-context';

function invalid(message: string): AppError {
  return new AppError('VALIDATION', message, { issues: [{ field: 'deceasedOn', message }] });
}

export function setDeceased(ctx: ServiceContext, input: ParsedInput<'clients.setDeceased'>): ClientRecord {
  const row = requireClient(ctx, input.clientId);
  const on = input.deceasedOn;
  if (on !== null && on > londonToday(ctx.clock.now())) throw invalid('The date of death cannot be in the future.');
  if (on !== null && row.date_of_birth && on < row.date_of_birth) throw invalid('The date of death cannot be before the date of birth.');
  const at = ctx.clock.now().toISOString();
  ctx.db.transaction(() => {
    ctx.db.prepare('UPDATE clients SET deceased_on = ?, updated_at = ? WHERE id = ?').run(on, at, row.id);
    ctx.audit.append({
      staffId: ctx.actor.id,
      action: 'client.deceased_set',
      subjectType: 'client',
      subjectId: row.id,
      detail: { deceased: on !== null },
    });
  })();
  // The same record clients.get returns, without logging a second (view) entry.
  return toRecord(ctx, requireClient(ctx, row.id));
}

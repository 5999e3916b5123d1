/**
 * Withholding items from a subject-access pack (UK GDPR Art 15(4); DPA 2018
 * Sch 2 para 16 third-party data, Sch 3 serious harm, Sch 2 para 19 legal
 * privilege). The owner marks an item with a reason; the reason is required
 * (redactionInputSchema refuses one without), the item must be one of this
 * client's pack, and every change is recorded on the request (recordOnRequest),
 * whose audit entry holds the item id and reason code only.
 *
 * The clinician who treated the client is not third-party data: naming them
 * is reasonable (DPA 2018 Sch 2 para 16(2)), so the practitioner's name is not
 * an item of its own and cannot be withheld; docs/access-pack.md says so.
 */
import type { AccessPackReview, RedactionInput } from '../../contract/access-pack-schemas';
import { AppError } from '../../contract/errors';
import type { ServiceContext } from '../service/service-context';
import { gatherPack, requestClientId } from './gather';
import type { AccessPackPorts } from './ports';
import { RedactionStore } from './redaction-store';

export function reviewPack(ctx: ServiceContext, ports: AccessPackPorts, requestId: string): AccessPackReview {
  const request = ports.getRequest(ctx, requestId);
  const clientId = requestClientId(request);
  const gathered = gatherPack(ctx, ports, request);
  ctx.audit.append({ staffId: ctx.actor.id, action: 'access_pack.reviewed', subjectType: 'client', subjectId: clientId, detail: { requestId: request.id } });
  return {
    requestId: request.id,
    reference: request.reference,
    identityVerified: request.identityVerified,
    restricted: ports.isRestricted(ctx, clientId),
    items: gathered.items,
    redactions: new RedactionStore(ctx.db, ctx.keys).list(requestId, clientId),
  };
}

export function addRedaction(ctx: ServiceContext, ports: AccessPackPorts, input: RedactionInput): AccessPackReview {
  const request = ports.getRequest(ctx, input.requestId);
  const clientId = requestClientId(request);
  const { items } = gatherPack(ctx, ports, request);
  if (!items.some((i) => i.itemId === input.itemId)) {
    throw new AppError('ACCESS_PACK_ITEM_NOT_FOUND');
  }
  const reasonText = input.reasonText ? input.reasonText.normalize('NFC') : null;
  ctx.db.transaction(() => {
    new RedactionStore(ctx.db, ctx.keys).put({
      requestId: request.id,
      clientId,
      itemId: input.itemId,
      reason: input.reason,
      reasonText,
      at: ctx.clock.now().toISOString(),
      staffId: ctx.actor.id,
    });
    ports.recordOnRequest(ctx, request.id, { kind: 'redaction.added', detail: { itemId: input.itemId, reason: input.reason } });
  })();
  return reviewPack(ctx, ports, request.id);
}

export function removeRedaction(ctx: ServiceContext, ports: AccessPackPorts, input: { requestId: string; itemId: string }): AccessPackReview {
  const request = ports.getRequest(ctx, input.requestId);
  ctx.db.transaction(() => {
    if (!new RedactionStore(ctx.db, ctx.keys).remove(request.id, input.itemId)) throw new AppError('ACCESS_PACK_ITEM_NOT_FOUND');
    ports.recordOnRequest(ctx, request.id, { kind: 'redaction.removed', detail: { itemId: input.itemId } });
  })();
  return reviewPack(ctx, ports, request.id);
}

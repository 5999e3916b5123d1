/**
 * The check point for legal holds on the erasure path (docs/retention.md,
 * "Legal holds"): an erasure request for a client under a complaint, claim,
 * investigation or safeguarding hold is refused with the hold's reason
 * (UK GDPR Art 17(3)(e), docs/compliance.md). destroyClientData checks it too;
 * erasure checks it first so the refusal comes before any preview work.
 */
import type { ServiceContext } from '../service/service-context';
import { requireNoLegalHold as refuseIfHeld } from '../holds/legal-hold';

export function requireNoLegalHold(ctx: ServiceContext, clientId: string): void {
  refuseIfHeld(ctx.db, clientId);
}

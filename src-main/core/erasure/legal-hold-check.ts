/**
 * The check point for legal holds (a complaint, a claim, an investigation),
 * which stop any destruction until lifted (docs/compliance.md, "Records and
 * the rights of the people in them"). Holds do not exist yet: the retention
 * issue (#13) builds them and makes this refuse with the hold's reason. Every
 * destruction path (erasure now, the retention queue later) calls it first.
 */
import type { ServiceContext } from '../service/service-context';

export function requireNoLegalHold(_ctx: ServiceContext, _clientId: string): void {
  // #13: look up an open legal hold on the client and throw LEGAL_HOLD with its reason.
}

/**
 * Restriction's "no edits" (UK GDPR Art 18(1), docs/erasure-and-restriction.md)
 * in one place: every contract method that writes to a client's data is listed
 * here with how to find the client(s) it writes to, and handlers.ts wraps
 * those handlers so the write is refused with CLIENT_RESTRICTED (or, for an
 * erased client's kept clinical record, CLIENT_ERASED) before it runs.
 * A test walks every method whose access is a write permission and fails if
 * one is neither guarded here nor named in ALLOWED_WHILE_RESTRICTED with why.
 *
 * Some writes stay open on a restricted record, because they stop processing
 * or record the client's own voice rather than use the data:
 * - withdrawing or refusing a consent, an objection to marketing (Art 7(3),
 *   Art 21: stopping must always be possible), withdrawing a TPS statement;
 * - noting or resolving a dispute, recording a rectification decision or a
 *   statement of disagreement: verifying accuracy is what an Art 18(1)(a)
 *   restriction is for.
 */
import type { Method, ParsedInput } from '../contract/schemas';
import type { Db } from './db/types';
import type { Handlers, HandlerDef } from './handler-types';
import { AppError } from '../contract/errors';
import { requireNotRestricted } from './requests/restriction';

/**
 * An erased client's row is only the anchor of a clinical record kept until
 * its retention date (core/erasure/erasure-service.ts): it takes no new data.
 */
function requireNotErased(db: Db, clientId: string): void {
  if (db.prepare('SELECT 1 FROM client_erasures WHERE client_id = ?').get(clientId)) throw new AppError('CLIENT_ERASED');
}

type ClientsOf<M extends Method> = (db: Db, input: ParsedInput<M>) => string[];

const byClientId = (_db: Db, input: { clientId: string }) => [input.clientId];

export const GUARDED_WRITES: { [M in Method]?: ClientsOf<M> } = {
  'clients.update': byClientId,
  'clients.setDeceased': byClientId,
  'medical.update': byClientId,
  'lifestyle.update': byClientId,
  'treatments.create': byClientId,
  'photos.import': byClientId,
  'photos.update': (db, input) => {
    const row = db.prepare('SELECT client_id FROM photos WHERE id = ?').get(input.photoId) as { client_id: string } | undefined;
    return row ? [row.client_id] : [];
  },
  // A grant (or "unknown", which resets a state) is a new use; a withdrawal or refusal stops one.
  'consent.record': (_db, input) => (input.state === 'withdrawn' || input.state === 'refused' ? [] : [input.clientId]),
  'tps.screen': byClientId,
  'tps.noObjection': (_db, input) => (input.state === 'withdrawn' ? [] : [input.clientId]),
  'clients.merge': (_db, input) => [input.keptId, input.mergedId],
};

/** Write methods that stay open on a restricted record, and why (see the comment above). */
export const ALLOWED_WHILE_RESTRICTED: { [M in Method]?: string } = {
  'clients.create': 'creates a new record; no existing client is written to',
  'clients.findPossibleDuplicates': 'reads only',
  'clients.mergePreview': 'reads only',
  'clients.addDispute': 'records what the client contests (Art 18(1)(a))',
  'clients.resolveDispute': 'part of verifying accuracy (Art 18(1)(a))',
  'consent.withdraw': 'withdrawing must always be possible (Art 7(3))',
  'consent.object': 'an objection must always be accepted (Art 21(3))',
};

function guarded<M extends Method>(def: HandlerDef<M>, clientsOf: ClientsOf<M>): HandlerDef<M> {
  if (def.access === 'public') return def;
  const run = def.run;
  return {
    access: def.access,
    run: (ctx, input) => {
      for (const clientId of clientsOf(ctx.vault.db, input)) {
        requireNotErased(ctx.vault.db, clientId);
        requireNotRestricted(ctx.vault.db, clientId);
      }
      return run(ctx, input);
    },
  };
}

/** The handlers with every guarded write checked for a restriction first. */
export function guardRestrictedWrites(handlers: Handlers): Handlers {
  const out = { ...handlers } as Record<Method, HandlerDef<Method>>;
  for (const method of Object.keys(GUARDED_WRITES) as Method[]) {
    out[method] = guarded(out[method], GUARDED_WRITES[method] as ClientsOf<Method>);
  }
  return out as Handlers;
}

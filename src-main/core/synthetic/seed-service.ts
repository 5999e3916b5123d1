/**
 * vault.seedSynthetic: fills an empty vault with a synthetic clinic (made-up
 * clients, histories, treatments and optionally photos) for demonstrations,
 * training and load testing. The owner-only rule is the dispatcher's
 * ('synthetic.seed' permission); the empty-vault rule is here, so made-up
 * people can never be mixed into a real clinic's records, whoever calls.
 */
import { AppError } from '../../contract/errors';
import type { ParsedInput } from '../../contract/schemas';
import type { SyntheticSeedResult } from '../../contract/types';
import type { Db } from '../db/types';
import type { ProgressSink } from '../platform/ports';
import type { ServiceContext } from '../service/service-context';
import { StaffRepo } from '../session/staff-repo';
import { fillSignedInVault } from './fill-vault';

/** Vaults with a seed running: the empty check and the fill are not one transaction, so a second call waits its turn by being refused. */
const seeding = new WeakSet<Db>();

export async function seedSyntheticClinic(
  ctx: ServiceContext,
  /** Of the core, only where progress goes and the idle timer (a seed takes a while). */
  core: { progress: ProgressSink; touch(): void },
  input: ParsedInput<'vault.seedSynthetic'>,
): Promise<SyntheticSeedResult> {
  if (seeding.has(ctx.db)) throw new AppError('CONFLICT', 'A synthetic clinic is already being added to this vault. Wait for it to finish.');
  const existing = (ctx.db.prepare('SELECT count(*) AS n FROM clients').get() as { n: number }).n;
  if (existing > 0) {
    throw new AppError(
      'CONFLICT',
      `This vault already has ${existing.toLocaleString('en-GB')} client${existing === 1 ? '' : 's'}. Seed only fills an empty vault, so made-up clients are never mixed with real ones.`,
    );
  }
  const practitioners = new StaffRepo(ctx.db)
    .list()
    .filter((m) => m.role === 'practitioner' && !m.removedAt)
    .map((m) => m.id);
  seeding.add(ctx.db);
  try {
    const clinic = await fillSignedInVault(
      ctx,
      {
        clients: input.clients,
        seed: input.seed,
        treatmentsPerClient: input.treatmentsPerClient,
        photoClients: input.photoClients,
        // A clinic set up for a demo has no notice yet: give it one its consents rest on (privacy-notice.ts).
        privacyNotice: !ctx.db.prepare('SELECT 1 FROM privacy_notices LIMIT 1').get(),
        vaultDir: ctx.paths.dir,
        onProgress: (p) => core.progress({ task: 'vault.seedSynthetic', phase: p.phase, done: p.done, total: p.total }),
      },
      // A clinic with no practitioners yet: the owner is the one treating.
      { ownerId: ctx.actor.id, practitionerIds: practitioners.length > 0 ? practitioners : [ctx.actor.id] },
      () => core.touch(),
    );
    return {
      seed: input.seed,
      clients: clinic.clients,
      treatments: clinic.treatments,
      photos: clinic.photos,
      consentEvents: clinic.consentEvents,
      seconds: clinic.seconds,
    };
  } finally {
    seeding.delete(ctx.db);
  }
}

/**
 * Fills the vault a signed-in owner has open with a synthetic clinic
 * (vault.seedSynthetic, and createSyntheticVault for tests, the benchmark and
 * the demo) and records it in the audit log: counts only, as always.
 */
import type { ServiceContext } from '../service/service-context';
import { DEFAULT_CONSENT_EVENTS_PER_CLIENT, type GenerateClinicOptions, type GeneratedClinic, generateClinic } from './generate-clinic';

export async function fillSignedInVault(
  ctx: ServiceContext,
  opts: Omit<GenerateClinicOptions, 'clock'>,
  staff: { ownerId: string; practitionerIds: string[] },
  /** Counts as activity: a big clinic takes a while, and the session must not idle into an automatic lock mid-way. */
  keepAwake: () => void,
): Promise<GeneratedClinic> {
  const clinic = await generateClinic(
    ctx.db,
    {
      ...opts,
      // Demo, seed and benchmark clinics have a consent ledger unless asked for none (0).
      consentEventsPerClient: opts.consentEventsPerClient ?? DEFAULT_CONSENT_EVENTS_PER_CLIENT,
      clock: ctx.clock,
      clinicalKey: ctx.keys.clinical ?? undefined,
      onProgress: (p) => {
        keepAwake();
        opts.onProgress?.(p);
      },
    },
    staff,
  );
  ctx.audit.append({
    staffId: ctx.actor.id,
    action: 'synthetic.generated',
    detail: { clients: clinic.clients, treatments: clinic.treatments, photos: clinic.photos, seed: opts.seed },
  });
  return clinic;
}

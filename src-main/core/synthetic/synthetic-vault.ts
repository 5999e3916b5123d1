/**
 * A whole synthetic vault: set up through the core exactly as a clinic would
 * (owner, key slots, recovery key, staff with their own passwords), then filled
 * by the generator. Tests, the benchmark and the demo all start from here.
 *
 * The passwords below are public on purpose: they open demo and test vaults of
 * made-up people, never a real clinic's.
 */
import { type CoreApi, openCore } from '../app';
import { APP_VERSION } from '../platform/app-version';
import type { ClinicCore } from '../clinic-core';
import { stateDirFor } from '../vault/state-dir';
import type { Clock, KdfCost } from '../platform/ports';
import type { Role } from '../../contract/permissions';
import { DEFAULT_CONSENT_EVENTS_PER_CLIENT, type GenerateClinicOptions, type GeneratedClinic, generateClinic } from './generate-clinic';

export interface DemoAccount {
  username: string;
  displayName: string;
  role: Role;
  password: string;
}

export const DEMO_OWNER: DemoAccount = { username: 'owner', displayName: 'Olivia Owen', role: 'owner', password: 'demo-password-123' };

export const DEMO_STAFF: readonly DemoAccount[] = [
  { username: 'priya', displayName: 'Priya Sharma', role: 'practitioner', password: 'priya-demo-password' },
  { username: 'pavel', displayName: 'Paweł Nowak', role: 'practitioner', password: 'pavel-demo-password' },
  { username: 'rachel', displayName: 'Rachel Reid', role: 'reception', password: 'rachel-demo-password' },
];

export const DEMO_ACCOUNTS: readonly DemoAccount[] = [DEMO_OWNER, ...DEMO_STAFF];

/**
 * The demo clinic (`npm run dev:web -- --demo`): 2,000 clients of seed 1, 20 of
 * them with photos, and a published privacy notice their consents rest on.
 */
export const DEMO_CLINIC = { clients: 2_000, seed: 1, photoClients: 20, privacyNotice: true } as const;

export type SyntheticVaultOptions = Omit<GenerateClinicOptions, 'vaultDir' | 'clock'> & {
  /** 'test' for tests and the demo; 'production' (the default) for the benchmark's realistic vault. */
  kdfCost?: KdfCost;
  clock?: Clock;
  clinicName?: string;
};

export interface SyntheticVault {
  vaultDir: string;
  recoveryKey: string;
  staffIds: { owner: string; practitioners: string[]; reception: string };
  clinic: GeneratedClinic;
}

export async function createSyntheticVault(vaultDir: string, opts: SyntheticVaultOptions): Promise<SyntheticVault> {
  const { kdfCost, clock, clinicName, ...generate } = opts;
  const api: CoreApi = openCore({ vaultDir, stateDir: stateDirFor(vaultDir), appVersion: APP_VERSION, kdfCost: kdfCost ?? 'production', ...(clock ? { clock } : {}) });
  try {
    const { recoveryKey, session } = await api.call('vault.setup', {
      clinic: {
        clinicName: clinicName ?? 'Riverside Aesthetics (demo)',
        addressLines: ['1 Harbourside Walk', 'Bristol'],
        postcode: 'BS1 5DB',
        phone: '0117 496 0000',
        email: 'hello@riverside.example',
        icoRegistrationNumber: 'ZA123456',
        dataProtectionContact: DEMO_OWNER.displayName,
        bankHolidayRegion: 'england-and-wales',
        autoLockMinutes: 5,
        maxUploadMB: 50,
      },
      owner: { username: DEMO_OWNER.username, displayName: DEMO_OWNER.displayName, password: DEMO_OWNER.password },
    });
    // The key is handed back to the caller (the demo prints it), so the vault need not ask for it again.
    await api.call('vault.confirmRecoveryKey', undefined);
    const ids: Record<string, string> = {};
    for (const s of DEMO_STAFF) {
      ids[s.username] = (await api.call('staff.add', { username: s.username, displayName: s.displayName, role: s.role, password: s.password })).id;
    }
    const staffIds = { owner: session.staffId, practitioners: [ids.priya!, ids.pavel!], reception: ids.rachel! };
    const clinic = await fillSignedInVault(api.core, { ...generate, vaultDir }, { ownerId: staffIds.owner, practitionerIds: staffIds.practitioners });
    return { vaultDir, recoveryKey, staffIds, clinic };
  } finally {
    api.close();
  }
}

/**
 * Fills the vault the signed-in owner has open (vault.seedSynthetic uses this
 * too) and records it in the audit log: counts only, as always.
 */
export async function fillSignedInVault(
  core: ClinicCore,
  opts: Omit<GenerateClinicOptions, 'clock'>,
  staff: { ownerId: string; practitionerIds: string[] },
): Promise<GeneratedClinic> {
  const { vault, session } = core.requireSession();
  const clinic = await generateClinic(
    vault.db,
    {
      ...opts,
      // Demo, seed and benchmark clinics have a consent ledger unless asked for none (0).
      consentEventsPerClient: opts.consentEventsPerClient ?? DEFAULT_CONSENT_EVENTS_PER_CLIENT,
      clock: core.clock,
      clinicalKey: vault.keys.clinical ?? undefined,
      // A big clinic takes a while: keep the session from idling into an automatic lock mid-way.
      onProgress: (p) => {
        core.touch();
        opts.onProgress?.(p);
      },
    },
    staff,
  );
  vault.audit.append({
    staffId: session.staff.id,
    action: 'synthetic.generated',
    detail: { clients: clinic.clients, treatments: clinic.treatments, photos: clinic.photos, seed: opts.seed },
  });
  return clinic;
}

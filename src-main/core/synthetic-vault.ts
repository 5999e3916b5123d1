/**
 * A whole synthetic vault: set up through the core exactly as a clinic would
 * (owner, key slots, recovery key, staff with their own passwords), then filled
 * by the generator. Tests, the benchmark and the demo all start from here. It
 * sits at the core's root because it drives the whole core (openCore), which
 * no domain folder may import.
 *
 * The passwords below are public on purpose: they open demo and test vaults of
 * made-up people, never a real clinic's.
 */
import { type CoreApi, openCore } from './app';
import { APP_VERSION } from './platform/app-version';
import { stateDirFor } from './vault/state-dir';
import type { Clock, KdfCost } from './platform/ports';
import type { Role } from '../contract/permissions';
import { serviceContext } from './service/service-context';
import { fillSignedInVault } from './synthetic/fill-vault';
import type { GenerateClinicOptions, GeneratedClinic } from './synthetic/generate-clinic';

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
    const ctx = serviceContext({ core: api.core, ...api.core.requireSession() });
    const clinic = await fillSignedInVault(ctx, { ...generate, vaultDir }, { ownerId: staffIds.owner, practitionerIds: staffIds.practitioners }, () => api.core.touch());
    return { vaultDir, recoveryKey, staffIds, clinic };
  } finally {
    api.close();
  }
}

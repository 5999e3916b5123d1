/** Test support (not shipped code): a vault with a client, and short ways to record consents. */
import type { CoreApi } from '../app';
import type { MethodInput } from '../../contract/schemas';
import { newClient } from './test-clients';
import { type TestVault, createTestVault } from './temp-vault';
import { dbOf } from './upload-test-support';

export async function vaultWithClient(overrides: Partial<MethodInput<'clients.create'>> = {}): Promise<{ tv: TestVault; api: CoreApi; clientId: string }> {
  const tv = await createTestVault();
  const client = await tv.api.call('clients.create', newClient(overrides));
  return { tv, api: tv.api, clientId: client.id };
}

type Extras = Partial<Omit<MethodInput<'consent.record'>, 'clientId' | 'purposeId'>>;

export function grant(api: CoreApi, clientId: string, purposeId: string, extras: Extras = {}) {
  return api.call('consent.record', { clientId, purposeId, state: 'granted', method: 'paper-form', ...extras });
}

export function stateOf(summary: { current: { purpose: { id: string }; state: string }[] }, purposeId: string): string | undefined {
  return summary.current.find((c) => c.purpose.id === purposeId)?.state;
}

export function countEvents(api: CoreApi, clientId: string): number {
  return (dbOf(api).prepare('SELECT count(*) AS n FROM consent_events WHERE client_id = ?').get(clientId) as { n: number }).n;
}

export const PDF_BYTES = Buffer.concat([Buffer.from('%PDF-1.4\n%âãÏÓ\n1 0 obj\n<<>>\nendobj\n', 'latin1'), Buffer.alloc(512, 0x20), Buffer.from('\n%%EOF\n')]);
export const EXE_BYTES = Buffer.concat([Buffer.from('MZ\x90\x00', 'latin1'), Buffer.alloc(2048)]);

export async function stage(api: CoreApi, bytes: Buffer, fileName: string): Promise<string> {
  const r = await api.upload(bytes, { fileName });
  if (!r.ok) throw new Error(`upload refused: ${r.error.code}`);
  return r.value.uploadId;
}

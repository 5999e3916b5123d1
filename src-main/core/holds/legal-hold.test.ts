/**
 * Legal holds stop every destruction (issue #13 item 3 and its bad input
 * "destroying a held client"): erasure through the dispatcher (also issue
 * #12's bad input), destroyClientData called directly, and both again after
 * the hold is released.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type TestVault, createTestVault } from '../test-support/temp-vault';
import { dbOf } from '../test-support/upload-test-support';
import { seedErasableClient } from '../test-support/erasure-test-support';
import { serviceContextOf } from '../test-support/service-context-test-support';
import { destroyClientData } from '../destruction/destroy-client';
import { placeHold, releaseHold } from './hold-service';
import { openHoldOf } from './legal-hold';

let tv: TestVault;
beforeEach(async () => {
  tv = await createTestVault();
});
afterEach(() => tv.cleanup());

function stored(clientId: string) {
  const db = dbOf(tv.api);
  return {
    client: db.prepare('SELECT * FROM clients WHERE id = ?').all(clientId),
    treatments: db.prepare('SELECT id FROM treatments WHERE client_id = ?').all(clientId),
    photos: db.prepare('SELECT id FROM photos WHERE client_id = ?').all(clientId),
    files: db.prepare('SELECT id FROM files ORDER BY id').all(),
    erasures: db.prepare('SELECT * FROM client_erasures').all(),
  };
}

const HOLD = { kind: 'complaint' as const, reason: 'Complaint about bruising, letter of 02/11/2026', reviewOn: null };

describe('a held client', () => {
  it('cannot be erased: the refusal names the hold’s kind, reason and who placed it, and nothing changes', async () => {
    const { clientId } = await seedErasableClient(tv.api, 1);
    placeHold(serviceContextOf(tv.api), { clientId, ...HOLD });
    const before = stored(clientId);
    const r = await tv.api.dispatch('erasure.apply', { clientId, confirmation: 'ERASE' });
    expect(r.ok ? null : r.error.code).toBe('LEGAL_HOLD');
    const message = r.ok ? '' : r.error.message;
    expect(message).toContain('complaint');
    expect(message).toContain(HOLD.reason);
    expect(message).toContain('Olivia Owner');
    expect(message).toMatch(/release the hold on the client’s page/);
    expect(stored(clientId)).toEqual(before);
    expect((await tv.api.call('clients.search', { query: 'Quarrington' })).results).toHaveLength(1);
  });

  it('cannot be destroyed by a direct call to destroyClientData, whatever the categories', async () => {
    const { clientId } = await seedErasableClient(tv.api, 1);
    const ctx = serviceContextOf(tv.api);
    placeHold(ctx, { clientId, ...HOLD, kind: 'claim' });
    const before = stored(clientId);
    for (const categories of [['clinical'], ['contact', 'marketing', 'other']] as const) {
      expect(() => destroyClientData(ctx, clientId, categories, { auditAction: 'erasure.applied' })).toThrow(/legal hold \(legal claim/);
    }
    expect(stored(clientId)).toEqual(before);
  });

  it('can be destroyed once the hold is released', async () => {
    const { clientId } = await seedErasableClient(tv.api, 1);
    const ctx = serviceContextOf(tv.api);
    placeHold(ctx, { clientId, ...HOLD });
    releaseHold(ctx, { clientId, reason: 'Complaint resolved' });
    expect(openHoldOf(ctx.db, clientId)).toBeNull();
    const report = destroyClientData(ctx, clientId, ['contact', 'marketing', 'other', 'clinical'], { auditAction: 'erasure.applied' });
    expect(report.clientRemoved).toBe(true);
    expect(stored(clientId).client).toEqual([]);
  });
});

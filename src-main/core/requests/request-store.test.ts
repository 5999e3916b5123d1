/**
 * The register's store (migration 0016): a request read back as others see it
 * (getSubjectRequest), and a step recorded on it (recordOnRequest) kept in its
 * history with the audit log holding ids only.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { newClient } from '../test-support/test-clients';
import { type TestVault, createTestVault, errorCodeOf } from '../test-support/temp-vault';
import { dbOf } from '../test-support/upload-test-support';
import { serviceContextOf } from '../test-support/service-context-test-support';
import { getSubjectRequest, recordOnRequest } from './request-store';

let tv: TestVault;
beforeEach(async () => {
  tv = await createTestVault(); // the clock says 22/11/2026
});
afterEach(() => tv?.cleanup());

describe('request store', () => {
  it('reads a logged request with its reference, due date and identity state', async () => {
    const client = await tv.api.call('clients.create', newClient());
    const { request } = await tv.api.call('requests.add', { clientId: client.id, types: ['access'], channel: 'email', receivedOn: '2026-11-03' });
    const read = getSubjectRequest(serviceContextOf(tv.api), request.id);
    expect(read).toMatchObject({
      reference: 'DSR-2026-0001',
      clientId: client.id,
      types: ['access'],
      status: 'open',
      dueDate: '2026-12-03', // ICO: the same date next month (a Thursday)
      daysLeft: 11,
      identityVerified: true,
    });
  });

  it('an unknown id is REQUEST_NOT_FOUND, for reading and for recording a step', async () => {
    const ctx = serviceContextOf(tv.api);
    expect(await errorCodeOf(() => getSubjectRequest(ctx, 'dsr_00000000000000000000'))).toBe('REQUEST_NOT_FOUND');
    expect(await errorCodeOf(() => recordOnRequest(ctx, 'dsr_00000000000000000000', { kind: 'pack.exported', detail: {} }))).toBe(
      'REQUEST_NOT_FOUND',
    );
    expect(await errorCodeOf(() => tv.api.call('requests.get', { id: 'dsr_00000000000000000000' }))).toBe('REQUEST_NOT_FOUND');
  });

  it('a recorded step is in the request history in full, and in the audit log with ids and hashes only', async () => {
    const { request } = await tv.api.call('requests.add', { personName: 'Zofia Wójcik', types: ['access'], channel: 'letter', receivedOn: '2026-11-20' });
    const sha = 'a'.repeat(64);
    recordOnRequest(serviceContextOf(tv.api), request.id, {
      kind: 'pack.exported',
      detail: { fileId: 'f_0123456789abcdef0123', sha256: sha, pages: 12, note: 'Zofia Wójcik asked for paper' },
    });
    const { history } = await tv.api.call('requests.get', { id: request.id });
    expect(history.map((h) => h.kind)).toEqual(['logged', 'pack.exported']);
    expect(history[1]!.detail).toMatchObject({ note: 'Zofia Wójcik asked for paper', sha256: sha });
    const audit = dbOf(tv.api)
      .prepare(`SELECT action, subject_id, detail FROM audit_log WHERE subject_type = 'request' ORDER BY seq`)
      .all() as { action: string; subject_id: string; detail: string }[];
    expect(audit.map((a) => a.action)).toEqual(['request.logged', 'request.step_recorded']);
    expect(JSON.parse(audit[1]!.detail)).toEqual({ kind: 'pack.exported', fileId: 'f_0123456789abcdef0123', sha256: sha, pages: 12 });
    expect(audit.map((a) => a.detail).join(' ')).not.toMatch(/Zofia|Wójcik|paper/);
  });

  it('the history cannot be rewritten', async () => {
    const { request } = await tv.api.call('requests.add', { personName: 'Ana Silva', types: ['erasure'], channel: 'phone', receivedOn: '2026-11-20' });
    expect(() => dbOf(tv.api).prepare(`UPDATE subject_request_history SET kind = 'x' WHERE request_id = ?`).run(request.id)).toThrow(/kept as recorded/);
  });
});

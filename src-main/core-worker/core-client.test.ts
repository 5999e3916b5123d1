/**
 * The core in its worker thread, end to end: real worker, real SQLCipher vault.
 * What the window would see: answers to every call, in order, even while the
 * worker is busy; CORE_RESTARTED and a working vault after the worker dies;
 * progress for long calls, and a cancelled check that stops.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { openCore } from '../core/app';
import { OWNER, testStateDir } from '../core/test-support/temp-vault';
import { ERROR_MESSAGES } from '../contract/errors';
import type { CallProgress } from '../contract/api';
import {
  CRASHING_WORKER_ENTRY,
  memoryLogger,
  startWorkerClient,
  valueOf,
  workerVault,
} from '../test-support/core-worker-client';
import { makeJpeg } from '../core/test-support/test-images';
import { stripJpegMetadata } from '../core/uploads/jpeg-strip';
import { Readable } from 'node:stream';

type Vault = Awaited<ReturnType<typeof workerVault>>;
let vault: Vault | null = null;
afterEach(async () => {
  await vault?.cleanup();
  vault = null;
});

const newClient = (firstName: string) => ({ firstName, lastName: 'Worker', dateOfBirth: '1990-01-01' });

describe('core worker: calls', () => {
  it('runs the contract in the worker: set up, create a client, find it', async () => {
    vault = await workerVault();
    const { client } = vault;
    const status = valueOf(await client.dispatch('app.status', undefined));
    expect(status).toMatchObject({ state: 'unlocked', clinicName: 'Riverside Aesthetics' });
    const created = valueOf(await client.dispatch('clients.create', newClient('Ada'))) as { id: string };
    const found = valueOf(await client.dispatch('clients.search', { query: 'Ada' })) as {
      results: { id: string }[];
    };
    expect(found.results.map((r) => r.id)).toContain(created.id);
  });

  it('answers bad input with the dispatcher’s error, as in-process', async () => {
    vault = await workerVault();
    const unknown = await vault.client.dispatch('vault.nonsense', {});
    expect(unknown).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    const bad = await vault.client.dispatch('clients.create', { firstName: '' });
    expect(bad).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
    // Not even copyable to the worker: refused, not thrown.
    const uncloneable = await vault.client.dispatch('clients.create', { firstName: () => 'x' });
    expect(uncloneable).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
  });

  it('queues calls sent while the worker is busy: every one is answered, each with its own result, started in order', async () => {
    vault = await workerVault();
    const { client } = vault;
    // A long call first, then a burst behind it without waiting.
    const seed = client.dispatch('vault.seedSynthetic', { clients: 1_500, treatmentsPerClient: 2 });
    const names = Array.from({ length: 25 }, (_, i) => `Queued${String(i).padStart(2, '0')}`);
    const statuses = names.map(() => client.dispatch('app.status', undefined));
    const seeded = valueOf(await seed) as { clients: number };
    expect(seeded.clients).toBe(1_500);
    for (const status of await Promise.all(statuses))
      expect(valueOf(status)).toMatchObject({ state: 'unlocked' });
    // Writes in a burst: each answer is its own, and the core saw them in the order they were sent.
    const created = (
      await Promise.all(names.map((n) => client.dispatch('clients.create', newClient(n))))
    ).map((r) => valueOf(r) as { id: string; firstName: string });
    expect(created.map((c) => c.firstName)).toEqual(names);
    const audit = valueOf(await client.dispatch('audit.list', { action: 'client.created', limit: 25 })) as {
      entries: { subjectId: string | null }[];
    };
    expect(audit.entries.map((e) => e.subjectId).reverse()).toEqual(created.map((c) => c.id));
  });

  it('streams an upload to the worker as transferred chunks; the staged file imports as a photo', async () => {
    vault = await workerVault();
    const { client } = vault;
    const clientId = (valueOf(await client.dispatch('clients.create', newClient('Ada'))) as { id: string })
      .id;
    const jpeg = await makeJpeg();
    async function* pieces() {
      for (let at = 0; at < jpeg.length; at += 1000) yield jpeg.subarray(at, at + 1000);
    }
    const receipt = valueOf(await client.upload(Readable.from(pieces()), { fileName: 'before.jpg' }));
    // The stored size: JPEG metadata is stripped as the bytes arrive.
    expect(receipt.size).toBe(stripJpegMetadata(jpeg).length);
    const photo = await client.dispatch('photos.import', {
      clientId,
      uploadId: receipt.uploadId,
      area: 'Cheek',
      stage: 'before',
      takenOn: '2026-11-20',
    });
    expect(photo).toMatchObject({ ok: true, value: { clientId, mediaType: 'image/jpeg' } });
  });
});

describe('core worker: crash and restart', () => {
  it('answers pending calls CORE_RESTARTED, restarts locked, and keeps what was committed', async () => {
    const logger = memoryLogger();
    vault = await workerVault({ entry: CRASHING_WORKER_ENTRY, logger });
    const { client, vaultDir } = vault;
    const kept = valueOf(await client.dispatch('clients.create', newClient('Committed'))) as { id: string };

    const crash = await client.dispatch('test.crash', undefined);
    expect(crash).toEqual({
      ok: false,
      error: { code: 'CORE_RESTARTED', message: ERROR_MESSAGES.CORE_RESTARTED },
    });
    expect(ERROR_MESSAGES.CORE_RESTARTED).toBe(
      'Clinic Vault had to restart its data engine. Nothing saved was lost; sign in again.',
    );

    // The new worker has the vault open but nobody signed in.
    expect(valueOf(await client.dispatch('app.status', undefined))).toMatchObject({ state: 'locked' });
    expect(await client.dispatch('clients.get', { clientId: kept.id })).toMatchObject({
      ok: false,
      error: { code: 'NOT_SIGNED_IN' },
    });
    valueOf(await client.dispatch('session.signIn', { username: OWNER.username, password: OWNER.password }));
    expect(valueOf(await client.dispatch('clients.get', { clientId: kept.id }))).toMatchObject({
      firstName: 'Committed',
    });
    expect(logger.lines.map((l) => l.message)).toEqual(
      expect.arrayContaining(['core-worker.exited', 'core-worker.restarted']),
    );

    // The process still holds the vault's lock: another opener is refused while it runs...
    expect(() => openCore({ vaultDir, stateDir: testStateDir(vaultDir), appVersion: 't', kdfCost: 'test' })).toThrow(
      expect.objectContaining({ code: 'VAULT_IN_USE' }),
    );
  });

  it('answers a long call that was running when the worker died', async () => {
    vault = await workerVault({ entry: CRASHING_WORKER_ENTRY });
    const { client } = vault;
    // The seed yields between batches, so the crash message is read while it is still running.
    const seed = client.dispatch('vault.seedSynthetic', { clients: 20_000, treatmentsPerClient: 1 });
    const crash = client.dispatch('test.crash', undefined);
    expect(await seed).toMatchObject({ ok: false, error: { code: 'CORE_RESTARTED' } });
    expect(await crash).toMatchObject({ ok: false, error: { code: 'CORE_RESTARTED' } });
    // The half-done seed was one transaction: none of it was committed.
    valueOf(await client.dispatch('session.signIn', { username: OWNER.username, password: OWNER.password }));
    const found = valueOf(await client.dispatch('clients.search', { query: 'a' })) as { results: unknown[] };
    expect(found.results).toEqual([]);
  });

  it('closes cleanly: the session is locked, the lock released, and the vault opens again', async () => {
    vault = await workerVault();
    const { client, vaultDir } = vault;
    const kept = valueOf(await client.dispatch('clients.create', newClient('Closed'))) as { id: string };
    await client.close();
    expect(await client.dispatch('app.status', undefined)).toMatchObject({
      ok: false,
      error: { code: 'INTERNAL' },
    });
    const again = openCore({ vaultDir, stateDir: testStateDir(vaultDir), appVersion: 't', kdfCost: 'test' });
    try {
      await again.call('session.signIn', { username: OWNER.username, password: OWNER.password });
      expect(await again.call('clients.get', { clientId: kept.id })).toMatchObject({ firstName: 'Closed' });
      const audit = await again.call('audit.list', { action: 'session.signed_out', limit: 5 });
      expect(audit.entries.length).toBeGreaterThan(0);
    } finally {
      again.close();
    }
  });

  it('refuses to start on a vault another process holds', async () => {
    vault = await workerVault();
    await expect(startWorkerClient(vault.vaultDir)).rejects.toMatchObject({ code: 'VAULT_IN_USE' });
  });
});

describe('core worker: progress and cancel', () => {
  it('reports a vault check’s progress, file by file, to the caller', async () => {
    vault = await workerVault();
    const { client } = vault;
    valueOf(
      await client.dispatch('vault.seedSynthetic', { clients: 30, treatmentsPerClient: 1, photoClients: 6 }),
    );
    const events: CallProgress[] = [];
    const result = valueOf(
      await client.dispatch('vault.verify', undefined, { onProgress: (p) => events.push(p) }),
    ) as {
      ok: boolean;
      files: { checked: number };
    };
    expect(result.ok).toBe(true);
    expect(result.files.checked).toBeGreaterThan(0);
    // The database pages come first, then the audit log, then each stored file.
    expect(events[0]?.label).toBe('Checking recent changes');
    expect(events.some((e) => e.label === 'Checking the audit log')).toBe(true);
    const fileEvents = events.filter((e) => e.label === 'Checking stored files');
    expect(fileEvents.at(-1)).toEqual({
      done: result.files.checked,
      total: result.files.checked,
      label: 'Checking stored files',
    });
  });

  it('reports a database key rotation’s steps', async () => {
    vault = await workerVault();
    const events: CallProgress[] = [];
    valueOf(
      await vault.client.dispatch('vault.rotateDatabaseKey', undefined, {
        onProgress: (p) => events.push(p),
      }),
    );
    expect(events.map((e) => e.label)).toEqual(
      expect.arrayContaining(['Re-encrypting the database', 'Done']),
    );
  });

  it('stops a cancelled vault check at once with CANCELLED, recording no check', async () => {
    vault = await workerVault();
    const { client } = vault;
    valueOf(
      await client.dispatch('vault.seedSynthetic', { clients: 30, treatmentsPerClient: 1, photoClients: 6 }),
    );
    const controller = new AbortController();
    const events: CallProgress[] = [];
    const result = await client.dispatch('vault.verify', undefined, {
      signal: controller.signal,
      onProgress: (p) => {
        events.push(p);
        if (p.label === 'Checking stored files') controller.abort();
      },
    });
    expect(result).toEqual({ ok: false, error: { code: 'CANCELLED', message: ERROR_MESSAGES.CANCELLED } });
    const files = events.filter((e) => e.label === 'Checking stored files');
    expect(files.at(-1)!.done).toBeLessThan(files.at(-1)!.total);
    const audit = valueOf(await client.dispatch('audit.list', { action: 'vault.verified', limit: 5 })) as {
      entries: unknown[];
    };
    expect(audit.entries).toEqual([]);
  });

  it('stops a call busy in synchronous work: Cancel reaches it through shared memory, not a message it could not read', async () => {
    vault = await workerVault();
    const { client } = vault;
    valueOf(await client.dispatch('vault.seedSynthetic', { clients: 30, treatmentsPerClient: 1, photoClients: 0 }));
    // The cancel is sent before the worker starts the call; the list is made without giving up the thread,
    // so the 'cancel' message is read only after it ends. Only the shared flag can stop it.
    const controller = new AbortController();
    const answer = client.dispatch('marketing.export', { channel: 'email' }, { signal: controller.signal });
    controller.abort();
    expect(await answer).toEqual({ ok: false, error: { code: 'CANCELLED', message: ERROR_MESSAGES.CANCELLED } });
    const audit = valueOf(await client.dispatch('audit.list', { action: 'marketing.exported', limit: 5 })) as { entries: unknown[] };
    expect(audit.entries).toEqual([]);
    // Not cancelled, the same call answers.
    expect(valueOf(await client.dispatch('marketing.export', { channel: 'email' }))).toEqual(expect.objectContaining({ channel: 'email' }));
  });
});

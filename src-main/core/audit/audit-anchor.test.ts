import { generateKeyPairSync } from 'node:crypto';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { OWNER, addStaffMember, createTestVault, makeTempDir, testStateDir, type TestVault } from '../test-support/temp-vault';
import { openRawDatabase } from '../test-support/raw-database';
import { checkpointsIn, headSeq, recomputeChain, withoutTriggers } from '../test-support/audit-tamper';
import { createDatabase } from '../db/open-database';
import { migrate } from '../db/migrate';
import { MIGRATIONS } from '../db/migrations';
import { randomBytes } from 'node:crypto';
import { signCheckpoint } from './checkpoint';
import { auditTriggerProblems } from './audit-triggers';
import { undoMigration0009 } from '../test-support/undo-migration-0009';
import { undoMigration0014 } from '../test-support/undo-migration-0014';
import { undoMigration0013 } from '../test-support/undo-migration-0013';
import { undoMigration0015 } from '../test-support/undo-migration-0015';
import { undoMigration0016 } from '../test-support/undo-migration-0016';
import { undoMigration0017 } from '../test-support/undo-migration-0017';
import { undoMigration0018 } from '../test-support/undo-migration-0018';
import { undoMigration0019 } from '../test-support/undo-migration-0019';
import { undoMigration0020 } from '../test-support/undo-migration-0020';
import { undoMigration0024 } from '../test-support/undo-migration-0024';
import { undoMigration0025 } from '../test-support/undo-migration-0025';
import { undoMigration0021 } from '../test-support/undo-migration-0021';
import { undoMigration0023 } from '../test-support/undo-migration-0023';
import { undoMigration0022 } from '../test-support/undo-migration-0022';
import type { CoreApi } from '../app';
import { newClient, anotherPerson } from '../test-support/test-clients';

let tv: TestVault | undefined;
let tmpCleanup: (() => void) | undefined;
afterEach(() => {
  tv?.cleanup();
  tv = undefined;
  tmpCleanup?.();
  tmpCleanup = undefined;
});

const signInOwner = (api: CoreApi) => api.call('session.signIn', { username: OWNER.username, password: OWNER.password });

/**
 * A few working sessions, an hour apart: each adds and opens clients (entries
 * between checkpoints), and each owner sign-in and lock signs a checkpoint. Locked at the end.
 */
async function lockedVaultWithHistory(): Promise<TestVault> {
  const v = await createTestVault();
  for (let i = 0; i < 4; i++) {
    const client = await v.api.call('clients.create', newClient({ firstName: `Client${i}`, ...anotherPerson(i) }));
    await v.api.call('clients.get', { clientId: client.id });
    await v.api.call('session.lock', undefined);
    v.clock.advance(3_600_000);
    await signInOwner(v.api);
  }
  await v.api.call('session.lock', undefined);
  v.clock.advance(3_600_000);
  return v;
}

async function tamperedEvents(api: CoreApi) {
  return (await api.call('audit.list', { limit: 100, action: 'audit.tamper_detected' })).entries;
}

describe('signed audit checkpoints', () => {
  it('are written at each owner sign-in and lock, into the database and audit-anchor.json, and verify against the log', async () => {
    tv = await lockedVaultWithHistory();
    const raw = await openRawDatabase(tv.vaultDir, tv.recoveryKey);
    const inDb = checkpointsIn(raw);
    const head = headSeq(raw);
    raw.close();
    expect(inDb.length).toBeGreaterThanOrEqual(9);
    expect(inDb.at(-1)!.seq).toBe(head);
    const file = JSON.parse(readFileSync(join(tv.vaultDir, 'audit-anchor.json'), 'utf8')) as { checkpoints: { seq: number; signature: string }[] };
    expect(file.checkpoints).toHaveLength(8);
    expect(file.checkpoints[0]!.seq).toBe(head);
    expect(inDb.map((c) => c.signature)).toEqual(expect.arrayContaining(file.checkpoints.map((c) => c.signature)));
    const session = await signInOwner(tv.api);
    expect(session.warnings).toEqual([]);
    const result = await tv.api.call('audit.verify', undefined);
    expect(result).toMatchObject({ ok: true, firstBrokenSeq: null, anchoredToSeq: expect.any(Number) });
  });

  it('names the first removed entry when the newest rows below a checkpoint are deleted, at unlock and in verify', async () => {
    tv = await lockedVaultWithHistory();
    const raw = await openRawDatabase(tv.vaultDir, tv.recoveryKey);
    const cps = checkpointsIn(raw);
    const cut = cps.at(-3)!.seq + 1; // everything after the third newest checkpoint goes
    withoutTriggers(raw, () => raw.prepare('DELETE FROM audit_log WHERE seq >= ?').run(cut));
    expect(headSeq(raw)).toBe(cut - 1);
    raw.close();

    const session = await signInOwner(tv.api);
    expect(session.warnings).toEqual([expect.objectContaining({ kind: 'audit_tampered', firstBrokenSeq: cut })]);
    expect(session.warnings[0]!.message).toMatch(new RegExp(`entry #${cut} has been removed`, "i"));
    const logged = await tamperedEvents(tv.api);
    expect(logged).toHaveLength(1);
    expect(logged[0]!.detail).toMatchObject({ firstBrokenSeq: cut });
    // The chain itself still walks cleanly; only the signed checkpoint shows what was cut.
    const result = await tv.api.call('audit.verify', undefined);
    expect(result).toMatchObject({ ok: false, firstBrokenSeq: cut });
  });

  it('names an entry removed from the middle at unlock, without walking the chain', async () => {
    tv = await lockedVaultWithHistory();
    const raw = await openRawDatabase(tv.vaultDir, tv.recoveryKey);
    const target = (raw.prepare(`SELECT seq FROM audit_log WHERE action = 'client.created' ORDER BY seq`).get() as { seq: number }).seq;
    withoutTriggers(raw, () => raw.prepare('DELETE FROM audit_log WHERE seq = ?').run(target));
    raw.close();
    const session = await signInOwner(tv.api);
    expect(session.warnings).toEqual([expect.objectContaining({ kind: 'audit_tampered', firstBrokenSeq: target })]);
    expect(session.warnings[0]!.message).toMatch(new RegExp(`entry #${target} has been removed`, 'i'));
  });

  it('names a gap left in entries made after the newest checkpoint (a receptionist\'s session after the owner locked)', async () => {
    tv = await lockedVaultWithHistory();
    await signInOwner(tv.api);
    const rachel = await addStaffMember(tv.api, 'reception');
    await tv.api.call('session.lock', undefined);
    await tv.api.call('session.signIn', { username: rachel.username, password: rachel.password });
    for (let i = 0; i < 3; i++) await tv.api.call('clients.create', newClient({ firstName: `Walk-in${i}`, ...anotherPerson(10 + i) }));
    await tv.api.call('session.lock', undefined);
    const raw = await openRawDatabase(tv.vaultDir, tv.recoveryKey);
    const newestCheckpoint = checkpointsIn(raw).at(-1)!.seq;
    const removed = headSeq(raw) - 2;
    expect(removed).toBeGreaterThan(newestCheckpoint);
    withoutTriggers(raw, () => raw.prepare('DELETE FROM audit_log WHERE seq = ?').run(removed));
    raw.close();
    const session = await signInOwner(tv.api);
    expect(session.warnings).toEqual([expect.objectContaining({ kind: 'audit_tampered', firstBrokenSeq: removed })]);
  });

  it('names where an entry was rewritten, even when every hash after it was recomputed', async () => {
    tv = await lockedVaultWithHistory();
    const raw = await openRawDatabase(tv.vaultDir, tv.recoveryKey);
    const cps = checkpointsIn(raw);
    // An entry between two checkpoints (a client opened between a sign-in and the next lock).
    const target = (raw.prepare(`SELECT seq FROM audit_log WHERE action = 'client.viewed' ORDER BY seq`).all() as { seq: number }[])[1]!.seq;
    const before = cps.filter((c) => c.seq < target).at(-1)!.seq;
    const after = cps.find((c) => c.seq > target)!.seq;
    expect(after - before).toBeGreaterThan(2);
    withoutTriggers(raw, () => {
      raw.prepare(`UPDATE audit_log SET staff_id = 'st_someone_else' WHERE seq = ?`).run(target);
      recomputeChain(raw);
    });
    raw.close();

    const session = await signInOwner(tv.api);
    const warning = session.warnings[0]!;
    expect(warning).toMatchObject({ kind: 'audit_tampered', firstBrokenSeq: before + 1 });
    expect(warning.message).toMatch(new RegExp(`an entry from #${before + 1} to #${after} has been changed since it was signed`, 'i'));
    // The chain walk alone would pass: every hash was recomputed.
    const result = await tv.api.call('audit.verify', undefined);
    expect(result).toMatchObject({ ok: false, firstBrokenSeq: before + 1 });
    expect(result.problem).not.toMatch(/chain breaks/);
  });

  it('names a dropped append-only trigger, and an added one', async () => {
    tv = await lockedVaultWithHistory();
    const raw = await openRawDatabase(tv.vaultDir, tv.recoveryKey);
    raw.exec('DROP TRIGGER audit_log_no_delete');
    raw.exec(`CREATE TRIGGER audit_log_swallow BEFORE INSERT ON audit_log WHEN NEW.action = 'x' BEGIN SELECT RAISE(IGNORE); END`);
    raw.close();
    const session = await signInOwner(tv.api);
    expect(session.warnings).toHaveLength(1);
    expect(session.warnings[0]!.message).toMatch(/audit_log_no_delete has been removed/);
    expect(session.warnings[0]!.message).toMatch(/unexpected trigger audit_log_swallow/);
    expect(await tamperedEvents(tv.api)).toHaveLength(1);
    const result = await tv.api.call('audit.verify', undefined);
    expect(result.ok).toBe(false);
    expect(result.problem).toMatch(/audit_log_no_delete/);
  });

  it('refuses a checkpoint signed with another key, naming its entry', async () => {
    tv = await lockedVaultWithHistory();
    const raw = await openRawDatabase(tv.vaultDir, tv.recoveryKey);
    const cps = checkpointsIn(raw);
    // The insider rewrites an entry, recomputes the chain, and signs a new head with a key of their own.
    const mallory = generateKeyPairSync('ed25519');
    withoutTriggers(raw, () => {
      raw.prepare(`UPDATE audit_log SET action = 'session.locked' WHERE seq = ?`).run(cps.at(-2)!.seq);
      recomputeChain(raw);
    });
    const head = raw.prepare('SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1').get() as { seq: number; hash: string };
    const forged = signCheckpoint({ vaultId: cps[0]!.vaultId, seq: head.seq, hash: head.hash, at: new Date().toISOString(), generation: 999 }, mallory.privateKey);
    raw.prepare(`INSERT INTO audit_checkpoints (vault_id, seq, hash, at, generation, signature) VALUES (@vaultId, @seq, @hash, @at, @generation, @signature)`).run(forged);
    raw.close();
    const anchorFile = join(tv.vaultDir, 'audit-anchor.json');
    writeFileSync(anchorFile, JSON.stringify({ format: 'clinic-vault-audit-anchor', version: 1, checkpoints: [forged] }));

    const session = await signInOwner(tv.api);
    expect(session.warnings[0]!.message).toContain(`the checkpoint for entry #${head.seq} is not signed by this vault's owner key`);
    const result = await tv.api.call('audit.verify', undefined);
    expect(result.ok).toBe(false);
    expect(result.problem).toContain(`#${head.seq} is not signed by this vault's owner key`);
    // The genuine checkpoints in the database still show the rewrite itself.
    expect(result.firstBrokenSeq).toBeLessThanOrEqual(cps.at(-2)!.seq);
  });

  it('reports a checkpoint in audit-anchor.json that the database no longer has', async () => {
    tv = await lockedVaultWithHistory();
    const raw = await openRawDatabase(tv.vaultDir, tv.recoveryKey);
    const newest = checkpointsIn(raw).at(-1)!;
    withoutTriggers(raw, () => {
      raw.prepare('DELETE FROM audit_checkpoints WHERE seq >= ?').run(newest.seq - 1);
      raw.prepare('DELETE FROM audit_log WHERE seq >= ?').run(newest.seq - 1);
    });
    raw.close();
    const session = await signInOwner(tv.api);
    expect(session.warnings[0]!.message).toContain(`the checkpoint for entry #${newest.seq}`);
    expect(session.warnings[0]!.message).toContain('is missing from the database');
    expect(session.warnings[0]).toMatchObject({ kind: 'audit_tampered', firstBrokenSeq: newest.seq - 1 });
  });

  it('logs tampering found when other staff sign in, but shows it to the owner only', async () => {
    tv = await createTestVault();
    const rachel = await addStaffMember(tv.api, 'reception');
    await tv.api.call('session.lock', undefined);
    const raw = await openRawDatabase(tv.vaultDir, tv.recoveryKey);
    raw.exec('DROP TRIGGER audit_log_no_update');
    raw.close();
    const session = await tv.api.call('session.signIn', { username: rachel.username, password: rachel.password });
    expect(session.warnings).toEqual([]);
    await tv.api.call('session.lock', undefined);
    const owner = await signInOwner(tv.api);
    expect(owner.warnings[0]).toMatchObject({ kind: 'audit_tampered' });
    const logged = await tamperedEvents(tv.api);
    expect(logged.map((e) => e.staffId).sort()).toEqual([owner.staffId, rachel.id].sort());
  });

  it('does not sign a new checkpoint over a log that failed its check, so the warning stays', async () => {
    tv = await lockedVaultWithHistory();
    const raw = await openRawDatabase(tv.vaultDir, tv.recoveryKey);
    const cut = checkpointsIn(raw).at(-2)!.seq;
    withoutTriggers(raw, () => raw.prepare('DELETE FROM audit_log WHERE seq >= ?').run(cut));
    raw.close();
    for (let i = 0; i < 3; i++) {
      const session = await signInOwner(tv.api);
      expect(session.warnings.map((w) => w.kind)).toEqual(['audit_tampered']);
      expect((await tv.api.call('audit.verify', undefined)).ok).toBe(false);
      await tv.api.call('session.lock', undefined);
    }
  });
});

describe('migration 0006', () => {
  it('adds the append-only checkpoint table whose triggers the unlock check expects', () => {
    const tmp = makeTempDir();
    tmpCleanup = tmp.cleanup;
    const db = createDatabase(join(tmp.dir, 'vault.db'), randomBytes(32));
    migrate(db, MIGRATIONS, 5);
    expect(auditTriggerProblems(db)).toEqual([
      "the audit log's append-only protection audit_checkpoints_no_update has been removed",
      "the audit log's append-only protection audit_checkpoints_no_delete has been removed",
    ]);
    migrate(db, MIGRATIONS, 6);
    expect(auditTriggerProblems(db)).toEqual([]);
    db.prepare(`INSERT INTO audit_checkpoints (vault_id, seq, hash, at, generation, signature) VALUES ('v', 1, 'h', 'a', 1, 's')`).run();
    expect(() => db.prepare('DELETE FROM audit_checkpoints').run()).toThrow(/append-only/);
    expect(() => db.prepare(`UPDATE audit_checkpoints SET seq = 2`).run()).toThrow(/append-only/);
    db.close();
  });
});

describe('a vault from before anchoring', () => {
  it('opens without an alarm after the upgrade and gets its first checkpoint and generation', async () => {
    tv = await createTestVault();
    await tv.api.call('session.lock', undefined);
    // Put the vault back as the build before migration 0006 left it.
    const raw = await openRawDatabase(tv.vaultDir, tv.recoveryKey);
    undoMigration0025(raw);
    undoMigration0024(raw);
    undoMigration0023(raw);
    undoMigration0022(raw);
    undoMigration0021(raw);
    undoMigration0020(raw);
    undoMigration0019(raw);
    undoMigration0018(raw);
    undoMigration0017(raw);
    undoMigration0016(raw);
    undoMigration0015(raw);
    undoMigration0014(raw);
    undoMigration0013(raw);
    undoMigration0009(raw);
    raw.exec(`DROP TABLE audit_checkpoints; DROP INDEX audit_log_seq_only; DROP TABLE audit_out_of_order; DROP INDEX audit_by_action; DROP TRIGGER client_recency_on_insert; DROP TRIGGER client_recency_on_update; DROP TRIGGER client_recency_on_delete; DROP TABLE client_recency; ALTER TABLE treatments DROP COLUMN details_sealed; DELETE FROM meta WHERE key IN ('rollback_generation', 'rollback_mac_key'); PRAGMA user_version = 5;`);
    raw.close();
    for (const f of ['audit-anchor.json', 'vault-generation.json']) rmSync(join(tv.vaultDir, f));
    rmSync(join(testStateDir(tv.vaultDir), 'vault-generations'), { recursive: true });

    const session = await signInOwner(tv.api);
    expect(session.warnings).toEqual([]);
    await tv.api.call('session.lock', undefined);
    const after = await openRawDatabase(tv.vaultDir, tv.recoveryKey);
    expect(checkpointsIn(after).at(-1)!.seq).toBe(headSeq(after));
    after.close();
    expect((await signInOwner(tv.api)).warnings).toEqual([]);
  });
});

/**
 * Everything in the vault folder is owner-only (0600 files, 0700 folders)
 * under the usual 022 umask, and a vault whose files were left readable by an
 * older build is tightened when it is next opened.
 */
import { chmodSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { randomBytes } from 'node:crypto';
import { createDatabase } from '../db/open-database';
import { OWNER, createTestVault, makeTempDir, type TestVault } from '../test-support/temp-vault';

const PDF = Buffer.from('%PDF-1.4\n1 0 obj\n<<>>\nendobj\ntrailer\n<<>>\n%%EOF\n');

/** Every path under dir (itself included) with its permission bits, as 'path 0600'. */
function modes(dir: string): string[] {
  const out: string[] = [];
  const walk = (p: string, rel: string) => {
    const st = statSync(p);
    out.push(`${rel} ${(st.mode & 0o777).toString(8).padStart(4, '0')}`);
    if (st.isDirectory()) for (const name of readdirSync(p).sort()) walk(join(p, name), rel === '.' ? name : `${rel}/${name}`);
  };
  walk(dir, '.');
  return out;
}

const looseOnes = (dir: string) =>
  modes(dir).filter((line) => {
    const [rel, mode] = line.split(' ');
    return mode !== (statSync(join(dir, rel!)).isDirectory() ? '0700' : '0600');
  });

let tv: TestVault;
let previousUmask: number;
beforeEach(async () => {
  previousUmask = process.umask(0o022);
  tv = await createTestVault();
});
afterEach(() => {
  tv.cleanup();
  process.umask(previousUmask);
});

async function storeABlob(): Promise<void> {
  const r = await tv.api.upload(PDF, { fileName: 'consent.pdf' });
  expect(r.ok, JSON.stringify(r)).toBe(true);
}

describe('vault folder permissions', () => {
  it('makes the database, its -wal and its -shm owner-only from the moment SQLite creates them', () => {
    const tmp = makeTempDir();
    try {
      const db = createDatabase(join(tmp.dir, 'vault.db'), randomBytes(32));
      db.exec('CREATE TABLE t (x); INSERT INTO t VALUES (1);');
      expect(modes(tmp.dir)).toEqual(['. 0700', 'vault.db 0600', 'vault.db-shm 0600', 'vault.db-wal 0600']);
      db.close();
    } finally {
      tmp.cleanup();
    }
  });

  it('creates the database, its WAL and SHM, and every blob folder owner-only under umask 022', async () => {
    await storeABlob();
    const listed = modes(tv.vaultDir);
    // The parts that SQLite and mkdir would otherwise make 0644 / 0755 are all there to check.
    for (const part of ['vault.db 0600', 'vault.db-wal 0600', 'vault.db-shm 0600', 'blobs 0700', 'blobs/tmp 0700']) {
      expect(listed).toContain(part);
    }
    expect(listed.some((l) => /^blobs\/[0-9a-f]{2} 0700$/.test(l))).toBe(true);
    expect(listed.some((l) => /^blobs\/[0-9a-f]{2}\/[0-9a-f]{32}\.blob 0600$/.test(l))).toBe(true);
    expect(looseOnes(tv.vaultDir)).toEqual([]);
  });

  it('tightens a vault whose files an older build left readable, when it is next opened', async () => {
    await storeABlob();
    const api = tv.reopen(); // locked: the database is closed
    const shard = readdirSync(join(tv.vaultDir, 'blobs')).find((n) => n !== 'tmp')!;
    for (const file of ['vault.db', 'keyring.json']) chmodSync(join(tv.vaultDir, file), 0o644);
    for (const dir of ['.', 'blobs', 'blobs/tmp', `blobs/${shard}`]) chmodSync(join(tv.vaultDir, dir), 0o755);
    expect(looseOnes(tv.vaultDir)).not.toEqual([]);

    await api.call('session.signIn', { username: OWNER.username, password: OWNER.password });
    expect(looseOnes(tv.vaultDir)).toEqual([]);
  });
});

/**
 * Removing snapshots the rotation no longer keeps, then every blob (photo,
 * file or database chunk) no remaining snapshot lists. A snapshot is first renamed to <id>.pruning (one
 * atomic step: from then on it is not a snapshot), then deleted; a prune
 * killed half way leaves that folder or blobs nobody lists, and the next run
 * finishes the job. A blob is deleted only when no complete snapshot lists it,
 * so a kill never costs a snapshot that was meant to be kept.
 *
 * Snapshots whose manifest cannot be read are left alone (verify names them),
 * and so are the blobs they might need: if any manifest is unreadable, no blob
 * is removed at all.
 */
import { readdir, rename, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { BackupPruneResult } from '../../contract/backup-types';
import { fsyncDirectory } from '../files/durable-write';
import { cleanLeftovers, snapshotIds } from './backup-set';
import { destinationError } from './durable-files';
import { type Manifest, readManifest } from './manifest';
import { type RetentionPolicy, snapshotsToKeep } from './retention';
import { PRUNING_SUFFIX, type SetLayout, snapshotFiles } from './set-layout';

export interface PruneOptions {
  /** Snapshot ids whose last check failed: they count for nothing and go (never the newest). */
  failed?: ReadonlySet<string>;
  /** Progress: called after each snapshot folder is set aside and after each blob is removed. */
  onRemoved?(kind: 'snapshot' | 'blob', name: string): void;
}

export async function pruneSet(set: SetLayout, policy: RetentionPolicy, now: Date, opts: PruneOptions = {}): Promise<BackupPruneResult> {
  try {
    await cleanLeftovers(set);
    const manifests: Manifest[] = [];
    let unreadable = 0;
    for (const id of await snapshotIds(set)) {
      const m = await readManifest(snapshotFiles(set, id).manifest).catch(() => null);
      if (m) manifests.push(m);
      else unreadable++;
    }
    const candidates = manifests.filter((m, i) => i === manifests.length - 1 || !opts.failed?.has(m.snapshotId));
    const keep = snapshotsToKeep(candidates.map((m) => ({ id: m.snapshotId, createdAt: m.createdAt })), policy, now);
    const pruned: string[] = [];
    for (const m of manifests) {
      if (keep.has(m.snapshotId)) continue;
      const files = snapshotFiles(set, m.snapshotId);
      const doomed = `${files.dir}${PRUNING_SUFFIX}`;
      await rename(files.dir, doomed);
      await fsyncDirectory(set.snapshots);
      opts.onRemoved?.('snapshot', m.snapshotId);
      await rm(doomed, { recursive: true, force: true });
      pruned.push(m.snapshotId);
    }
    let blobsRemoved = 0;
    let bytesFreed = 0;
    if (unreadable === 0) {
      const listed = new Set(manifests.filter((m) => keep.has(m.snapshotId)).flatMap((m) => [...m.blobs.map((b) => b.sha256), ...(m.databaseChunks ?? [])]));
      for (const shard of await readdir(set.blobs).catch(() => [] as string[])) {
        for (const name of await readdir(join(set.blobs, shard)).catch(() => [] as string[])) {
          const sha = name.replace(/\.blob$/, '');
          if (listed.has(sha)) continue;
          const path = join(set.blobs, shard, name);
          bytesFreed += (await stat(path)).size;
          await rm(path, { force: true });
          blobsRemoved++;
          opts.onRemoved?.('blob', name);
        }
      }
    }
    return { destination: set.dir, kept: manifests.filter((m) => keep.has(m.snapshotId)).map((m) => m.snapshotId), pruned, blobsRemoved, bytesFreed };
  } catch (err) {
    throw destinationError(err);
  }
}

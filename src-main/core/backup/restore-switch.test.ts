/** The switch to a restored vault at the next start: the old vault is kept aside, and a start killed half way finishes it. */
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { makeTempDir } from '../test-support/temp-vault';
import { applyPendingRestore, pendingRestorePath, recordPendingRestore, restoreTargetFor } from './restore-switch';

const temps: { cleanup(): void }[] = [];
afterEach(() => temps.splice(0).forEach((t) => t.cleanup()));

function folders() {
  const tmp = makeTempDir();
  temps.push(tmp);
  const vault = join(tmp.dir, 'vault');
  mkdirSync(vault);
  writeFileSync(join(vault, 'which'), 'current');
  const restored = restoreTargetFor(vault, '20261201T180000Z-abcdef');
  mkdirSync(restored);
  writeFileSync(join(restored, 'which'), 'restored');
  recordPendingRestore(vault, restored, '20261201T180000Z-abcdef', new Date('2026-12-01T19:00:00Z'));
  return { vault, restored };
}

describe('applyPendingRestore', () => {
  it('puts the restored folder in place and keeps the old vault aside, renamed', () => {
    const { vault } = folders();
    const r = applyPendingRestore(vault);
    expect(r.switched).toBe(true);
    expect(readFileSync(join(vault, 'which'), 'utf8')).toBe('restored');
    expect(readFileSync(join(r.replacedKeptAt!, 'which'), 'utf8')).toBe('current');
    expect(existsSync(pendingRestorePath(vault))).toBe(false);
    expect(applyPendingRestore(vault).switched).toBe(false);
  });

  it('finishes a switch cut short between its two renames', () => {
    const { vault } = folders();
    const record = JSON.parse(readFileSync(pendingRestorePath(vault), 'utf8')) as { replaced: string };
    renameSync(vault, record.replaced); // the first rename happened, then the power went
    applyPendingRestore(vault);
    expect(readFileSync(join(vault, 'which'), 'utf8')).toBe('restored');
    expect(readFileSync(join(record.replaced, 'which'), 'utf8')).toBe('current');
  });

  it('does nothing without a record', () => {
    const tmp = makeTempDir();
    temps.push(tmp);
    expect(applyPendingRestore(join(tmp.dir, 'vault'))).toEqual({ switched: false, replacedKeptAt: null });
  });
});
